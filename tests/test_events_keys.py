"""kg.analysis.events: the merge key (kg.model.EventKey) each event mention gets, pinned
through real parses as (text, expected [(event text, key)]) pairs."""

from __future__ import annotations

import pytest

from kg.analysis import analyse
from kg.corpus import document_from_text
from kg.model import EventKey

CASES = [
    # A month alone joins the one dated event of the same head in its document.
    ("Thousands joined the November 2019 uprising in Valparaiso. The November uprising was crushed within days.",
     [("November 2019 uprising", EventKey("2019-11", "", "uprising")),
      ("November uprising", EventKey("2019-11", "", "uprising"))]),
    # Another modifier is another event; the head is singular.
    ("The 2020 presidential elections were disputed. The 2020 parliamentary elections were calm.",
     [("2020 presidential elections", EventKey("2020", "presidential", "election")),
      ("2020 parliamentary elections", EventKey("2020", "parliamentary", "election"))]),
    # A listed date makes one event per date.
    ("The December 2017 and November 2019 protests shook the country.",
     [("December 2017 protests", EventKey("2017-12", "", "protest")),
      ("November 2019 protests", EventKey("2019-11", "", "protest"))]),
    # No year, no name: the event is its document's.
    ("The November uprising was crushed within days.",
     [("November uprising", EventKey("--11", "", "uprising", "doc-a"))]),
    # A later definite phrase of the same kind refers back (kg.analysis.eventverbs).
    ("Parliamentary elections were held on February 21. The parliamentary elections were a farce.",
     [("Parliamentary elections", EventKey("", "parliamentary", "election", "doc-a")),
      ("parliamentary elections", EventKey("", "parliamentary", "election", "doc-a"))]),
    # "The protests" right after a specific protest refers back to it.
    ("The protests in Lima grew. The protests spread to Cusco.",
     [("Lima protests", EventKey("", "", "protest", "doc-a")),
      ("Lima protests", EventKey("", "", "protest", "doc-a"))]),
]


def _events(nlp, text: str) -> list[tuple[str, EventKey]]:
    document = document_from_text(text, "doc-a", "doc-a.txt")
    return [(m.text, m.event) for m in analyse(document, nlp(text)).mentions if m.kind == "Event"]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_event_keys(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_event_key_is_a_record_apart_from_a_date_value(nlp):
    text = "Thousands joined the November 2019 uprising in Valparaiso."
    document = document_from_text(text, "doc-a", "doc-a.txt")
    found = analyse(document, nlp(text)).mentions
    event = next(m for m in found if m.kind == "Event")
    assert event.value is None and event.event == EventKey("2019-11", "", "uprising")
    assert all(m.event is None for m in found if m.kind != "Event")


@pytest.mark.parametrize("key,text", [
    (EventKey("2019-11", "", "uprising"), "2019-11||uprising"),
    (EventKey("2020", "presidential", "election"), "2020|presidential|election"),
    (EventKey("", "parliamentary", "election", "doc-a"), "doc-a#|parliamentary|election"),
])
def test_event_key_text_is_the_resolvers_node_name(key, text):
    assert key.text == text
