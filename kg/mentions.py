"""Stage 3: collect entity and date mentions from one parsed document.

    collect(sdoc) -> (sentences, mentions, titles)

Works on any object with spaCy's Doc API; spaCy itself is imported only by kg.nlp.
"""

from __future__ import annotations

import re

from kg.dates import normalise
from kg.lexicon import DETERMINERS, EVENT_NOUNS, ORG_HEADS, TITLE_MODIFIERS, TITLE_WORDS
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
_TRIM = " \t\n\"'“”‘’()[]{}<>,.;:!?|/\\-–—*"


def _is_headline(sent) -> bool:
    """A line with no final punctuation: a headline, caption or label, not a sentence."""
    text = sent.text.strip()
    return bool(text) and not text.endswith((".", "!", "?", '"', "”", ":", ";"))


def _trim(span, kind: str, headline: bool):
    """Shrink SPAN to the name itself: returns (first, last) token indexes (inclusive)
    and the title tokens stripped from its front, or None when no name is left."""
    tokens = [t for t in span if not t.is_space]
    title: list = []
    # Headline fragments: "X Recognizes That ..." is tagged PERSON up to the verb.
    if headline and len(tokens) > 1:
        for k, token in enumerate(tokens[1:], start=1):
            verbish = token.dep_ == "ROOT" and token.i + 1 < span.sent.end and token.lower_.endswith(("s", "ed"))
            if token.tag_.startswith("VB") or verbish:
                tokens = tokens[:k]
                break
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS" or tokens[-1].lower_ in ("'s", "’s")):
        tokens = tokens[:-1]
    if kind == "Person":
        while len(tokens) > 1 and (tokens[0].lower_.rstrip(".") in TITLE_WORDS
                                   or tokens[0].lower_ in TITLE_MODIFIERS and len(title) == 0
                                   and tokens[1].lower_.rstrip(".") in TITLE_WORDS):
            title.append(tokens[0])
            tokens = tokens[1:]
    if not tokens:
        return None
    if kind not in ("Date",) and not any(t.is_alpha and (t.is_upper or t.is_title) for t in tokens):
        return None  # "regime", "democratic": no proper name left
    if kind in ("Person", "Organization") and not any(t.pos_ == "PROPN" or t.is_upper for t in tokens):
        return None  # "Regime", "Parliament" capitalised: a common noun, not a name
    if all(t.lower_.rstrip(".") in TITLE_WORDS | TITLE_MODIFIERS for t in tokens):
        return None  # a title alone ("Supreme Leader") is not a name
    return tokens[0].i, tokens[-1].i, title


def _norp_is_org(span) -> bool:
    """NORP names a group ("Democrats", "Iranians"); it is an organisation only when its
    last word is an organisation head ("Islamic Jihad Movement" tagged NORP)."""
    return span[-1].lower_ in ORG_HEADS


def collect(sdoc, acronyms=()) -> tuple[tuple[Span, ...], list[Mention], list[tuple[Mention, str]]]:
    """Sentences (character spans), entity mentions and (person, title) pairs of SDOC;
    ACRONYMS are the (long form, acronym) spans kg.acronyms.definitions found in its text.

    A mention's text is the cleaned name: no leading "the", no possessive, no title.
    """
    sentences = []
    sent_index = {}
    for k, sent in enumerate(sdoc.sents):
        sentences.append((sent.start_char, sent.end_char))
        for token in sent:
            sent_index[token.i] = k
    mentions: list[Mention] = []
    titles: list[tuple[Mention, str]] = []
    tokens_of: dict[Mention, range] = {}
    for ent in sdoc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or (ent.label_ == "NORP" and not _norp_is_org(ent)):
            continue
        if kind != "Date" and _URLISH.search(ent.text):
            continue
        trimmed = _trim(ent, kind, _is_headline(ent.sent))
        if trimmed is None:
            continue
        first, last, title = trimmed
        start, end = sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text)
        text = re.sub(r"\s+", " ", sdoc.text[start:end]).strip(_TRIM)
        if text.count("(") != text.count(")"):
            continue  # "Full Name (ACR" swallowed half a bracket; the acronym finder has it
        if not text or (kind != "Date" and not re.search(r"[^\W\d_]", text)):
            continue
        if kind in ("Person", "Organization") and first == last and text[:1].isupper() \
                and not text.isupper() and re.search(rf"\b{re.escape(text.lower())}\b", sdoc.text):
            continue  # "Regime" when the text also says "regime": a capitalised common noun
        if kind in ("Person", "Place", "Event") and sdoc[last].lower_ in ORG_HEADS:
            kind = "Organization"  # "... Guard Corps", "... Council": the head noun decides
        elif kind in ("Person", "Organization", "Place") and sdoc[last].lower_ in EVENT_NOUNS:
            kind = "Event"  # "Pacific Trade Summit", "Paris Peace Conference"
        value = normalise(text) if kind == "Date" else None
        mention = Mention(start, end, text, kind, sent_index[first], value)
        mentions.append(mention)
        tokens_of[mention] = range(first, last + 1)
        if title:
            titles.append((mention, " ".join(t.text for t in title)))
    mentions = _drop_headline_only(sdoc, mentions)
    taken = {i for m in mentions for i in tokens_of[m]}
    mentions += _acronym_mentions(sdoc, sent_index, taken, acronyms)
    mentions += _propagate(sdoc, sent_index, taken, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    kept = set(mentions)
    titles = [(m, t) for m, t in titles if m in kept]
    return tuple(sentences), mentions, titles


def _drop_headline_only(sdoc, mentions: list[Mention]) -> list[Mention]:
    """In a title-case headline NER takes any capitalised words for a name ("Weather Body
    Warns ..."); keep a headline mention only when the body names it too."""
    headline = set()
    body_parts = []
    for k, sent in enumerate(sdoc.sents):
        if _is_headline(sent) and _title_case(sent):
            headline.add(k)
        else:
            body_parts.append(sent.text)
    body = " ".join(body_parts)
    return [m for m in mentions
            if m.sentence not in headline or m.kind == "Date" or re.search(rf"\b{re.escape(m.text)}\b", body)]


def _title_case(sent) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title or t.is_upper for t in words) >= 0.6 * len(words)


def _mention_at(sdoc, sent_index, first: int, last: int, kind: str) -> Mention:
    start, end = sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text)
    return Mention(start, end, sdoc.text[start:end], kind, sent_index[first])


def _acronym_mentions(sdoc, sent_index, taken: set[int], acronyms) -> list[Mention]:
    """Names NER missed around an acronym definition, "The World Weather Council (WWC)":
    the long form and every later use of the acronym become organisation mentions."""
    found = []
    for (long_start, long_end), (acronym_start, acronym_end) in acronyms:
        span = sdoc.char_span(long_start, long_end, alignment_mode="contract")
        if span is not None and len(span) and not any(t.i in taken for t in span):
            found.append(_mention_at(sdoc, sent_index, span[0].i, span[-1].i, "Organization"))
            taken.update(t.i for t in span)
        acronym = sdoc.text[acronym_start:acronym_end]
        for token in sdoc:
            if token.text == acronym and token.i not in taken:
                found.append(_mention_at(sdoc, sent_index, token.i, token.i, "Organization"))
                taken.add(token.i)
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
    for token in sdoc:
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

