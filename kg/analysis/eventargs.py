"""Who took part in an event and how, and whether it happened: read off the parse around
its trigger.

    verb_arguments(verb, index) -> [(mention, role)]     "Acme bought Globex": agent, patient
    noun_arguments(noun, kind, index) -> [(mention, role)]
                                         "Acme's takeover of Globex", "the trial of X",
                                         "the Acme-Globex merger", "the quake hit X"
    verb_status(verb) / noun_status(noun) -> str | None
                                         planned, failed, denied, hypothetical or None

Arguments are names of any kind but events and dates: whether a participant may take part
(a person, organisation or place) is checked after entity resolution, by the property's
domain (kg.graph.assemble), not here by NER's guess.
"""

from __future__ import annotations

from kg.analysis.triggers import verb_roles
from kg.model import Mention

PARTY_KINDS = ("Person", "Organization", "Place")
# Verbs that govern an event's verb and say it did not simply happen.
_PLAN_VERBS = frozenset("plan plot intend aim seek propose consider want hope prepare threaten vow "
                        "expect schedule set due pledge promise offer mull weigh".split())
_FAIL_VERBS = frozenset("fail attempt try struggle".split())
_DENY_VERBS = frozenset("deny dismiss reject".split())
_HYPOTHETICAL_AUX = frozenset("could might may would should".split())
# Verbs whose event-noun subject failed: "the deal collapsed", "the launch was scrubbed".
_FAILED_BY = frozenset("collapse fail founder falter stall cancel scrap abandon block "
                       "scrub abort halt suspend veto".split())
_PLANNED_MODS = frozenset("planned proposed possible potential prospective upcoming future "
                          "intended threatened".split())
# The role an argument of an event noun takes, by how it is attached.
_OF_PATIENT = frozenset("acquisition attack trial death appointment launch disaster".split())
_POSSESSOR_PATIENT = frozenset("death trial".split())


def _conjuncts(token) -> list:
    return [token, *token.conjuncts]


def _party(token, index) -> Mention | None:
    """The name TOKEN heads (or the name in apposition to it), if any: a resolved
    "he"/"she" or a relative "who" stands for its person."""
    found, _ = index.agent(token, PARTY_KINDS)
    if found is None and token.pos_ == "PROPN":
        # NER cut the name short: "Castlebay" of "Castlebay United".
        found = next((m for c in token.children if c.dep_ == "compound" and (m := index.at(c, PARTY_KINDS))), None)
    return found


def _subjectless_head(verb):
    """The verb a subjectless VERB borrows its subject from: "Acme agreed to buy Globex",
    "X arrived and met Y"."""
    if verb.dep_ in ("xcomp", "conj") or verb.dep_ == "advcl" and verb.tag_ == "VBG":
        head = verb.head
        return head if head.pos_ in ("VERB", "AUX", "NOUN") and head.i != verb.i else None
    return None


def verb_arguments(verb, index) -> list[tuple[Mention, str]]:
    """The named parties of the event VERB states, each with its argumentRole: the subject
    (a passive's "by" agent) and the object (a passive's subject), "with"/"against" phrases
    as participants; a subjectless verb takes the subject of the verb it depends on.

    >>> verb_arguments(nlp("Acme agreed to buy Globex.")[3], index)  # doctest: +SKIP
    [(Mention(... 'Acme' ...), 'agent'), (Mention(... 'Globex' ...), 'patient')]
    """
    subject_role, object_role = verb_roles(verb.lemma_.lower())
    found = []
    for child in verb.children:
        for tok in _conjuncts(child):
            if child.dep_ == "nsubj":
                found.append((_party(tok, index), subject_role))
            elif child.dep_ in ("dobj", "nsubjpass"):
                found.append((_party(tok, index), object_role))
            elif child.dep_ == "agent":
                found += [(_party(p, index), subject_role) for p in tok.children if p.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ in ("with", "against", "for"):
                role = object_role if child.lower_ != "with" else "participant"
                found += [(_party(p, index), role) for p in _pobjs(tok)]
    if not any(c.dep_ in ("nsubj", "agent", "nsubjpass") for c in verb.children):
        head = _subjectless_head(verb)
        if head is not None:
            found += [(_party(t, index), subject_role) for c in head.children if c.dep_ == "nsubj"
                      for t in _conjuncts(c)]
    return _unique(found)


def _pobjs(prep) -> list:
    return [t for p in prep.children if p.dep_ == "pobj" for t in _conjuncts(p)]


def _unique(found) -> list[tuple[Mention, str]]:
    seen, out = set(), []
    for mention, role in found:
        if mention is not None and mention.span not in seen:
            seen.add(mention.span)
            out.append((mention, role))
    return out


def noun_arguments(noun, kind: str, index) -> list[tuple[Mention, str]]:
    """The named parties of an event noun of type KIND: its possessor ("Acme's takeover"),
    its "of" phrase (the thing acquired, the accused, the dead), its "by" phrase (the
    agent), "between"/"with"/"among" phrases and names compounded before it ("the
    Acme-Globex merger"); and the object of a verb the noun is the subject of ("the quake
    hit X": X suffered it)."""
    found, by = [], any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)
    for child in noun.children:
        if child.dep_ == "poss":
            patient = by or kind in _POSSESSOR_PATIENT
            found += [(_party(t, index), "patient" if patient else "agent") for t in _conjuncts(child)]
        elif child.dep_ == "compound" and (party := index.at(child, PARTY_KINDS)):
            found.append((party, "agent" if kind == "attack" else "participant"))
        elif child.dep_ == "prep" and child.lower_ in ("of", "by", "between", "with", "among", "against"):
            role = {"by": "agent", "of": "patient" if kind in _OF_PATIENT else "participant",
                    "against": "patient"}.get(child.lower_, "participant")
            found += [(_party(p, index), role) for p in _pobjs(child)]
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and kind in ("disaster", "attack"):
        found += [(_party(t, index), "patient") for c in verb.children if c.dep_ == "dobj"
                  for t in _conjuncts(c)]
    # A name that is the head's own place ("the Valmora earthquake") is where, not who.
    return [(m, r) for m, r in _unique(found) if not (kind == "disaster" and m.kind == "Place" and r != "patient")]


def verb_status(verb) -> str | None:
    """"hypothetical" for "if X buys Y", "X could buy Y"; "planned", "failed" or "denied"
    when VERB is the complement of "plans to", "failed to", "denied"; None when the text
    states it happened (or will: "X will buy Y" is stated, not planned)."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & {"if", "unless", "whether"}:
        return "hypothetical"
    # "when X dies", "once Acme buys Y": a time clause in the present speaks of the future.
    if marks & {"when", "once", "until", "before"} and verb.tag_ in ("VBZ", "VBP"):
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in verb.children):
        return "hypothetical"
    token = verb
    for _ in range(2):
        if token.dep_ not in ("xcomp", "ccomp", "pcomp", "advcl", "acl"):
            return None
        token = token.head
        lemma = token.lemma_.lower()
        if lemma in _PLAN_VERBS:
            return "planned"
        if lemma in _FAIL_VERBS:
            return "failed"
        if lemma in _DENY_VERBS:
            return "denied"
    return None


def noun_status(noun) -> str | None:
    """"planned" for "a planned attack", "failed" when the noun is the subject of a verb of
    failing ("the deal collapsed", "the launch was scrubbed"), else what its verb's own
    status is ("plans to hold talks")."""
    if any(c.dep_ == "amod" and c.lower_ in _PLANNED_MODS for c in noun.children):
        return "planned"
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB":
        if verb.lemma_.lower() in _FAILED_BY or any(
                c.dep_ == "prt" and c.lower_ in ("through", "off") for c in verb.children):
            return "failed"
    if noun.dep_ == "dobj" and verb.pos_ == "VERB":
        return verb_status(verb)
    return None
