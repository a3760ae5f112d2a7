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


def test_large_cities_are_kept_in_the_user_cache_and_read_back(tmp_path, monkeypatch):
    from kg.analysis import gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = gazetteer._large_cities()
    kept = list((tmp_path / "kg").glob("cities-*.txt"))
    assert len(kept) == 1 and "nairobi" in found and "marion" not in found
    kept[0].write_text("only-this-city", encoding="utf-8")  # read back, not derived again
    assert gazetteer._large_cities() == ["only-this-city"]


def test_an_unwritable_cache_folder_still_gives_the_cities(tmp_path, monkeypatch):
    from kg.analysis import gazetteer

    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert "nairobi" in gazetteer._large_cities()
