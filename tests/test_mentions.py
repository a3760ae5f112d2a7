"""kg.analysis.mentions.collect: names cleaned of titles, possessives and "the", with
the title recorded in the mention; (text, expected) pairs through real parses."""

from __future__ import annotations

import pytest

from kg.analysis import analyse
from kg.analysis.mentions import collect
from kg.corpus import document_from_text

CASES = [
    # NER put the title in the name: cleaning takes it off and keeps it in `title`.
    ("Archbishop Tomas Varga spoke.", [("Tomas Varga", "Person", "Archbishop", "archbishop")]),
    # NER left the title out: no title was trimmed, but the word before the name is one.
    ("Pope Francis met Dr. Ada Lovelace.", [("Francis", "Person", None, "pope"),
                                            ("Ada Lovelace", "Person", None, "dr")]),
    ("Maria Lopez joined Acme Robotics.", [("Maria Lopez", "Person", None, None),
                                           ("Acme Robotics", "Organization", None, None)]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_collect_records_titles(nlp, text, expected):
    sentences, found = collect(nlp(text))
    assert sentences == ((0, len(text)),)
    assert [(m.text, m.kind, m.title, m.title_word) for m in found] == expected


def test_a_trimmed_title_is_a_role(nlp):
    text = "Archbishop Tomas Varga spoke."
    result = analyse(document_from_text(text, "d", "d.txt"), nlp(text))
    assert [(f.predicate, f.obj, f.method) for f in result.facts if f.method == "title-in-name"] == [
        ("hasRole", "Archbishop", "title-in-name")]
