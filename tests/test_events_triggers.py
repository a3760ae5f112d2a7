"""kg.analysis.triggers (the event-type inventory) and eventverbs.with_roles, on plain
data; the parse-level rules are pinned by tests/cases/events-*."""

from __future__ import annotations

import pytest

from kg.analysis import eventverbs, triggers
from kg.model import Fact


@pytest.mark.parametrize("word, kind", [
    ("takeover", "acquisition"), ("mergers", "acquisition"), ("quake", "disaster"), ("summit", "meeting"),
    ("referendum", "election"), ("final", "competition"), ("bombing", "attack"), ("uprisings", "protest"),
    ("hearing", "trial"), ("liftoff", "launch"), ("inauguration", "appointment"), ("funeral", "death"),
    ("treaty", "agreement"), ("sandwich", None),
])
def test_noun_types(word, kind):
    assert triggers.noun_type(word) == kind


def test_every_type_is_in_the_contracts_list():
    assert set(triggers.NOUNS.values()) | set(triggers.VERBS.values()) | set(triggers.PHRASAL.values()) \
        <= set(triggers.TYPES)


def test_synonyms_refer_to_each_other_but_not_across_kinds():
    assert triggers.canonical("quake") == triggers.canonical("earthquake") != triggers.canonical("flood")
    assert triggers.anaphor_types("deal") == {"acquisition", "agreement"}
    assert triggers.anaphor_types("quakes") == {"disaster"}
    assert triggers.anaphor_types("weather") == frozenset()


@pytest.mark.parametrize("lemma, passive, role", [
    ("win", False, "agent"), ("host", False, "agent"), ("kill", True, "patient"), ("attend", False, "participant"),
    ("host", True, "participant"), (None, False, "participant"),
])
def test_participation_roles(lemma, passive, role):
    assert triggers.participation_role(lemma, passive) == role


def test_with_roles_fills_replaces_and_drops():
    won = Fact((0, 4), "participatedIn", (10, 15), 0, "verb-event", 0.6, relation="win")
    own = Fact((0, 4), "participatedIn", (10, 15), 1, "event-verb-argument", 0.7, relation="beat", role="agent")
    dup = Fact((0, 4), "participatedIn", (10, 15), 1, "verb-event", 0.6, relation="beat")
    planned = Fact((20, 24), "participatedIn", (10, 15), 2, "verb-event", 0.6, relation="bomb")
    other = Fact((0, 4), "memberOf", (20, 24), 0, "verb-join", 0.7)
    got = eventverbs.with_roles([won, own, dup, planned, other], {(2, "bomb")})
    assert [(f.sentence, f.role) for f in got if f.predicate == "participatedIn"] == [(0, "agent"), (1, "agent")]
    assert other in got
