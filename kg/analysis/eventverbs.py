"""Events stated by verbs and by nouns with their parties, the nouns that refer back to
them, and every event's type and status.

    retype(sdoc, mentions) -> list[Mention]          "the 3rd Regional Forum" is an event
    find(sdoc, mentions, document) -> list[Mention]  verb events, noun events with parties,
                                                     "the deal" joining "agreed to buy", types
    facts(sdoc, mentions) -> list[Fact]              participation with kg:argumentRole
    with_roles(facts) -> list[Fact]                  a role for "X won / hosted / attended E"

An event stated by a verb ("Acme agreed on Tuesday to buy Globex") is a mention on the
verb's token, named by its parties and type word ("Acme–Globex acquisition") and keyed by
date, parties and type (kg.model.EventKey): across documents it is one event only when
the three agree and the date has a year, otherwise it stays its document's. Within a
document a later definite noun of a compatible type ("the deal", "the transaction", "the
quake", "the summit") joins the nearest such event before it.

Status: "planned" ("plans to bid for"), "denied" ("denied attacking") and "hypothetical"
("if Acme buys") events are kept as nodes with kg:status, but give no participation: the
text does not say anyone took part. A "failed" one ("the deal collapsed") keeps its
parties, who did take part in the attempt.
"""

from __future__ import annotations

from dataclasses import replace

from kg.analysis.docindex import MentionIndex, is_headline, noun_chunks, sentence_of, span_of, text_of
from kg.analysis.eventargs import noun_arguments, noun_status, verb_arguments, verb_status
from kg.analysis.triggers import anaphor_types, canonical, noun_type, participation_role, verb_type, ANAPHORS
from kg.analysis.tokenlist import tokens
from kg.model import Document, EventKey, Fact, Mention

NO_PARTICIPATION = frozenset({"planned", "denied", "hypothetical"})
_WORD_OF_VERB = {
    "merge": "merger", "bomb": "bombing", "assassinate": "assassination", "invade": "invasion",
    "shell": "shelling", "elect": "election", "re-elect": "election", "reelect": "election",
    "nominate": "nomination", "inaugurate": "inauguration", "sue": "lawsuit", "convict": "trial",
    "acquit": "trial", "indict": "indictment", "prosecute": "trial", "meet": "meeting",
    "beat": "match", "defeat": "match", "erupt": "eruption", "demonstrate": "demonstration",
    "riot": "riot", "protest": "protest", "raid": "raid", "ambush": "ambush", "die": "death",
}
# What one launches when the launch is an event: "launched a satellite", not "launched an
# inquiry".
_LAUNCHED = frozenset("satellite rocket probe spacecraft craft capsule telescope shuttle lander "
                      "rover mission module station vehicle booster".split())
_DEFINITE = frozenset("the this that these those its his her their".split())
_EVENT_PREPS = ("in", "at", "during", "for", "of")
_DATE_PREPS = ("on", "in", "at", "during", "since", "by")
_PLACE_PREPS = ("in", "at", "near", "across")
_REFER_BACK_SENTENCES = 10


def retype(sdoc, mentions: list[Mention]) -> list[Mention]:
    """A numbered or dated name whose head is an event noun is an event, whatever NER
    called it: "the 3rd Regional Forum", "the 2031 Summer Games"."""
    out = []
    for mention in mentions:
        span = span_of(sdoc, mention) if mention.kind in ("Organization", "Person", "Place") else None
        if span is not None and noun_type(span[-1].text) and _numbered(span):
            mention = replace(mention, kind="Event")
        out.append(mention)
    return out


def _numbered(span) -> bool:
    first = next((t for t in span if t.lower_ != "the"), span[0])
    return first.ent_type_ in ("ORDINAL", "DATE") or first.like_num or first.lower_[:-2].isdigit()


def find(sdoc, mentions: list[Mention], document: Document) -> list[Mention]:
    """MENTIONS with the events stated by verbs and by nouns with named parties, the nouns
    that refer back to an event, and every event mention's type and status.

    >>> [m.text for m in find(nlp("Acme bought Globex. The deal closed."), mentions, doc) if m.kind == "Event"]  # doctest: +SKIP
    ['Acme–Globex acquisition', 'deal']
    """
    found = mentions
    for step in (_unchunked_events, _verb_events, _noun_events):
        index = MentionIndex(sdoc, found)
        found = sorted(found + step(sdoc, index, document.doc_id), key=lambda m: (m.start, m.end))
    found = _nested([_typed(sdoc, m) if m.kind == "Event" else m for m in found])
    index = MentionIndex(sdoc, found)
    added, rejoined = _anaphors(sdoc, index, found)
    found = [rejoined.get(m.span, m) if m.kind == "Event" else m for m in found]
    return sorted(found + added, key=lambda m: (m.start, m.end))


def _verb_events(sdoc, index, doc_id: str) -> list[Mention]:
    found = []
    for verb in tokens(sdoc):
        if verb.pos_ != "VERB" or index.at(verb) or any(c.dep_ == "neg" for c in verb.children):
            continue
        kind = verb_type(verb)
        if kind is None or is_headline(verb.sent) or _named_event(verb, index) or not _launch_ok(verb, kind, index):
            continue
        args = verb_arguments(verb, index)
        dates, places = _verb_dates(verb, index), _verb_places(verb, index)
        if not args and not (kind == "disaster" and places) or kind == "meeting" and not (dates or places):
            continue  # "X met Y" is an event when the text says when or where
        word = _WORD_OF_VERB.get(verb.lemma_.lower(), kind)
        label, names = _label(word, args, places)
        key = _key(dates, names, kind, doc_id)
        found.append(Mention(verb.idx, verb.idx + len(verb.text), label, "Event", index.sentence(verb),
                             event=key, event_type=kind, status=verb_status(verb)))
    return found


def _launch_ok(verb, kind: str, index) -> bool:
    """A launch is of a craft or of something named ("launched the Skylark satellite"),
    not of an inquiry or a campaign; a protest has no object ("demonstrated in the
    capital", not "demonstrated the need")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if kind == "protest":
        return not objects or verb.lemma_.lower() == "protest"
    if kind != "launch":
        return True
    return not objects or any(o.lemma_.lower() in _LAUNCHED or index.at(o) for o in objects)


def _named_event(verb, index) -> Mention | None:
    """The event a trigger verb's object or preposition names ("beat X in the final", "met
    Y at the forum"), or that of the verb it qualifies ("won the election, defeating X")."""
    for token in (verb, verb.head if verb.dep_ in ("advcl", "conj") else None):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ == "dobj" and (event := index.at(child, ("Event",))):
                return event
            if child.dep_ == "prep" and child.lower_ in _EVENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (event := index.at(pobj, ("Event",))):
                        return event
    return None


def _verb_dates(verb, index) -> list[Mention]:
    """Dated mentions attached to VERB or to the verb it is the complement of ("agreed on
    Tuesday to buy")."""
    verbs = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "advcl") else [])
    found = []
    for v in verbs:
        for child in v.children:
            tokens = [p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" \
                and child.lower_ in _DATE_PREPS else [child] if child.dep_ == "npadvmod" else []
            found += [m for t in tokens if (m := index.at(t, ("Date",))) and m.value]
    return found


def _verb_places(verb, index) -> list[Mention]:
    """Places attached to VERB: "in", "at", "near" (and "from" for a launch)."""
    preps = _PLACE_PREPS + (("from",) if verb_type(verb) == "launch" else ())
    return [m for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj" and (m := index.at(p, ("Place",)))]


def _nested(mentions: list[Mention]) -> list[Mention]:
    """An event name inside a longer event phrase is that event: NER's "Summer Shield" in
    "the Summer Shield tournament"."""
    events = [m for m in mentions if m.kind == "Event" and m.event is not None]
    out = []
    for m in mentions:
        outer = [e for e in events if e.start <= m.start and m.end <= e.end and e.span != m.span]
        if m.kind == "Event" and outer:
            longest = max(outer, key=lambda e: (e.end - e.start, e.start))
            m = replace(m, event=longest.event, event_type=longest.event_type)
        out.append(m)
    return out


def _label(word: str, args: list[tuple[Mention, str]], places: list[Mention]) -> tuple[str, list[str]]:
    """The event's name: its main parties (agents, then patients, then the rest; two at
    most) or else its place, then the type word: "Acme–Globex acquisition"."""
    order = {"agent": 0, "patient": 1, "participant": 2}
    names = []
    for mention, _ in sorted(args, key=lambda a: (order[a[1]], a[0].start)):
        if mention.text not in names:
            names.append(mention.text)
    names = names[:2] or [p.text for p in places[:1]]
    return (f"{'–'.join(names)} {word}" if names else word), names


def _key(dates: list[Mention], names: list[str], kind: str, doc_id: str) -> EventKey:
    """Date, parties and type: beyond its document only with a year and a party or place."""
    values = sorted({d.value for d in dates})
    date = values[0] if len(values) == 1 else ""
    words = " ".join(sorted(n.lower().replace("|", "").replace("#", "") for n in names))
    beyond = words and date[:4].isdigit()
    return EventKey(date, words, kind, None if beyond else doc_id)


def _noun_events(sdoc, index, doc_id: str) -> list[Mention]:
    """Event nouns NER and the phrase rules left alone but the text gives named parties:
    "Acme's takeover of Globex", "the trial of Victor Lanz"."""
    found = []
    for chunk in noun_chunks(sdoc):
        root = chunk.root
        kind = noun_type(root.text) if root.pos_ == "NOUN" and root.text.islower() else None
        if kind is None or index.at(root) or is_headline(root.sent):
            continue
        args = noun_arguments(root, kind, index)
        if not args or root.tag_ == "NNS" and chunk[0].lower_ not in _DEFINITE:
            continue
        label, names = _label(root.text, args, [])
        key = _key(_noun_dates(root, index), names, kind, doc_id)
        found.append(Mention(root.idx, root.idx + len(root.text), label, "Event", index.sentence(root),
                             event=key, event_type=kind, status=noun_status(root)))
    return found


def _noun_dates(noun, index) -> list[Mention]:
    found = [m for c in noun.children if c.dep_ == "prep" and c.lower_ in _DATE_PREPS
             for p in c.children if p.dep_ == "pobj" and (m := index.at(p, ("Date",))) and m.value]
    verb = noun.head
    if not found and noun.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ == "VERB":
        found = _verb_dates(verb, index)
    return found


def _typed(sdoc, event: Mention) -> Mention:
    """EVENT with its type from its head noun (or any event noun in it: "the Cup final
    match"), "other" when none is known, and a status from its phrase ("a planned attack")."""
    if event.event_type:
        return event
    span = span_of(sdoc, event)
    words = [t for t in reversed(span)] if span is not None else []
    kind = next((k for t in words if (k := noun_type(t.text))), None) or _text_type(event.text)
    status = event.status or (noun_status(span.root) if span is not None else None)
    return replace(event, event_type=kind or "other", status=status)


def _text_type(text: str) -> str | None:
    return next((k for w in reversed(text.split()) if (k := noun_type(w))), None)


def _anaphors(sdoc, index, mentions: list[Mention]) -> tuple[list[Mention], dict]:
    """Definite nouns with no name in them ("the deal", "the $2 billion transaction", "the
    quake", "his death") that refer back to the nearest earlier event they can mean: new
    mentions, and the bare event mentions the phrase rules made of such a noun ("conceded
    the election on Monday") given the earlier event's key, by span."""
    events = [m for m in mentions if m.kind == "Event" and m.event is not None]
    found, rejoined = [], {}
    for chunk in noun_chunks(sdoc):
        root = chunk.root
        own = index.at(root)
        if root.pos_ != "NOUN" or chunk[0].lower_ not in _DEFINITE or own is not None and not (
                own.kind == "Event" and own.text.lower() == root.lower_ and own.start == root.idx):
            continue
        if any(index.at(t) not in (None, own) or t.pos_ == "PROPN" for t in chunk):
            continue
        antecedent = _antecedent(root, index.sentence(root), events)
        if antecedent is None:
            continue
        if own is not None:
            rejoined[own.span] = replace(own, event=antecedent.event, event_type=antecedent.event_type)
        else:
            words = [t for t in chunk if t.lower_ not in _DEFINITE and t.tag_ != "POS" and not t.is_punct]
            start = words[0].idx if words else root.idx
            found.append(Mention(start, root.idx + len(root.text), text_of(sdoc)[start:root.idx + len(root.text)].lower(),
                                 "Event", index.sentence(root), event=antecedent.event,
                                 event_type=antecedent.event_type, status=noun_status(root)))
    return found, rejoined


def _antecedent(root, sentence: int, events: list[Mention]) -> Mention | None:
    types = anaphor_types(root.text)
    before = [m for m in events if m.end <= root.idx and sentence - m.sentence <= _REFER_BACK_SENTENCES
              and m.event_type in types and _compatible(root.text, m)]
    return max(before, key=lambda m: m.start) if before else None


def _unchunked_events(sdoc, index, doc_id: str) -> list[Mention]:
    """Event nouns spaCy tags as adjectives, so no noun chunk holds them, named by their
    modifiers: "the 2031 Cup final"."""
    found = []
    for token in tokens(sdoc):
        if token.pos_ != "ADJ" or token.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass") \
                or not noun_type(token.text) or index.at(token):
            continue
        mods = [t for t in token.lefts if t.dep_ in ("compound", "nummod", "amod") and (t.pos_ == "PROPN" or t.like_num)]
        if not mods:
            continue
        first = min(t.left_edge.i for t in mods)
        words = [t for t in sdoc[first:token.i] if t.lower_ != "the"]
        year = next((t.text for t in words if t.like_num and len(t.text) == 4 and t.text.isdigit()), "")
        named = year or any(t.pos_ == "PROPN" for t in words)
        key = EventKey(year, " ".join(t.lower_ for t in words if t.text != year), token.lower_,
                       None if named else doc_id)
        start = words[0].idx if words else token.idx
        found.append(Mention(start, token.idx + len(token.text), text_of(sdoc)[start:token.idx + len(token.text)],
                             "Event", index.sentence(token), event=key))
    return found


def _compatible(word: str, event: Mention) -> bool:
    """A bare noun names the same kind of thing as EVENT: "the quake" an earthquake, not a
    flood; "the deal" any acquisition or agreement."""
    return word.lower() in ANAPHORS or canonical(word) == canonical(event.text.split()[-1])


def facts(sdoc, mentions: list[Mention]) -> list[Fact]:
    """Participation in each event, with its argumentRole and the trigger as kg:relation:
    the parties of an event verb or noun, and of a trigger verb whose object names an event
    ("Redmoor beat Castlebay in the Cup final": agent, patient). None for an event that
    was planned, denied or hypothetical.

    >>> facts(nlp("Acme bought Globex."), mentions)  # doctest: +SKIP
    [Fact((0, 4), 'participatedIn', (5, 11), 0, 'event-verb-argument', 0.7, relation='buy', role='agent'), ...]
    """
    index = MentionIndex(sdoc, mentions)
    found = []
    for event in (m for m in mentions if m.kind == "Event" and m.status not in NO_PARTICIPATION):
        span = span_of(sdoc, event)
        if span is None:
            continue
        root = span.root
        if root.pos_ == "VERB" and len(span) == 1:
            args, method = verb_arguments(root, index), "event-verb-argument"
        else:
            args, method = noun_arguments(root, event.event_type or "other", index), "event-noun-argument"
        found += [Fact(m.span, "participatedIn", event.span, event.sentence, method, 0.7,
                       relation=root.lemma_.lower(), role=role) for m, role in args]
    found += _verb_on_event_facts(sdoc, index) + _head_verb_dates(sdoc, mentions, index)
    unique = {(f.subject, f.predicate, f.obj, f.sentence, f.role): f for f in found}
    return [unique[k] for k in sorted(unique, key=str)]


def _verb_on_event_facts(sdoc, index) -> list[Fact]:
    found = []
    for verb in tokens(sdoc):
        if verb.pos_ != "VERB" or not verb_type(verb) or index.at(verb) \
                or any(c.dep_ == "neg" for c in verb.children) or verb_status(verb) in NO_PARTICIPATION:
            continue
        event = _named_event(verb, index)
        if event is None:
            continue
        sentence = index.sentence(verb)
        found += [Fact(m.span, "participatedIn", event.span, sentence, "event-verb-argument",
                       0.7, relation=verb.lemma_.lower(), role=role)
                  for m, role in verb_arguments(verb, index) if m.span != event.span]
        # "met Y in Tallinor on Thursday at the forum": when and where the forum was.
        dates = _verb_dates(verb, index)
        if len({d.value for d in dates}) == 1:
            found.append(Fact(event.span, "onDate", dates[0].span, sentence, "event-verb-date", 0.6))
        found += [Fact(event.span, "location", p.span, sentence, "event-verb-place", 0.6)
                  for p in _verb_places(verb, index) if p.span != event.span]
    return found


def _head_verb_dates(sdoc, mentions: list[Mention], index) -> list[Fact]:
    """The date of a verb event, also from the verb it completes ("agreed on Tuesday to
    buy"), and its place ("launched ... from Kestrel Bay")."""
    found = []
    for event in mentions:
        span = span_of(sdoc, event) if event.kind == "Event" else None
        if span is None or len(span) != 1 or span.root.pos_ != "VERB":
            continue
        dates = _verb_dates(span.root, index)
        if len({d.value for d in dates}) == 1:
            found.append(Fact(event.span, "onDate", dates[0].span, event.sentence, "event-verb-date", 0.7))
        found += [Fact(event.span, "location", p.span, event.sentence, "event-verb-place", 0.7)
                  for p in _verb_places(span.root, index)]
    return found


def unasserted(sdoc) -> set[tuple[int, str]]:
    """(sentence, verb lemma) of every verb whose action the text plans, denies or only
    supposes ("plotting to bomb", "denied attacking", "if Acme buys"): no participation
    is read from them, by any rule."""
    sentences = sentence_of(sdoc)
    return {(sentences[t.i], t.lemma_.lower()) for t in tokens(sdoc)
            if t.pos_ == "VERB" and verb_status(t) in NO_PARTICIPATION}


def with_roles(facts: list[Fact], unstated: set[tuple[int, str]] = frozenset()) -> list[Fact]:
    """FACTS with an argumentRole on every participation that has none: from the verb that
    linked the party to the event noun ("won" an agent, "was killed in" a patient, "attended"
    a participant). A participation this module read from the event's own trigger replaces
    the role-less one of the same party, event and sentence; one read from a verb in
    UNSTATED (`unasserted`) is dropped."""
    own = {(f.subject, f.obj, f.sentence) for f in facts if f.predicate == "participatedIn" and f.role}
    out = []
    for fact in facts:
        if fact.predicate != "participatedIn" or fact.role:
            out.append(fact)
        elif (fact.subject, fact.obj, fact.sentence) not in own and (fact.sentence, fact.relation) not in unstated:
            out.append(replace(fact, role=participation_role(fact.relation, fact.method.startswith("passive"))))
    return out
