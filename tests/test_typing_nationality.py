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
