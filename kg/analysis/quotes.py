"""Quotations and who said them, read off the parse: which quoted spans are speech, and
their speakers. (Where the quote marks are is `quotespans`' work, on the text alone;
kg.quotelist reads quotations back from an export.)

    find(sdoc, mentions) -> (quotes, facts)
    antecedent(pronoun, sdoc, sentences, candidates, quoted) -> Mention | None

Quoted spans come from `kg.analysis.quotespans` (straight and curly quotes, quotations of
several paragraphs, block quotes after a colon). A span is a quotation when it is
attached to a speech verb ("called it '…'", "said: '…'") or is a clause of three words
or more that is not a title; one- and two-word spans ("democratic", "good news") are
scare quotes.

The speaker is the subject of the speech verb nearest the quotation in its own sentences
(either order: "X said: '…'", "'…,' X said", "'…,' said X"), or of the verb the speech
verb hangs from ("…, saying '…'"), or the name after "according to"; for a block quote,
the colon sentence that introduces it. A "he"/"she" speaker is the person the pronoun
refers to when that is unambiguous, "it" an organisation (see `antecedent`); "a
spokesman for X" and "the commission" (after "the Electoral Commission") speak for the
organisation. A quotation with no speech verb of its own takes the speaker of the
quotation before it in its paragraph, or the named subject of the sentence before it.
A quotation whose speaker is not found is kept with its document only: no speaker is
guessed.

Reported speech ("X said that the plan failed") becomes a quote marked `indirect` when
its speaker is a name.
"""

from __future__ import annotations

import re

from kg.analysis.docindex import MentionIndex, sentence_of, span_of, text_of
from kg.analysis.quotespans import QuotedSpan, spans
from kg.model import Fact, Mention, Quote
from kg.vocab import AGENT_KINDS

SPEECH_VERBS = frozenset(
    """
    say add state tell warn claim write declare announce insist argue explain note
    complain twit tweet post ask reply respond answer admit acknowledge deny stress
    emphasise emphasize describe call threaten vow urge suggest conclude remark comment
    recall observe assert allege maintain contend concede predict promise pledge caution
    proclaim shout testify cite quip
    """.split()
)
# Verbs that attribute a quotation only when they follow it ("'…,' she continued").
AFTER_QUOTE_VERBS = frozenset("continue".split())
# Reported speech: "X said that ...". Verbs of opinion ("believe") are not speech.
INDIRECT_VERBS = frozenset(
    "say tell claim state warn write declare announce insist argue explain add stress deny admit".split()
)
# Verbs that name a thing rather than quote speech: a title-cased span after them
# ("described in the novel 'The Long Winter'") is a title, not a quotation.
NAMING_VERBS = frozenset("call describe cite name dub label term".split())
SPEAKER_PRONOUNS = frozenset("he she".split())
# "a spokesman for X said", "X's spokeswoman said", "a statement from X said": X speaks.
MOUTHPIECES = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokespeople representative statement".split()
)
_CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp")  # "…, saying '…'" speaks for its head's subject
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_INVERTED_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "dative", "oprd")
_MIN_WORDS = 3


def _text(text: str, quoted: QuotedSpan) -> str:
    words = " ".join(text[a:b] for a, b in quoted.pieces)
    return re.sub(r"\s+", " ", words).strip(" ,")


def _tokens(sdoc, quoted: QuotedSpan) -> list:
    out = []
    for a, b in quoted.pieces:
        span = sdoc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return out


def _is_speech(token, after: bool) -> bool:
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return lemma in SPEECH_VERBS or (after and lemma in AFTER_QUOTE_VERBS)


def _attached_verb(tokens, inside: set[int]):
    """The speech verb the quotation hangs from ("called it '…'", "described as '…'",
    "said: '…'"), or that hangs from it ("'…,' he said", parsed under the quote)."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i in ids or token.head == token:
            for child in token.children:
                if child.i not in ids and child.i not in inside and _is_speech(child, child.i > tokens[-1].i):
                    return child
            continue
        head, hops = token.head, 0
        while hops < 2 and head.i not in inside:
            if _is_speech(head, head.i > tokens[-1].i):
                return head
            if head.pos_ in ("VERB", "AUX") or head.head == head:
                break  # another verb governs the quotation: it is that verb's object
            head, hops = head.head, hops + 1
    return None


def _nearest_verb(sdoc, tokens, inside: set[int], sentences: list, first: int, last: int):
    """The speech verb outside every quotation nearest to TOKENS in sentences FIRST..LAST."""
    best = None
    for sent in sentences[first:last + 1]:
        for token in sent:
            if token.i in inside or not _is_speech(token, token.i > tokens[-1].i):
                continue
            distance = min(abs(token.i - tokens[0].i), abs(token.i - tokens[-1].i))
            if best is None or distance < best[0]:
                best = (distance, token)
    return best[1] if best else None


def _subject(verb, quote_start: int, inside: set[int]):
    """The token naming who speaks through VERB, or None."""
    if verb.lower_ == "according":
        for to in verb.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    for child in verb.children:
        if child.i in inside:
            continue
        if child.dep_ == "nsubj":
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head  # "the association, which said: ..." speaks for it
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if verb.i > quote_start:  # "'…,' said the minister" / "'…,' tweeted the party"
        for child in verb.rights:
            if child.i not in inside and child.dep_ in _INVERTED_DEPS and child.pos_ in ("PROPN", "NOUN"):
                return child
    if verb.dep_ in _CLIMB_DEPS and verb.head != verb:
        head = verb.head
        if verb.tag_ == "VBG" and head.dep_ == "ccomp":
            head = head.head  # "X implied that Y is Z, complaining …": the parse hangs the
            # participle on the reported clause, but it is X who complains
        return _subject(head, quote_start, inside)
    return None


def _is_subject(sdoc, mention: Mention) -> bool:
    span = span_of(sdoc, mention)
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("appos", "compound", "conj") and root.head != root:
        root = root.head  # "X and Y met ...": both are subjects
    return root.dep_ in _SUBJECT_DEPS


def antecedent(pronoun, sdoc, sentences: list, candidates: list[Mention], quoted: list[QuotedSpan],
               subjects_only: bool = False) -> Mention | None:
    """The person (or, for "it", organisation) a pronoun speaker stands for: the nearest
    earlier sentence (this one up to the pronoun, then up to three before it) that names
    one of CANDIDATES outside quotation marks decides; among its names the grammatical
    subjects count first (with SUBJECTS_ONLY, only they count), and two different names
    there make it ambiguous (None)."""
    k = sentence_of(sdoc)[pronoun.i]
    for j in range(k, max(k - 4, -1), -1):
        sent = sentences[j]
        found = [m for m in candidates if sent.start_char <= m.start < min(sent.end_char, pronoun.idx)
                 and not any(q.contains(m.start) for q in quoted)]
        if not found:
            continue
        subjects = [m for m in found if _is_subject(sdoc, m)]
        pool = subjects if subjects or subjects_only else found
        names = {m.text.split()[-1].lower() for m in pool}
        return max(pool, key=lambda m: len(m.text)) if len(names) == 1 else None
    return None


class _Speakers:
    """Resolves the speaker of a speech verb to a mention (names, "he"/"she")."""

    def __init__(self, sdoc, mentions: list[Mention], quoted: list[QuotedSpan], inside: set[int]):
        self.sdoc, self.quoted, self.inside = sdoc, quoted, inside
        self.index = MentionIndex(sdoc, mentions)
        self.sentences = list(sdoc.sents)
        self.persons = [m for m in mentions if m.kind == "Person"]
        self.organizations = [m for m in mentions if m.kind == "Organization"]

    def of(self, verb, quote_start: int) -> tuple[Mention | None, str]:
        """(speaker, method) of VERB; the method says whether a pronoun was resolved."""
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            token = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            return (self.index.of_phrase(token, AGENT_KINDS) if token is not None else None), "speech-verb-subject"
        token = _subject(verb, quote_start, self.inside)
        if token is not None and token.lemma_.lower() in MOUTHPIECES:
            return self._principal(token), "spokesperson-for"
        if token is None or token.pos_ not in ("NOUN", "PROPN", "PRON", "X"):
            # no subject, or an adverb parsed as one: the parse failed here
            return self._sole_agent(verb), "sole-agent-in-sentence"
        if token.lower_ in SPEAKER_PRONOUNS:
            return antecedent(token, self.sdoc, self.sentences, self.persons, self.quoted), "pronoun-speaker"
        if token.lower_ == "it" and verb.pos_ == "VERB":  # "it said": an organisation that was a subject
            return antecedent(token, self.sdoc, self.sentences, self.organizations, self.quoted,
                              subjects_only=True), "pronoun-speaker"
        if found := self.index.of_phrase(token, AGENT_KINDS):
            return found, "speech-verb-subject"
        return self._named_before(token), "definite-noun-speaker"

    def _named_before(self, noun) -> Mention | None:
        """"The commission said": the one organisation named in the five sentences before
        whose name ends in that noun ("the Electoral Commission")."""
        if noun.pos_ != "NOUN" or not any(c.lower_ == "the" for c in noun.children):
            return None
        k = self.sentence_of(noun)
        low = self.sentences[max(k - 5, 0)].start_char
        found = {m.text: m for m in self.index.by_token.values() if m.kind == "Organization"
                 and low <= m.start < noun.idx and m.text.split()[-1].lower() in (noun.lower_, noun.lemma_.lower())}
        return next(iter(found.values())) if len(found) == 1 else None

    def _principal(self, noun) -> Mention | None:
        """Whom a spokesperson or statement speaks for: "X's", "for/of/from X", "X spokesman"."""
        if found := self.index.at(noun, AGENT_KINDS):
            return found
        for child in noun.children:
            if child.dep_ in ("poss", "compound") and (found := self.index.of_phrase(child, AGENT_KINDS)):
                return found
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := self.index.of_phrase(obj, AGENT_KINDS)):
                        return found
        return None

    def _sole_agent(self, verb) -> Mention | None:
        """When the parse gives a speech verb no subject at all, the one person its
        sentence names outside quotation marks (else the one organisation), if only one."""
        sent = verb.sent
        named = [m for m in self.index.by_token.values() if m.kind in AGENT_KINDS
                 and sent.start_char <= m.start < sent.end_char and not any(q.contains(m.start) for q in self.quoted)]
        found = [m for m in named if m.kind == "Person"] or named
        names = {m.text.split()[-1].lower() for m in found}
        return max(found, key=lambda m: len(m.text)) if len(names) == 1 else None

    def sentence_of(self, token) -> int:
        return self.index.sentence(token)


_CONFIDENCE = {"speech-verb-subject": 0.7, "pronoun-speaker": 0.6, "block-quote-intro": 0.6,
               "spokesperson-for": 0.6, "same-paragraph-speaker": 0.6, "sole-agent-in-sentence": 0.5,
               "definite-noun-speaker": 0.5, "previous-sentence-subject": 0.5,
               "indirect-speech": 0.5}


def _is_title(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def find(sdoc, mentions: list[Mention]) -> tuple[list[Quote], list[Fact]]:
    """Quotations of SDOC (direct, then reported speech) and a `said` fact for each one
    whose speaker is found.

    For '"We will win the vote," Jane Holt said.' it returns the quote "We will win the
    vote" and a fact (Jane Holt's span, "said", the quote's span, method
    "speech-verb-subject").
    """
    quoted = spans(text_of(sdoc))
    inside = {t.i for q in quoted for t in _tokens(sdoc, q)}
    speakers = _Speakers(sdoc, mentions, quoted, inside)
    quotes, facts = [], []
    previous: tuple[Quote, Mention | None] | None = None  # the last quotation and its speaker
    for q in quoted:
        tokens = _tokens(sdoc, q)
        text = _text(text_of(sdoc), q)
        if not tokens or len([w for w in text.split() if re.search(r"\w", w)]) < _MIN_WORDS:
            continue  # "democratic", "good news": scare quotes, not speech
        attached = _speech_verb(tokens, text, inside)
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
        if not (attached or q.introduced or has_verb and not _is_title(text)):
            continue  # a title, slogan or phrase that no one is said to have spoken
        quote = Quote(q.start, q.end, text, speakers.sentence_of(tokens[0]))
        quotes.append(quote)
        speaker, method, evidence = _speaker(sdoc, speakers, q, tokens, attached, previous)
        if speaker is not None and not q.contains(speaker.start):
            facts.append(Fact(speaker.span, "said", (quote.start, quote.end), evidence,
                              method, _CONFIDENCE[method], obj_kind="quote"))
        previous = (quote, speaker)
    accepted = {t.i for quote in quotes for t in _tokens(sdoc, QuotedSpan(((quote.start, quote.end),)))}
    indirect, reported = _indirect(sdoc, speakers, accepted)
    return quotes + indirect, facts + reported


def _speech_verb(tokens, text: str, inside: set[int]):
    """The speech verb a quotation hangs from (`_attached_verb`), or None; a title after a
    naming verb is named, not quoted ("described in the novel 'The Long Winter'")."""
    attached = _attached_verb(tokens, inside)
    if attached is not None and attached.lemma_.lower() in NAMING_VERBS and _is_title(text):
        return None
    return attached


def _speaker(sdoc, speakers: _Speakers, q: QuotedSpan, tokens, attached,
             previous: tuple[Quote, Mention | None] | None) -> tuple[Mention | None, str, int]:
    """(speaker, method, evidence sentence) of one quotation: through its speech verb (the
    attached one, else the nearest in its sentences), the colon sentence introducing a
    block quote, the speaker of the quotation before it in its paragraph, or the subject of
    the sentence before it. The speaker is None when no rule applies (method "")."""
    first, last = speakers.sentence_of(tokens[0]), speakers.sentence_of(tokens[-1])
    verb = attached or _nearest_verb(sdoc, tokens, speakers.inside, speakers.sentences, first, last)
    speaker, method = None, ""
    if verb is not None:
        speaker, method = speakers.of(verb, tokens[0].i)
    elif q.introduced:
        intro = sdoc.char_span(*q.introduced, alignment_mode="expand")
        last_sent = speakers.sentence_of(intro[-1])
        verb = _nearest_verb(sdoc, [intro[-1]], speakers.inside, speakers.sentences, last_sent, last_sent)
        if verb is not None:
            speaker, method = speakers.of(verb, tokens[0].i)
            method = method if method == "pronoun-speaker" else "block-quote-intro"
    evidence = speakers.sentence_of(verb) if verb is not None else first
    if verb is None and previous and previous[1] and "\n" not in text_of(sdoc)[previous[0].end:q.start]:
        # '"…," he said. "…"': an unattributed quotation in the paragraph of an
        # attributed one goes on in the same voice
        speaker, method = previous[1], "same-paragraph-speaker"
    if not method and (found := _previous_subject(sdoc, speakers, tokens, first)):
        speaker, method, evidence = found, "previous-sentence-subject", first - 1
    return (speaker if method else None), method, evidence


def _previous_subject(sdoc, speakers: _Speakers, tokens, first: int) -> Mention | None:
    """'X refused to comment. "…"': a quotation that opens its sentence, with no speech
    verb of its own, in the voice of the named subject of the sentence before it in the
    same paragraph."""
    if first == 0:
        return None
    own, before = speakers.sentences[first], speakers.sentences[first - 1]
    if text_of(sdoc)[own.start_char:tokens[0].idx].strip(" \"“") or "\n" in text_of(sdoc)[before.end_char:own.start_char]:
        return None
    if any(t.i in speakers.inside for t in before):
        return None  # the sentence before is itself a quotation's
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    return speakers.index.of_phrase(subject, AGENT_KINDS) if subject is not None else None


def _indirect(sdoc, speakers: _Speakers, accepted: set[int]) -> tuple[list[Quote], list[Fact]]:
    """Reported speech: the "that" clause of a speech verb whose speaker is a name."""
    quotes, facts = [], []
    for verb in sdoc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in INDIRECT_VERBS or verb.i in speakers.inside:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                continue
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
            if any(t.i in accepted for t in words) or len(words) < 4:
                continue  # the clause quotes someone directly: that quotation speaks for it
            speaker, method = speakers.of(verb, verb.i + 1)
            if speaker is None:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            text = re.sub(r"\s+", " ", re.sub("[\"“”]", "", text_of(sdoc)[start:end])).strip(" ,.;:")
            k = speakers.sentence_of(verb)
            quotes.append(Quote(start, end, text, k, indirect=True))
            facts.append(Fact(speaker.span, "said", (start, end), k, "indirect-speech",
                              _CONFIDENCE["indirect-speech"], obj_kind="quote"))
    return quotes, facts
