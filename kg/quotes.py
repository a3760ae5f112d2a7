"""Stage 4b: direct quotations and their speakers (a first version).

    find(sdoc, mentions) -> (quotes, facts)

A quotation is text between double quotes that is a clause (it has a verb) and is not
a two-word slogan; its speaker is the person or organisation that is the subject of a
speech verb in the same sentence. A quotation with no speaker found is kept without one.
"""

from __future__ import annotations

import re

from kg.extract import AGENTS, MentionIndex
from kg.model import Fact, Mention, Quote

SPEECH_VERBS = frozenset(
    """
    say add state tell warn claim write declare announce insist argue explain note
    complain twit tweet post ask reply respond answer admit acknowledge deny stress
    emphasise emphasize describe call threaten vow urge suggest conclude
    """.split()
)
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")


def _speaker(sent, index) -> Mention | None:
    for token in sent:
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ not in ("nsubj", "agent"):
                    continue
                if child.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                    child = token.head  # "the association, which said: ..." speaks for it
                if m := index.of_phrase(child, AGENTS):
                    return m
    return None


def find(sdoc, mentions: list[Mention]) -> tuple[list[Quote], list[Fact]]:
    """Quotations of SDOC and a `said` fact for each one whose speaker is found."""
    index = MentionIndex(sdoc, mentions)
    quotes, facts = [], []
    sentences = list(sdoc.sents)
    for match in _QUOTED.finditer(sdoc.text):
        start, end = match.span(1)
        text = re.sub(r"\s+", " ", match.group(1)).strip(" ,.")
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is None or len(text.split()) < 4:
            continue  # "democratic", "selections": scare quotes, not speech
        if not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        k = next(i for i, s in enumerate(sentences) if s.start <= span[0].i < s.end)
        quote = Quote(start, end, text, k)
        quotes.append(quote)
        speaker = _speaker(sentences[k], index)
        if speaker is not None and not (start <= speaker.start < end):
            facts.append(Fact(speaker.span, "said", (start, end),
                              k, "speech-verb-subject", 0.7, obj_kind="quote"))
    return quotes, facts
