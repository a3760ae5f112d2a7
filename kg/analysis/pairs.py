"""Candidate pairs for the relation classifier: two mentions of one sentence, with what
the parse says about how they are linked.

    candidates(sdoc, mentions, facts) -> list[Pair]

Which facts a pair states is decided later, after entity resolution (kg.reading), when
both ends have their final kind; here only kind-free evidence is kept, as feature
strings (kg.relmodel weighs them):

    w:<lemma>      a word between the two mentions (up to MAX_GAP tokens apart)
    g:<bucket>     how many tokens lie between them
    P:<path>       the dependency path between their heads, with the lemma where it turns
    Q:<path>       the same path without the lemma
    a:<dep> b:<dep>  each head's own dependency label; pb:<prep> the preposition before b
    mb:<n>         how many other mentions lie between them
    wa:/wb:        the word before the first mention and after the second
    ea:/eb:        spaCy's entity label of each; ga:/gb: country or place in the gazetteer
    r:<rule>:<predicate>:<f|r>  a rule of kg.analysis.relations found that fact between
                   them, forward (first -> second) or reversed
    via:pronoun    one end is a pronoun or definite noun standing for a name

A pronoun ("he", "its") or a definite noun ("the company") that kg.analysis.pronouns
resolves pairs the name it stands for with the other mentions of its sentence, so a fact
stated about a pronoun reaches the name.
"""

from __future__ import annotations

from functools import lru_cache

from kg.analysis import gazetteer
from kg.analysis.docindex import MentionIndex, is_headline, span_of
from kg.analysis.pronouns import PERSON_PRONOUNS, THING_PRONOUNS, resolve
from kg.analysis.tokenlist import tokens
from kg.model import Fact, Mention, Pair

MAX_GAP = 12  # tokens between two mentions beyond which words between are not features
MAX_PATH = 6  # dependency edges beyond which a path is only "long"
WINDOW = 3  # sentences apart beyond which two mentions are paired only with the topic
_GAPS = ((0, "0"), (1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"))


def _gap(n: int) -> str:
    return next((label for top, label in _GAPS if n <= top), "13+")


class _Reader:
    """The features of pairs of one parsed document, with what several pairs share
    computed once: the document's tokens (spaCy makes a new Token object on each
    indexing), each token's chain of heads, each name's root, entity label and gazetteer
    tag (a sentence of n names makes n² pairs)."""

    def __init__(self, sdoc, index: MentionIndex):
        self.sdoc, self.index = sdoc, index
        self.tokens = tokens(sdoc)
        self._chains: dict[int, tuple[tuple[int, str, str], ...]] = {}
        self._ends: dict[tuple[int, int], tuple] = {}

    def end(self, span) -> tuple:
        """(root token, entity label, gazetteer tag, text) of a pair's end SPAN."""
        key = (span.start, span.end)
        found = self._ends.get(key)
        if found is None:
            root = span.root
            text = span.text
            found = self._ends[key] = (root, root.ent_type_ or "-", _place_tag(text), text)
        return found

    def labels(self, first, second) -> list[str]:
        """spaCy's entity labels of the two names (GPE, LOC, FAC, ORG, NORP ...), finer than
        kinds and a hint where NER and resolution disagree, and what the gazetteer knows."""
        a, b = self.end(first), self.end(second)
        feats = [f"ea:{a[1]}", f"eb:{b[1]}"]
        for mark, (_, _, tag, _) in (("ga", a), ("gb", b)):
            if tag:
                feats.append(f"{mark}:{tag}")
        return feats

    def chain(self, token) -> tuple[tuple[int, str, str], ...]:
        """(index, dependency, lemma) of TOKEN and each of its heads up to the root."""
        walk = []  # the tokens up to the first whose chain is known, or the root
        while token.i not in self._chains:
            walk.append(token)
            if token.head.i == token.i:
                break
            token = token.head
        rest = self._chains.get(token.i, ())
        for t in reversed(walk):
            rest = ((t.i, t.dep_, t.lemma_.lower()),) + rest
            self._chains[t.i] = rest
        return self._chains[walk[0].i] if walk else rest

    def path(self, a, b) -> tuple[str, str]:
        """The dependency path from head token A up to the lowest common ancestor and
        down to B: ("nsubj<buy>dobj" with the ancestor's lemma, "nsubj<>dobj" without)."""
        up, down = self.chain(a), self.chain(b)
        down_ids = {i: n for n, (i, _, _) in enumerate(down)}
        top = next((n for n, (i, _, _) in enumerate(up) if i in down_ids), None)
        if top is None:
            return "none", "none"
        lca = up[top]
        rise = [dep for _, dep, _ in up[:top]]
        fall = [dep for _, dep, _ in reversed(down[:down_ids[lca[0]]])]
        if len(rise) + len(fall) > MAX_PATH:
            return "long", "long"
        left, right = "^".join(rise), "v".join(fall)
        return f"{left}<{lca[2]}>{right}", f"{left}<>{right}"

    def between(self, first, second) -> list[str]:
        """Words and mentions between two spans."""
        gap = second.start - first.end
        feats = [f"g:{_gap(max(gap, 0))}"]
        by_token = self.index.by_token
        between = range(first.end, second.start)  # empty when the spans touch or overlap
        inside = {id(m) for i in between if (m := by_token.get(i)) is not None}
        feats.append(f"mb:{min(len(inside), 2)}")
        if 0 < gap <= MAX_GAP:
            tokens = self.tokens
            feats += [f"w:{tokens[i].lemma_.lower()}" for i in between
                      if by_token.get(i) is None and not tokens[i].is_space]
        return feats

    def features(self, first, second) -> list[str]:
        a, b = self.end(first)[0], self.end(second)[0]
        long_path, short_path = self.path(a, b)
        feats = [f"P:{long_path}", f"Q:{short_path}", f"a:{a.dep_}", f"b:{b.dep_}"] + self.labels(first, second)
        if b.dep_ == "pobj":
            feats.append(f"pb:{b.head.lower_}")
        if a.dep_ == "pobj":
            feats.append(f"pa:{a.head.lower_}")
        feats += self.between(first, second)
        tokens = self.tokens
        feats.append(f"wa:{tokens[first.start - 1].lower_ if first.start > 0 else '<s>'}")
        feats.append(f"wb:{tokens[second.end].lower_ if second.end < len(tokens) else '</s>'}")
        return feats


@lru_cache(maxsize=65536)
def _place_tag(text: str) -> str | None:
    """Whether a name is a country's, or another known place's (kg.analysis.gazetteer)."""
    if gazetteer.country(text):
        return "country"
    return "place" if gazetteer.is_place(text) else None


def _rule_features(facts: list[Fact]) -> dict[tuple, list[str]]:
    """(first span, second span) -> "r:" features of the rules' facts between them."""
    found: dict[tuple, list[str]] = {}
    for fact in facts:
        if fact.obj_kind != "entity":
            continue
        rule = fact.method.split("+")[0]
        forward = fact.subject < fact.obj
        key = (fact.subject, fact.obj) if forward else (fact.obj, fact.subject)
        found.setdefault(key, []).append(f"r:{rule}:{fact.predicate}:{'f' if forward else 'r'}")
    return found


def candidates(sdoc, mentions: list[Mention], facts: list[Fact]) -> list[Pair]:
    """Every pair of mentions in one sentence (the first before the second), and every
    pair of a pronoun's person with a mention of the pronoun's sentence; a headline's
    names are paired only across sentences (a headline drops the words that relate them).

    >>> candidates(nlp("Jane Doe heads Acme."), mentions, [])[0].features[:2]  # doctest: +SKIP
    ('P:nsubj<head>dobj', 'Q:nsubj<>dobj')
    """
    index = MentionIndex(sdoc, mentions)
    reader = _Reader(sdoc, index)
    rules = _rule_features(facts)
    spans = [(m, span_of(sdoc, m)) for m in mentions]
    spans = sorted(((m, s) for m, s in spans if s is not None), key=lambda ms: ms[0].start)
    by_sentence: dict[int, list] = {}
    headlines = {i for i, sent in enumerate(sdoc.sents) if is_headline(sent)}
    for mention, span in spans:
        if mention.sentence not in headlines:  # telegraphic: "X: Y reveals fear of Z"
            by_sentence.setdefault(mention.sentence, []).append((mention, span))
    pairs = []
    for group in by_sentence.values():
        for i, (m1, s1) in enumerate(group):
            for m2, s2 in group[i + 1:]:
                if m1.span == m2.span or s2.start < s1.end:
                    continue
                feats = reader.features(s1, s2) + rules.get((m1.span, m2.span), [])
                pairs.append(Pair(m1.span, m2.span, m1.sentence, tuple(feats)))
    pairs += _pronoun_pairs(reader, by_sentence, rules, mentions)
    pairs += _across(spans, reader)
    return pairs


def _mention_features(mention: Mention, end: tuple, topic: Mention, mark: str) -> list[str]:
    feats = [f"{mark}d:{end[0].dep_}"]
    if _is_topic(mention, topic):
        feats.append(f"{mark}top")
    if mention.sentence == 0:
        feats.append(f"{mark}s0")
    return feats


def _is_topic(mention: Mention, topic: Mention) -> bool:
    """Whether MENTION is the document's first name, or its last word."""
    return mention.text == topic.text or mention.text == topic.text.split()[-1]


def _across(spans: list, reader: _Reader) -> list[Pair]:
    """Mentions of different sentences at most WINDOW sentences apart, or further when one
    is the document's first name or in its first sentence (what the document is about): a
    document states many facts across sentences ("X is a town. It lies in Y"). Their
    features say how far apart they are, which is the document's first name, and each
    one's role in its clause (each mention's part worked out once, not once a pair)."""
    if not spans:
        return []
    topic = spans[0][0]
    ends = [reader.end(s) for _, s in spans]
    first = [[f"ea:{e[1]}"] for e in ends]
    second = [[f"eb:{e[1]}"] for e in ends]
    for k, e in enumerate(ends):
        first[k] += [f"ga:{e[2]}"] if e[2] else []
        second[k] += [f"gb:{e[2]}"] if e[2] else []
    first_role = [_mention_features(m, e, topic, "A") for (m, _), e in zip(spans, ends)]
    second_role = [_mention_features(m, e, topic, "B") for (m, _), e in zip(spans, ends)]
    topical = [_is_topic(m, topic) for m, _ in spans]
    pairs = []
    for i, (m1, _) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            m2 = spans[j][0]
            distance = m2.sentence - m1.sentence
            if distance == 0 or m1.text == m2.text:
                continue
            far = distance > WINDOW
            if far and not (m1.sentence == 0 or topical[i] or topical[j]):
                continue
            feats = ([f"x:{'far' if far else distance}", first[i][0], second[j][0]] + first[i][1:] + second[j][1:]
                     + first_role[i] + second_role[j])
            pairs.append(Pair(m1.span, m2.span, m2.sentence, tuple(feats), since=m1.sentence))
    return pairs


def _standing_for(reader: _Reader, mentions: list[Mention], sentences) -> dict[int, Mention]:
    """Token index -> the mention a pronoun ("he", "her", "its") or a definite noun ("the
    company", "the 25-year-old") outside any name stands for (kg.analysis.pronouns, the
    resolver every stage shares), in SENTENCES; undecided ones are left out."""
    sdoc, index, found = reader.sdoc, reader.index, {}
    for token in reader.tokens:
        if index.sent_of[token.i] not in sentences or token.i in index.by_token:
            continue  # only where another name could pair with it
        word = token.lower_
        if word in PERSON_PRONOUNS or word in THING_PRONOUNS or token.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            mention = resolve(sdoc, token.i, mentions, index.sent_of)
            if mention is not None:
                found[token.i] = mention
    return found


def _pronoun_pairs(reader: _Reader, by_sentence: dict[int, list], rules: dict[tuple, list[str]],
                   mentions: list[Mention]) -> list[Pair]:
    """A pronoun or definite noun paired with the other mentions of its sentence, standing
    for the name it refers back to."""
    sdoc, index, pairs = reader.sdoc, reader.index, []
    for token_i, named in sorted(_standing_for(reader, mentions, by_sentence.keys()).items()):
        pronoun = sdoc[token_i:token_i + 1]
        sentence = index.sent_of[token_i]
        for mention, span in by_sentence.get(sentence, []):
            if mention.span == named.span or mention.text == named.text:
                continue
            first, second = (pronoun, span) if token_i < span.start else (span, pronoun)
            feats = reader.features(first, second) + ["via:pronoun"]
            key = (named.span, mention.span) if named.start < mention.start else (mention.span, named.span)
            pairs.append(Pair(key[0], key[1], sentence, tuple(feats + rules.get(key, []))))
    return pairs
