"""Who speaks through a speech verb: its subject, read off the parse, as a mention.

    Speakers(sdoc, mentions, quoted, inside).of(verb, quote_start) -> (Mention | None, method)
    missed(sdoc, mentions) -> list[Mention]    speakers NER left out
    is_speech(token, after) -> bool

The subject of "said" is found in either order ("X said", "'…,' said X, the …"), through
a relative pronoun ("X, which said"), a passive's "by", "according to X", or the verb a
speech participle hangs from ("…, adding: '…'"). A subject that is a phrase stands for the
name in it: the name itself, a name in apposition anywhere in it ("the Deputy Minister
of Transport and Logistics, Jane Roe"), the principal of a mouthpiece ("a spokeswoman
for X", "X's statement"), the antecedent of "he"/"she"/"it" or of a definite noun ("the
commission") by kg.analysis.pronouns.
"""

from __future__ import annotations

from kg.analysis.docindex import MentionIndex, is_headline, sentence_of, text_of
from kg.analysis.lexicon import COMPANY_TAILS, ORG_HEADS, TITLE_MODIFIERS, TITLE_WORDS
from kg.analysis.pronouns import is_age, namesake, nominal, resolve
from kg.analysis.tokenlist import tokens
from kg.model import Mention
from kg.vocab import AGENT_KINDS

SPEECH_VERBS = frozenset(
    """
    say add state tell warn claim write declare announce insist argue explain note
    complain twit tweet post ask reply respond answer admit acknowledge deny stress
    emphasise emphasize describe call threaten vow urge suggest conclude remark comment
    recall observe assert allege maintain contend concede predict promise pledge caution
    proclaim shout testify cite quip confirm reiterate joke counter retort boast recount
    mention exclaim whisper yell plead lament demand
    """.split()
)
# Verbs that attribute a quotation only when they follow it ("'…,' she continued").
AFTER_QUOTE_VERBS = frozenset("continue".split())
# Verbs that put a few quoted words in their subject's mouth ("branded the plan 'a
# disgrace'", "voiced its 'full support'"): partial quotes hang from these too.
EVALUATIVE_VERBS = frozenset(
    """
    brand dub label term dismiss hail condemn denounce praise criticise criticize voice
    express accuse blame slam decry characterise characterize refer welcome
    """.split()
)
SPEAKER_PRONOUNS = frozenset("he she".split())
# "a spokesman for X said", "X's spokeswoman said", "a statement from X said": X speaks.
MOUTHPIECES = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokespeople representative statement".split()
)
_CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp")  # "…, saying '…'" speaks for its head's subject
_INVERTED_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "dative", "oprd")
_NAME_TAIL = frozenset("jr jr. sr sr. ii iii".split())


def is_speech(token, after: bool, evaluative: bool = False) -> bool:
    """TOKEN is a speech verb (AFTER: it follows the quotation; EVALUATIVE: verbs of
    judging count too), or the "according" of "according to"."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return lemma in SPEECH_VERBS or (after and lemma in AFTER_QUOTE_VERBS) or (evaluative and lemma in EVALUATIVE_VERBS)


def subject(verb, quote_start: int, inside: set[int]):
    """The token naming who speaks through VERB, or None; QUOTE_START is the first token
    of the quotation (a verb after it may take its subject after it: "'…,' said X")."""
    if verb.lower_ == "according":
        return next((obj for to in verb.children for obj in to.children if obj.dep_ == "pobj"), None)
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
        return subject(head, quote_start, inside)
    return None


class Speakers:
    """Resolves the speaker of a speech verb to a mention (names, "he"/"she", "it", "the
    company"); names inside quotation marks are never a speaker."""

    def __init__(self, sdoc, mentions: list[Mention], quoted, inside: set[int]):
        self.sdoc, self.quoted, self.inside = sdoc, quoted, inside
        self.index = MentionIndex(sdoc, mentions)
        self.sentences = list(sdoc.sents)
        self.sent_of = sentence_of(sdoc)
        self.visible = [m for m in mentions if not any(q.contains(m.start) for q in quoted)]

    def of(self, verb, quote_start: int) -> tuple[Mention | None, str]:
        """(speaker, method) of VERB; the method says whether a pronoun was resolved."""
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            token = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            return (self.index.of_phrase(token, AGENT_KINDS) if token is not None else None), "speech-verb-subject"
        token = subject(verb, quote_start, self.inside)
        if token is not None and token.lemma_.lower() in MOUTHPIECES:
            if named := self._apposed(token):  # "X's spokeswoman, Jane Roe, said": she speaks
                return named, "speech-verb-subject"
            return self._principal(token), "spokesperson-for"
        if token is None or token.pos_ not in ("NOUN", "PROPN", "PRON", "X") and not is_age(token):
            # no subject, or an adverb parsed as one: the parse failed here
            return self._sole_agent(verb), "sole-agent-in-sentence"
        if token.lower_ in SPEAKER_PRONOUNS or token.lower_ == "it" and verb.pos_ == "VERB":
            return resolve(self.sdoc, token.i, self.visible, self.sent_of), "pronoun-speaker"
        found = self.index.of_phrase(token, AGENT_KINDS) or self._apposed(token)
        if found is None or found.kind != "Person":  # NER's "Grady" (a place) after "Michael Grady"
            found = namesake(token, self.visible) or found
        if found is not None:
            return found, "speech-verb-subject"
        return nominal(self.sdoc, token, self.visible, self.sent_of), "definite-noun-speaker"

    def _apposed(self, noun) -> Mention | None:
        """A person named in apposition inside the phrase NOUN heads ("the Deputy Minister
        of Transport and Logistics, Jane Roe"), outside its relative clauses."""
        todo = [c for c in noun.children if c.dep_ not in ("relcl", "acl")]
        while todo:
            token = todo.pop(0)
            if token.dep_ == "appos" and (found := self.index.at(token, ("Person",))):
                return found
            todo.extend(c for c in token.children if c.dep_ not in ("relcl", "acl"))
        return None

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


def missed(sdoc, mentions: list[Mention]) -> list[Mention]:
    """Speakers NER left out: the capitalised name (two to four words, after any title)
    that is the subject of a speech verb in a sentence that quotes (quote marks, a colon
    or a "that" clause), typed as an organisation when its last word is an organisation
    head ("Harbour Workers Union") and as a person otherwise; with every other use of the
    name, and of a person's surname, in the document.

    >>> missed(nlp('"We are ready," Ola Berg said.'), [])  # doctest: +SKIP
    [Mention(start=16, end=24, text='Ola Berg', kind='Person', sentence=0)]
    """
    taken = {t.i for m in mentions for t in (sdoc.char_span(m.start, m.end, alignment_mode="expand") or ())}
    found: dict[tuple[str, ...], Mention] = {}
    for verb in tokens(sdoc):
        if not is_speech(verb, True) or verb.lower_ == "according" or not _quotes(verb) or is_headline(verb.sent):
            continue  # a headline capitalises every word
        token = subject(verb, verb.sent.start if _quote_before(verb) else verb.i + 1, set())
        name = _name_at(sdoc, token, taken) if token is not None and token.pos_ == "PROPN" else None
        if name is not None:
            run, first, last = name
            title = " ".join(t.text for t in sdoc[run:first]) or None
            found.setdefault(tuple(t.text for t in sdoc[first:last + 1]), _mention(sdoc, first, last, title=title))
            taken.update(range(first, last + 1))
    return sorted(list(found.values()) + _other_uses(sdoc, found, taken), key=lambda m: (m.start, m.end))


def _quotes(verb) -> bool:
    sent = verb.sent
    return any(t.text in ('"', "“", "”", ":") for t in sent) or any(
        c.dep_ == "ccomp" for c in verb.children)


def _quote_before(verb) -> bool:
    return any(t.text in ('"', "”") for t in verb.sent if t.i < verb.i)


def _name_at(sdoc, token, taken: set[int]) -> tuple[int, int, int] | None:
    """(first token of the capitalised words around TOKEN, first and last of the name in
    them after any title), or None."""
    def fits(t) -> bool:
        if t.text == "-" and 0 < t.i < len(sdoc) - 1:  # "Lindqvist-Aas", split by the tokenizer
            return not sdoc[t.i - 1].whitespace_ and not t.whitespace_ and sdoc[t.i + 1].text[:1].isupper()
        return t.sent == token.sent and t.i not in taken and t.pos_ == "PROPN" and t.text[:1].isupper() \
            and not t.is_upper and t.text.replace("-", "").replace("'", "").isalpha()

    if not fits(token):
        return None
    first, last = token.i, token.i
    while first > token.sent.start and fits(sdoc[first - 1]):
        first -= 1
    while last + 1 < token.sent.end and (fits(sdoc[last + 1]) or sdoc[last + 1].lower_ in _NAME_TAIL):
        last += 1
    run = first
    while first < last and sdoc[first].lower_.rstrip(".") in TITLE_WORDS | TITLE_MODIFIERS:
        first += 1
    hyphens = sum(t.text == "-" for t in sdoc[first:last + 1])
    words = last - first + 1 - 2 * hyphens  # "Lindqvist - Aas" is one word
    if not 2 <= words <= 4 or "-" in (sdoc[first].text, sdoc[last].text) \
            or {sdoc[first].lower_.rstrip("."), sdoc[last].lower_} & TITLE_WORDS:  # "Police Chief"
        return None
    return run, first, last


def _mention(sdoc, first: int, last: int, kind: str | None = None, title: str | None = None) -> Mention:
    start, end = sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text)
    if kind is None:
        kind = "Organization" if sdoc[last].lower_.rstrip(".") in ORG_HEADS | COMPANY_TAILS else "Person"
    before = text_of(sdoc)[max(0, start - 40):start].split()
    word = before[-1].lower().rstrip(".") if before else ""
    return Mention(start, end, text_of(sdoc)[start:end], kind, sentence_of(sdoc)[first], title=title,
                   title_word=word if word in TITLE_WORDS else None)


def _other_uses(sdoc, found: dict[tuple[str, ...], Mention], taken: set[int]) -> list[Mention]:
    """The other places a missed name (or a missed person's surname) is written."""
    names = {words: m.kind for words, m in found.items()}
    names.update({words[-1:]: "Person" for words, m in found.items() if m.kind == "Person"})
    out = []
    for token in tokens(sdoc):
        for words, kind in sorted(names.items(), key=lambda kv: -len(kv[0])):
            end = token.i + len(words)
            if token.i not in taken and end <= len(sdoc) and tuple(t.text for t in sdoc[token.i:end]) == words \
                    and not any(i in taken for i in range(token.i, end)) and token.pos_ == "PROPN":
                out.append(_mention(sdoc, token.i, end - 1, kind))
                taken.update(range(token.i, end))
                break
    return out
