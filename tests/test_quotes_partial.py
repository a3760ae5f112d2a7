"""Partial quotes read back by `kg quotes` (kg.quotelist)."""

from __future__ import annotations

from kg.build import graph_from_texts
from kg.quotelist import format_quotes, quotes

TEXT = """Budget Row in Council

Mayor Peter Olsen called the budget "a disgrace" on Tuesday.

"We will vote against it next week," Olsen told reporters.
"""


def test_partial_quotes_are_listed_and_marked(nlp):
    rows = quotes(graph_from_texts({"budget": TEXT}), "olsen")
    assert [(r.text, r.partial, r.indirect) for r in rows] == [
        ("We will vote against it next week", False, False),
        ("a disgrace", True, False),
    ]
    assert format_quotes(rows[1:]) == "Peter Olsen (partial)  person:peter-olsen  [budget.txt]\n    “a disgrace”"
