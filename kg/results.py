"""Query results as text: a table for people, the W3C formats for tools.

    render(result, fmt, namespaces) -> str

SELECT rows become a table whose IRIs are the prefixed names a user can paste back
(`person:jane-doe`), or one of the W3C formats: SPARQL 1.1 Query Results JSON (written
by pyoxigraph), CSV (RFC 4180: CRLF line ends, plain strings) and TSV (terms in SPARQL
syntax). ASK gives true/false (JSON: the W3C boolean document); CONSTRUCT and DESCRIBE
give Turtle with the prefixes declared in a fixed order.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, URIRef

from kg.vocab import curie, resource_prefixes

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Literals TSV may write bare, as Turtle does: (datatype, lexical form it must have).
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?\d+"),
    _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    _XSD + "double": re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+"),
    _XSD + "boolean": re.compile(r"true|false"),
}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def short_term(value, namespaces: dict[str, str]) -> str:
    """A term as kg prints it: an IRI as the prefixed name that pastes back into a query
    ("person:jane-doe"; the folder prefixes come with kgr:), a blank node as _:id, a
    literal as its text.

    >>> short_term(URIRef("https://e.org/r/place/oslo"), {"kgr": "https://e.org/r/"})
    'place:oslo'
    """
    if value is None:
        return ""
    if isinstance(value, (URIRef, ox.NamedNode)):
        if "kgr" in namespaces and "person" not in namespaces:
            namespaces = {**resource_prefixes(namespaces["kgr"]), **namespaces}
        return curie(value if isinstance(value, str) else value.value, namespaces)
    if isinstance(value, (BNode, ox.BlankNode)):
        return f"_:{value if isinstance(value, str) else value.value}"
    return value.value if isinstance(value, ox.Literal) else str(value)


def csv_cell(term) -> str:
    """A term as a CSV field: IRIs and literals as plain strings, quoted when they hold a
    quote, comma or line break.

    >>> csv_cell(ox.Literal('say "hi", then go')), csv_cell(None)
    ('"say ""hi"", then go"', '')
    """
    if term is None:
        return ""
    text = f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value
    return '"' + text.replace('"', '""') + '"' if re.search(r'[",\r\n]', text) else text


def tsv_cell(term) -> str:
    """A term as a TSV field, in SPARQL/Turtle syntax; numbers and booleans bare.

    >>> tsv_cell(ox.Literal("-3", datatype=ox.NamedNode(_XSD + "negativeInteger")))
    '"-3"^^<http://www.w3.org/2001/XMLSchema#negativeInteger>'
    >>> tsv_cell(ox.Literal("4", datatype=ox.NamedNode(_XSD + "integer"))), tsv_cell(ox.Literal("a\\tb", language="en"))
    ('4', '"a\\\\tb"@en')
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    if datatype in _BARE and _BARE[datatype].fullmatch(term.value):
        return term.value
    quoted = '"' + "".join(_ESCAPES.get(c, c) for c in term.value) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    return quoted if datatype == _XSD + "string" else f"{quoted}^^<{datatype}>"


def _table(header: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "(no rows)"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    limit = [min(w, 80) for w in widths]

    def line(cells):
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, limit)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in limit]), *(line(r) for r in rows)])


def _rows(result: ox.QuerySolutions, fmt: str, namespaces: dict[str, str]) -> str:
    header = [v.value for v in result.variables]
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    if fmt == "csv":
        lines = [",".join(header)] + [",".join(csv_cell(row[i]) for i in range(len(header))) for row in result]
        return "".join(line + "\r\n" for line in lines)
    if fmt == "tsv":
        lines = ["\t".join("?" + h for h in header)]
        lines += ["\t".join(tsv_cell(row[i]) for i in range(len(header))) for row in result]
        return "".join(line + "\n" for line in lines)
    return _table(header, [[short_term(row[i], namespaces) for i in range(len(header))] for row in result])


def _turtle(triples, namespaces: dict[str, str]) -> str:
    triples = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if not triples:
        return "# no triples\n"
    names = {p: ns for p, ns in namespaces.items() if p != "kgr"}
    lines = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=names).decode("utf-8").splitlines()
    header = sorted(line for line in lines if line.startswith("@prefix "))
    return "\n".join(header + [""] + [line for line in lines if not line.startswith("@prefix ")]) + "\n"


def render(result, fmt: str, namespaces: dict[str, str]) -> str:
    """A pyoxigraph result as text: SELECT rows as FMT (table, csv, tsv or json), ASK as
    true/false (json: the W3C boolean), CONSTRUCT and DESCRIBE triples as Turtle."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
        return str(bool(result)).lower()
    if isinstance(result, ox.QuerySolutions):
        return _rows(result, fmt, namespaces)
    return _turtle(result, namespaces)
