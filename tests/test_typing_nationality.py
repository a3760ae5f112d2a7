"""Nationality words and country names (kg.analysis.nationality) on texts of my own."""

from __future__ import annotations

import pytest

from kg.analysis import mentions, nationality
from kg.analysis.gazetteer import country_of_demonym


def _nationalities(nlp, text: str) -> set[tuple[str, str, str]]:
    sdoc = nlp(text)
    found = mentions.collect(sdoc)[1]
    places, facts = nationality.find(sdoc, found)
    names = {m.span: m.text for m in found + places}
    return {(names[f.subject], names[f.obj], f.method) for f in facts}


@pytest.mark.parametrize("text, person, place", [
    ("The French painter Diane Marchal opened a show on Monday.", "Diane Marchal", "France"),
    ("Diane Marchal, a Belgian painter, opened a show on Monday.", "Diane Marchal", "Belgium"),
    ("Peru's Rosa Quispe won the marathon.", "Rosa Quispe", "Peru"),
])
def test_nationality_stated(nlp, text, person, place):
    assert {(p, c) for p, c, _ in _nationalities(nlp, text)} == {(person, place)}


@pytest.mark.parametrize("text", [
    # the word qualifies a government, a company, a language: no one's nationality
    "The Peruvian government said Rosa Quispe had left the country.",
    "A Belgian bank hired Diane Marchal in March.",
    "Diane Marchal speaks fluent Polish and French.",
    # a city is no nationality
    "Lima's Rosa Quispe won the marathon.",
    # a leader's title: leadership says it (kg.analysis.relations), not nationality
    "Peru's President Rosa Quispe met the press.",
])
def test_no_nationality(nlp, text):
    assert _nationalities(nlp, text) == set()


def test_a_shared_demonym_names_the_most_populous_country():
    assert country_of_demonym("French") == "France"
    assert country_of_demonym("Chinese") == "China"



def test_large_cities_are_kept_in_the_named_folder_and_read_back(tmp_path):
    from kg.analysis import gazetteer

    gazetteer.keep_in(tmp_path / "cache")
    try:
        found = gazetteer._large_cities()
        kept = list((tmp_path / "cache").glob("cities-*.txt"))
        assert len(kept) == 1 and "nairobi" in found and "marion" not in found
        kept[0].write_text("only-this-city", encoding="utf-8")  # read back, not derived again
        assert gazetteer._large_cities() == ["only-this-city"]
        blocked = tmp_path / "file"
        blocked.write_text("not a folder", encoding="utf-8")
        gazetteer.keep_in(blocked)  # cannot be written: found all the same
        assert "nairobi" in gazetteer._large_cities()
    finally:
        gazetteer.keep_in(None)


def test_a_build_keeps_the_cities_in_its_cache_and_nowhere_else(tmp_path, monkeypatch):
    from kg.analysis import gazetteer
    from kg.api import build_corpus

    gazetteer._places.cache_clear()  # as in a fresh process: the cities not yet loaded
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "memo.txt").write_text("Ada Lind flew from Nairobi to Lyon on Monday.\n", encoding="utf-8")
    build_corpus(tmp_path / "corpus", tmp_path / "out", jobs=1)
    assert list((tmp_path / "out" / ".kg" / "cache").glob("cities-*.txt"))
    assert not home.exists()
