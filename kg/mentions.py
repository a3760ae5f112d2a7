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


def collect(sdoc) -> tuple[tuple[Span, ...], list[Mention], list[tuple[Mention, str]]]:
    """Sentences (character spans), entity mentions and (person, title) pairs of SDOC.

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
    taken: set[int] = set()
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
        if not text or (kind != "Date" and not re.search(r"[^\W\d_]", text)):
            continue
        if kind in ("Person", "Place", "Event") and sdoc[last].lower_ in ORG_HEADS:
            kind = "Organization"  # "... Guard Corps", "... Council": the head noun decides
        value = normalise(text) if kind == "Date" else None
        mention = Mention(start, end, text, kind, sent_index[first], value)
        mentions.append(mention)
        taken.update(range(first, last + 1))
        if title:
            titles.append((mention, " ".join(t.text for t in title)))
    mentions.extend(_event_phrases(sdoc, sent_index, taken))
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(sentences), mentions, titles


def _event_phrases(sdoc, sent_index, taken) -> list[Mention]:
    """Noun phrases headed by an event noun that name one event: they carry a year or date,
    an ordinal, or a capitalised modifier ("the 1988 massacre", "the Free Iran gathering")."""
    found = []
    for chunk in sdoc.noun_chunks:
        root = chunk.root
        if root.lower_ not in EVENT_NOUNS or root.i in taken:
            continue
        mods = [t for t in chunk if t.i < root.i and t.lower_ not in DETERMINERS
                and t.tag_ not in ("PRP$", "POS") and not t.is_punct]
        # Start after the last possessor or punctuation ("the regime's elections" -> "elections").
        cuts = [t.i for t in chunk if (t.tag_ == "POS" or t.is_punct) and t.i < root.i]
        if cuts:
            mods = [t for t in mods if t.i > cuts[-1]]
        specific = any(
            t.ent_type_ in ("DATE", "ORDINAL", "EVENT")
            or (t.is_title and t.i > chunk.sent.start and t.pos_ == "PROPN")
            for t in mods
        )
        if not specific or not mods:
            continue
        start, end = mods[0].idx, root.idx + len(root.text)
        text = re.sub(r"\s+", " ", sdoc.text[start:end]).strip(_TRIM)
        found.append(Mention(start, end, text, "Event", sent_index[root.i]))
    return found
