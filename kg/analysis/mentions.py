"""Stage 3: collect entity and date mentions from one parsed document.

    collect(sdoc, acronyms) -> (sentences, mentions)

Works on any object with spaCy's Doc API; spaCy itself is imported only by kg.nlp.
"""

from __future__ import annotations

import re

from kg.analysis import cues
from kg.analysis.docindex import in_title_case, is_headline, phrase_text, sentence_of, text_of, words_of
from kg.analysis.dates import normalise
from kg.analysis.gazetteer import country, country_of_demonym, is_place
from kg.analysis.lexicon import (COMPANY_TAILS, DETERMINERS, EVENT_NOUNS, LEADER_HEADS, MEMBER_HEADS, ORG_CLASS_NOUNS,
                        ORG_HEADS, PARTY_PLURALS, PLACE_CLASS_NOUNS, TITLE_MODIFIERS, TITLE_WORDS,
                        first_names)
from kg.analysis.tokenlist import tokens
from kg.model import Mention, Span

LABEL_KIND = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "DATE": "Date",
    "NORP": "Organization",
}
_URLISH = re.compile(r"(?:https?://|www\.|\.com\b|\.org\b|@|#)", re.I)
# Nouns that say the name next to them is a person ("economist X", "X, the head of Y").
_ROLE_NOUNS = TITLE_WORDS | LEADER_HEADS | MEMBER_HEADS
# Capitals that are not an acronym: roman numerals and name suffixes ("Henry VIII", "Jr").
_NOT_ACRONYM = re.compile(r"^(?:[IVXL]+|JR|SR|[A-Z])$")


def _place_pairs(ent) -> list:
    """ENT, or its two places when NER made one name of "Jinja, Uganda" or "Lakefield,
    Ontario": a place and, after the comma, a country or a known region (whose containment
    kg.analysis.relations reads from the apposition)."""
    commas = [t.i for t in ent if t.text == ","]
    if ent.label_ not in ("GPE", "LOC") or len(commas) != 1:
        return [ent]
    first, second = ent.doc[ent.start:commas[0]], ent.doc[commas[0] + 1:ent.end]
    if not len(first) or not len(second) or not (country(second.text) or is_place(second.text)):
        return [ent]
    for part in (first, second):
        part.label_ = ent.label_  # a slice of the Doc: a new span, NER's own is unchanged
    return [first, second]


def _person_after_demonym(tokens) -> bool:
    """Whether an "organisation" that opens with a nationality word is a person's name
    after it: "Austrian Lukas Weber" (a given name, or two plain capitalised words), not
    "British Airways", "German Marshall Fund", "French Open"."""
    rest = tokens[1:]
    if any(t.lower_.rstrip(".") in ORG_HEADS | COMPANY_TAILS | EVENT_NOUNS for t in rest):
        return False
    return rest[0].lower_ in first_names() and len(rest) > 1 or len(rest) == 2 and all(t.is_title for t in rest)


def _trim(span, kind: str, headline: bool):
    """Shrink SPAN to the name itself: returns (first, last) token indexes (inclusive)
    and the title tokens stripped from its front, or None when no name is left."""
    tokens = [t for t in span if not t.is_space]
    title: list = []
    # Headline fragments: "X Recognizes That ..." is tagged PERSON up to the verb; in a
    # title-case line set as a sentence ("...: Regime Expresses Concerns About ...") a
    # capitalised finite verb ends the name too.
    if len(tokens) > 1:
        for k, token in enumerate(tokens[1:], start=1):
            verbish = token.dep_ == "ROOT" and token.i + 1 < span.sent.end and token.lower_.endswith(("s", "ed"))
            finite = token.tag_ in ("VBZ", "VBD") and token.is_title
            if finite or headline and (token.tag_.startswith("VB") or verbish):
                tokens = tokens[:k]
                break
    # "The" capitalised inside a sentence belongs to the name ("in The Hague").
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct) and not (
            tokens[0].text == "The" and tokens[0].i > span.sent.start and not headline and len(tokens) > 1
            and not tokens[0].nbor(-1).is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS" or tokens[-1].lower_ in ("'s", "’s")):
        tokens = tokens[:-1]
    tokens = _drop_score(tokens) if kind != "Date" else tokens
    # "the ministry's Audit Board": a common-noun possessor is not part of the name (a
    # proper one is: "People's Front").
    for k, token in enumerate(tokens[:-1]):
        if token.tag_ == "POS" and k > 0 and all(t.is_lower for t in tokens[:k]):
            tokens = tokens[k + 1:]
            break
    # "the Austrian Lukas Weber": the nationality word is no part of a person's name (it is
    # read by kg.analysis.nationality), even one NER took for an organisation's; it is part
    # of "British Airways" and "German Marshall Fund"
    if len(tokens) > 1 and country_of_demonym(tokens[0].text) and (kind == "Person" or kind == "Organization"
                                                                   and _person_after_demonym(tokens)):
        tokens = tokens[1:]
    if kind == "Person":
        while len(tokens) > 1 and (tokens[0].lower_.rstrip(".") in TITLE_WORDS
                                   or tokens[0].lower_ in TITLE_MODIFIERS and len(title) == 0
                                   and tokens[1].lower_.rstrip(".") in TITLE_WORDS):
            title.append(tokens[0])
            tokens = tokens[1:]
    if not tokens:
        return None
    if kind not in ("Date",) and not any(_lettered(t) and t.text[:1].isupper() for t in tokens):
        return None  # "regime", "democratic": no proper name left ("SkyNord", "McKay", "U.S." are names)
    if kind in ("Person", "Organization") and not any(t.pos_ == "PROPN" or t.is_upper for t in tokens):
        return None  # "Regime", "Parliament" capitalised: a common noun, not a name
    if all(t.lower_.rstrip(".") in TITLE_WORDS | TITLE_MODIFIERS for t in tokens):
        return None  # a title alone ("Supreme Leader") is not a name
    return tokens[0].i, tokens[-1].i, title


def _drop_score(tokens: list) -> list:
    """A name without the match score NER swept into it: "Redmoor 2-1" is Redmoor."""
    text = "".join(t.text_with_ws for t in tokens).rstrip()
    match = re.search(r"\s\d{1,2}\s?[-–]\s?\d{1,2}$", text)
    if not match:
        return tokens
    cut = len(text) - len(match.group())
    return [t for t in tokens if t.idx - tokens[0].idx < cut]


def _hyphen_extend(sdoc, first: int, last: int) -> tuple[int, int]:
    """Grow a name over words hyphenated to it: NER often keeps only "Noor" of a
    transliterated "Darya-e Noor" or "Bagh-e-Shah"."""
    def joined(k: int) -> bool:  # token k is glued by a hyphen to a word before it
        return k > 1 and sdoc[k - 1].text in ("-", "‐") and not sdoc[k - 1].whitespace_ \
            and not sdoc[k - 2].whitespace_ and sdoc[k - 2].is_alpha

    if joined(first):
        first -= 2
    elif first > 0 and sdoc[first - 1].is_lower and sdoc[first - 1].is_alpha and len(sdoc[first - 1]) <= 3 \
            and joined(first - 1) and sdoc[first - 3].is_title:
        first -= 3  # "Darya-e Noor": a particle hyphenated to the word before
    while last + 2 < len(sdoc) and sdoc[last + 1].text in ("-", "‐") and not sdoc[last].whitespace_ \
            and not sdoc[last + 1].whitespace_ and sdoc[last + 2].is_alpha and sdoc[last + 2].is_title:
        last += 2
    return first, last


def _org_extend(sdoc, last: int) -> int:
    """Grow an organisation over the capitalised words after it when they end in a head
    noun or company suffix: NER keeps "Acme" of "Acme Robotics Inc."."""
    end = last
    while end + 1 < len(sdoc) and sdoc[end + 1].is_title and sdoc[end + 1].pos_ == "PROPN" \
            and not sdoc[end + 1].ent_type_ and end - last < 3:
        end += 1
    while end > last and sdoc[end].lower_.rstrip(".") not in ORG_HEADS | COMPANY_TAILS:
        end -= 1
    return end


def _cued_kind(span, kind: str) -> str:
    """Correct NER's PERSON/ORG from the words around a name: all capitals are an acronym
    ("ACR" tagged PERSON), a role noun makes a person ("economist X", "X, the head of Y"),
    a class noun an organisation ("the business daily X", "X, a carmaker") or a place
    ("the capital, X")."""
    if kind == "Person" and any(t.is_alpha and t.is_upper and len(t) > 1 and not _NOT_ACRONYM.match(t.text)
                                for t in span):
        return "Organization"
    root = span.root
    # "Ruritania and Borduria": a lone word NER calls a person, coordinated with a place,
    # is a place too.
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [t for t in root.children if t.dep_ == "conj"]
    if kind == "Person" and len(span) == 1 and partners and all(t.ent_type_ in ("GPE", "LOC") for t in partners):
        return "Place"
    near = [t for t in root.children if t.i < span.start and t.dep_ in ("compound", "amod", "nmod")]
    cues = [max(near, key=lambda t: t.i)] if near else []
    cues += [t for t in root.children if t.i >= span.end and t.dep_ == "appos"]
    if root.dep_ == "appos" and root.head.i < span.start:
        cues.append(root.head)
    for cue in cues:
        word = cue.lower_
        if cue.ent_type_ or not cue.is_lower:
            continue  # part of another name, or a capitalised title NER left outside
        if word in _ROLE_NOUNS:
            return "Person"
        if word in ORG_CLASS_NOUNS:
            return "Organization"
        if word in PLACE_CLASS_NOUNS:
            return "Place"
    return _pronoun_kind(span, kind)


def _pronoun_kind(span, kind: str) -> str:
    """"X said she was tired" makes X a person, "X said its profits fell" an organisation:
    the first pronoun in the clause X is the subject of, with no other name before it."""
    root = span.root
    if root.dep_ != "nsubj" or any(t.is_upper and len(t) > 1 for t in span):
        return kind
    mine = {t.i for t in root.subtree}
    for token in root.head.subtree:
        if token.i < span.end or token.i in mine:
            continue
        if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return kind  # another name may be what the pronoun stands for
        if token.tag_ in ("PRP", "PRP$"):
            # Only the clear cases: "he"/"she" as the subject of what X said, and "its";
            # "it" is often no one ("X said it was raining"), "her"/"his" often someone else.
            if token.lower_ in ("he", "she") and token.dep_ == "nsubj" and token.head.dep_ == "ccomp":
                return "Person"
            if token.lower_ == "its" and token.dep_ == "poss":
                return "Organization"
            return kind
    return kind


def _norp_is_org(span) -> bool:
    """NORP names a group ("Canadians"); it is an organisation only when its last word is
    an organisation head ("Green Farmers Movement" tagged NORP) or names a party by its
    members ("the Social Democrats")."""
    return span[-1].lower_ in ORG_HEADS or span[-1].lower_ in PARTY_PLURALS


def collect(sdoc, acronyms=()) -> tuple[tuple[Span, ...], list[Mention]]:
    """Sentences (character spans) and entity mentions of SDOC; ACRONYMS are the (long
    form, acronym) spans kg.acronyms.definitions found in its text.

    A mention's text is the cleaned name: no leading "the", no possessive, no title (a
    title taken off a person's name is kept in `Mention.title`).

    >>> collect(nlp("Archbishop Tomas Varga spoke."))[1]  # doctest: +SKIP
    [Mention(start=11, end=22, text='Tomas Varga', kind='Person', ..., title='Archbishop', title_word='archbishop')]
    """
    sentences = tuple((sent.start_char, sent.end_char) for sent in sdoc.sents)
    sent_index = sentence_of(sdoc)
    tokens_of: dict[Mention, range] = {}
    mentions = []
    for mention, tokens in _entity_mentions(sdoc, sent_index):
        mentions.append(mention)
        tokens_of[mention] = tokens
    mentions = _drop_headline_only(sdoc, mentions)
    mentions = _acronym_mentions(sdoc, sent_index, mentions, tokens_of, acronyms)
    taken = {i for m in mentions for i in tokens_of[m]}
    mentions += _unlabelled(sdoc, sent_index, taken)
    mentions += _propagate(sdoc, sent_index, taken, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    return sentences, cues.annotate(sdoc, mentions)


def _entity_mentions(sdoc, sent_index: dict[int, int]) -> list[tuple[Mention, range]]:
    """NER's names, dates and events, each trimmed to the name itself (`_trim`), grown over
    hyphenated words and an organisation's head noun, with the tokens it covers."""
    headline = [is_headline(sent) for sent in sdoc.sents]
    found = []
    for ent in (part for whole in sdoc.ents for part in _place_pairs(whole)):
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or (ent.label_ == "NORP" and not _norp_is_org(ent)):
            continue
        if kind != "Date" and _URLISH.search(ent.text) or country_of_demonym(ent.text.strip()):
            continue  # a link, or a nationality word NER took for a name ("Bangladeshi")
        trimmed = _trim(ent, kind, headline[sent_index[ent.start]])
        if trimmed is None:
            continue
        first, last, title = trimmed
        first, last = _hyphen_extend(sdoc, first, last)
        if kind == "Organization":
            last = _org_extend(sdoc, last)
        start, end = sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text)
        text = phrase_text(sdoc, start, end)
        if not _is_name(sdoc, text, kind, first == last):
            continue
        kind = _head_kind(sdoc[first:last + 1], kind)
        value = normalise(text) if kind == "Date" else None
        mention = Mention(start, end, text, kind, sent_index[first], value,
                          title=" ".join(t.text for t in title) or None,
                          title_word=_title_word(text_of(sdoc), start))
        found.append((mention, range(first, last + 1)))
    return found


def _lettered(token) -> bool:
    """A word of letters, dotted abbreviations included ("U.S.", "U.N.")."""
    return token.is_alpha or bool(re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?", token.text))


def _is_name(sdoc, text: str, kind: str, one_word: bool) -> bool:
    """Whether TEXT, what is left of an entity after trimming, is still a name."""
    if text.count("(") != text.count(")"):
        return False  # "Full Name (ACR" swallowed half a bracket; the acronym finder has it
    if not text or (kind != "Date" and not re.search(r"[^\W\d_]", text)):
        return False
    # "Regime" when the text also says "regime": a capitalised common noun
    return not (kind in ("Person", "Organization") and one_word and text[:1].isupper()
                and not text.isupper() and _occurs(sdoc, text.lower()))


def _occurs(sdoc, word: str) -> bool:
    if re.fullmatch(r"\w+", word):
        return word in words_of(sdoc)
    return bool(re.search(rf"\b{re.escape(word)}\b", text_of(sdoc)))


def _head_kind(span, kind: str) -> str:
    """The kind of a name, NER's corrected: its head noun decides first ("... Guard Corps",
    "... Council" are organisations, "Pacific Trade Summit" an event), then the words
    around it (`_cued_kind`)."""
    last = span[-1].lower_
    if kind in ("Person", "Place", "Event") and last.rstrip(".") in ORG_HEADS | COMPANY_TAILS:
        return "Organization"
    if kind in ("Person", "Organization", "Place") and last in EVENT_NOUNS:
        return "Event"
    if kind in ("Person", "Organization"):
        return _cued_kind(span, kind)
    return kind


def _title_word(text: str, start: int) -> str | None:
    """The title word right before offset START of TEXT, folded, or None.

    >>> _title_word("He met Dr. Ada Lovelace", 11), _title_word("He met Ada", 7)
    ('dr', None)
    """
    words = text[max(0, start - 40):start].split()
    word = words[-1].lower().rstrip(".") if words else ""
    return word if word in TITLE_WORDS else None


def _drop_headline_only(sdoc, mentions: list[Mention]) -> list[Mention]:
    """In a title-case headline NER takes any capitalised words for a name ("Weather Body
    Warns ..."); keep a headline mention only when the body names it too."""
    headline = set()
    body_parts = []
    for k, sent in enumerate(sdoc.sents):
        if is_headline(sent) and in_title_case(sent):
            headline.add(k)
        else:
            body_parts.append(sent.text)
    body = " ".join(body_parts)
    return [m for m in mentions
            if m.sentence not in headline or m.kind == "Date" or re.search(rf"\b{re.escape(m.text)}\b", body)]


def _mention_at(sdoc, sent_index, first: int, last: int, kind: str) -> Mention:
    start, end = sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text)
    text = text_of(sdoc)[start:end].rstrip(".,;:")  # "Inc." at a sentence's end: as NER spans are
    return Mention(start, start + len(text), text, kind, sent_index[first],
                   title_word=_title_word(text_of(sdoc), start))


def _acronym_mentions(sdoc, sent_index, mentions: list[Mention], tokens_of: dict, acronyms) -> list[Mention]:
    """Names around an acronym definition, "The World Weather Council (WWC)": the long form
    replaces any NER mention cut inside it ("World Weather" + "Council"), and every use of
    the short form becomes an organisation mention. Returns the new mention list."""
    for (long_start, long_end), (short_start, short_end) in acronyms:
        span = sdoc.char_span(long_start, long_end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        inside = set(range(span.start, span.end))
        overlapping = [m for m in mentions if inside & set(tokens_of[m])]
        if all(set(tokens_of[m]) <= inside for m in overlapping) and \
                not any(tokens_of[m] == range(span.start, span.end) for m in overlapping):
            mentions = [m for m in mentions if m not in overlapping]
            # The name's head decides: "John Fitz Kennedy (JFK)" stays a person, "Bank of
            # England (BoE)" is no place.
            heads = [m.kind for m in overlapping if span.root.i in tokens_of[m]]
            kind = heads[0] if heads and heads[0] in ("Person", "Organization", "Place") else "Organization"
            if {span.root.lower_, span[-1].lower_.rstrip(".")} & (ORG_HEADS | COMPANY_TAILS):
                kind = "Organization"
            mention = _mention_at(sdoc, sent_index, span.start, span.end - 1, kind)
            mentions.append(mention)
            tokens_of[mention] = range(span.start, span.end)
    taken = {i for m in mentions for i in tokens_of[m]}
    shorts = sorted({text_of(sdoc)[c:d] for _, (c, d) in acronyms}, key=lambda t: -len(t))
    for short in shorts:
        words = tuple(short.split())
        for token in tokens(sdoc):
            end = token.i + len(words)
            if token.text == words[0] and end <= len(sdoc) and tuple(t.text for t in sdoc[token.i:end]) == words:
                if any(i in taken for i in range(token.i, end)):
                    # NER found it already (its kind is corrected by _cued_kind and the vote)
                    continue
                mention = _mention_at(sdoc, sent_index, token.i, end - 1, "Organization")
                mentions.append(mention)
                tokens_of[mention] = range(token.i, end)
                taken.update(range(token.i, end))
    return mentions


def _unlabelled(sdoc, sent_index, taken: set[int]) -> list[Mention]:
    """Organisations NER missed: capitalised words that end in a head noun or company
    suffix ("Halvorsen Motors", "Acme Robotics Inc."), or that follow a class noun ("the
    business daily Ekonomisk Tid"). Headlines are left out: every word is capitalised there."""
    found = []
    for sent in sdoc.sents:
        if is_headline(sent) and in_title_case(sent):
            continue
        i = sent.start
        while i < sent.end:
            j = i
            while j < sent.end and j not in taken and sdoc[j].pos_ == "PROPN" and sdoc[j].is_title \
                    and not sdoc[j].ent_type_:
                j += 1
            if j == i:
                i += 1
                continue
            before = sdoc[i - 1] if i > sent.start else None
            cued = before is not None and before.is_lower and before.lower_ in ORG_CLASS_NOUNS
            last = j - 1
            while last > i and sdoc[last].lower_.rstrip(".") not in ORG_HEADS | COMPANY_TAILS | PARTY_PLURALS:
                last -= 1
            headed = last > i
            if headed or cued and i > sent.start:
                end = last if headed else j - 1
                found.append(_mention_at(sdoc, sent_index, i, end, "Organization"))
                taken.update(range(i, end + 1))
            i = j
    return found


def _propagate(sdoc, sent_index, taken: set[int], mentions: list[Mention]) -> list[Mention]:
    """One name, one entity per document: where NER found "Acme Robotics" or "Maria Lopez"
    once, the same words elsewhere in the document (and the surname alone) are mentions too."""
    names: dict[tuple[str, ...], str] = {}
    for mention in mentions:
        if mention.kind in ("Person", "Organization", "Place"):
            words = tuple(mention.text.split())
            names.setdefault(words, mention.kind)
            if mention.kind == "Person" and len(words) > 1 and words[-1][:1].isupper():
                names.setdefault(words[-1:], "Person")
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, kind in sorted(names.items(), key=lambda kv: -len(kv[0])):
        by_first.setdefault(words[0], []).append((words, kind))
    found = []
    for token in tokens(sdoc):
        if token.i in taken or token.text not in by_first:
            continue
        for words, kind in by_first[token.text]:
            end = token.i + len(words)
            if end <= len(sdoc) and tuple(t.text for t in sdoc[token.i:end]) == words \
                    and not any(i in taken for i in range(token.i, end)):
                found.append(_mention_at(sdoc, sent_index, token.i, end - 1, kind))
                taken.update(range(token.i, end))
                break
    return found

