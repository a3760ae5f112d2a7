"""SPARQL over an export, with the contract's prefixes predeclared.

    run(graph_path, query_text, fmt) -> str
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from kg.errors import ExportError, QueryError
from kg.graph import PREFIXES
from kg.settings import DEFAULT_BASE_IRI

FORMATS = ("table", "csv", "tsv", "json")


def prefixes(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """Prefix -> namespace for every prefix a query may use without declaring it."""
    return {"kgr": base_iri, **{p: str(ns) for p, ns in PREFIXES.items()}}


@lru_cache(maxsize=2)
def _load_cached(path: str, mtime: float) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def load(path: Path) -> Graph:
    """Parse the Turtle export at PATH, or raise an ExportError saying what to do."""
    if not path.is_file():
        raise ExportError(f"{path} does not exist: run `kg build` first, or pass --graph with a Turtle file")
    try:
        return _load_cached(str(path), path.stat().st_mtime)
    except Exception as exc:  # rdflib raises many kinds for broken input
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"{path} is not valid Turtle ({first}); rebuild it with `kg build`") from None


def _check(text: str, namespaces: dict[str, str]) -> None:
    """Raise a QueryError for an update or a query that does not parse (with its position)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in namespaces.items())
    try:
        parseQuery(declared + text)
        return
    except ParseException as exc:
        error = exc
    try:
        parseUpdate(declared + text)
    except ParseException:
        pass
    else:
        raise QueryError("SPARQL UPDATE is not allowed: `kg query` only reads the export; "
                         "edit the corpus and run `kg build` instead")
    line = error.lineno - len(namespaces)
    raise QueryError(f"malformed SPARQL at line {line}, column {error.col}: {error.msg}")


def _term(value, namespaces: dict[str, str]) -> str:
    """A cell of the table: IRIs shortened with the longest matching prefix, for reading
    only ("kgr:person/jane-doe" is not a legal prefixed name in SPARQL, but it is clear)."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        matches = [(len(ns), p) for p, ns in namespaces.items() if value.startswith(ns)]
        if matches:
            length, prefix = max(matches)
            return f"{prefix}:{value[length:]}"
        return f"<{value}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value)


def _table(header: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "(no rows)"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    limit = [min(w, 80) for w in widths]

    def line(cells):
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, limit)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in limit]), *(line(r) for r in rows)])


def run(graph_path: Path, text: str, fmt: str = "table", base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Run the SPARQL query TEXT against the export at GRAPH_PATH; return it formatted.

    SELECT gives rows as FMT (table, csv, tsv or json); ASK gives true or false;
    CONSTRUCT and DESCRIBE give Turtle.

    >>> print(run(Path("exports/graph.ttl"), "ASK { ?p a kg:Person }"))  # doctest: +SKIP
    true
    """
    namespaces = prefixes(base_iri)
    _check(text, namespaces)
    graph = load(graph_path)
    # A graph built with --base-iri declares its own kgr: prefix; honour it.
    namespaces["kgr"] = str(dict(graph.namespaces()).get("kgr", namespaces["kgr"]))
    for prefix, namespace in namespaces.items():
        graph.bind(prefix, namespace, override=True)
    try:
        result = graph.query(text, initNs=namespaces)
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from None
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = Graph()
        for prefix, namespace in namespaces.items():
            out.bind(prefix, namespace)
        for triple in result.graph:
            out.add(triple)
        return out.serialize(format="turtle")
    header = [str(v) for v in result.vars]
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    raw = [[row[i] for i in range(len(header))] for row in result]
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else str(v) for v in row] for row in raw])
        return buffer.getvalue().rstrip("\n")
    return _table(header, [[_term(v, namespaces) for v in row] for row in raw])


