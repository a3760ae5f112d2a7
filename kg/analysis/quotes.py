"""Quotations and who said them, read off the parse: which quoted spans are speech, and
their speakers. (Where the quote marks are is `quotespans`' work, on the text alone; who
a speech verb's subject is, `speakers`'; kg.quotelist reads quotations back from an export.)

    find(sdoc, mentions) -> (quotes, facts)

Quoted spans come from `kg.analysis.quotespans` (straight and curly quotes, quotations of
several paragraphs, block quotes after a colon). A span is a quotation when it is
attached to a speech verb ("called it '…'", "said: '…'") or is a clause of three words
or more that is not a title. A span of a few words inside running text ("said the plan
was 'a step too far'", "voiced its 'full support'") is a *partial* quotation when a
speech verb governs it, and one of one or two words (a one-word one must be an
adjective: "called it 'unforgivable'") only when that verb's speaker is found. Other
one-word spans, spans after a naming word ("the slogan '…'", "the so-called '…'", "his book
'…'") and title-cased spans after a naming verb are not quotations.

The speaker is the subject of the speech verb the quotation hangs from, else of the one
nearest it in its own sentences (`kg.analysis.speakers`); for a block quote, of the colon
sentence that introduces it. A quotation with no speech verb of its own takes the
speaker of the quotation before it in its paragraph, or the named subject of the sentence
before it. A quotation whose speaker is not found is kept with its document only: no
speaker is guessed.

Statements without quote marks introduced as speech ("In a statement, the ministry
said: The roads will reopen on Monday.") are quotations of the speaker when one is
found (method "colon-statement"); reported speech ("X said that the plan failed", "X
said the plan failed") becomes a quote marked `indirect`.
"""

from __future__ import annotations

import re

from kg.analysis.docindex import text_of
from kg.analysis.quotespans import CLOSERS, OPENERS, QuotedSpan, spans
from kg.analysis.speakers import Speakers, is_speech
from kg.analysis.tokenlist import tokens
from kg.model import Fact, Mention, Quote
from kg.vocab import AGENT_KINDS

# Reported speech: "X said that ...". Verbs of opinion ("believe") are not speech.
INDIRECT_VERBS = frozenset(
    """say tell claim state warn write declare announce insist argue explain add stress deny admit
    confirm reiterate acknowledge concede suggest predict promise complain""".split()
)
# Verbs that name a thing rather than quote speech: a title-cased span after them
# ("described in the novel 'The Long Winter'") is a title, not a quotation.
NAMING_VERBS = frozenset("call describe cite name dub label term".split())
# Words right before a quoted span that make it a name, a title or a slogan, not speech.
NAMING_WORDS = frozenset(
    """
    so-called slogan slogans motto banner banners sign signs placard placards hashtag
    headline title titled entitled book novel film movie song album play poem series show
    programme program campaign operation term phrase word words nickname nicknamed
    dubbed known reading read chant chants chanting chanted
    """.split()
)
# Verbs whose quoted object is the text of a thing, not the subject's speech: the climb
# from a partial quotation to its speech verb stops there ("said protesters chanted '…'").
TEXT_VERBS = frozenset("chant sing read carry wave display hold print paint spray title entitle name".split())
_MIN_WORDS = 3
_CONFIDENCE = {"speech-verb-subject": 0.7, "pronoun-speaker": 0.6, "block-quote-intro": 0.6,
               "spokesperson-for": 0.6, "same-paragraph-speaker": 0.6, "sole-agent-in-sentence": 0.5,
               "previous-paragraph-speaker": 0.5,
               "definite-noun-speaker": 0.5, "previous-sentence-subject": 0.5,
               "indirect-speech": 0.5, "colon-statement": 0.6}


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


def _words(text: str) -> int:
    return len([w for w in text.split() if re.search(r"\w", w)])


def _attached_verb(tokens, inside: set[int]):
    """The speech verb the quotation hangs from ("called it '…'", "described as '…'",
    "said: '…'"), or that hangs from it ("'…,' he said", parsed under the quote)."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i in ids or token.head == token:
            for child in token.children:
                if child.i not in ids and child.i not in inside and is_speech(child, child.i > tokens[-1].i):
                    return child
            continue
        head, hops = token.head, 0
        while hops < 2 and head.i not in inside:
            if is_speech(head, head.i > tokens[-1].i):
                return head
            if head.pos_ in ("VERB", "AUX") or head.head == head:
                break  # another verb governs the quotation: it is that verb's object
            head, hops = head.head, hops + 1
    return None


def _governing_verb(tokens, inside: set[int]):
    """The speech (or judging) verb that governs a partial quotation from further up its
    sentence ("said the plan was '…'", "pledged to '…' and to '…'"), or None. The climb
    passes other quotations and stops at a verb whose object is a text ("chanted '…'")."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i in ids:
            continue
        head = token.head
        for _ in range(8):
            if head.i not in inside and is_speech(head, False, evaluative=True):
                return head
            if head.lemma_.lower() in TEXT_VERBS or head.head == head:
                break
            head = head.head
    return _verb_before(tokens, inside)


def _verb_before(tokens, inside: set[int]):
    """The speech verb a few words before the quotation in its sentence, with no other verb
    between ("called the decline of the lake '…'"), for a parse that hung the quotation
    elsewhere."""
    first = tokens[0]
    for token in reversed(first.doc[max(first.sent.start, first.i - 8):first.i]):
        if token.i in inside or token.text in ";:" or token.text in OPENERS + CLOSERS and token.i < first.i - 1:
            return None
        if token.pos_ in ("VERB", "AUX"):
            return token if is_speech(token, False, evaluative=True) else None
    return None


def _nearest_verb(tokens, inside: set[int], sentences: list, first: int, last: int):
    """The speech verb outside every quotation nearest to TOKENS in sentences FIRST..LAST."""
    best = None
    for sent in sentences[first:last + 1]:
        for token in sent:
            if token.i in inside or not is_speech(token, token.i > tokens[-1].i):
                continue
            distance = min(abs(token.i - tokens[0].i), abs(token.i - tokens[-1].i))
            if best is None or distance < best[0]:
                best = (distance, token)
    return best[1] if best else None


def _is_title(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _before(text: str, quoted: QuotedSpan) -> str:
    """The text of the paragraph before the quotation's opening mark."""
    head = text[:quoted.start].rstrip()
    head = head[:-1] if head[-1:] in OPENERS else head
    return head[head.rfind("\n") + 1:].rstrip()


def _is_partial(text: str, quoted: QuotedSpan, words: str) -> bool:
    """Quoted words inside running text ("was 'a step too far'"), not a quoted sentence:
    a word comes right before the opening mark, and the words are not a sentence of their
    own (capital first, final stop last)."""
    before = _before(text, quoted)
    if not before or not before[-1].isalnum():
        return False
    letters = re.sub(r"^\W+", "", words)
    sentence = letters[:1].isupper() and words.rstrip(CLOSERS + " ")[-1:] in ".!?…"
    return not sentence


def _named_thing(text: str, quoted: QuotedSpan) -> bool:
    """A slogan, title or name: a naming word right before the quote ("the slogan '…'")."""
    before = re.findall(r"[\w-]+", _before(text, quoted).lower())
    return bool(before) and before[-1] in NAMING_WORDS


def find(sdoc, mentions: list[Mention]) -> tuple[list[Quote], list[Fact]]:
    """Quotations of SDOC (direct, partial, colon statements, then reported speech) and a
    `said` fact for each one whose speaker is found.

    For '"We will win the vote," Jane Holt said.' it returns the quote "We will win the
    vote" and a fact (Jane Holt's span, "said", the quote's span, method
    "speech-verb-subject").
    """
    quoted = spans(text_of(sdoc))
    inside = {t.i for q in quoted for t in _tokens(sdoc, q)}
    speakers = Speakers(sdoc, mentions, quoted, inside)
    quotes, facts = [], []
    previous: tuple[Quote, Mention | None] | None = None  # the last quotation and its speaker
    for q in quoted:
        found = _quotation(sdoc, speakers, q, previous)
        if found is None:
            continue
        quote, fact, speaker = found
        quotes.append(quote)
        facts.extend([fact] if fact else [])
        previous = (quote, speaker)
    stated, said = _colon_statements(sdoc, speakers)
    whole = {t.i for quote in quotes + stated if not quote.partial
             for t in _tokens(sdoc, QuotedSpan(((quote.start, quote.end),)))}
    indirect, reported = _indirect(sdoc, speakers, whole)
    return quotes + stated + indirect, facts + said + reported


def _quotation(sdoc, speakers: Speakers, q: QuotedSpan, previous) -> tuple[Quote, Fact | None, Mention | None] | None:
    """(quote, said fact or None, speaker) of one quoted span, or None when it is no
    quotation (scare quotes, titles, slogans)."""
    tokens = _tokens(sdoc, q)
    text = _text(text_of(sdoc), q)
    words = _words(text)
    if not tokens or _named_thing(text_of(sdoc), q):
        return None
    partial = _is_partial(text_of(sdoc), q, text)
    if words < 2 and not (partial and [t.pos_ for t in tokens if t.is_alpha] == ["ADJ"]):
        return None  # one word is a scare quote, unless a judgement ("called it 'unforgivable'")
    attached = _speech_verb(tokens, text, speakers.inside)
    if attached is None and partial:
        attached = _governing_verb(tokens, speakers.inside)
        if attached is None:
            return None  # quoted words in a sentence no one is said to speak
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if words < _MIN_WORDS and not partial:
        return None  # "good news": scare quotes, not speech
    if not (attached or q.introduced or has_verb and not _is_title(text)):
        return None  # a title, slogan or phrase that no one is said to have spoken
    speaker, method, evidence = _speaker(sdoc, speakers, q, tokens, attached, previous)
    if speaker is not None and q.contains(speaker.start):
        speaker = None
    if speaker is None and words < _MIN_WORDS:
        return None  # 'Residents called it "good news"': two words of no one's
    quote = Quote(q.start, q.end, text, speakers.sentence_of(tokens[0]), partial=partial)
    fact = None
    if speaker is not None:
        fact = Fact(speaker.span, "said", (quote.start, quote.end), evidence, method, _CONFIDENCE[method],
                    obj_kind="quote")
    return quote, fact, speaker


def _speech_verb(tokens, text: str, inside: set[int]):
    """The speech verb a quotation hangs from (`_attached_verb`), or None; a title after a
    naming verb is named, not quoted ("described in the novel 'The Long Winter'")."""
    attached = _attached_verb(tokens, inside)
    if attached is not None and attached.lemma_.lower() in NAMING_VERBS and _is_title(text):
        return None
    return attached


def _speaker(sdoc, speakers: Speakers, q: QuotedSpan, tokens, attached,
             previous: tuple[Quote, Mention | None] | None) -> tuple[Mention | None, str, int]:
    """(speaker, method, evidence sentence) of one quotation: through its speech verb (the
    attached one, else the nearest in its sentences), the colon sentence introducing a
    block quote, the speaker of the quotation before it in its paragraph or ending the
    paragraph before, or the subject of the sentence before it. The speaker is None when no
    rule applies (method "")."""
    first, last = speakers.sentence_of(tokens[0]), speakers.sentence_of(tokens[-1])
    verb = attached or _nearest_verb(tokens, speakers.inside, speakers.sentences, first, last)
    speaker, method = None, ""
    if verb is not None:
        speaker, method = speakers.of(verb, tokens[0].i)
    elif q.introduced:
        intro = sdoc.char_span(*q.introduced, alignment_mode="expand")
        last_sent = speakers.sentence_of(intro[-1])
        verb = _nearest_verb([intro[-1]], speakers.inside, speakers.sentences, last_sent, last_sent)
        if verb is not None:
            speaker, method = speakers.of(verb, tokens[0].i)
            method = method if method == "pronoun-speaker" else "block-quote-intro"
    evidence = speakers.sentence_of(verb) if verb is not None else first
    if verb is None and previous and previous[1] and "\n" not in text_of(sdoc)[previous[0].end:q.start]:
        # '"…," he said. "…"': an unattributed quotation in the paragraph of an
        # attributed one goes on in the same voice
        speaker, method = previous[1], "same-paragraph-speaker"
    elif verb is None and previous and previous[1] and _next_paragraph(text_of(sdoc), previous[0], q):
        speaker, method = previous[1], "previous-paragraph-speaker"
    if not method and (found := _previous_subject(sdoc, speakers, tokens, first)):
        speaker, method, evidence = found, "previous-sentence-subject", first - 1
    return (speaker if method else None), method, evidence


def _next_paragraph(text: str, before: Quote, q: QuotedSpan) -> bool:
    """Q opens the paragraph right after the one BEFORE ends with (at most its short
    attribution after it: '…," Roe said on Monday.'): news sets a speaker's quotations in
    paragraphs of their own and names a new speaker whenever the voice changes."""
    lines = text[before.end:q.start].split("\n")
    if len(lines) < 2 or any(line.strip() not in ("", '"', "“") for line in lines[1:]):
        return False
    rest = lines[0].lstrip(",.;:!?… " + CLOSERS)
    return not any(c in rest for c in OPENERS + CLOSERS) and len(re.findall(r"\w+", rest)) <= 12


def _previous_subject(sdoc, speakers: Speakers, tokens, first: int) -> Mention | None:
    """'X refused to comment. "…"': a quotation that opens its sentence, with no speech
    verb of its own, in the voice of the named subject of the sentence before it in the
    same paragraph."""
    if first == 0:
        return None
    own, before = speakers.sentences[first], speakers.sentences[first - 1]
    text = text_of(sdoc)
    if text[own.start_char:tokens[0].idx].strip(" \"“") or "\n" in text[before.end_char:own.start_char]:
        return None
    if any(t.i in speakers.inside for t in before):
        return None  # the sentence before is itself a quotation's
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    return speakers.index.of_phrase(subject, AGENT_KINDS) if subject is not None else None


def _colon_statements(sdoc, speakers: Speakers) -> tuple[list[Quote], list[Fact]]:
    """Speech introduced by a colon without quote marks: "In a statement, the ministry
    said: The roads will reopen." The words run to the end of the sentence after the colon
    (the next paragraph, when the colon ends its own); only a found speaker makes them a
    quotation."""
    text = text_of(sdoc)
    quotes, facts = [], []
    for colon in tokens(sdoc):
        if colon.text != ":" or colon.i in speakers.inside:
            continue
        verb = next((t for t in reversed(sdoc[max(colon.sent.start, colon.i - 6):colon.i])
                     if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or not is_speech(verb, False) or verb.i in speakers.inside:
            continue
        span = _statement(sdoc, text, colon)
        if span is None:
            continue
        speaker, _ = speakers.of(verb, colon.i + 1)
        if speaker is None:
            continue
        start, end = span
        k = speakers.sentence_of(verb)
        quotes.append(Quote(start, end, re.sub(r"\s+", " ", text[start:end]).strip(), k))
        facts.append(Fact(speaker.span, "said", span, k, "colon-statement", _CONFIDENCE["colon-statement"],
                          obj_kind="quote"))
    return quotes, facts


def _statement(sdoc, text: str, colon) -> tuple[int, int] | None:
    """The span of the unquoted words a colon introduces, or None when they are quoted,
    too short or no clause."""
    start = colon.idx + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if not text[start:line_end].strip():  # the colon ends its paragraph: the next one speaks
        start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    first = sdoc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or not len(first):
        return None
    sent = first[0].sent
    end = min(sent.end_char, text.find("\n", start) if "\n" in text[start:] else len(text))
    words = text[start:end].strip()
    if not words or any(c in words for c in OPENERS + CLOSERS) or _words(words) < _MIN_WORDS:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in sdoc.char_span(start, end, alignment_mode="expand") or ()):
        return None
    return start, start + len(words.rstrip(" ."))


def _reported_clause(verb, clause) -> bool:
    """CLAUSE is what VERB reports: its "that" clause, or a clause with a subject of its own
    right after it ("Roe said the plan had failed")."""
    if clause.dep_ != "ccomp":
        return False
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    if marks:
        return marks == ["that"]
    return clause.i > verb.i and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > verb.i for c in clause.children)


def _indirect(sdoc, speakers: Speakers, accepted: set[int]) -> tuple[list[Quote], list[Fact]]:
    """Reported speech: the "that" clause (or the clause with its own subject) of a speech
    verb whose speaker is a name."""
    quotes, facts = [], []
    for verb in tokens(sdoc):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in INDIRECT_VERBS or verb.i in speakers.inside:
            continue
        for clause in verb.children:
            if not _reported_clause(verb, clause):
                continue
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
            if any(t.i in accepted for t in words) or len(words) < 4:
                continue  # the clause quotes someone directly: that quotation speaks for it
            speaker, method = speakers.of(verb, verb.i + 1)
            if speaker is None or method == "sole-agent-in-sentence":
                continue  # "it is worth noting that X …": the writer's words, not X's
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            text = re.sub(r"\s+", " ", re.sub("[\"“”]", "", text_of(sdoc)[start:end])).strip(" ,.;:")
            k = speakers.sentence_of(verb)
            quotes.append(Quote(start, end, text, k, indirect=True))
            facts.append(Fact(speaker.span, "said", (start, end), k, "indirect-speech",
                              _CONFIDENCE["indirect-speech"], obj_kind="quote"))
    return quotes, facts
