"""kg.analysis.acronyms: definitions found in text, as (text, expected) pairs."""

from __future__ import annotations

import pytest

from kg.analysis.acronyms import definitions, long_form

DEFINITIONS = [
    ("The World Weather Council (WWC) met.", [("World Weather Council", "WWC")]),
    ("the Pacific Commodity Exchange (PCE/PacEx) said", [("Pacific Commodity Exchange", "PCE"),
                                                         ("Pacific Commodity Exchange", "PacEx")]),
    ("the Free Farmers Union (FFU / UFF Norway) said", [("Free Farmers Union", "FFU"), ("Free Farmers Union", "UFF"),
                                                       ("Free Farmers Union", "UFF Norway")]),
    ("Talks with CRP (Coral Reef Panel) ended.", [("Coral Reef Panel", "CRP")]),
    ("He met the Sea Board, or SB, today.", [("Sea Board", "SB")]),
    ("The United Nations Treaty (NATO) is no definition.", []),
    ("He was born in Paris (France).", []),
]


@pytest.mark.parametrize("text,expected", DEFINITIONS, ids=[d[0] for d in DEFINITIONS])
def test_definitions(text, expected):
    assert [(text[a:b], text[c:d]) for a, b, c, d in definitions(text)] == expected


@pytest.mark.parametrize("acronym,before,expected", [
    ("FAI", "the Football Association of Ireland", "Football Association of Ireland"),
    ("PLOK", "the People's Liberation Organization of Kenya", "People's Liberation Organization of Kenya"),
    ("NATO", "the United Nations Treaty", None),
    ("WWC", "the weather", None),
])
def test_long_form(acronym, before, expected):
    assert long_form(acronym, before) == expected
