"""Faster stand-ins for two spaCy components that spend their time in Python, token by token.

    FastAttributes(ruler, ids)   the attribute ruler: its matches found by table look-up, its
                                 attributes written in one pass
    FastLemmas(lemmatizer, ids)  the rule lemmatizer: one lemma a distinct (word, POS, morph),
                                 remembered across documents, written in one pass

Each wraps the stock component, calls its own code for anything it does not replicate, and
gives exactly its annotations: bench/fastnlp_check.py compares every token of 1,000 documents.
kg.nlp swaps them in for the stock classes only; IDS is spaCy's attribute table
(spacy.attrs.IDS), passed in because only kg.nlp imports spaCy.
"""

from __future__ import annotations

import re

MEMO_SIZE = 200_000  # distinct (orth, pos, morph) lemmas kept, per process
# Attributes the ruler writes onto the token only (spaCy's set_token_attrs also writes them on
# the lexeme, where they do not exist): safe to write for all tokens at once.
BULK = ("LEMMA", "POS", "TAG", "DEP", "MORPH")
# Token attributes a ruler pattern may test here, the first the one looked up by when it
# has a choice (the rarer values first); a pattern testing anything else, or using OP, is
# left to a Matcher of its own.
TESTED = ("LOWER", "ORTH", "DEP", "TAG", "POS", "IS_SPACE")


class FastLemmas:
    """The rule lemmatizer's lemmas, computed once per distinct (orth, pos, morph) key (its
    result depends on nothing else) and set in bulk. A new key goes to `rule_lemma`, spaCy's
    rule_lemmatize with its word lists looked up as sets rather than scanned as lists."""

    def __init__(self, stock, ids: dict):
        self.stock = stock
        self.columns = [ids[a] for a in ("ORTH", "POS", "MORPH", "LEMMA")]
        self.memo: dict = {}
        self.words: dict = {}  # univ_pos -> set of the lemma_index's words

    def __call__(self, doc):
        stock = self.stock
        if stock.overwrite or not getattr(stock, "_validated", True) or not len(doc):
            return stock(doc)  # spaCy's own loop: overwriting, or tables not yet checked
        try:
            return self.lemmatise(doc)
        except Exception as e:
            return stock.get_error_handler()(stock.name, stock, [doc], e)

    def lemmatise(self, doc):
        """Set the lemma of every token that has none, as spaCy's loop would."""
        array = doc.to_array(self.columns)
        orths, poses, morphs, lemmas = array.T.tolist()
        strings, memo, hashes = doc.vocab.strings, self.memo, {}
        for i, key in enumerate(zip(orths, poses, morphs)):
            if lemmas[i]:
                continue
            text = memo.get(key)
            if text is None:
                text = self.rule_lemma(doc[i])
                if key[1]:  # no POS: spaCy warns at every such token, so never remembered
                    if len(memo) >= MEMO_SIZE:
                        memo.clear()
                    memo[key] = text
            lemma = hashes.get(text)
            if lemma is None:
                lemma = hashes[text] = strings.add(text)
            lemmas[i] = lemma
        array[:, 3] = lemmas
        doc.from_array(self.columns[3:], array[:, 3:])
        return doc

    def rule_lemma(self, token) -> str:
        """spaCy's Lemmatizer.rule_lemmatize(token)[0], step for step; its quick answers
        (space, no POS, a base form, no tables for the POS) are left to it."""
        stock, univ_pos = self.stock, token.pos_.lower()
        tables = [stock.lookups.get_table(t, {}) for t in ("lemma_index", "lemma_exc", "lemma_rules")]
        if (univ_pos in ("", "eol", "space") or stock.is_base_form(token)
                or not any(table.get(univ_pos) for table in tables)):
            return stock.lemmatize(token)[0]
        if univ_pos not in self.words:
            self.words[univ_pos] = frozenset(tables[0].get(univ_pos, {}))
        return first_form(token.text, self.words[univ_pos], tables[1].get(univ_pos, {}),
                          tables[2].get(univ_pos, {}))


def first_form(orig: str, index: frozenset, exceptions: dict, rules: list) -> str:
    """The first of the forms spaCy's rule_lemmatize finds for the word ORIG, from the POS's
    INDEX of known words, EXCEPTIONS and suffix RULES, in its order."""
    string = orig.lower()
    forms: list = []
    oov_forms = []
    for old, new in rules:
        if string.endswith(old):
            form = string[: len(string) - len(old)] + new
            if not form:
                pass
            elif form in index or not form.isalpha():
                if form in index:
                    forms.insert(0, form)
                else:
                    forms.append(form)
            else:
                oov_forms.append(form)
    forms = list(dict.fromkeys(forms))
    for form in exceptions.get(string, []):
        if form not in forms:
            forms.insert(0, form)
    return (forms or oov_forms or [orig])[0]


class FastAttributes:
    """The attribute ruler: the same sorted matches as its Matcher (patterns looked up in
    tables by token values, those it cannot read matched by a Matcher holding only them),
    each match's attributes set per token in order (later rules win) and written at once."""

    def __init__(self, stock, ids: dict):
        self.stock = stock
        self.ids = ids
        self.index: PatternIndex | None = None

    def __call__(self, doc):
        stock = self.stock
        if not stock.attrs:
            return stock(doc)  # spaCy warns that the ruler has no patterns
        try:
            self.set_annotations(doc, self.match(doc))
            return doc
        except Exception as e:
            return stock.get_error_handler()(stock.name, stock, [doc], e)

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """(attribute row, match id, start, end) of every match, sorted: AttributeRuler.match."""
        return self.indexed().matches(doc)

    def indexed(self) -> PatternIndex:
        """The ruler's patterns and attributes compiled, again whenever rules were added."""
        if self.index is None or self.index.size != len(self.stock.attrs):
            self.index = PatternIndex(self.stock, self.ids)
        return self.index

    def set_annotations(self, doc, matches) -> None:
        """Write the matches' attributes in order, so later rules win; spaCy's own code for
        rules writing more than BULK attributes and for a match whose index falls outside
        it (spaCy raises its own error)."""
        if not matches:
            return
        index = self.indexed()
        array = doc.to_array(index.written).reshape(len(doc), -1)  # one column: 1-D
        tokens = array.tolist()
        for row, _, start, end in matches:
            at, values = index.plan[row]
            i = (end if at < 0 else start) + at
            if values is None or not start <= i < end:
                self.stock.set_annotations(doc, matches)
                return
            token = tokens[i]
            for column, value in values:
                token[column] = value
        array[:] = tokens
        doc.from_array(index.written, array)


class PatternIndex:
    """An attribute ruler's patterns, split: those whose tokens test only TESTED attributes
    (by value, IN, NOT_IN or REGEX) are filed in look-up tables under one of their values;
    the others go in a Matcher of their own."""

    def __init__(self, stock, ids: dict):
        strings = stock.vocab.strings
        self.size = len(stock.attrs)
        self.columns = [ids[a] for a in TESTED]
        self.tables: list[dict] = [{} for _ in TESTED]  # per column: value -> [(row, key, at, tokens)]
        self.always: list = []  # patterns with no value to look up: tried at every token
        self.rest = type(stock.matcher)(stock.vocab, validate=False)
        self.rows: dict = {}
        self.written, self.plan = plan(stock, ids)
        for row in range(self.size):
            key = strings.add(str(row))
            self.rows[key] = row
            for pattern in stock.matcher.get(key)[1]:
                tokens = [compile_token(spec, strings) for spec in pattern]
                if not tokens or None in tokens:
                    self.rest.add(key, [pattern])
                else:
                    self.place(row, key, tokens)

    def place(self, row: int, key: int, tokens: list) -> None:
        """File a compiled pattern under the values of its first IN test, by TESTED's order."""
        choices = [(column, k, values) for k, tests in enumerate(tokens)
                   for column, kind, values in tests if kind == "in"]
        if not choices:
            self.always.append((row, key, tokens))
            return
        column, at, values = min(choices, key=lambda choice: choice[:2])
        for value in values:
            self.tables[column].setdefault(value, []).append((row, key, at, tokens))

    def matches(self, doc) -> list[tuple[int, int, int, int]]:
        """Every (row, key, start, end) match of the patterns in DOC, sorted."""
        found = set()
        rows = doc.to_array(self.columns).tolist()
        tables = [(c, t) for c, t in enumerate(self.tables) if t]
        strings = doc.vocab.strings
        for i, values in enumerate(rows):
            for column, table in tables:
                for row, key, at, tokens in table.get(values[column], ()):
                    if fits(rows, i - at, tokens, strings):
                        found.add((row, key, i - at, i - at + len(tokens)))
            for row, key, tokens in self.always:
                if fits(rows, i, tokens, strings):
                    found.add((row, key, i, i + len(tokens)))
        if len(self.rest):
            found.update((self.rows[key], key, s, e)
                         for key, s, e in self.rest(doc, allow_missing=True, as_spans=False))
        return sorted(found)


def plan(stock, ids: dict) -> tuple[list[int], list[tuple[int, list | None]]]:
    """The BULK attributes the ruler STOCK writes, and per rule its token index and its
    [(position among them, value)], None for a rule writing any other attribute."""
    bulk = [ids[a] for a in BULK]
    written = sorted({a for attrs in stock.attrs for a in attrs if a in bulk}) or bulk[:1]
    rules = []
    for attrs, index in zip(stock.attrs, stock.indices):
        safe = all(a in written for a in attrs)
        rules.append((index, [(written.index(a), v) for a, v in attrs.items()] if safe else None))
    return written, rules


def fits(rows: list, start: int, tokens: list, strings) -> bool:
    """Whether the pattern's TOKENS match the doc's token ROWS (by TESTED column) from START."""
    if start < 0 or start + len(tokens) > len(rows):
        return False
    for values, tests in zip(rows[start:start + len(tokens)], tokens):
        for column, kind, allowed in tests:
            if kind == "re":
                if not allowed.search(strings[values[column]]):
                    return False
            elif (values[column] in allowed) != (kind == "in"):
                return False
    return True


def compile_token(spec: dict, strings) -> list | None:
    """A Matcher token pattern as [(column, "in" | "not_in" | "re", value ids or regex)], or
    None when it uses anything but TESTED attributes compared by value, IN, NOT_IN, REGEX."""
    tests = []
    for name, value in spec.items():
        name = {"TEXT": "ORTH"}.get(name.upper(), name.upper()) if isinstance(name, str) else None
        if name not in TESTED:
            return None
        kind, values = "in", [value]
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                return None
            (operator, values), = value.items()
            kind = operator.lower()
        if kind == "regex":
            if not isinstance(values, str):
                return None
            tests.append((TESTED.index(name), "re", re.compile(values)))
            continue
        if not isinstance(values, (list, tuple)) or not all(isinstance(v, (str, int)) for v in values):
            return None
        ids = {int(v) if isinstance(v, (bool, int)) else strings.add(v) for v in values}
        tests.append((TESTED.index(name), kind, ids))
    return tests
