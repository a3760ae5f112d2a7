"""Type cues (kg.analysis.cues) on short texts of my own, where they must fire and where
they must not, and the resolver weighing them with NER's kinds (kg.resolve.weigh)."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.analysis import cues, mentions
from kg.model import AliasRules, DocResult, Document, Mention
from kg.resolve import cluster, weigh


def _cues(nlp, text: str, name: str) -> set[str]:
    found = [m for m in mentions.collect(nlp(text))[1] if m.text == name]
    assert found, f"no mention {name!r} in {text!r}"
    return set().union(*(m.cues for m in found))


@pytest.mark.parametrize("text, name, cue", [
    ("Shares of Zentrox rose 9 percent on Monday.", "Zentrox", "shares"),
    ("Zentrox's chief executive, Orla Quinn, resigned.", "Zentrox", "company-role"),
    ("Brakewell agreed to acquire Zentrox last week.", "Zentrox", "acquired"),
    ("Zentrox said in a statement that sales fell.", "Zentrox", "statement"),
    ("The Kestrel-based firm hired Orla Quinn.", "Kestrel", "based"),
    ("Orla Quinn, 34, said she would stay.", "Orla Quinn", "age"),
    ("Orla Quinn's husband runs a bakery.", "Orla Quinn", "kin"),
    ("Orla Quinn won the race in Nairobi on Monday.", "Nairobi", "gazetteer"),
    ("Delia Quinn won the race in Nairobi on Monday.", "Delia Quinn", "first-name"),
])
def test_cue_fires(nlp, text, name, cue):
    assert cue in _cues(nlp, text, name)


@pytest.mark.parametrize("text, name, cue", [
    ("Orla Quinn said in a speech that sales fell.", "Orla Quinn", "statement"),
    ("Brakewell took a stake in Zentrox last week.", "Zentrox", "in"),
    ("Zentrox, 2019, was a hard year.", "Zentrox", "age"),
    ("Zentrox hired Orla Quinn on Monday.", "Zentrox", "acquired"),
    ("Zentrox's president, Orla Quinn, resigned.", "Zentrox", "company-role"),
    ("Zentrox beat its rivals in sales.", "Zentrox", "score"),
])
def test_cue_does_not_fire(nlp, text, name, cue):
    assert cue not in _cues(nlp, text, name)


def test_weigh_lets_cues_outvote_ner():
    # NER said place every time; "shares of X" and "X's chief executive" say company.
    votes = weigh(Counter(Place=4), Counter({"shares": 1, "company-role": 1}))
    assert max(votes, key=votes.get) == "Organization"
    # One weak cue does not overturn a name NER agrees on.
    votes = weigh(Counter(Person=3), Counter({"statement": 1}))
    assert max(votes, key=votes.get) == "Person"


def _result(kind: str, cues: tuple[str, ...]) -> DocResult:
    text = "Zentrox rose. Zentrox fell. Zentrox said."
    doc = Document("a", "a.txt", text, "0" * 64, "a")
    found = tuple(Mention(s, s + 7, "Zentrox", kind, k, cues=cues if k == 0 else ())
                  for k, s in enumerate((0, 14, 28)))
    return DocResult(doc, ((0, 13), (14, 27), (28, 41)), found)


def test_resolver_types_by_all_mentions_and_aliases_win():
    [entity] = cluster([_result("Place", ("company-role", "shares"))]).entities
    assert entity.kind == "Organization"
    [entity] = cluster([_result("Place", ())]).entities
    assert entity.kind == "Place"
    rules = AliasRules(kinds=(("zentrox", "Person"),))
    [entity] = cluster([_result("Place", ("company-role", "shares"))], rules).entities
    assert entity.kind == "Person"


@pytest.mark.parametrize("text, name, cue", [
    ("Delia Quinn flew to Kenya on Monday.", "Kenya", "country"),
    ("Vantrix bought two rivals last year. The company said profits rose.", "Vantrix", "the-company"),
    ("Delia Quinn won the race on Monday. She said the wind helped.", "Delia Quinn", "he-she"),
    ("Brakewell beat Ossbury 3-1 on Sunday.", "Ossbury", "score"),
    ("Ossbury manager Owen Pryce praised the fans.", "Ossbury", "team-role"),
    ("Quorvex is a company that makes farm drones.", "Quorvex", "is-organization"),
    ("Tarnova is a village in Slovenia.", "Tarnova", "is-place"),
    ("The boat sank in Lake Orvell on Monday.", "Lake Orvell", "place-word"),
    ("Orla Brenn moved to the town of Kilgarrow in 2010.", "Kilgarrow", "place-of"),
])
def test_more_cues_fire(nlp, text, name, cue):
    assert cue in _cues(nlp, text, name)


@pytest.mark.parametrize("text, name, cue", [
    # Another company between them: "the company" may be that one.
    ("Vantrix signed a deal with Brakewell Holdings in May. The company said sales rose.", "Vantrix",
     "the-company"),
    ("Delia Quinn met Orla Mayhew on Monday. She said the talks went well.", "Delia Quinn", "he-she"),
    # what names of every kind are: a member
    ("Elbonia is a member of the Trade Council.", "Elbonia", "is-person"),
    ("Orla Brenn spoke about the state of Kilgarrow.", "Kilgarrow", "place-of"),
])
def test_more_cues_do_not_fire(nlp, text, name, cue):
    assert cue not in _cues(nlp, text, name)


def test_an_acronym_is_no_place_of_the_gazetteer():
    # "BoE" folds to a district's name; an acronym is not a place name for all that.
    assert "gazetteer" not in cues._name_cues(Mention(0, 3, "BoE", "Organization", 0))
    assert "gazetteer" in cues._name_cues(Mention(0, 7, "Nairobi", "Person", 0))


def test_a_surnames_name_cues_are_not_its_persons():
    # "Jordan" alone names a country too, but here it is Dana Jordan's surname.
    text = "Dana Jordan spoke. Jordan left."
    doc = Document("a", "a.txt", text, "0" * 64, "a")
    found = (Mention(0, 11, "Dana Jordan", "Person", 0, cues=("first-name",)),
             Mention(19, 25, "Jordan", "Person", 1, cues=("country",)))
    [entity] = cluster([DocResult(doc, ((0, 18), (19, 31)), found)]).entities
    assert (entity.label, entity.kind) == ("Dana Jordan", "Person")
