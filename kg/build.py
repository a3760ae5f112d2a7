"""The whole build: corpus -> spaCy -> mentions and facts -> entities -> RDF -> exports.

    build(settings) -> BuildReport
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from kg import aliases, cache, corpus, nlp
from kg.errors import ExportError
from kg.export import graphml, html, turtle
from kg.export.atomic import write_many
from kg.export.view import evidence, focus, to_networkx
from kg.graph import assemble
from kg.model import DocResult
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


def extract(settings: Settings, progress: Progress | None = None,
            timings: dict[str, float] | None = None, counts: dict[str, int] | None = None,
            warnings: list[str] | None = None) -> list[DocResult]:
    """Read and analyse every document of the corpus (the per-document half of a build).

    Documents whose text, pipeline and model are unchanged come from the cache; the rest
    are parsed by settings.jobs processes. COUNTS receives "parsed" and "cached"; WARNINGS one line per file skipped or read with
    a guessed encoding.
    """
    timings = timings if timings is not None else {}
    counts = counts if counts is not None else {}
    started = time.perf_counter()
    scan = corpus.scan_corpus(settings.corpus, max_bytes=settings.max_bytes)
    documents = scan.documents
    if warnings is not None:
        warnings.extend(scan.warnings)
    store = cache.Cache(settings.cache_dir) if settings.use_cache else None
    keys: list[str] = []
    results: list[DocResult | None] = [None] * len(documents)
    if store is not None:
        model = nlp.model_id(settings.model)
        keys = [cache.key(d.text, model) for d in documents]
        results = [store.get(k, d) for k, d in zip(keys, documents)]
    todo = [i for i, r in enumerate(results) if r is None]
    counts["parsed"], counts["cached"] = len(todo), len(documents) - len(todo)
    timings["read"] = time.perf_counter() - started
    if todo:
        started = time.perf_counter()
        analyse_all = nlp.analyse_all
        if settings.executor == "dask":  # workers load spaCy; the client never does
            from kg.dask_executor import analyse_all
        else:
            nlp.load(settings.model)
            timings["spaCy load"] = time.perf_counter() - started
        started = time.perf_counter()
        if progress:
            progress(0, len(todo), 0)
        done = (lambda n, words: progress(n, len(todo), words)) if progress else None
        split: dict[str, float] = {}
        fresh = analyse_all([documents[i] for i in todo], settings, done, split)
        spent = time.perf_counter() - started
        if "extract" in split:
            timings["spaCy parse"] = spent - split["extract"]
            timings["extract"] = split["extract"]
        elif settings.executor == "dask":
            timings["spaCy parse+extract (dask)"] = spent
        else:
            timings[f"spaCy parse+extract ({settings.jobs} jobs)"] = spent
        for i, result in zip(todo, fresh):
            results[i] = result
            if store is not None:
                store.put(keys[i], result)
    return results  # type: ignore[return-value]


def build_graph(results: list[DocResult], settings: Settings) -> tuple[Graph, Resolution]:
    """The corpus-wide half: resolve entities and assemble the RDF graph."""
    resolution = cluster(results, aliases.load(settings.aliases))
    return assemble(results, resolution, settings), resolution


def write_exports(graph: Graph, out: Path, title: str = "kg graph",
                  html_max_nodes: int | None = None) -> tuple[Path, ...]:
    """Render all exports in memory, then move each into OUT atomically, so a failure
    leaves the previous exports as they were. The HTML draws at most HTML_MAX_NODES
    entities (the best connected) and says what it left out."""
    view = to_networkx(graph)
    found = evidence(graph)
    drawn, note = focus(view, found, max_nodes=html_max_nodes)
    payloads = {
        "graph.ttl": turtle.serialize(graph),
        "graph.html": html.render(drawn, title=title, evidence=found, note=note).encode("utf-8"),
        "graph.graphml": graphml.serialize(view),
    }
    try:
        write_many({out / name: payloads[name] for name in EXPORTS})
    except OSError as exc:
        raise ExportError(f"cannot write exports to {out}: {exc.strerror}; "
                          "check the folder's permissions and free space, or pass --out") from None
    return tuple(out / name for name in EXPORTS)


def graph_from_texts(texts: dict[str, str], settings: Settings | None = None) -> Graph:
    """Build the graph of a few texts in memory, no files: {doc_id: text} -> Graph.

    >>> g = graph_from_texts({"memo": "Jane Doe, the chief executive of Acme Corp, resigned."})  # doctest: +SKIP
    """
    settings = settings or Settings()
    documents = [corpus.document_from_text(corpus.clean(text), doc_id, f"{doc_id}.txt")
                 for doc_id, text in sorted(texts.items())]
    return build_graph(nlp.analyse_all(documents, settings), settings)[0]


def build(settings: Settings, progress: Progress | None = None) -> BuildReport:
    """Build the graph of SETTINGS.corpus and write its exports into SETTINGS.out.

    >>> print(build(Settings(corpus=Path("corpus"))).summary())  # doctest: +SKIP
    5 documents: 17 persons, ...
    """
    timings: dict[str, float] = {}
    warnings: list[str] = []
    counts: dict[str, int] = {}
    results = extract(settings, progress, timings, counts, warnings)
    started = time.perf_counter()
    graph, resolution = build_graph(results, settings)
    timings["resolve+assemble"] = time.perf_counter() - started
    started = time.perf_counter()
    exports = write_exports(graph, settings.out, html_max_nodes=settings.html_max_nodes)
    timings["export"] = time.perf_counter() - started
    statements = len(set(graph.subjects(RDF.type, KG.Statement)))
    facts = len({(s, p, o) for st in graph.subjects(RDF.type, KG.Statement)
                 for s, p, o in [(graph.value(st, RDF.subject), graph.value(st, RDF.predicate),
                                  graph.value(st, RDF.object))]})
    return BuildReport(
        documents=len(results),
        entities=dict(Counter(e.kind for e in resolution.entities)),
        facts=facts,
        statements=statements,
        triples=len(graph),
        exports=exports,
        timings=timings,
        warnings=tuple(warnings),
        parsed=counts["parsed"],
    )
