"""The per-document index every analysis stage reads: what spaCy would recompute on each
access, kept once per parsed document, the lookups every stage makes (the span of a
mention, the text between two offsets, whether a line is a headline) and a lookup from
tokens to mentions.

    text_of(sdoc) -> str                       (spaCy's Doc.text joins every token again on
                                                each access: per-mention slicing was quadratic)
    keep_text(sdoc, text)                      text_of answers the document's own text
    sentence_of(sdoc) -> {token index: sentence index}
    noun_chunks(sdoc) -> tuple of spans
    words_of(sdoc) -> frozenset of the words of the text
    span_of(sdoc, mention) -> spaCy Span | None   the tokens a mention covers
    phrase_text(sdoc, start, end) -> str       the words between two offsets, on one line
    is_headline(sent), in_title_case(sent), is_title_case_line(sent) -> bool
    MentionIndex(sdoc, mentions)               token -> mention, pronouns, agents
"""

from __future__ import annotations

import re

from kg.analysis.pronouns import antecedents, resolve
from kg.model import Mention
from kg.vocab import AGENT_KINDS

# What phrase_text strips from around a phrase: quote marks, brackets, punctuation, dashes.
_TRIM = " \t\n\"'“”‘’()[]{}<>,.;:!?|/\\-–—*"
_SENTENCE_ENDS = (".", "!", "?", '"', "”")

_KEY = "kg.text"
SPANS = "kg.spans"  # span_of's spans, by mention offsets


def text_of(sdoc) -> str:
    """SDOC.text, kept in SDOC.user_data after the first call (any object with the Doc
    API works; one without user_data is asked each time)."""
    store = getattr(sdoc, "user_data", None)
    if store is None:
        return sdoc.text
    text = store.get(_KEY)
    if text is None:
        text = store[_KEY] = sdoc.text
    return text


def keep_text(sdoc, text: str) -> None:
    """Let text_of answer TEXT, the document's own text, which SDOC's is (kg.nlp.parse
    joins a document's pieces character for character): spaCy would join every token's
    text again for it. Nothing is kept when SDOC's length says otherwise."""
    store = getattr(sdoc, "user_data", None)
    if store is not None and len(sdoc) and sdoc[-1].idx + len(sdoc[-1].text_with_ws) == len(text):
        store[_KEY] = text


_SENTENCES = "kg.sentence_of"


def sentence_of(sdoc) -> dict[int, int]:
    """Token index -> sentence index (in SDOC.sents order), built once per document and
    kept like text_of's text. Callers must not change it."""
    store = getattr(sdoc, "user_data", None)
    index = store.get(_SENTENCES) if store is not None else None
    if index is None:
        index = {t.i: k for k, sent in enumerate(sdoc.sents) for t in sent}
        if store is not None:
            store[_SENTENCES] = index
    return index


_WORDS = "kg.words"


def words_of(sdoc) -> frozenset[str]:
    """Every maximal run of word characters in SDOC's text, as written: whether a word
    occurs in the document, in constant time (a regex over a book per name was quadratic).

    >>> "regime" in words_of(nlp("The regime's Regime-backed daily"))  # doctest: +SKIP
    True
    """
    store = getattr(sdoc, "user_data", None)
    words = store.get(_WORDS) if store is not None else None
    if words is None:
        words = frozenset(re.findall(r"\w+", text_of(sdoc)))
        if store is not None:
            store[_WORDS] = words
    return words


_CHUNKS = "kg.noun_chunks"


def noun_chunks(sdoc) -> tuple:
    """SDOC.noun_chunks as a tuple, found once per document (spaCy walks the parse again
    on each iteration)."""
    store = getattr(sdoc, "user_data", None)
    chunks = store.get(_CHUNKS) if store is not None else None
    if chunks is None:
        chunks = tuple(sdoc.noun_chunks)
        if store is not None:
            store[_CHUNKS] = chunks
    return chunks


def span_of(sdoc, mention: Mention):
    """The tokens MENTION covers (a spaCy Span, grown to whole tokens), or None when its
    offsets fall outside SDOC.

    >>> span_of(nlp("He met Dr. Ada Lovelace."), Mention(11, 23, "Ada Lovelace", "Person", 0)).text  # doctest: +SKIP
    'Ada Lovelace'
    """
    store = getattr(sdoc, "user_data", None)
    if store is None:
        return sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    spans = store.setdefault(SPANS, {})
    if mention.span not in spans:
        spans[mention.span] = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    return spans[mention.span]


_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def phrase_text(sdoc, start: int, end: int) -> str:
    """The text of SDOC from START to END on one line, without the quote marks, brackets
    and punctuation around it: how a mention's name is written.

    >>> phrase_text(nlp('He said "the Acme\\nCouncil".'), 8, 26)  # doctest: +SKIP
    'the Acme Council'
    """
    raw = re.sub(r"\s+", " ", text_of(sdoc)[start:end])
    text = raw.strip(_TRIM)
    if _DOTTED.fullmatch(text) and raw.rstrip().endswith(text + "."):
        text += "."  # "U.S.", "U.N.": the last dot is the abbreviation's
    return text


def is_headline(sent) -> bool:
    """A line with no final punctuation: a headline, caption or label, not a sentence (a
    line ending in a colon or semicolon introduces what follows, it is no headline).

    >>> is_headline(nlp("Acme and Borland agree merger")[:])  # doctest: +SKIP
    True
    """
    text = _text(sent).strip()
    return bool(text) and not text.endswith(_SENTENCE_ENDS + (":", ";"))


def _text(span) -> str:
    """SPAN.text, sliced from its document's kept text (Span.text makes every token)."""
    doc = getattr(span, "doc", None)
    return text_of(doc)[span.start_char:span.end_char] if doc is not None else span.text


def in_title_case(sent) -> bool:
    """Most words of SENT longer than three letters (six in ten) are capitalised.

    >>> in_title_case(nlp("Acme and Borland Agree Merger")[:])  # doctest: +SKIP
    True
    """
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title or t.is_upper for t in words) >= 0.6 * len(words)


def is_title_case_line(sent) -> bool:
    """A line in title case that ends no sentence ("Acme and Borland Agree Merger", also
    with a colon after it): capitals say nothing there.

    >>> is_title_case_line(nlp("Acme and Borland Agree Merger:")[:])  # doctest: +SKIP
    True
    """
    return not _text(sent).strip().endswith(_SENTENCE_ENDS) and in_title_case(sent)


_INDEXES = "kg.mention_indexes"


class MentionIndex:
    """Token index -> mention, for the mentions of one document; also knows each token's
    sentence and which person a subject "he"/"she" stands for (kg.pronouns).

    One index is made per document and list of mentions: stages that read the same
    mentions share it (kept in SDOC.user_data, like text_of's text), and with it the
    pronouns it resolved. Callers must not change it."""

    def __new__(cls, sdoc, mentions: list[Mention]):
        store = getattr(sdoc, "user_data", None)
        if store is None:
            return super().__new__(cls)
        indexes = store.setdefault(_INDEXES, {})
        key = tuple(mentions)
        index = indexes.get(key)
        if index is None:
            index = indexes[key] = super().__new__(cls)
        return index

    def __init__(self, sdoc, mentions: list[Mention]):
        if getattr(self, "_sdoc", None) is not None:
            return  # a shared index, made by an earlier stage
        self._sdoc, self._mentions = sdoc, mentions
        self.by_token: dict[int, Mention] = {}
        self.sent_of: dict[int, int] = sentence_of(sdoc)
        for mention in mentions:
            span = span_of(sdoc, mention)
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
        self._pronouns: dict[int, Mention] | None = None

    @property
    def pronouns(self) -> dict[int, Mention]:
        """Token index of a subject "he"/"she" -> the person it stands for (found on first use)."""
        if self._pronouns is None:
            self._pronouns = antecedents(self._sdoc, self._mentions, self.sent_of)
        return self._pronouns

    def at(self, token, kinds=None) -> Mention | None:
        mention = self.by_token.get(token.i)
        if mention is not None and (kinds is None or mention.kind in kinds):
            return mention
        return None

    def referred(self, token, kinds) -> Mention | None:
        """The mention TOKEN names, or the one it refers back to when it is a pronoun or
        a definite noun ("its", "the commission": kg.analysis.pronouns)."""
        found = self.at(token, kinds)
        if found is None and token.pos_ in ("PRON", "NOUN"):
            found = resolve(self._sdoc, token.i, self._mentions, self.sent_of)
            if found is not None and found.kind not in kinds:
                found = None
        return found

    def of_phrase(self, token, kinds) -> Mention | None:
        """The mention a noun phrase headed by TOKEN names: the token itself, or a name in
        apposition to it ("the supreme leader, X")."""
        found = self.at(token, kinds)
        if found:
            return found
        for child in token.children:
            if child.dep_ == "appos" and (found := self.at(child, kinds)):
                return found
        return None

    def agent(self, token, kinds=AGENT_KINDS) -> tuple[Mention | None, bool]:
        """The mention TOKEN stands for as a clause's subject: a name, a resolved "he"/"she",
        or the antecedent of a relative "who"/"which" ("X, who heads Y").
        Returns (mention, resolved) where resolved says a pronoun was followed."""
        found = self.of_phrase(token, kinds)
        if found:
            return found, False
        person = self.pronouns.get(token.i)
        if person is not None and "Person" in kinds:
            return person, True
        if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
            return self.described(token.head.head, kinds), False
        return None, False

    def described(self, noun, kinds) -> Mention | None:
        """The mention NOUN names or describes: "X", "X, a lawyer", "X is a lawyer"."""
        found = self.of_phrase(noun, kinds)
        if found is None and noun.dep_ == "appos":
            found = self.at(noun.head, kinds)
        if found is None and noun.dep_ == "attr" and noun.head.lemma_ == "be":
            found = next((m for c in noun.head.children if c.dep_ == "nsubj"
                          and (m := self.of_phrase(c, kinds))), None)
        return found

    def sentence(self, token) -> int:
        return self.sent_of[token.i]
