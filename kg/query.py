"""SPARQL over an export, with the contract's prefixes predeclared.

    run(graph_path, query_text, fmt, warn=print) -> str

Queries run on pyoxigraph (a compiled SPARQL engine, orders of magnitude faster than
rdflib's on large graphs). A small export is loaded into memory per query; a large one
(STORE_THRESHOLD bytes or more) is loaded once into a persistent store beside it
(`.graph.ttl.oxigraph/`), rebuilt only when the Turtle changes. SELECT results come out
in the W3C formats (SPARQL 1.1 Query Results JSON, CSV and TSV) as pyoxigraph writes
them, or as a table whose IRIs are the prefixed names a user can paste back.
kg.endpoint runs the same queries, with the same prefixes and messages, on a server.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

import kg.sparqltext as sparqltext
from kg.errors import ExportError, QueryError
from kg.results import render, short_term  # noqa: F401 (kg.validate and kg.endpoint use them from here)
from kg.settings import DEFAULT_BASE_IRI
from kg.vocab import KG, PREFIXES, RESOURCE_FOLDERS, curie, resource_prefixes

FORMATS = ("table", "csv", "tsv", "json")
STORE_THRESHOLD = 8 * 1024 * 1024  # bytes of Turtle above which a persistent store pays
# The class of the resources under each folder prefix (person: -> kg:Person ...).
_FOLDER_CLASS = dict(zip(RESOURCE_FOLDERS, ("Person", "Organization", "Place", "Event", "Date", "Document",
                                            "Quote", "Statement")))


def prefixes(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """Prefix -> namespace for every prefix a query may use without declaring it.

    >>> prefixes("https://example.com/news/")["person"]
    'https://example.com/news/person/'
    """
    return {"kgr": base_iri, **resource_prefixes(base_iri), **{p: str(ns) for p, ns in PREFIXES.items()}}


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


def namespaces_of(graph_path: Path, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """The prefixes a query on GRAPH_PATH may use undeclared: the contract's, with the
    resource folders under the base IRI the export itself declares (--base-iri)."""
    declared = _declared(graph_path)
    names = prefixes(declared.get("kgr", base_iri))
    names.update({p: ns for p, ns in declared.items() if p in names})
    return names


def check(text: str, namespaces: dict[str, str]) -> None:
    """Raise a QueryError saying in words what is wrong if TEXT does not parse as a query
    (an empty store answers at once, so this only parses)."""
    if any(t.kind == "word" and t.text.upper() == "SERVICE" for t in sparqltext.tokens(text)):
        return  # evaluating would call the remote service: leave the query to the real run
    try:
        ox.Store().query(text, prefixes=namespaces)
    except SyntaxError as exc:
        raise QueryError(sparqltext.diagnose(text, namespaces, str(exc))) from None
    except Exception:  # it parsed; evaluating it on no data is not the point
        pass


def prepare(text: str, namespaces: dict[str, str], warn: Callable[[str], None] | None = None) -> str:
    """TEXT with its aligned schema.org/FOAF terms read as kg's; WARN hears of its terms
    that the ontology does not have."""
    for message in sparqltext.unknown_terms(text, namespaces) if warn else ():
        warn(message)
    return sparqltext.expand_aligned(text, namespaces)


def _nearest(db: ox.Store, iri: str, namespaces: dict[str, str]) -> list[str]:
    """The names the export holds that are nearest to IRI, which it does not hold: in
    its folder (person:jane-do -> person:jane-doe), or `kgr:person:x` read as person:x."""
    folder = next((p for p in RESOURCE_FOLDERS if p in namespaces and iri.startswith(namespaces[p])), None)
    if folder is None:
        local = iri[len(namespaces["kgr"]):]
        guess = namespaces["kgr"] + local.replace(":", "/", 1)
        return [guess] if guess != iri and db.query(f"ASK {{ <{guess}> ?p ?o }}") else []
    held = {s["s"].value[len(namespaces[folder]):]: s["s"].value
            for s in db.query(f"SELECT ?s WHERE {{ ?s a <{KG[_FOLDER_CLASS[folder]]}> }}")}
    return [held[c] for c in difflib.get_close_matches(iri[len(namespaces[folder]):], list(held), n=2, cutoff=0.75)]


def _missing(db: ox.Store, text: str, namespaces: dict[str, str]) -> list[str]:
    """A warning for each resource the query names (person:x, doc:y ...) that the export
    does not hold, with the nearest names it holds; and for a name in angle brackets."""
    toks = sparqltext.tokens(text)
    known = {**namespaces, **sparqltext.declared(toks)}
    warnings = []
    for tok in toks:
        iri = sparqltext.resolve(tok, known)
        line, column = sparqltext.position(text, tok.start)
        if tok.kind == "iri" and iri.split(":", 1)[0] in RESOURCE_FOLDERS:
            warnings.append(f"{tok.text} (line {line}, column {column}) is an IRI of scheme "
                            f"{iri.split(':', 1)[0]}:, not a name of the export; write {iri} without < >")
        elif iri and iri.startswith(namespaces["kgr"]) and not db.query(f"ASK {{ <{iri}> ?p ?o }}"):
            close = [curie(c, namespaces) for c in _nearest(db, iri, namespaces)]
            hint = f"did you mean {' or '.join(close)}?" if close else "`kg entities` lists the names it holds"
            warnings.append(f"{tok.text} (line {line}, column {column}) names nothing in the export; {hint}")
    return list(dict.fromkeys(warnings))


def run(graph_path: Path, text: str, fmt: str = "table", base_iri: str = DEFAULT_BASE_IRI,
        warn: Callable[[str], None] | None = None) -> str:
    """Run the SPARQL query TEXT against the export at GRAPH_PATH; return it formatted.

    SELECT gives rows as FMT (table, csv, tsv or json); ASK gives true or false;
    CONSTRUCT and DESCRIBE give Turtle. WARN, if given, hears of terms the ontology does
    not have and resources the export does not hold.

    >>> print(run(Path("exports/graph.ttl"), "ASK { ?p a kg:Person }"))  # doctest: +SKIP
    true
    """
    if not graph_path.is_file():
        raise ExportError(f"{graph_path} does not exist: run `kg build` first, or pass --graph with a Turtle file")
    namespaces = namespaces_of(graph_path, base_iri)
    expanded = prepare(text, namespaces, warn)
    db = store(graph_path)
    try:
        result = db.query(expanded, prefixes=namespaces)
    except SyntaxError as exc:
        check(text, namespaces)  # says what is wrong, where the user wrote it
        raise QueryError(sparqltext.diagnose(text, namespaces, str(exc))) from None
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from None
    for message in _missing(db, text, namespaces) if warn else ():
        warn(message)
    try:
        return render(result, fmt, namespaces)  # the engine evaluates lazily, row by row
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None
