"""Speakers NER left out (kg.analysis.speakers.missed)."""

from __future__ import annotations

import pytest

from kg.analysis.mentions import collect
from kg.analysis.speakers import missed


def _missed(nlp, text: str) -> list[tuple[str, str]]:
    sdoc = nlp(text)
    return [(m.text, m.kind) for m in missed(sdoc, collect(sdoc)[1])]


def test_a_speaker_ner_missed_becomes_a_person(nlp):
    found = _missed(nlp, 'Bakery Wins Prize\n\n"We bake every loaf by hand before dawn," Tuva Lindqvist-Aas told '
                         'reporters at the fair.\n')
    assert found[:1] == [("Tuva Lindqvist-Aas", "Person")]


@pytest.mark.parametrize("text", [
    # a title alone is no name
    'Port Report\n\n"The harbour will stay closed until Friday," Police Chief said on Monday.\n',
    # no quotation, no speech frame
    "Port Report\n\nTuva Lindqvist-Aas said hello and left the harbour.\n",
])
def test_no_speaker_is_made_up(nlp, text):
    assert _missed(nlp, text) == []
