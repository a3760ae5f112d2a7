"""The per-document index every analysis stage reads: what spaCy would recompute on each
access, kept once per parsed document, and a lookup from tokens to mentions.

    text_of(sdoc) -> str                       (spaCy's Doc.text joins every token again on
                                                each access: per-mention slicing was quadratic)
    sentence_of(sdoc) -> {token index: sentence index}
    noun_chunks(sdoc) -> tuple of spans
    MentionIndex(sdoc, mentions)               token -> mention, pronouns, agents
"""

from __future__ import annotations

from kg.analysis.pronouns import antecedents
from kg.model import Mention
from kg.vocab import AGENT_KINDS

_KEY = "kg.text"


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


class MentionIndex:
    """Token index -> mention, for the mentions of one document; also knows each token's
    sentence and which person a subject "he"/"she" stands for (kg.pronouns)."""

    def __init__(self, sdoc, mentions: list[Mention]):
        self._sdoc, self._mentions = sdoc, mentions
        self.by_token: dict[int, Mention] = {}
        self.sent_of: dict[int, int] = sentence_of(sdoc)
        for mention in mentions:
            span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
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
