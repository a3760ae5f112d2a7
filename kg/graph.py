"""Stage 6: assemble the RDF graph under the contract of ontology/kg.ttl.

    assemble(results, resolution, settings, triples_of) -> rdflib.Graph
    document_triples(result, resolution, settings, context(resolution, settings)) -> one
                                        document's triples, in the order assemble adds them

Every extracted fact goes through `assert_fact`, which writes the triple *and* its
kg:Statement, so no extractor can skip provenance.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.plugins.stores.memory import SimpleMemory

from kg.analysis.dates import xsd_type
from kg import inference, reading, relmodel
from kg.model import DocResult, Entity, Fact
from kg.resolve import Resolution
from kg.settings import Settings
from kg.vocab import ENTITY_KINDS, KG, PREFIXES, fits, resource_prefixes

class SubjectFirst(SimpleMemory):
    """rdflib's SimpleMemory (kg's graphs hold one context: the default store's per-context
    bookkeeping doubled the cost of each triple), filled subject first. A build adds
    100,000 triples at 1,000 articles and reads them back by subject (kg.export.index), so
    the predicate and object indexes, two thirds of each addition's cost, are filled only
    when a lookup first needs them (a pattern with the subject unbound: a user's query)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pending: list[tuple] = []

    def add(self, triple, context, quoted: bool = False) -> None:
        s, p, o = triple
        by_predicate = self._SimpleMemory__spo.setdefault(s, {})
        by_predicate.setdefault(p, {})[o] = 1
        self._pending.append(triple)

    def _complete(self) -> None:
        pending, self._pending = self._pending, []
        pos, osp = self._SimpleMemory__pos, self._SimpleMemory__osp
        for s, p, o in pending:
            pos.setdefault(p, {}).setdefault(o, {})[s] = 1
            osp.setdefault(o, {}).setdefault(s, {})[p] = 1

    def triples(self, triple_pattern, context=None):
        if triple_pattern[0] is None and (triple_pattern[1] is not None or triple_pattern[2] is not None):
            self._complete()
        return super().triples(triple_pattern, context)

    def remove(self, triple_pattern, context=None) -> None:
        self._complete()
        super().remove(triple_pattern, context)

    def __len__(self, context=None) -> int:
        return sum(len(objects) for by_predicate in self._SimpleMemory__spo.values() for objects in by_predicate.values())


def new_graph(base_iri: str) -> Graph:
    """An empty graph (in a SubjectFirst store) with the contract's prefixes bound,
    person: org: ... under BASE_IRI."""
    graph = Graph(store=SubjectFirst(), bind_namespaces="none")
    graph.bind("kgr", Namespace(base_iri))
    for prefix, namespace in resource_prefixes(base_iri).items():
        graph.bind(prefix, Namespace(namespace))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def assert_fact(
    graph: Graph,
    base: Namespace,
    subject: URIRef,
    predicate: URIRef,
    obj: URIRef | Literal,
    *,
    document: URIRef,
    evidence: str,
    confidence: float,
    method: str,
    relation: str | None = None,
    sentence: int | None = None,
    role: str | None = None,
) -> URIRef:
    """Assert SUBJECT PREDICATE OBJ and describe it by a kg:Statement from one sentence.

    The statement IRI is a hash of the triple, document and sentence, so the same
    claim made in another sentence gets its own statement and a rebuild gets the same IRI.
    Returns the statement's IRI.
    """
    graph.add((subject, predicate, obj))
    parts = (subject, predicate, obj, document, sentence, relation, evidence) + ((role,) if role else ())
    statement = base[f"statement/{_hash(*parts)}"]
    graph.add((statement, RDF.type, KG.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    graph.add((statement, PROV.wasDerivedFrom, document))
    graph.add((statement, KG.evidence, Literal(evidence)))
    graph.add((statement, KG.confidence, Literal(Decimal(str(round(confidence, 2))), datatype=XSD.decimal)))
    graph.add((statement, KG.method, Literal(method)))
    if relation:
        graph.add((statement, KG.relation, Literal(relation)))
    if sentence is not None:
        graph.add((statement, KG.sentenceIndex, Literal(sentence)))
    if role:
        graph.add((statement, KG.argumentRole, Literal(role)))
    return statement


def _add_entities(graph: Graph, base: Namespace, resolution: Resolution) -> None:
    graph.addN((s, p, o, graph) for entity in resolution.entities for s, p, o in _entity_triples(base, entity))


def _entity_triples(base: Namespace, entity: Entity) -> Iterator[tuple]:
    node = base[entity.key]
    yield node, RDF.type, KG[entity.kind]
    yield node, RDFS.label, Literal(entity.label)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    yield node, KG.mentionCount, Literal(entity.mention_count)
    if entity.value:
        yield node, KG.value, Literal(entity.value, datatype=XSD[xsd_type(entity.value)])
    if entity.event_type:
        yield node, KG.eventType, Literal(entity.event_type)
    if entity.status:
        yield node, KG.status, Literal(entity.status)


def _add_document(graph: Graph, base: Namespace, result: DocResult, resolution: Resolution,
                  kinds: dict[URIRef, str]) -> URIRef:
    doc = result.document
    node = base[f"document/{doc.doc_id}"]
    graph.add((node, RDF.type, KG.Document))
    graph.add((node, DCTERMS.title, Literal(doc.title)))
    if doc.date:
        graph.add((node, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    graph.add((node, KG.sourceFile, Literal(doc.source)))
    graph.add((node, KG.sha256, Literal(doc.sha256)))
    if doc.url:
        graph.add((node, DCTERMS.source, _source(doc.url)))
    for author in doc.authors:
        graph.add((node, DCTERMS.creator, Literal(author)))
    for mention in result.mentions:
        key = resolution.entity_of(doc.doc_id, mention.span)
        if key and kinds[base[key]] in ENTITY_KINDS:
            graph.add((node, KG.mentions, base[key]))
    return node


def _source(url: str) -> URIRef | Literal:
    """A web address as an IRI; anything else a front matter calls its source as text."""
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        return URIRef(url)
    return Literal(url)


def _quote_node(base: Namespace, text: str) -> URIRef:
    return base[f"quote/{_hash(text)}"]


def _add_quotes(graph: Graph, base: Namespace, result: DocResult, document: URIRef, resolution: Resolution) -> None:
    # The mentions inside each quote by bisection: a book has thousands of both.
    starts = [m.start for m in result.mentions]
    if starts != sorted(starts):
        result = replace(result, mentions=tuple(sorted(result.mentions, key=lambda m: m.start)))
        starts = sorted(starts)
    for quote in result.quotes:
        node = _quote_node(base, quote.text)
        graph.add((node, RDF.type, KG.Quote))
        graph.add((node, KG.text, Literal(quote.text)))
        graph.add((node, PROV.wasDerivedFrom, document))
        if quote.indirect:
            graph.add((node, KG.indirect, Literal(True)))
        if quote.partial:
            graph.add((node, KG.partial, Literal(True)))
        for mention in result.mentions[bisect_left(starts, quote.start):bisect_left(starts, quote.end)]:
            key = resolution.entity_of(result.document.doc_id, mention.span)
            if key and not key.startswith("date/"):
                graph.add((node, KG.mentions, base[key]))


def _object(fact: Fact, result: DocResult, resolution: Resolution, base: Namespace):
    if fact.obj_kind == "literal":
        return Literal(fact.obj)
    if fact.obj_kind == "quote":
        quote = next(q for q in result.quotes if (q.start, q.end) == fact.obj)
        return _quote_node(base, quote.text)
    key = resolution.entity_of(result.document.doc_id, fact.obj)
    return base[key] if key else None


def _facts(result: DocResult, resolution: Resolution, kinds: dict[str, str], settings: Settings,
           model: relmodel.RelationModel | None, unreal: frozenset[str]) -> list[Fact]:
    """The rules' facts of one document, with their measured confidence, and the
    classifier's, read between resolved entities (kg.reading)."""
    facts = [f if model is None else model.rule_confidence(f) for f in result.facts]
    if settings.min_confidence is not None:
        facts = [f for f in facts if f.confidence >= settings.min_confidence]
    return facts + reading.read(result, resolution, kinds, model, settings.min_confidence, unreal)


def _specific_only(best: dict[tuple, Fact]) -> dict[tuple, Fact]:
    """Drop a kg:relatedTo ("any other relation") where the same sentence states a more
    specific fact between the same two entities: "Acme hired Jane Doe" is membership,
    once both are known to fit it."""
    linked = {(s, o, sentence) for (s, p, o, sentence, _, _) in best if p != KG.relatedTo}
    return {key: fact for key, fact in best.items()
            if key[1] != KG.relatedTo or not ({(key[0], key[2], key[3]), (key[2], key[0], key[3])} & linked)}


def _evidence(result: DocResult, fact: Fact) -> str:
    if fact.since is None:
        return result.sentence_text(fact.sentence)
    return " ".join(result.sentence_text(i) for i in range(fact.since, fact.sentence + 1))


class _Recorder:
    """Stands in for a Graph while one document is assembled: keeps every triple added,
    in order, so the document's share of the graph can be cached and replayed."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list[tuple] = []

    def add(self, triple: tuple) -> None:
        self.triples.append(triple)


@dataclass(frozen=True, slots=True)
class Context:
    """What assembling one document reads of the whole corpus (`context`)."""

    base: Namespace
    kinds: dict[URIRef, str]  # entity IRI -> kind
    kind_of: dict[str, str]  # entity key -> kind
    model: relmodel.RelationModel | None
    unreal: frozenset[str]  # events nobody took part in (kg.reading.unreal)


def context(resolution: Resolution, settings: Settings) -> Context:
    """The corpus-wide facts every document's assembly reads, worked out once."""
    base = Namespace(settings.base_iri)
    return Context(base, {base[e.key]: e.kind for e in resolution.entities},
                   {e.key: e.kind for e in resolution.entities}, relmodel.load(), reading.unreal(resolution))


def document_triples(result: DocResult, resolution: Resolution, settings: Settings, ctx: Context) -> list[tuple]:
    """RESULT's document, quotes and facts as triples, in the order assembly adds them
    (so replaying them gives the graph `assemble` builds)."""
    graph, base, kinds = _Recorder(), ctx.base, ctx.kinds
    document = _add_document(graph, base, result, resolution, kinds)
    _add_quotes(graph, base, result, document, resolution)
    # One statement per fact and sentence: when two rules find the same fact in one
    # sentence, the surer one speaks for it.
    best: dict[tuple, Fact] = {}
    for fact in _facts(result, resolution, ctx.kind_of, settings, ctx.model, ctx.unreal):
        subject_key = resolution.entity_of(result.document.doc_id, fact.subject)
        obj = _object(fact, result, resolution, base)
        if subject_key is None or obj is None or not fits(fact.predicate, kinds[base[subject_key]],
                                                           kinds.get(obj)):
            continue
        key = (base[subject_key], KG[fact.predicate], obj, fact.sentence, fact.relation, fact.role)
        if obj == key[0]:
            continue
        if key not in best or (-fact.confidence, fact.method) < (-best[key].confidence, best[key].method):
            best[key] = fact
    best = _specific_only(best)
    for (subject, predicate, obj, sentence, relation, role), fact in sorted(best.items(), key=lambda kv: str(kv[0])):
        assert_fact(
            graph, base, subject, predicate, obj,
            document=document,
            evidence=_evidence(result, fact),
            confidence=fact.confidence,
            method=fact.method,
            relation=relation,
            sentence=sentence,
            role=role,
        )
    return list(dict.fromkeys(graph.triples))  # a triple added again changes nothing


TriplesOf = Callable[[DocResult, Resolution, Settings, Context], list[tuple]]


def assemble(results: Sequence[DocResult], resolution: Resolution, settings: Settings,
             triples_of: TriplesOf = document_triples) -> Graph:
    """The whole corpus's graph: documents, entities, dates, quotes and facts. TRIPLES_OF
    gives each document's triples (kg.fragments passes one that reuses a previous build's)."""
    graph = new_graph(settings.base_iri)
    _add_entities(graph, Namespace(settings.base_iri), resolution)
    ctx = context(resolution, settings)
    graph.addN((s, p, o, graph) for result in results for s, p, o in triples_of(result, resolution, settings, ctx))
    inference.containments(graph, ctx.base)
    return graph
