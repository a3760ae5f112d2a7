"""Turtle export: the contract's prefixes, sorted, byte-identical for the same graph.

pyoxigraph writes the Turtle (about 20 times faster than rdflib's serializer); kg fixes
the order (subjects, then rdf:type first, then predicates and objects, all sorted), the
prefix block (every bound prefix, sorted) and the layout (a blank line between subjects,
four-space indents), so equal graphs give equal bytes.

What Python does per triple is kept to a minimum (100,000 triples at 1,000 articles):
the sort compares plain strings, not rdflib terms (which compare in Python); each
distinct term is converted once, to its N-Triples text; and pyoxigraph parses those lines
into its triples, which costs less than building a pyoxigraph Triple from Python.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef

from kg.export.atomic import write_bytes
from kg.export.index import spo

_TYPE = str(RDF.type)


def _object_key(o) -> tuple:
    """What orders objects, and all pyoxigraph needs to write one: its text, datatype,
    language and kind."""
    if type(o) is URIRef:
        return (str(o), "", "", "URIRef")
    return (str(o), str(getattr(o, "datatype", None) or ""), getattr(o, "language", None) or "", type(o).__name__)


def _sorted_rows(graph: Graph) -> list[tuple]:
    """GRAPH's subjects, each with its rows (rdf:type or not, predicate text, object key,
    a tie-breaker, predicate, object), ordered by subject text, rdf:type first, predicate
    text, then the object's key: the order of sorting every triple by those texts."""
    index = spo(graph)
    subjects = sorted((str(s), i, s) for i, s in enumerate(index))
    out = []
    for _, _, s in subjects:
        rows = []
        for p, objects in index[s].items():
            predicate = str(p)
            first = predicate != _TYPE
            for o in objects:
                key = (str(o), "", "", "URIRef") if type(o) is URIRef else _object_key(o)
                rows.append((first, predicate, key, len(rows), p, o))
        rows.sort()  # the tie-breaker: rdflib's terms are never compared
        out.append((s, rows))
    return out


def _term(value, named: dict):
    """VALUE (an rdflib term) as a pyoxigraph term."""
    if isinstance(value, URIRef):
        return named.setdefault(str(value), ox.NamedNode(str(value)))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=_term(value.datatype, named))
        return ox.Literal(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    raise TypeError(f"cannot write {value!r} as Turtle")


def _ntriples(graph: Graph) -> bytes:
    """GRAPH's triples as N-Triples lines in kg's order; pyoxigraph writes each distinct
    term's text (str() of a pyoxigraph term is its N-Triples), once."""
    named: dict[str, ox.NamedNode] = {}
    texts: dict[tuple, str] = {}
    lines = []
    for s, rows in _sorted_rows(graph):
        subject = str(_term(s, named))
        for _, predicate, key, _, p, o in rows:
            verb = texts.get((predicate, "", "", type(p).__name__))
            if verb is None:
                verb = texts[(predicate, "", "", type(p).__name__)] = str(_term(p, named))
            obj = texts.get(key)
            if obj is None:
                obj = texts[key] = str(_term(o, named))
            lines.append(f"{subject} {verb} {obj} .\n")
    return "".join(lines).encode("utf-8")


def serialize(graph: Graph) -> bytes:
    """The graph as Turtle bytes.

    Every bound prefix is declared, used or not, so users' queries and tools find the
    contract's prefixes in the file whatever it contains. Resources are written with the
    prefix of their folder (`person:jane-doe`, as kg prints them); `kgr:` is declared but
    compacts nothing, since "kgr:person/x" is no legal prefixed name.

    >>> from rdflib import Namespace
    >>> g = Graph(bind_namespaces="none"); ex = Namespace("https://example.org/")
    >>> g.bind("ex", ex)
    >>> _ = g.add((ex["b"], RDF.type, ex.Thing)).add((ex["a"], ex.name, Literal('say "hi"')))
    >>> print(serialize(g).decode())
    @prefix ex: <https://example.org/> .
    <BLANKLINE>
    ex:a ex:name "say \\"hi\\"" .
    <BLANKLINE>
    ex:b a ex:Thing .
    <BLANKLINE>
    """
    namespaces = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    header = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(namespaces.items())]
    # kgr: would give "kgr:person\\/x" where the longer person: prefix gives "person:x".
    compact = {p: ns for p, ns in namespaces.items() if ns.endswith(("#", "/")) and p != "kgr"}
    triples = ox.parse(_ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=compact).decode("utf-8")
    lines = []
    for line in body.split("\n"):
        if not line or line.startswith("@prefix "):
            continue
        if line.startswith("\t"):
            lines.append("    " + line[1:])
        else:
            lines.extend(["", line])
    return ("\n".join(header + lines) + "\n").encode("utf-8")


def write(graph: Graph, path: Path) -> None:
    """Write GRAPH as Turtle to PATH atomically."""
    write_bytes(path, serialize(graph))
