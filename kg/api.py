"""kg's public Python API: what the `kg` command does, as functions for scripts and
notebooks. The command itself calls these; kg/__init__.py re-exports them, so
`import kg` is all a notebook needs:

    kg.init_project("news")                              -> [paths made]
    kg.build_corpus("news/corpus", "news/exports")       -> BuildReport (or UpToDate)
    kg.graph_from_texts({"memo": "Some text."})          -> rdflib.Graph (in memory, no files)
    kg.query_rows("SELECT ...", "news/exports/graph.ttl") -> [{"name": "Ada Lovelace"}, ...]
    kg.query_frame("SELECT ...")                         -> pandas.DataFrame (pip install 'kg[pandas]')
    kg.query_text("ASK { ... }", fmt="table")            -> str, as `kg query` prints it
    kg.list_entities(kind="person")                      -> [EntityRow]
    kg.list_quotes(speaker="lovelace")                   -> [QuoteRow]
    kg.export_stats()                                    -> {"classes": ..., "properties": ..., "top": ...}
    kg.validate_export()                                 -> [Violation] (empty: it conforms)

GRAPH is the Turtle export (default exports/graph.ttl, relative to the working folder);
list_entities, list_quotes, export_stats and validate_export also take an rdflib Graph,
such as graph_from_texts returns. Errors a user can cause are kg.errors.KGError, whose
message says what to do. The names are not those of kg's modules (kg.build is a module,
kg.build_corpus the function), so `import kg.build` never shadows them.

Heavy modules (spaCy, pySHACL, pandas) are imported inside the functions that need
them, so `import kg` stays light.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError
from kg.settings import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    import pandas
    from rdflib import Graph

    from kg.build import BuildReport
    from kg.manifest import UpToDate
    from kg.entities import EntityRow
    from kg.quotelist import QuoteRow
    from kg.validate import Violation

GRAPH = Path("exports") / "graph.ttl"
Progress = Callable[[int, int, int], None]  # (documents done, of total, words done)


def init_project(folder: str | Path = ".") -> list[Path]:
    """Make a project folder (`kg init`): corpus/, exports/, ontology/aliases.ttl (a
    commented example) and a .gitignore for the caches; a KGError if FOLDER already holds
    one. Returns the paths it made.

    >>> init_project("news")  # doctest: +SKIP
    [PosixPath('news/corpus/README'), PosixPath('news/exports'), ...]
    """
    from kg.project import init

    return init(Path(folder))


def build_corpus(corpus: str | Path = "corpus", out: str | Path = "exports", *, aliases: str | Path | None = None,
                 progress: Progress | None = None, **options: Any) -> BuildReport | UpToDate:
    """Build the graph of the articles in CORPUS and write graph.ttl, graph.html and
    graph.graphml into OUT (`kg build`). ALIASES is your merges and splits, by default the
    project's ontology/aliases.ttl beside CORPUS (ignored if missing). OPTIONS are
    kg.settings.Settings fields: model, base_iri, jobs (default 1), max_bytes,
    html_max_nodes, use_cache, executor, scheduler. PROGRESS hears (documents done, of
    total, words done) while documents are parsed. One build at a time per OUT. When
    nothing it reads changed since the last build into OUT and its exports are as it
    wrote them, nothing is done and a kg.manifest.UpToDate says so (use_cache=False
    rebuilds anyway).

    >>> report = build_corpus("corpus", "exports", jobs=2)  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP
    5 documents: 17 persons, 12 organizations, ...
    """
    from kg import aliases as alias_file
    from kg import manifest
    from kg.corpus import discover
    from kg.executor import check
    from kg.lock import build_lock
    from kg.settings import Settings

    corpus = Path(corpus)
    rules = Path(aliases) if aliases is not None else alias_file.project_file(corpus)
    settings = Settings(corpus=corpus, out=Path(out), aliases=rules, **options)
    check(settings)  # says how to install Dask before anything is read
    discover(settings.corpus)  # no corpus, no exports folder: nothing is written before it is found
    inputs = manifest.fingerprint(settings)
    if settings.use_cache and manifest.up_to_date(settings, inputs):
        return manifest.UpToDate(settings.out)
    from kg.build import build  # rdflib and the exports: not needed when nothing changed

    with build_lock(settings.out):
        report = build(settings, progress)
        manifest.record(settings, inputs)
        return report


def graph_from_texts(texts: dict[str, str], **options: Any) -> Graph:
    """The graph of a few texts, built in memory with no files: {doc_id: text} -> an
    rdflib Graph. OPTIONS are Settings fields (model, base_iri, aliases, ...).

    >>> g = graph_from_texts({"memo": "Ada Lovelace, the chair of the Analytical Society, spoke."})  # doctest: +SKIP
    >>> [e.label for e in list_entities(g, kind="person")]  # doctest: +SKIP
    ['Ada Lovelace']
    """
    from kg.build import graph_from_texts as build_in_memory
    from kg.settings import Settings

    return build_in_memory(texts, Settings(**options))


def query_text(sparql: str, graph: str | Path = GRAPH, fmt: str = "table",
               base_iri: str = DEFAULT_BASE_IRI, warn: Callable[[str], None] | None = None) -> str:
    """The answer to a SPARQL query as `kg query` prints it: SELECT rows as FMT (table,
    csv, tsv or json), ASK as true or false, CONSTRUCT and DESCRIBE as Turtle. The
    prefixes kg:, kgr:, person:, org:, rdfs:, prov:, ... are predeclared; updates are
    refused. WARN hears what looks like a mistake (an unknown kg: term, a resource the
    export does not hold).

    >>> print(query_text("ASK { ?p a kg:Person }"))  # doctest: +SKIP
    true
    """
    from kg.query import run

    return run(Path(graph), sparql, fmt, base_iri, warn=warn)


def query_rows(sparql: str, graph: str | Path = GRAPH) -> list[dict[str, Any]]:
    """The rows of a SPARQL SELECT query on the export: one dict per row, {variable:
    value}, with IRIs as str, typed literals as Python values (int, Decimal, bool,
    datetime.date) and unbound variables as None.

    >>> query_rows("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 1")  # doctest: +SKIP
    [{'name': 'Ada Lovelace'}]
    """
    return _select(sparql, graph, "query_rows")[1]


def query_frame(sparql: str, graph: str | Path = GRAPH) -> pandas.DataFrame:
    """The rows of a SPARQL SELECT query as a pandas DataFrame, one column per variable in
    the query's order (needs pandas: pip install 'kg[pandas]').

    >>> query_frame("SELECT ?name ?mentions WHERE { ?p a kg:Person ; rdfs:label ?name ; "
    ...             "kg:mentionCount ?mentions }").nlargest(3, "mentions")  # doctest: +SKIP
    """
    try:
        import pandas
    except ImportError:
        raise KGError("query_frame needs pandas: pip install 'kg[pandas]' (or pip install pandas); "
                      "query_rows gives the same rows as dicts") from None
    columns, rows = _select(sparql, graph, "query_frame")
    return pandas.DataFrame(rows, columns=columns)


def list_entities(graph: str | Path | Graph = GRAPH, kind: str | None = None,
                  min_mentions: int = 1) -> list[EntityRow]:
    """The people, organisations, places and events of the export (or only KIND: person,
    organization/organisation, place or event), most mentioned first, each with every
    name merged into it (`kg entities`).

    >>> [(e.label, e.mentions) for e in list_entities(kind="person")][:2]  # doctest: +SKIP
    [('Ada Lovelace', 12), ('Charles Babbage', 4)]
    """
    from kg.entities import KIND_NAMES, entities

    if kind is not None and kind.lower() not in KIND_NAMES:
        raise KGError(f"unknown kind {kind!r}: use one of {', '.join(sorted(KIND_NAMES))}")
    return entities(_graph(graph), KIND_NAMES[kind.lower()] if kind else None, min_mentions)


def list_quotes(graph: str | Path | Graph = GRAPH, speaker: str | None = None) -> list[QuoteRow]:
    """Every quotation with its speaker, document and attributing sentence (`kg quotes`);
    SPEAKER keeps those of speakers one of whose names contains it (any case, accents
    ignored).

    >>> [q.text for q in list_quotes(speaker="lovelace")]  # doctest: +SKIP
    ['We will publish the notes in the autumn.']
    """
    from kg.quotelist import quotes

    return quotes(_graph(graph), speaker)


def export_stats(graph: str | Path | Graph = GRAPH, top: int = 10) -> dict:
    """Nodes per class, triples per property and the TOP most mentioned entities (`kg stats`):
    {"classes": {name: n}, "properties": {qname: n}, "top": [(label, kind, mentions)]}.

    >>> export_stats()["classes"]["Person"]  # doctest: +SKIP
    17
    """
    from kg.stats import stats

    return stats(_graph(graph), top)


def validate_export(graph: str | Path | Graph = GRAPH) -> list[Violation]:
    """Every violation of kg's SHACL shapes (ontology/shapes.ttl) in the export, sorted;
    empty when it conforms (`kg validate`).

    >>> validate_export()  # doctest: +SKIP
    []
    """
    from kg.validate import validate, validate_graph

    return validate(Path(graph)) if isinstance(graph, (str, Path)) else validate_graph(graph)


def _select(sparql: str, graph: str | Path, caller: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The variables and rows of a SELECT query, read back from the W3C's SPARQL JSON
    results (which keep each value's datatype) as `kg query --format json` prints them."""
    from rdflib.query import Result

    answer = query_text(sparql, graph, "json")
    # ASK answers a W3C boolean document, CONSTRUCT and DESCRIBE Turtle
    result = Result.parse(io.StringIO(answer), format="json") if answer.startswith("{") else None
    if result is None or result.type != "SELECT":
        raise QueryError(f"{caller} reads the rows of a SELECT query; run ASK, CONSTRUCT or "
                         "DESCRIBE with query_text")
    names = [str(v) for v in result.vars]
    return names, [{name: _python(row[name]) for name in names} for row in result]


def _graph(graph: str | Path | Graph) -> Graph:
    """GRAPH itself, or the export at that path."""
    if isinstance(graph, (str, Path)):
        from kg.query import load

        return load(Path(graph))
    return graph


def _python(term) -> Any:
    """A result term as a plain Python value: IRIs and untyped literals as str, typed
    literals as their Python value when rdflib knows one."""
    if term is None:
        return None
    value = term.toPython()
    return str(value) if type(value).__module__.startswith("rdflib") or isinstance(value, str) else value
