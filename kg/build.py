"""The whole build: corpus -> spaCy -> mentions and facts -> entities -> RDF -> exports.

    build(settings, progress) -> BuildReport                  the whole build, exports written
    analyse_corpus(settings, progress) -> Extraction          read, cache, parse and analyse
    build_graph(results, settings) -> (Graph, Resolution)     resolve entities, assemble RDF
    write_exports(graph, out) -> paths of graph.ttl, .html, .graphml
    graph_from_texts({doc_id: text}) -> Graph                 in memory, for tests and notebooks
"""

from __future__ import annotations

import gc
import json
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from kg import aliases, cache, comention, corpus, executor, nlp
from kg.errors import ExportError
from kg.export import graphml, html, index, turtle
from kg.export.atomic import write_many
from kg.export.view import evidence, focus, to_networkx
from kg.fragments import made_in_forks
from kg.graph import assemble, context, document_triples
from kg.model import DocResult, Document
from kg.resolve import Resolution, cluster
from kg.settings import Settings
from kg.vocab import KG, KINDS

EXPORTS = ("graph.ttl", "graph.html", "graph.graphml")
Progress = Callable[[int, int, int], None]  # (documents done, of total, words done)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did and how long its stages took (seconds)."""

    documents: int
    entities: dict[str, int]
    facts: int
    statements: int
    triples: int
    exports: tuple[Path, ...]
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # one line per file skipped or read with a guessed encoding
    parsed: int = 0  # documents parsed in this build; the others came from the cache

    def summary(self) -> str:
        """A few human lines: counts per class, facts, statements and where time went."""
        kinds = ", ".join(f"{self.entities.get(k, 0)} {k.lower()}s" for k in KINDS)
        total = sum(self.timings.values())
        spacy = {k: v for k, v in self.timings.items() if k.startswith("spaCy")}
        ours = {k: v for k, v in self.timings.items() if k not in spacy}
        lines = [
            f"{self.documents} documents: {kinds}",
            f"{self.facts} facts, {self.statements} statements, {self.triples} triples",
            f"wrote {', '.join(str(p) for p in self.exports)}",
            f"{total:.1f} s: spaCy {sum(spacy.values()):.1f} s ("
            + ", ".join(f"{k.removeprefix('spaCy ')} {v:.1f}" for k, v in spacy.items())
            + f"), kg {sum(ours.values()):.1f} s ("
            + ", ".join(f"{k} {v:.1f}" for k, v in ours.items()) + ")",
            f"{self.parsed} documents parsed, {self.documents - self.parsed} from the cache",
        ]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The per-document half of a build: every document's result, in corpus order."""

    results: tuple[DocResult, ...]
    warnings: tuple[str, ...]  # one line per file skipped or read with a guessed encoding
    parsed: int  # documents parsed now; the others came from the cache
    timings: dict[str, float]


def analyse_corpus(settings: Settings, progress: Progress | None = None) -> Extraction:
    """Read and analyse every document of the corpus (the per-document half of a build).

    Documents whose text, pipeline and model are unchanged come from the cache; the rest
    are parsed and analysed by kg.executor (settings.jobs processes, or Dask workers), and
    cached. PROGRESS hears (documents done, of total, words done) while they are.

    >>> analyse_corpus(Settings(corpus=Path("corpus"), jobs=2)).parsed  # doctest: +SKIP
    5
    """
    started = time.perf_counter()
    scan = corpus.scan_corpus(settings.corpus, max_bytes=settings.max_bytes)
    store = cache.Cache(settings.cache_dir) if settings.use_cache else None
    keys, results = _cached(scan.documents, settings, store)
    todo = [i for i, r in enumerate(results) if r is None]
    timings = {"read": time.perf_counter() - started}
    if todo:
        done = (lambda n, words: progress(n, len(todo), words)) if progress else None
        fresh, spent = executor.run([scan.documents[i] for i in todo], settings, done)
        timings |= spent
        for i, result in zip(todo, fresh):
            results[i] = result
            if store is not None:
                store.put(keys[i], result)
    return Extraction(tuple(results), tuple(scan.warnings), parsed=len(todo), timings=timings)  # type: ignore[arg-type]


def _cached(documents: list[Document], settings: Settings,
            store: cache.Cache | None) -> tuple[list[str], list[DocResult | None]]:
    """Each document's cache key and its cached result (None where there is none)."""
    if store is None:
        return [], [None] * len(documents)
    model = nlp.model_id(settings.model)
    keys = [cache.key(d.text, model, date=d.date) for d in documents]
    return keys, [store.get(k, d) for k, d in zip(keys, documents)]


def build_graph(results: Sequence[DocResult], settings: Settings) -> tuple[Graph, Resolution]:
    """The corpus-wide half: resolve entities and assemble the RDF graph."""
    resolution = cluster(results, aliases.load(settings.aliases))
    return assemble(results, resolution, settings), resolution


def write_exports(graph: Graph, out: Path, title: str = "kg graph", html_max_nodes: int | None = None,
                  comentions: dict | None = None, timings: dict[str, float] | None = None) -> tuple[Path, ...]:
    """Render all exports in memory, then move each into OUT atomically, so a failure
    leaves the previous exports as they were. The HTML draws at most HTML_MAX_NODES
    entities (the best connected) and says what it left out. COMENTIONS (kg.comention)
    give the page its co-mention edges and are kept in OUT/comentions.json for `kg html`.
    TIMINGS, when given, hears the seconds each file took ("export ttl", ...)."""
    timings = {} if timings is None else timings
    clock = _Clock(timings)
    payloads = {"graph.ttl": turtle.serialize(graph)}
    clock("export ttl")
    look = index.Lookup(graph)
    view = to_networkx(graph, look)
    found = evidence(graph, look)
    drawn, note = focus(view, found, max_nodes=html_max_nodes)
    clock("export view")
    payloads["graph.html"] = html.render(drawn, title=title, evidence=found, note=note,
                                         comentions=comentions).encode("utf-8")
    clock("export html")
    payloads["graph.graphml"] = graphml.serialize(view)
    clock("export graphml")
    if comentions is not None:
        payloads[comention.FILE] = json.dumps(comentions, sort_keys=True, separators=(",", ":")).encode("utf-8")
    try:
        write_many({out / name: payload for name, payload in payloads.items()})
    except OSError as exc:
        raise ExportError(f"cannot write exports to {out}: {exc.strerror}; "
                          "check the folder's permissions and free space, or pass --out") from None
    clock("export write")
    return tuple(out / name for name in EXPORTS)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: the corpus-wide half makes hundreds of thousands of
    long-lived objects (terms, triples, nodes) and few cycles, and each full collection
    walks them all again (a third of resolution and assembly's time at 1,000 documents).
    Reference counting still frees everything else; parsing runs with it on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Clock:
    """Calling it with a step's name records the seconds since the last call under it."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.last = now


def graph_from_texts(texts: dict[str, str], settings: Settings | None = None) -> Graph:
    """Build the graph of a few texts in memory, no files: {doc_id: text} -> Graph.

    >>> g = graph_from_texts({"memo": "Jane Doe, the chief executive of Acme Corp, resigned."})  # doctest: +SKIP
    """
    settings = settings or Settings()
    documents = [corpus.document_from_text(corpus.clean(text), doc_id, f"{doc_id}.txt")
                 for doc_id, text in sorted(texts.items())]
    results, _ = executor.run(documents, settings)
    return build_graph(results, settings)[0]


def build(settings: Settings, progress: Progress | None = None) -> BuildReport:
    """Build the graph of SETTINGS.corpus and write its exports into SETTINGS.out.

    >>> print(build(Settings(corpus=Path("corpus"))).summary())  # doctest: +SKIP
    5 documents: 17 persons, ...
    """
    triples_of, fragments, light = document_triples, None, None
    if settings.use_cache:
        from kg import incremental
        from kg.fragments import Fragments

        light = incremental.analyse(settings, progress)
        extraction, fragments = light.extraction, Fragments(settings.cache_dir / "fragments")
        triples_of = fragments.triples_of(light.keys, light.full)
    else:
        extraction = analyse_corpus(settings, progress)
    timings = dict(extraction.timings)
    with _no_cycle_collection():
        clock = _Clock(timings)
        resolution = cluster(extraction.results, aliases.load(settings.aliases))
        clock("resolve")
        if fragments is not None and light is not None:
            fragments.fill(list(extraction.results), light.keys, light.full, resolution, settings,
                           context(resolution, settings))
        else:
            triples_of = _made_in_forks(extraction.results, resolution, settings)
        graph = assemble(extraction.results, resolution, settings, triples_of)
        if fragments is not None:
            fragments.prune()
        clock("assemble")
        found = comention.comentions(extraction.results, resolution)
        clock("comentions")
        exports = write_exports(graph, settings.out, html_max_nodes=settings.html_max_nodes,
                                comentions=found, timings=timings)
        facts, statements = count_facts(graph)
    return BuildReport(
        documents=len(extraction.results),
        entities=dict(Counter(e.kind for e in resolution.entities)),
        facts=facts,
        statements=statements,
        triples=len(graph),
        exports=exports,
        timings=timings,
        warnings=extraction.warnings,
        parsed=extraction.parsed,
    )


def _made_in_forks(results: Sequence[DocResult], resolution: Resolution, settings: Settings):
    """A TRIPLES_OF for kg.graph.assemble whose documents' triples were made by forked
    workers (kg.forked; with one job or few documents, made as assembly asks)."""
    ready = made_in_forks(list(results), lambda r: r, resolution, settings, context(resolution, settings))

    def triples_of(result: DocResult, resolution: Resolution, settings: Settings, ctx) -> list[tuple]:
        blob = ready.pop(result.document.doc_id, None)
        return pickle.loads(blob) if blob is not None else document_triples(result, resolution, settings, ctx)

    return triples_of


def count_facts(graph: Graph) -> tuple[int, int]:
    """The distinct (subject, predicate, object) facts of GRAPH's statements, and its
    statements (one a sentence that states a fact)."""
    kind, statement, parts = RDF.type, KG.Statement, (RDF.subject, RDF.predicate, RDF.object)
    rows = [by_predicate for by_predicate in index.spo(graph).values() if statement in by_predicate.get(kind, ())]
    facts = {tuple(next(iter(row.get(p, ())), None) for p in parts) for row in rows}
    return len(facts), len(rows)
