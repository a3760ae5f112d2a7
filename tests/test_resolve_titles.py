"""kg.resolve reads a mention's title word from the mention (kg.analysis.mentions records
it), not from the text: records built by hand, no spaCy."""

from __future__ import annotations

import pytest

from kg.model import DocResult, Document, Mention
from kg.resolve import cluster

TEXT = "Dr. Ann Hansen and Mr. Bob Hansen came. Dr. Hansen spoke."


def _result(title: str | None) -> DocResult:
    mentions = (Mention(4, 14, "Ann Hansen", "Person", 0, title_word="dr"),
                Mention(23, 33, "Bob Hansen", "Person", 0, title_word="mr"),
                Mention(44, 50, "Hansen", "Person", 1, title_word=title))
    return DocResult(Document("d", "d.txt", TEXT, "0" * 64, "d"), ((0, 39), (40, 57)), mentions)


@pytest.mark.parametrize("title,expected", [("dr", "person/ann-hansen"), (None, "person/hansen")])
def test_a_shared_title_settles_which_namesake_a_surname_is(title, expected):
    resolution = cluster([_result(title)])
    assert resolution.entity_of("d", (44, 50)) == expected
