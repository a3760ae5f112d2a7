"""SPARQL over an export, with the contract's prefixes predeclared.

    run(graph_path, query_text, fmt) -> str

Queries run on pyoxigraph (a compiled SPARQL engine, orders of magnitude faster than
rdflib's on large graphs). A small export is loaded into memory per query; a large one
(STORE_THRESHOLD bytes or more) is loaded once into a persistent store beside it
(`.graph.ttl.oxigraph/`), rebuilt only when the Turtle changes. Results are turned
into rdflib terms, so the output formats are rdflib's.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import ExportError, QueryError
from kg.vocab import PREFIXES
from kg.settings import DEFAULT_BASE_IRI

FORMATS = ("table", "csv", "tsv", "json")
STORE_THRESHOLD = 8 * 1024 * 1024  # bytes of Turtle above which a persistent store pays
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


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


def short_term(value, namespaces: dict[str, str]) -> str:
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


def _store_dir(path: Path) -> Path:
    return path.parent / f".{path.name}.oxigraph"


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size} {stat.st_mtime_ns}\n"


def _invalid(path: Path, exc: Exception) -> ExportError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ExportError(f"{path} is not valid Turtle ({first}); rebuild it with `kg build`")


def _persistent(path: Path) -> ox.Store:
    """The read-only store beside PATH, (re)built when the Turtle's size or mtime changed.
    Built in a temporary folder and renamed into place, so a crash leaves no half store."""
    folder = _store_dir(path)
    stamp = _stamp(path)
    try:
        if (folder / "kg-stamp").read_text() == stamp:
            return ox.Store.read_only(str(folder))
    except OSError:
        pass
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.oxigraph-"))
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
        (tmp / "kg-stamp").write_text(stamp)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except SyntaxError as exc:
        raise _invalid(path, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ox.Store.read_only(str(folder))


@lru_cache(maxsize=2)
def _store_cached(path: str, stamp: str) -> ox.Store:
    graph = Path(path)
    if graph.stat().st_size >= STORE_THRESHOLD:
        try:
            return _persistent(graph)
        except OSError:  # a read-only folder, a full disk: query from memory instead
            pass
    store = ox.Store()
    try:
        store.load(path=path, format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise _invalid(graph, exc) from None
    return store


def store(path: Path) -> ox.Store:
    """A pyoxigraph store holding the Turtle export at PATH."""
    if not path.is_file():
        raise ExportError(f"{path} does not exist: run `kg build` first, or pass --graph with a Turtle file")
    return _store_cached(str(path), _stamp(path))


def clean_stores(folder: Path) -> int:
    """Delete the persistent query stores in FOLDER; how many there were."""
    found = [p for p in Path(folder).glob(".*.oxigraph*") if p.is_dir()] if Path(folder).is_dir() else []
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return len(found)


def _declared(path: Path) -> dict[str, str]:
    """The @prefix lines at the head of the Turtle file."""
    found = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("@prefix ") or line.startswith("PREFIX "):
                parts = line.split()
                if len(parts) >= 3 and parts[1].endswith(":"):
                    found[parts[1][:-1]] = parts[2].strip("<>")
            elif line.strip() and not line.startswith("#"):
                break
    return found


def _rdflib(term):
    """A pyoxigraph term as the rdflib term rdflib's own parser would have made."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise QueryError(f"unsupported term in result: {term}")


def _execute(graph_path: Path, text: str, namespaces: dict[str, str]):
    db = store(graph_path)
    try:
        return db.query(text, prefixes=namespaces)
    except SyntaxError as exc:
        _check(text, namespaces)  # rdflib's parser gives line and column, and spots updates
        raise QueryError(f"malformed SPARQL: {str(exc).strip()}") from None
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from None


def run(graph_path: Path, text: str, fmt: str = "table", base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Run the SPARQL query TEXT against the export at GRAPH_PATH; return it formatted.

    SELECT gives rows as FMT (table, csv, tsv or json); ASK gives true or false;
    CONSTRUCT and DESCRIBE give Turtle.

    >>> print(run(Path("exports/graph.ttl"), "ASK { ?p a kg:Person }"))  # doctest: +SKIP
    true
    """
    namespaces = prefixes(base_iri)
    if not graph_path.is_file():
        raise ExportError(f"{graph_path} does not exist: run `kg build` first, or pass --graph with a Turtle file")
    # A graph built with --base-iri declares its own kgr: prefix; honour it.
    namespaces["kgr"] = _declared(graph_path).get("kgr", namespaces["kgr"])
    result = _execute(graph_path, text, namespaces)
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if isinstance(result, ox.QueryTriples):
        out = Graph()
        for prefix, namespace in namespaces.items():
            out.bind(prefix, namespace, override=True)
        for triple in result:
            out.add((_rdflib(triple.subject), _rdflib(triple.predicate), _rdflib(triple.object)))
        return out.serialize(format="turtle")
    header = [v.value for v in result.variables]
    raw = [[_rdflib(row[i]) for i in range(len(header))] for row in result]
    if fmt == "json":
        table = Result("SELECT")
        table.vars = [Variable(h) for h in header]
        table.bindings = [{Variable(h): v for h, v in zip(header, row) if v is not None} for row in raw]
        return table.serialize(format="json").decode("utf-8")
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else str(v) for v in row] for row in raw])
        return buffer.getvalue().rstrip("\n")
    return _table(header, [[short_term(v, namespaces) for v in row] for row in raw])
