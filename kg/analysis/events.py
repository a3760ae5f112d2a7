"""Events and dates of one parsed document: what happened, when, where.

    annotate(sdoc, mentions, document) -> list[Mention]
    facts(sdoc, mentions) -> list[Fact]

`annotate` gives every date mention its value (relative dates read against the
document's own date, in the tense of their clause), adds the event phrases NER missed
("the 1988 massacre", "the 2020 parliamentary elections", "the protests" right after a
specific protest) and gives every event mention its merge key, `Mention.event` (a
kg.model.EventKey: date, modifiers, head noun), so "the November 2019 Uprisings" and "the
November 2019 uprising" are one event and "the 2020 presidential elections" another. An
event with no date, place or name is scoped to its document (`EventKey.doc`): two
articles' "parliamentary elections" are not known to be the same. `facts` dates and
places each event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.analysis.docindex import (MentionIndex, is_title_case_line, noun_chunks, phrase_text,
                                  sentence_of as doc_sentence_of, span_of, text_of)
from kg.analysis import eventverbs
from kg.analysis.dates import MONTHS, kind as date_kind, normalise, resolve
from kg.analysis.lexicon import DETERMINERS, EVENT_NOUNS, PARTAKE_VERBS, PLACE_CLASS_NOUNS, STRIKE_VERBS
from kg.model import Document, EventKey, Fact, Mention

_SPECIFIC_ENTS = ("DATE", "ORDINAL", "EVENT", "GPE", "LOC", "NORP", "ORG", "PERSON", "FAC")
# Prepositions that attach a date or place to an event noun or to the verb it is an argument of.
_DATE_PREPS = ("on", "in", "at", "of", "during", "since")
_PLACE_PREPS = ("in", "at", "across", "throughout")
# "a quake near Pisco", "the blast outside the embassy": on the event noun only ("met near
# Lima" says little of a meeting)
_NEAR_PREPS = ("near", "outside")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_FUTURE_AUX = ("will", "shall", "'ll", "wo", "going")
_PLAN_VERBS = frozenset("set schedule expect plan due slate".split())


def annotate(sdoc, mentions: list[Mention], document: Document) -> list[Mention]:
    """MENTIONS with dates valued, event phrases added and event merge keys set.

    >>> annotate(nlp("Paris, June 3, 2020 - Protests began on Tuesday."), mentions, doc)  # doctest: +SKIP
    [..., Mention(..., text='Tuesday', kind='Date', sentence=0, value='2020-06-02')]
    """
    mentions = eventverbs.retype(sdoc, mentions)
    dated = [_whole_date(sdoc, m) if m.kind == "Date" else m for m in _join_split_dates(text_of(sdoc), mentions)]
    valued = [replace(m, value=resolve(m.text, document.date, _tense(sdoc, m))) if m.kind == "Date" else m
              for m in dated]
    index = MentionIndex(sdoc, valued)
    taken = set(index.by_token)
    sentence_of = doc_sentence_of(sdoc)  # as kg.mentions counts them
    found = valued + _event_phrases(sdoc, sentence_of, index, taken, document.doc_id)
    found.sort(key=lambda m: (m.start, m.end))
    dates = MentionIndex(sdoc, [m for m in found if m.kind == "Date"])
    keyed = [replace(m, event=_key(sdoc, m, dates, document.doc_id)) if m.kind == "Event" and m.event is None
             else m for m in found]
    return eventverbs.find(sdoc, _refer_back(sdoc, sentence_of, _merge(sdoc, keyed), taken), document)


def _join_split_dates(text: str, mentions: list[Mention]) -> list[Mention]:
    """NER sometimes cuts "September 1, 2020" into "September 1" and "2020": one date."""
    dates = sorted((m for m in mentions if m.kind == "Date"), key=lambda m: m.start)
    joined, dropped = [], set()
    for a, b in zip(dates, dates[1:]):
        if a in dropped or text[a.end:b.start] not in (" ", ", ", ","):
            continue
        whole = text[a.start:b.end]
        if (value := normalise(whole)) and not value.startswith("--") and len(value) > len(b.value or ""):
            joined.append(Mention(a.start, b.end, whole, "Date", a.sentence, value))
            dropped.update((a, b))
    return sorted([m for m in mentions if m not in dropped] + joined, key=lambda m: (m.start, m.end))


def _whole_date(sdoc, mention: Mention) -> Mention:
    """Give back the "this" that name cleaning took from a date: "this year" is not "year"."""
    span = span_of(sdoc, mention)
    if span is None or span.start == 0:
        return mention
    before = sdoc[span.start - 1]
    if before.ent_type_ == "DATE" and before.lower_ in ("this", "that", "these"):
        return replace(mention, start=before.idx, text=f"{before.text} {mention.text}")
    return mention


def _tense(sdoc, mention: Mention) -> str | None:
    """The tense of the clause a date sits in: "past", "future" or None (present, none)."""
    span = span_of(sdoc, mention)
    if span is None:
        return None
    verb = span.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    # "is set to begin on", "are scheduled to vote on", "is expected to close in"
    for head in (verb, verb.head):
        if head.lemma_.lower() in _PLAN_VERBS and head.tag_ in ("VBN", "VBZ", "VBP") \
                and not any(a.tag_ == "VBD" for a in head.children if a.dep_ in ("aux", "auxpass")):
            return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had") for a in auxes):
        return "past"
    return None


_DURATION_UNITS = frozenset("minute hour day night week month year season".split())


def _duration(t) -> bool:
    """A word of a hyphenated length ("two-day", "48-hour"): how long, not which event."""
    doc = t.doc
    if t.lemma_.lower() in _DURATION_UNITS and t.i >= 2 and doc[t.i - 1].text == "-":
        return doc[t.i - 2].like_num
    if t.like_num and t.i + 2 < len(doc) and doc[t.i + 1].text == "-":
        return doc[t.i + 2].lemma_.lower() in _DURATION_UNITS
    return t.text == "-" and 0 < t.i < len(doc) - 1 and _duration(doc[t.i + 1]) and doc[t.i - 1].like_num


def _modifiers(chunk, root) -> list:
    mods = [t for t in chunk if t.i < root.i and t.lower_ not in DETERMINERS
            and t.tag_ not in ("PRP$", "POS") and not t.is_punct and not _duration(t)]
    # Start after the last possessor or punctuation ("the regime's elections" -> "elections"),
    # but keep a range of years whole ("the 2017-2018 uprising").
    doc = chunk.doc
    cuts = [t.i for t in chunk if t.i < root.i and not _duration(t) and (t.tag_ == "POS" or t.is_punct and not (
        0 < t.i < len(doc) - 1 and doc[t.i - 1].like_num and doc[t.i + 1].like_num))]
    if not cuts:
        return mods
    cut = cuts[-1]
    if doc[cut].tag_ == "POS" and _named(doc[cut - 1]):
        # A named possessor names the event ("Tomas Brenner's trial", "Brazil's elections").
        while cut > chunk.start and _named(doc[cut - 1]):
            cut -= 1
        return [t for t in mods if t.i >= cut]
    return [t for t in mods if t.i > cut]


def _named(token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def _attached(root, index, kinds) -> list[Mention]:
    """Dates and places attached to an event noun by a preposition ("the rally in Lima")."""
    found = []
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in _DATE_PREPS + _PLACE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and not pobj.conjuncts and (m := index.at(pobj, kinds)):
                    found.append(m)
    return found


def _governing_verb(root):
    """The verb an event noun is the subject or object of, directly or as the object of
    "of" ("hold its farce of elections on February 21"), or None."""
    token = root
    for _ in range(3):
        if token.dep_ in ("nsubj", "nsubjpass", "dobj") and token.head.pos_ in ("VERB", "AUX"):
            return token.head
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PROPN"):
            token = token.head.head
        else:
            return None
    return None


def _verb_attached(root, index) -> list[Mention]:
    verb = _governing_verb(root)
    if verb is None:
        return []
    found = [index.at(p, ("Date",)) for v in _clause_verbs(verb) for p in _pobjs(v, _DATE_PREPS)]
    found += [index.at(c, ("Date",)) for v in _clause_verbs(verb) for c in v.children if c.dep_ == "npadvmod"]
    return [m for m in found if m]


def _verb_places(root, index) -> list[Mention]:
    """Places the verb of an event subject attaches: "protests broke out in Lima"."""
    verb = _governing_verb(root)
    if verb is None or root.dep_ not in ("nsubj", "nsubjpass"):
        return []
    found = [index.at(p, ("Place",)) for v in _clause_verbs(verb) for p in _pobjs(v, _PLACE_PREPS)]
    return [m for m in found if m]


def _clause_verbs(verb) -> list:
    """VERB and the verbs it governs as its complement: "is set to begin on", "was
    scheduled to take place in"."""
    verbs = [verb]
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            verbs += _clause_verbs(child)
    return verbs


def _event_phrases(sdoc, sentence_of: dict[int, int], index, taken: set[int], doc_id: str) -> list[Mention]:
    """Noun phrases headed by an event noun that name one event: a date, place, name or
    ordinal among their modifiers, a capitalised modifier ("the Free Harbour gathering"), or a
    dated or placed prepositional phrase ("the elections on February 21")."""
    found = []
    for chunk in noun_chunks(sdoc):
        root = chunk.root
        if root.lower_ not in EVENT_NOUNS or root.i in taken:
            continue
        mods = _modifiers(chunk, root)
        attached = [m for m in _attached(root, index, ("Date", "Place")) + _verb_attached(root, index)
                    + _verb_places(root, index) if m.kind == "Place" or m.value]
        if not (_names_one_event(chunk, mods, attached) or _struck_something(root) or _taken_part_in(root)):
            continue
        listed = _listed_dates(mods, index)
        if listed:
            found += _one_event_per_date(sentence_of, listed, mods, root, doc_id)
        else:
            found += _event_mention(sdoc, sentence_of, chunk, mods, attached, index)
        taken.update(range((mods[0] if mods else root).i, root.i + 1))
    return found


def _struck_something(root) -> bool:
    """ "Floods killed nine people", "an earthquake struck the coast": an event noun that
    did, in the past tense, what a disaster or attack does is one event, named or not
    ("earthquakes kill thousands every year" is none)."""
    verb = root.head
    return root.dep_ == "nsubj" and verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in STRIKE_VERBS \
        and any(c.dep_ == "dobj" for c in verb.children)


def _taken_part_in(root) -> bool:
    """ "Chile and Vietnam signed an agreement", "X won a third term", "Y hosted a summit":
    an event noun that a named subject signed, won, attended or hosted, in the past tense,
    is one event ("leaders sign agreements" is none)."""
    verb = root.head
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in root.children):
        return False  # "attended the talks" refers back to an event named before, or names none
    return root.dep_ == "dobj" and verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in PARTAKE_VERBS \
        and not any(c.dep_ == "neg" for c in verb.children) \
        and any(c.dep_ in ("nsubj", "agent") and (c.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in c.subtree))
                for c in verb.children)


def _names_one_event(chunk, mods, attached: list[Mention]) -> bool:
    """Whether an event noun phrase names one event, by its modifiers MODS or the dates and
    places ATTACHED to it."""
    headline = is_title_case_line(chunk.sent)
    # In a title-case headline capitals and NER's names say little: only a date counts.
    specific = any(
        t.ent_type_ in (("DATE", "ORDINAL") if headline else _SPECIFIC_ENTS) or _YEAR.fullmatch(t.text)
        or (t.is_title and t.i > chunk.sent.start and t.pos_ == "PROPN" and not headline)
        for t in mods
    )
    kinds = {m.kind for m in attached}
    # Without a name or date of its own a phrase is specific by what is attached to it:
    # a date ("parliamentary elections on February 21", "a meeting in Chicago on March
    # 15"), or a place after "the" ("the protests in Lima"). "Uprisings were suppressed
    # in 1999, 2009 and 2019" and "nationwide protests in Lima are frequent" are generic.
    definite = chunk[0].lower_ == "the"
    return bool(specific or "Date" in kinds and (mods or definite or "Place" in kinds)
                or "Place" in kinds and definite)


def _event_mention(sdoc, sentence_of: dict[int, int], chunk, mods, attached: list[Mention],
                   index) -> list[Mention]:
    """The event mention of a phrase that names one event (and the date mention of a year
    NER missed in it), named by its words, its one place when it has no modifier ("Lima
    protests") and its date when a preposition attaches it ("May 5, 2020 summit")."""
    root = chunk.root
    first = mods[0] if mods else root
    start, end = first.idx, root.idx + len(root.text)
    text = phrase_text(sdoc, start, end)
    places = [m for m in attached if m.kind == "Place"]
    if not mods and len(places) == 1:
        text = f"{places[0].text} {text.lower() if text[:1].isupper() and root.i == chunk.sent.start else text}"
    # A year NER calls a number ("the 2022 elections") is the event's date.
    years = [t for t in mods if _YEAR.fullmatch(t.text) and t.ent_type_ in ("", "CARDINAL")]
    found = [Mention(t.idx, t.idx + len(t.text), t.text, "Date", sentence_of[t.i], t.text) for t in years]
    noun_dated = {m for m in _attached(root, index, ("Date",)) if m.value and date_kind(m.text) == "absolute"}
    if len(noun_dated) == 1 and not years and not any(t.ent_type_ == "DATE" for t in mods):
        text = f"{noun_dated.pop().text} {text}"  # its name says when: "the summit of May 5, 2020"
    return found + [Mention(start, end, text, "Event", sentence_of[root.i])]


def _listed_dates(mods, index) -> list[Mention]:
    """The dates of a phrase that lists them, "the December 2017 and November 2019
    protests", in order; [] for a phrase with one date or none."""
    if not any(t.dep_ == "cc" for t in mods):
        return []
    dates = []
    for t in mods:
        m = index.at(t, ("Date",))
        if m and m.value and m not in dates:
            dates.append(m)
    return dates if len(dates) > 1 else []


def _one_event_per_date(sentence_of: dict[int, int], dates: list[Mention], mods, root,
                        doc_id: str) -> list[Mention]:
    """One event per listed date, each named by its date and the shared words and head
    ("December 2017 protests", "November 2019 protests") and keyed like any other. Each gets
    its own span: from its date to the next date, and the last to the head."""
    in_dates = {t.i for t in mods for d in dates if d.start <= t.idx < d.end}
    words = [t for t in mods if t.i not in in_dates and t.dep_ != "cc" and not t.is_punct]
    shared = " ".join(t.text for t in words)
    key_words = " ".join(_word(t.text) for t in words)
    found = []
    for k, date in enumerate(dates):
        end = dates[k + 1].start - 1 if k + 1 < len(dates) else root.idx + len(root.text)
        text = " ".join(p for p in (date.text, shared, root.text) if p)
        key = EventKey(date.value, key_words, _word(_head(root.text)),
                       doc_id if date.value.startswith("--") else None)  # a month without a year
        found.append(Mention(date.start, end, text, "Event", sentence_of[root.i], event=key))
    return found


def _word(text: str) -> str:
    """A word of a key: lower case, without the separators of `EventKey.text` ("#FreeVote"
    -> "freevote")."""
    return text.lower().replace("|", "").replace("#", "")


def _head(word: str) -> str:
    """The head noun, singular: "Uprisings" -> "uprising"."""
    word = word.lower()
    if word.endswith("s") and word[:-1] in EVENT_NOUNS:
        return word[:-1]
    return word


def _key(sdoc, event: Mention, dates: MentionIndex, doc_id: str) -> EventKey:
    """The merge key of an event mention: its date, other modifiers and head noun."""
    span = span_of(sdoc, event)
    if span is None:
        return EventKey("", "", _word(event.text), doc_id)
    date, words, named = "", [], False
    in_date = [t for t in span if dates.at(t)]
    values = {dates.at(t).value for t in in_date if dates.at(t).value}
    if len(values) == 1:
        date = values.pop()
    elif not in_date:
        # NER's EVENT span swallows its date ("the November 2019 uprising"): read it off.
        run = " ".join(t.text for t in span if t.like_num or t.lower_.rstrip(".") in MONTHS)
        date = normalise(run) or ""
        in_date = [t for t in span if date and (t.like_num or t.lower_.rstrip(".") in MONTHS)]
    if not date and not in_date:
        attached = {m.value for m in _attached(span.root, dates, ("Date",)) + _verb_attached(span.root, dates)
                    if m.value and not m.value.startswith("--")}
        date = attached.pop() if len(attached) == 1 else ""
    month = [t for t in in_date if t.lower_.rstrip(".") in MONTHS]
    if not date and month:
        date = f"--{MONTHS[month[0].lower_.rstrip('.')]:02d}"  # "the November uprising": a month, no year
    for t in span[:-1]:
        if t in in_date or t.is_punct or t.lower_ in DETERMINERS or t.tag_ == "POS":
            continue
        words.append(_word(t.text))
        named = named or t.ent_type_ in _SPECIFIC_ENTS[2:] or (t.is_title and t.i > span.sent.start)
    # Only a date with a year, a place or a name identifies an event beyond its document.
    beyond = named or (date and not date.startswith("--"))
    return EventKey(date, " ".join(words), _word(_head(span[-1].text)), None if beyond else doc_id)


def _refines(date: str, coarse: str) -> bool:
    """DATE names a time inside COARSE: "2019-11" inside "2019", inside "--11", inside ""."""
    if not coarse or date.startswith(coarse + "-"):
        return True
    return coarse.startswith("--") and len(date) >= 7 and not date.startswith("--") and date[4:7] == coarse[1:]


def _merge(sdoc, mentions: list[Mention]) -> list[Mention]:
    """Within one document, an event named with less joins the one event of the same head
    and modifiers it can only mean: "the November uprising" after "the November 2019
    uprising", "the parliamentary elections" after "the 2020 parliamentary elections" (an
    undated one only when definite: "uprisings are more frequent" is no event). Two
    candidates ("2016 elections", "2020 elections") leave it alone; so does another head
    noun ("protests" is not "uprising")."""
    # In the order of the keys' text, so the first candidate is the one the string keys chose.
    keys = sorted({m.event for m in mentions if m.kind == "Event"}, key=lambda k: k.text)
    definite = {m.event for m in mentions if m.kind == "Event" and _definite(sdoc, m)}
    target = {}
    for coarse in keys:
        same = [k for k in keys if k != coarse and (k.words, k.head) == (coarse.words, coarse.head)]
        exact = [k for k in same if k.date == coarse.date and k.doc is None]
        finer = [k for k in same if k.date != coarse.date and _refines(k.date, coarse.date)]
        if coarse.doc is not None and exact:  # the same name, scoped to the document and not
            target[coarse] = exact[0]
        elif len(finer) == 1 and (coarse.date or coarse.words and coarse in definite):
            target[coarse] = finer[0]
    for key in list(target):  # follow chains; dates only get finer, so they end
        while target[key] in target:
            target[key] = target[target[key]]
    return [replace(m, event=target.get(m.event, m.event)) if m.kind == "Event" else m for m in mentions]


def _definite(sdoc, mention: Mention) -> bool:
    span = span_of(sdoc, mention)
    return span is not None and (span[0].lower_ in ("the", "this", "these")
                                 or span.start > 0 and sdoc[span.start - 1].lower_ in ("the", "this", "these"))


def _refer_back(sdoc, sentence_of: dict[int, int], mentions: list[Mention], taken: set[int]) -> list[Mention]:
    """"The protests" with no modifier, in the sentence of a specific protest or the next
    one, refers back to it when exactly one such event precedes it."""
    events = [m for m in mentions if m.kind == "Event"]
    found = []
    for chunk in noun_chunks(sdoc):
        root = chunk.root
        if root.lower_ not in EVENT_NOUNS or root.i in taken or chunk[0].lower_ not in ("the", "these", "this"):
            continue
        if _modifiers(chunk, root):
            continue
        sentence = sentence_of[root.i]
        before = {m.event: m for m in events
                  if m.end <= root.idx and sentence - 1 <= m.sentence <= sentence
                  and m.event.head == _head(root.text)}
        if len(before) == 1:
            antecedent = next(iter(before.values()))
            found.append(Mention(root.idx, root.idx + len(root.text), antecedent.text, "Event", sentence,
                                 event=antecedent.event))
    return sorted(mentions + found, key=lambda m: (m.start, m.end))


def facts(sdoc, mentions: list[Mention]) -> list[Fact]:
    """An event's date and place: inside its phrase ("the 1988 massacre", "the Lima
    protests"), attached by a preposition ("the gathering in Lyon on June 30, 2018"), or
    attached to the verb it is the subject or object of ("elections will be held on
    February 21"). Durations and dates without a value date nothing.

    >>> facts(nlp("The summit was held in Lima on May 5, 2020."), mentions)  # doctest: +SKIP
    [Fact(subject=(0, 10), predicate='location', ...), Fact(..., predicate='onDate', ...)]
    """
    # Dates and places only: a place inside an event phrase ("the Lima protests") is its own.
    index = MentionIndex(sdoc, [m for m in mentions if m.kind in ("Date", "Place")])
    found = []
    for event in (m for m in mentions if m.kind == "Event"):
        span = span_of(sdoc, event)
        if span is not None:
            found += _event_facts(event, span, index)
    unique = {(f.subject, f.predicate, f.obj, f.sentence): f for f in found}
    return [unique[k] for k in sorted(unique, key=str)]


def _candidates(span, index) -> list[tuple[object, str]]:
    """Tokens that may give the event SPAN its date or place, each with where it stands:
    in the phrase, after one of its prepositions, or around the verb it is an argument of."""
    root = span.root
    candidates = [(t, "phrase") for t in span if _phrase_place_ok(span, t, index)]
    candidates += [(p, "prep") for p in _pobjs(root, _DATE_PREPS + _PLACE_PREPS + _NEAR_PREPS)]
    verb = _governing_verb(root)
    if verb is not None:
        for v in _clause_verbs(verb):
            candidates += [(p, "verb") for p in _pobjs(v, _DATE_PREPS + _PLACE_PREPS)]
            candidates += [(c, "verb") for c in v.children if c.dep_ == "npadvmod"]
        if root.dep_ == "nsubj" and verb.lemma_.lower() in STRIKE_VERBS:
            candidates += _struck(verb)
    return candidates


def _struck(verb) -> list[tuple[object, str]]:
    """What a disaster or attack subject of VERB struck or killed in: "an earthquake struck
    southern Peru", "floods killed nine people in the X region" (the object's "in" too)."""
    found = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if not obj.conjuncts:
            found.append((obj, "struck"))
        found += [(p, "struck") for p in _pobjs(obj, _PLACE_PREPS)]
    return found


def _place_at(token, index) -> Mention | None:
    """The place TOKEN names, or that the place noun it heads names: "the Emilia-Romagna
    region", "the province of Ravenna"."""
    if (place := index.at(token, ("Place",))) is not None:
        return place
    if token.lemma_.lower() not in PLACE_CLASS_NOUNS or not token.is_lower:
        return None
    inner = [m for c in token.children if c.dep_ in ("compound", "nmod") and (m := index.at(c, ("Place",)))]
    inner += [m for p in _pobjs(token, ("of",)) if (m := index.at(p, ("Place",)))]
    return inner[0] if inner else None


def _event_facts(event: Mention, span, index) -> list[Fact]:
    """The onDate and location facts of one EVENT, whose tokens are SPAN."""
    root = span.root
    seen, dated, found = set(), [], []
    for tok, how in _candidates(span, index):
        mention = index.at(tok, ("Date",)) or _place_at(tok, index)
        if mention is None or mention.span in seen or mention.span == event.span:
            continue
        seen.add(mention.span)
        prep = tok.head.lower_ if how != "phrase" and tok.dep_ == "pobj" else ""
        if mention.kind == "Date" and mention.value and date_kind(mention.text) in ("absolute", "relative"):
            dated.append(Fact(event.span, "onDate", mention.span, event.sentence, f"event-{how}-date",
                              0.8 if how == "phrase" else 0.7))
        # The verb's place is the event's only when the event is its subject ("protests
        # erupted in Lima", "the summit was held in Lima"); "bombed the rally in Paris"
        # places the bombing.
        elif mention.kind == "Place" and (how in ("phrase", "struck") or prep in _PLACE_PREPS + _NEAR_PREPS) \
                and (how != "verb" or root.dep_ in ("nsubj", "nsubjpass")):
            found.append(Fact(event.span, "location", mention.span, event.sentence, f"event-{how}-place",
                              0.7 if how != "verb" else 0.6))
    # The closest date speaks: the phrase's own ("the 1988 massacre"), else its
    # preposition's, else its verb's.
    for how in ("phrase", "prep", "verb"):
        if closest := [f for f in dated if f.method == f"event-{how}-date"]:
            return found + closest
    return found


def _phrase_place_ok(span, token, index) -> bool:
    """A place inside an event phrase is where it happened when it stands right before the
    head and is not part of a longer name: "the 2019 Lima protests", but not "the US drone
    attack" (the attacker) or "the Free Harbour gathering" (a name)."""
    place = index.at(token, ("Place",))
    if place is None:
        return True
    root = span.root
    tokens = [t for t in span if place.start <= t.idx < place.end]
    if tokens[-1].i != root.i - 1:
        return False
    before = span.doc[tokens[0].i - 1] if tokens[0].i > span.start else None
    return before is None or not (before.is_title or before.is_upper) or index.at(before, ("Date",)) is not None


def _pobjs(token, preps) -> list:
    """Objects of TOKEN's prepositions PREPS; a list ("in 1999, 2009 and 2019") is not one
    date or place of one event."""
    return [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in preps
            for p in prep.children if p.dep_ == "pobj" and not p.conjuncts]
