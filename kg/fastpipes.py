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

MEMO_SIZE = 200_000  # distinct (orth, pos, morph) lemmas kept, per process
# Attributes the ruler writes onto the token only (spaCy's set_token_attrs also writes them on
# the lexeme, where they do not exist): safe to write for all tokens at once.
BULK = ("LEMMA", "POS", "TAG", "DEP", "MORPH")
# Token attributes a single-token ruler pattern may test here; any other pattern (several
# tokens, REGEX, OP, other attributes) is left to a Matcher of its own.
TESTED = ("TAG", "POS", "DEP", "LOWER", "ORTH", "IS_SPACE")


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
    """The attribute ruler: the same sorted matches as its Matcher (single-token patterns
    looked up by token attributes, the rest matched by a Matcher holding only them), each
    match's attributes merged per token in order (later rules win) and written at once."""

    def __init__(self, stock, ids: dict):
        self.stock = stock
        self.ids = ids
        self.bulk = frozenset(ids[a] for a in BULK)
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
        stock = self.stock
        if self.index is None or self.index.size != len(stock.attrs):
            self.index = PatternIndex(stock, self.ids)
        return self.index.matches(doc)

    def set_annotations(self, doc, matches) -> None:
        """Write the matches' attributes; spaCy's own code for anything but BULK attributes
        and for a match whose index falls outside it (spaCy raises its own error)."""
        stock, merged = self.stock, {}
        for row, _, start, end in matches:
            index = stock.indices[row]
            i = (end if index < 0 else start) + index
            attrs = stock.attrs[row]
            if not start <= i < end or not attrs.keys() <= self.bulk:
                stock.set_annotations(doc, matches)
                return
            merged.setdefault(i, {}).update(attrs)
        if merged:
            write(doc, merged)


def write(doc, merged: dict) -> None:
    """Set {token index: {attribute id: value}} on DOC in one from_array."""
    columns = sorted({a for attrs in merged.values() for a in attrs})
    where = {a: k for k, a in enumerate(columns)}
    array = doc.to_array(columns)
    for i, attrs in merged.items():
        for a, value in attrs.items():
            array[i, where[a]] = value
    doc.from_array(columns, array)


class PatternIndex:
    """An attribute ruler's patterns, split: single-token patterns that test only TESTED
    attributes for equality or IN / NOT_IN go in look-up tables; the others in a Matcher."""

    def __init__(self, stock, ids: dict):
        strings = stock.vocab.strings
        self.size = len(stock.attrs)
        self.columns = [ids[a] for a in TESTED]
        self.tables: list[dict] = [{} for _ in TESTED]  # per column: value -> [(row, key, tests)]
        self.always: list = []  # patterns with no positive test: tried on every token
        self.rest = type(stock.matcher)(stock.vocab, validate=False)
        self.rows: dict = {}
        for row in range(self.size):
            key = strings.add(str(row))
            self.rows[key] = row
            for pattern in stock.matcher.get(key)[1]:
                tests = compile_token(pattern, strings) if len(pattern) == 1 else None
                if tests is None:
                    self.rest.add(key, [pattern])
                else:
                    self.place(row, key, tests)

    def place(self, row: int, key: int, tests: list) -> None:
        """File a compiled pattern under its first positive test's column and values."""
        for k, (column, positive, values) in enumerate(tests):
            if positive:
                entry = (row, key, tests[:k] + tests[k + 1:])
                for value in values:
                    self.tables[column].setdefault(value, []).append(entry)
                return
        self.always.append((row, key, tests))

    def matches(self, doc) -> list[tuple[int, int, int, int]]:
        found = set()
        tables = [(c, t) for c, t in enumerate(self.tables) if t]
        for i, values in enumerate(doc.to_array(self.columns).tolist()):
            for column, table in tables:
                for row, key, tests in table.get(values[column], ()):
                    if passes(values, tests):
                        found.add((row, key, i, i + 1))
            for row, key, tests in self.always:
                if passes(values, tests):
                    found.add((row, key, i, i + 1))
        if len(self.rest):
            found.update((self.rows[key], key, s, e)
                         for key, s, e in self.rest(doc, allow_missing=True, as_spans=False))
        return sorted(found)


def passes(values: list, tests: list) -> bool:
    """Whether a token's VALUES (by TESTED column) pass every (column, positive, values) test."""
    return all((values[column] in allowed) == positive for column, positive, allowed in tests)


def compile_token(pattern: list, strings) -> list | None:
    """A single-token Matcher pattern as [(column, positive, value ids)], or None when it
    uses anything but TESTED attributes compared by value, IN or NOT_IN."""
    tests = []
    for name, value in pattern[0].items():
        name = {"TEXT": "ORTH"}.get(name.upper(), name.upper()) if isinstance(name, str) else None
        if name not in TESTED:
            return None
        positive, values = True, value
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
                return None
            (operator, values), = value.items()
            positive = operator == "IN"
        else:
            values = [value]
        if not isinstance(values, (list, tuple)) or not all(isinstance(v, (str, int)) for v in values):
            return None
        ids = {int(v) if isinstance(v, (bool, int)) else strings.add(v) for v in values}
        tests.append((TESTED.index(name), positive, ids))
    return tests
