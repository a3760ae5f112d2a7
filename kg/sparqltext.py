"""SPARQL as a user types it: the tokens of a query, what is wrong with one that does not
parse (in words, with its line, column and a caret under it), warnings for terms a closed
vocabulary does not have, and the schema.org/FOAF terms the ontology aligns read as kg's.

    tokens(text) -> list[Token]
    diagnose(text, namespaces, engine_message) -> str   the message of a QueryError
    unknown_terms(text, namespaces) -> list[str]        "kg:Persn ...; did you mean kg:Person?"
    expand_aligned(text, namespaces) -> str             schema:Person read as kg:Person

A lexer, not a parser: the SPARQL engine (pyoxigraph) decides whether a query parses;
this module only explains why one does not, in terms a person can act on.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.vocab import ALIGNED, KG, RESOURCE_FOLDERS, curie

_PN_PREFIX = r"[^\W\d_](?:[\w\-.\u00B7]*[\w\-\u00B7])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%]"
_PN_LOCAL = rf"(?:[\w:]|{_PLX})(?:(?:[\w\-.:\u00B7]|{_PLX})*(?:[\w\-:\u00B7]|{_PLX}))?"
_TOKEN = re.compile(rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<open_string>\"\"\"|'''|["'])
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
""", re.VERBOSE | re.DOTALL)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_CLOSERS = {"{": "}", "(": ")", "[": "]"}
# Keywords that may open a part of a group pattern: the engine names one of them when a
# triple is not followed by `.` (it cannot list all it would take).
_FUNCTION_WORDS = {"ABS", "STR", "NOT", "IRI", "URI", "ENCODE_FOR_URI", "STRSTARTS", "REGEX", "BOUND", "COUNT",
                   "isLITERAL", "isNUMERIC", "LANG", "DATATYPE", "CONCAT", "EXISTS"}
_PATTERN_WORDS = {"BIND", "OPTIONAL", "FILTER", "MINUS", "GRAPH", "SERVICE", "VALUES"}
# Vocabularies whose every term is known (rdflib's closed DefinedNamespaces, and kg's own).
CLOSED = (KG, RDF, RDFS, OWL, SKOS, PROV, DCTERMS)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # string, open_string, iri, var, bnode, pname, lang, number, word or punct
    text: str
    start: int  # character offset in the query

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def tokens(text: str) -> list[Token]:
    """The tokens of a SPARQL query, without spaces and comments.

    >>> [t.text for t in tokens('SELECT ?x WHERE { ?x a kg:Person . } # who')]
    ['SELECT', '?x', 'WHERE', '{', '?x', 'a', 'kg:Person', '.', '}']
    """
    return [Token(m.lastgroup, m.group(), m.start()) for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("space", "comment")]


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of OFFSET in TEXT, both counted from 1."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def excerpt(text: str, offset: int) -> str:
    """The line holding OFFSET, indented, and a caret under it (long lines cut around it)."""
    line, column = position(text, offset)
    row = text.split("\n")[line - 1]
    left = max(0, min(column - 40, len(row) - 76))
    cut = row[left:left + 76]
    return f"  {cut}\n  {' ' * (column - 1 - left)}^"


def declared(toks: list[Token]) -> dict[str, str]:
    """The prefixes the query declares itself (PREFIX p: <iri>)."""
    found = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.kind == "word" and tok.text.upper() == "PREFIX" and toks[i + 1].kind == "pname" \
                and toks[i + 2].kind == "iri":
            found[toks[i + 1].text.split(":", 1)[0]] = toks[i + 2].text[1:-1]
    return found


def resolve(tok: Token, namespaces: dict[str, str]) -> str | None:
    """The IRI a prefixed name or <IRI> token stands for (None: not one, or undeclared)."""
    if tok.kind == "iri":
        return tok.text[1:-1]
    if tok.kind != "pname":
        return None
    prefix, local = tok.text.split(":", 1)
    namespace = namespaces.get(prefix)
    return None if namespace is None else namespace + re.sub(r"\\(.)", r"\1", local)


def _declarations(toks: list[Token]) -> set[int]:
    """Indexes of the prefixed-name tokens that are PREFIX declarations' own names."""
    return {i + 1 for i, t in enumerate(toks[:-1]) if t.kind == "word" and t.text.upper() == "PREFIX"}


def _at(text: str, offset: int, problem: str) -> str:
    line, column = position(text, offset)
    return f"malformed SPARQL at line {line}, column {column}: {problem}\n{excerpt(text, offset)}"


def _unclosed(text: str, toks: list[Token]) -> str | None:
    """A string that never ends, or brackets that do not pair up."""
    stack: list[Token] = []
    for tok in toks:
        if tok.kind == "open_string":
            return _at(text, tok.start, f"this string is never closed; end it with {tok.text}")
        if tok.kind != "punct":
            continue
        if tok.text in _CLOSERS:
            stack.append(tok)
        elif tok.text in _CLOSERS.values():
            if not stack:
                return _at(text, tok.start, f"unexpected {tok.text}: there is no open bracket for it to close")
            opener = stack.pop()
            if _CLOSERS[opener.text] != tok.text:
                line, column = position(text, opener.start)
                return _at(text, tok.start, f"expected {_CLOSERS[opener.text]} (to close the {opener.text} "
                                            f"at line {line}, column {column}) before this {tok.text}")
    if stack:
        opener = stack[-1]
        line, column = position(text, opener.start)
        return _at(text, len(text.rstrip()), f"expected {_CLOSERS[opener.text]} to close the {opener.text} at "
                                             f"line {line}, column {column}; found the end of the query")
    return None


def _first_word(toks: list[Token]) -> Token | None:
    """The query's first keyword after its PREFIX and BASE declarations."""
    i = 0
    while i < len(toks):
        word = toks[i].text.upper()
        if word == "PREFIX":
            i += 3
        elif word == "BASE":
            i += 2
        else:
            return toks[i]
    return None


def _form(text: str, toks: list[Token]) -> str | None:
    """An update, or a query that does not start with SELECT, ASK, CONSTRUCT or DESCRIBE."""
    first = _first_word(toks)
    if first is None:
        return "malformed SPARQL: the query is empty; write SELECT, ASK, CONSTRUCT or DESCRIBE"
    if first.text.upper() in UPDATE_WORDS:
        return ("SPARQL UPDATE is not allowed: `kg query` only reads the export; "
                "edit the corpus and run `kg build` instead")
    if first.text.upper() not in QUERY_FORMS:
        return _at(text, first.start, f"a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
                                      f"(after its PREFIX lines), not {first.text}")
    return None


def _known_prefix(prefix: str) -> str:
    """A namespace rdflib knows for PREFIX (dc, foaf, dcat ...), else a placeholder."""
    from rdflib import Graph

    return dict(Graph(bind_namespaces="rdflib").namespaces()).get(prefix, "IRI-of-the-vocabulary")


def _same_term(tok: Token, namespaces: dict[str, str]) -> str:
    """", did you mean dcterms:title?" when a predeclared vocabulary has the local name."""
    local = tok.text.split(":", 1)[1]
    same = [f"{p}:{local}" for p, ns in namespaces.items() for v in CLOSED
            if ns == str(v._NS) and local and local in _terms(v)]
    return f" (did you mean {' or '.join(same)}?)" if same else ""


def _undeclared(text: str, toks: list[Token], namespaces: dict[str, str]) -> str | None:
    known = {**namespaces, **declared(toks)}
    skip = _declarations(toks)
    for i, tok in enumerate(toks):
        prefix = tok.text.split(":", 1)[0]
        if tok.kind == "pname" and i not in skip and prefix not in known:
            listed = " ".join(f"{p}:" for p in namespaces)
            line, column = position(text, tok.start)
            return (f"undeclared prefix {prefix}: at line {line}, column {column}{_same_term(tok, namespaces)}; "
                    f"declare it at the top of the query (PREFIX {prefix}: <{_known_prefix(prefix)}>) or use a "
                    f"predeclared one: {listed}\n{excerpt(text, tok.start)}")
    return None


def _rest(text: str, offset: int) -> str:
    """What follows a slash up to the end of the name (space, bracket, `;` or `,`)."""
    return re.match(r"[^\s;,{}()]*", text[offset:]).group().rstrip(".")


def _slashed(text: str, toks: list[Token], namespaces: dict[str, str]) -> str | None:
    """`kgr:person/x` (a slash in a prefixed name): its legal name."""
    known = {**namespaces, **declared(toks)}
    for i, tok in enumerate(toks[:-2]):
        after = toks[i + 1]
        if tok.kind == "pname" and after.text == "/" and after.start == tok.end \
                and toks[i + 2].kind in ("word", "number") and toks[i + 2].start == after.end:
            rest = _rest(text, after.end)
            return _at(text, tok.start, f"{tok.text}/{rest} is no prefixed name (a slash may not stand in "
                                        f"one); write {curie(f'{resolve(tok, known)}/{rest}', namespaces)}")
    return None


def _folder_path(text: str, toks: list[Token], namespaces: dict[str, str]) -> str | None:
    """`person/x` (a resource written as a path, no prefix): its legal name."""
    folders = {folder.rstrip("/") for folder in RESOURCE_FOLDERS.values()}
    for i, tok in enumerate(toks[:-1]):
        if tok.kind == "word" and tok.text in folders and toks[i + 1].text == "/" \
                and toks[i + 1].start == tok.end and "kgr" in namespaces:
            rest = _rest(text, toks[i + 1].end)
            iri = f"{namespaces['kgr']}{tok.text}/{rest}"
            return _at(text, tok.start, f"{tok.text}/{rest} is no SPARQL term; write {curie(iri, namespaces)}")
    return None


def _relative(text: str, toks: list[Token], namespaces: dict[str, str]) -> str | None:
    """`<person/x>` (a relative IRI, and no BASE to resolve it): its legal name."""
    if "kgr" not in namespaces or any(t.text.upper() == "BASE" for t in toks):
        return None
    for tok in toks:
        if tok.kind == "iri" and not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", tok.text[1:]):
            iri = namespaces["kgr"] + tok.text[1:-1]
            return _at(text, tok.start, f"{tok.text} is a relative IRI; write {curie(iri, namespaces)}")
    return None


def diagnose(text: str, namespaces: dict[str, str], engine_message: str) -> str:
    """The message for TEXT, which the engine refused with ENGINE_MESSAGE: one line that
    names the problem and says what was expected, then the line with a caret under it.

    >>> print(diagnose("SELECT ?t WHERE { ?d dc:title ?t }", {"kg": "https://e.org/o#"}, ""))
    ... # doctest: +NORMALIZE_WHITESPACE
    undeclared prefix dc: at line 1, column 22; declare it at the top of the query
    (PREFIX dc: <http://purl.org/dc/elements/1.1/>) or use a predeclared one: kg:
      SELECT ?t WHERE { ?d dc:title ?t }
                           ^
    """
    toks = tokens(text)
    found = _unclosed(text, toks) or _form(text, toks)
    for check in (_undeclared, _slashed, _folder_path, _relative):
        found = found or check(text, toks, namespaces)
    return found or _engine(text, engine_message)


def _engine(text: str, message: str) -> str:
    """The engine's own complaint ("error at 1:34: expected one of ...") in words."""
    where = re.search(r"at (\d+):(\d+)", message)
    if not where:
        return f"malformed SPARQL: {message.strip().splitlines()[0] if message.strip() else 'cannot parse it'}"
    line, column = int(where.group(1)), int(where.group(2))
    rows = text.split("\n")
    offset = min(sum(len(r) + 1 for r in rows[:line - 1]) + column - 1, len(text))
    toks = tokens(text)
    after = next((t for t in toks if t.end > offset), None)
    before = [t for t in toks if t.end <= offset]
    found = f"found {after.text}" if after else "found the end of the query"
    if before and before[-1].text.upper() in ("LIMIT", "OFFSET"):
        return _at(text, offset, f"expected a whole number after {before[-1].text}; {found}")
    return _at(text, offset, f"expected {_expected(message)}; {found}")


def _expected(message: str) -> str:
    """What the engine expected, in words: `.`, `;` or `}`; a variable or value; a keyword."""
    listed = message.split("expected", 1)[-1]
    marks = [m for m in re.findall(r'"((?:[^"\\]|\\.)+)"', listed) if m not in ("{|", "|}", "~")]
    # Keywords stand bare in the list; quoted marks and [character classes] are dropped.
    bare = re.sub(r'"[^"]*"|\[[^]]*\]|Prefix not found|IRI parsing failed|one of', "", listed)
    words = re.findall(r"\b([A-Za-z][A-Za-z_0-9]+)\b", bare)
    if "IRI parsing failed" in listed:
        return "a valid IRI, e.g. <https://example.org/x> or a prefixed name"
    if len(words) > 4 or set(words) & _FUNCTION_WORDS:
        return "an expression (a variable, a value or a function call)"
    if words and set(words) <= _PATTERN_WORDS and not marks:
        return "`.` to end the triple before the next one, or FILTER, OPTIONAL, BIND, VALUES or }"
    options = [f"`{m}`" for m in marks] + words
    if not options:
        return "something else here"
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


def _suggest(local: str, terms: list[str]) -> list[str]:
    same = [t for t in terms if t.casefold() == local.casefold()]
    return same or difflib.get_close_matches(local, terms, n=2, cutoff=0.6)


def unknown_terms(text: str, namespaces: dict[str, str]) -> list[str]:
    """A warning for each term of a closed vocabulary (kg:, rdf:, rdfs:, owl:, skos:,
    prov:, dcterms:) that the vocabulary does not have, with the nearest terms it has.

    >>> unknown_terms("SELECT ?p WHERE { ?p a kg:Persn }", {"kg": str(KG)})
    ['kg:Persn (line 1, column 24) is not a term of the kg ontology (ontology/kg.ttl); did you mean kg:Person?']
    """
    toks = tokens(text)
    known = {**namespaces, **declared(toks)}
    skip = _declarations(toks)
    warnings = []
    for i, tok in enumerate(toks):
        iri = resolve(tok, known) if i not in skip else None
        for vocabulary in CLOSED if iri else ():
            namespace = str(vocabulary._NS)
            local = iri[len(namespace):]
            if not iri.startswith(namespace) or not local or local in _terms(vocabulary) \
                    or re.fullmatch(r"_\d+", local):
                continue
            warnings.append(_unknown(text, tok, vocabulary, local, namespace))
    return list(dict.fromkeys(warnings))


def _terms(vocabulary) -> list[str]:
    return [*vocabulary.__annotations__, *getattr(vocabulary, "_extras", ())]


def _unknown(text: str, tok: Token, vocabulary, local: str, namespace: str) -> str:
    line, column = position(text, tok.start)
    shown = tok.text[: len(tok.text) - len(local)] if tok.kind == "pname" else f"<{namespace}"
    close = ", ".join(f"{shown}{t}" + (">" if tok.kind == "iri" else "")
                      for t in _suggest(local, _terms(vocabulary)))
    what = "the kg ontology (ontology/kg.ttl)" if vocabulary is KG else f"<{namespace}>"
    hint = f"did you mean {close}?" if close else "it matches nothing in the data"
    return f"{tok.text} (line {line}, column {column}) is not a term of {what}; {hint}"


def _matching(toks: list[Token], i: int) -> int:
    """Index of the bracket that closes toks[i] (or the last token)."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "punct" and toks[j].text in _CLOSERS:
            depth += 1
        elif toks[j].kind == "punct" and toks[j].text in _CLOSERS.values():
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def _long_construct(text: str, toks: list[Token]) -> str:
    """`CONSTRUCT WHERE { P }` as `CONSTRUCT { P } WHERE { P }`, so that P may be read
    with kg terms while the triples it builds keep the terms the user wrote."""
    for i, tok in enumerate(toks[:-2]):
        if tok.text.upper() == "CONSTRUCT" and toks[i + 1].text.upper() == "WHERE" and toks[i + 2].text == "{":
            group = text[toks[i + 2].start:toks[_matching(toks, i + 2)].end]
            return text[:toks[i + 1].start] + group + " " + text[toks[i + 1].start:]
    return text


def expand_aligned(text: str, namespaces: dict[str, str]) -> str:
    """TEXT with each schema.org/FOAF/... term that the ontology aligns with one kg term
    (vocab.ALIGNED) replaced by that kg term, in the query's pattern (not in a CONSTRUCT
    template): an export holds only kg terms, and holds a schema:Person exactly where it
    holds a kg:Person.

    >>> ns = {"foaf": "http://xmlns.com/foaf/0.1/"}
    >>> expand_aligned("ASK { ?x a foaf:Person }", ns).split()[4] == f"<{KG.Person}>"
    True
    """
    text = _long_construct(text, tokens(text))
    toks = tokens(text)
    known = {**namespaces, **declared(toks)}
    braces = [i for i, t in enumerate(toks) if t.text == "{"]
    if not braces:
        return text
    template = (-1, -1)
    if toks[braces[0] - 1].text.upper() == "CONSTRUCT":
        template = (braces[0], _matching(toks, braces[0]))
    pieces, last = [], 0
    for i, tok in enumerate(toks):
        if i < braces[0] or template[0] <= i <= template[1]:
            continue
        iri = resolve(tok, known)
        target = ALIGNED.get(URIRef(iri)) if iri else None
        if target is not None:
            pieces += [text[last:tok.start], f"<{target}>"]
            last = tok.end
    return "".join(pieces) + text[last:]
