"""The drawable part of the graph as networkx: entities and dates as nodes, facts
between them as edges. Documents, statements and quotes are evidence, not nodes; the page
draws no dates either (focus() leaves them out): an event shows its date (Evidence.when).

    to_networkx(rdf) -> MultiDiGraph        evidence(rdf) -> Evidence
    focus(view, evidence, kinds=..., document=..., max_nodes=...) -> (drawn, note)
    load_comentions(folder) -> the co-mentions a build stored beside its exports, or None
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.errors import ExportError
from kg.export.index import Lookup
from kg.vocab import KG, KINDS

NODE_KINDS = KINDS
DRAWN_KINDS = tuple(k for k in KINDS if k != "Date")  # a date shows on its event and the timeline
COMENTIONS_FILE, COMENTIONS_VERSION = "comentions.json", 1  # written by kg.comention at build time
EDGE_PROPERTIES = ("memberOf", "leaderOf", "nationality", "participatedIn", "location", "onDate", "relatedTo")


def to_networkx(graph: Graph, look: Lookup | None = None) -> nx.MultiDiGraph:
    """Nodes keyed by IRI with label, kind, aliases (" | "-joined), mentions and roles;
    one edge per distinct fact, labelled by its property or, for kg:relatedTo, its verb.
    LOOK is GRAPH's index when the caller has one (the exports share it).

    >>> to_networkx(graph).nodes["https://example.org/kg/resource/person/jane-doe"]  # doctest: +SKIP
    {'label': 'Jane Doe', 'kind': 'Person', 'aliases': 'Doe', 'mentions': 3, 'roles': 'CEO'}
    """
    look = look or Lookup(graph)
    view = nx.MultiDiGraph()
    for kind in NODE_KINDS:
        for node in sorted(look.subjects(RDF.type, KG[kind])):
            view.add_node(
                str(node),
                label=str(look.value(node, RDFS.label) or node),
                kind=kind,
                aliases=" | ".join(sorted(str(a) for a in look.objects(node, SKOS.altLabel))),
                mentions=int(look.value(node, KG.mentionCount) or 0),
                roles=" | ".join(sorted({str(r) for r in look.objects(node, KG.hasRole)})),
            )
    relations: dict[tuple, set[str]] = {}
    for statement in look.subjects(RDF.type, KG.Statement):
        if look.value(statement, RDF.predicate) == KG.relatedTo:
            key = (look.value(statement, RDF.subject), look.value(statement, RDF.object))
            relations.setdefault(key, set()).update(str(r) for r in look.objects(statement, KG.relation))
    for name in EDGE_PROPERTIES:
        for s, o in sorted(look.subject_objects(KG[name])):
            if str(s) not in view or str(o) not in view:
                continue
            verbs = sorted(relations.get((s, o), ())) if name == "relatedTo" else []
            for label in verbs or [name]:
                view.add_edge(str(s), str(o), key=f"{name}:{label}", label=label, predicate=name)
    return view


@dataclass(frozen=True, slots=True)
class Evidence:
    """The provenance the page shows on demand, keyed like the view's nodes and edges.

    documents: document IRI -> {"title", "source", "date"}
    facts: (subject, edge key, object) -> [(document IRI, sentence, method, confidence)]
    roles: entity -> [(role, document IRI, sentence)]
    quotes: speaker -> [(quoted text, document IRI)]
    mentioned_in: entity -> sorted document IRIs that mention it or state a fact about it
    when: event -> [(date value or "" when the text gave none, the date as written, date IRI)]
    """

    documents: dict[str, dict[str, str]] = field(default_factory=dict)
    facts: dict[tuple[str, str, str], list[tuple[str, str, str, float]]] = field(default_factory=dict)
    roles: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    quotes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    mentioned_in: dict[str, tuple[str, ...]] = field(default_factory=dict)
    when: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)


def evidence(graph: Graph, look: Lookup | None = None) -> Evidence:
    """Collect every statement's sentence and document, every role and quote, per node/edge
    (LOOK: GRAPH's index, as for to_networkx)."""
    look = look or Lookup(graph)
    documents = {}
    for doc in sorted(look.subjects(RDF.type, KG.Document)):
        date = look.value(doc, DCTERMS.date)
        documents[str(doc)] = {
            "title": str(look.value(doc, DCTERMS.title) or doc),
            "source": str(look.value(doc, KG.sourceFile) or ""),
            "date": str(date) if date is not None else "",
        }
    docs_of: dict[str, set[str]] = {}
    for doc, entity in look.subject_objects(KG.mentions):
        if str(doc) in documents:
            docs_of.setdefault(str(entity), set()).add(str(doc))
    facts: dict[tuple[str, str, str], list] = {}
    roles: dict[str, list] = {}
    for statement in look.subjects(RDF.type, KG.Statement):
        s, p, o = (look.value(statement, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None or not str(p).startswith(str(KG)):
            continue
        origins = _origins(look, statement, documents)
        name = str(p)[len(str(KG)):]
        if name == "hasRole":
            roles.setdefault(str(s), []).extend((str(o), doc, sentence) for doc, sentence in origins)
        elif name in EDGE_PROPERTIES:
            label = str(look.value(statement, KG.relation) or name) if name == "relatedTo" else name
            method = str(look.value(statement, KG.method) or "")
            confidence = float(look.value(statement, KG.confidence) or 0)
            facts.setdefault((str(s), f"{name}:{label}", str(o)), []).extend(
                (doc, sentence, method, confidence) for doc, sentence in origins)
        else:
            continue
        for end in (s, o):
            for doc, _ in origins:
                if doc:
                    docs_of.setdefault(str(end), set()).add(doc)
    quotes: dict[str, list] = {}
    for speaker, quote in look.subject_objects(KG.said):
        text = str(look.value(quote, KG.text) or "")
        for doc in look.objects(quote, PROV.wasDerivedFrom):
            quotes.setdefault(str(speaker), []).append((text, str(doc)))
    return Evidence(
        documents=documents,
        facts={k: sorted(set(v)) for k, v in facts.items()},
        roles={k: sorted(set(v)) for k, v in roles.items()},
        quotes={k: sorted(set(v)) for k, v in quotes.items()},
        mentioned_in={k: tuple(sorted(v)) for k, v in docs_of.items()},
        when=_when(look),
    )


def _origins(look: Lookup, statement, documents: dict, depth: int = 0) -> list[tuple[str, str]]:
    """(document, sentence) of a statement: its own, or for a statement inferred from other
    statements (kg.inference: derived from them, with no sentence of its own), theirs."""
    source = look.value(statement, PROV.wasDerivedFrom)
    sentence = str(look.value(statement, KG.evidence) or "")
    if source is None or str(source) in documents or depth > 3:
        return [(str(source or ""), sentence)]
    derived = [s for s in look.objects(statement, PROV.wasDerivedFrom)
               if (look.value(s, RDF.type) or "") == KG.Statement]
    if not derived:
        return [(str(source), sentence)]
    return [found for s in derived for found in _origins(look, s, documents, depth + 1)]


def _when(look: Lookup) -> dict[str, list[tuple[str, str, str]]]:
    """Event -> its dates as (value, label, IRI), valued ones first; "" for a date with no value."""
    found: dict[str, set[tuple[str, str, str]]] = {}
    for event, date in look.subject_objects(KG.onDate):
        value = look.value(date, KG.value)
        label = str(look.value(date, RDFS.label) or date)
        found.setdefault(str(event), set()).add((str(value) if value is not None else "", label, str(date)))
    return {e: sorted(v, key=lambda d: (not d[0], d)) for e, v in sorted(found.items())}


def load_comentions(folder: Path) -> dict | None:
    """The co-mentions a build stored in FOLDER (kg.comention's data), or None when there
    are none or they are of another version: the page then draws no co-mention edges."""
    try:
        data = json.loads((Path(folder) / COMENTIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == COMENTIONS_VERSION else None


def focus(
    view: nx.MultiDiGraph,
    found: Evidence | None = None,
    *,
    kinds: Iterable[str] = (),
    document: str | None = None,
    max_nodes: int | None = None,
) -> tuple[nx.MultiDiGraph, str]:
    """The part of VIEW to draw and a sentence saying what was left out ("" if nothing).

    kinds keeps those classes (case-insensitive: "person", "organization", ...); document
    keeps what one document (file name, stem, id or title) states; max_nodes keeps the
    best-connected entities (degree, then mention count).

    >>> g = nx.MultiDiGraph(); g.add_node("a", kind="Person"); g.add_node("b", kind="Place")
    >>> sub, note = focus(g, kinds=["person"]); sorted(sub), note
    (['a'], 'Showing 1 of 2 entities; left out 1 place (type filter).')
    """
    found = found or Evidence()
    undated = [n for n, a in view.nodes(data=True) if a.get("kind") != "Date"]
    keep = set(undated)
    reasons = []
    wanted = {k.strip().lower() for k in kinds if k.strip()}
    if wanted:
        wanted = _checked_kinds(wanted)
        keep = {n for n in keep if str(view.nodes[n].get("kind", "")).lower() in wanted}
        reasons.append("type filter")
    edges_kept = None
    if document:
        doc = _document_iri(found, document)
        keep = {n for n in keep if doc in found.mentioned_in.get(str(n), ())}
        edges_kept = {(s, k, o) for (s, k, o), rows in found.facts.items() if any(r[0] == doc for r in rows)}
        reasons.append(f"document {found.documents[doc]['title']!r}")
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, view.nodes[n]) for n in sorted(keep))
    sub.add_edges_from(
        (u, v, k, d) for u, v, k, d in view.edges(keys=True, data=True)
        if u in keep and v in keep and (edges_kept is None or (u, k, v) in edges_kept)
    )
    if max_nodes is not None and len(sub) > max_nodes:
        sub = _most_connected(sub, max_nodes)
        reasons.append(f"only the {max_nodes:,} most connected")
    return sub, _left_out(view, sub, reasons, undated)


def _checked_kinds(wanted: set[str]) -> set[str]:
    """WANTED (lower-case class names) if every one is a node kind; else an ExportError
    that lists the choices."""
    known = {k.lower(): k for k in DRAWN_KINDS}
    unknown = sorted(wanted - set(known))
    if unknown:
        dates = " (dates are not drawn: they show on their events and the timeline)" if "date" in unknown else ""
        raise ExportError(f"unknown type {', '.join(unknown)}; choose from "
                          f"{', '.join(k.lower() for k in DRAWN_KINDS)}{dates}")
    return wanted


def _most_connected(sub: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The MAX_NODES nodes of SUB with most neighbours, then most mentions, then by IRI."""
    degree = {n: _degree(sub, n) for n in sub}
    ranked = sorted(sub, key=lambda n: (-degree.get(n, 0), -int(sub.nodes[n].get("mentions") or 0), str(n)))
    return _induced(sub, set(ranked[:max_nodes]))


def _induced(graph: nx.MultiDiGraph, keep: set) -> nx.MultiDiGraph:
    """`graph.subgraph(keep).copy()`, in GRAPH's order, without filtering views."""
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(data)) for n, data in graph.nodes(data=True) if n in keep)
    sub.add_edges_from((u, v, k, dict(data)) for u, v, k, data in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    return sub


def _degree(graph: nx.MultiDiGraph, node) -> int:
    """NODE's degree in GRAPH taken as a simple undirected graph (networkx's
    `nx.Graph(graph).degree`, a loop counting two) without building that graph."""
    near = set(graph.succ[node]) | set(graph.pred[node])
    return len(near) + (node in near)


def _left_out(view: nx.MultiDiGraph, sub: nx.MultiDiGraph, reasons: list[str], nodes: list | None = None) -> str:
    """The sentence saying what of VIEW (of its NODES only, when given) is not in SUB,
    and why ("" if nothing is left out).

    >>> g = nx.MultiDiGraph(); g.add_node("a", kind="Person"); _ = g.add_edge("a", "b")
    >>> _left_out(g, g.subgraph(["a"]), ["type filter"])
    'Showing 1 of 2 entities; left out 1 other and 1 relation (type filter).'
    """
    nodes = list(view) if nodes is None else nodes
    left = [n for n in nodes if n not in sub]
    if not left:
        return ""
    counts: dict[str, int] = {}
    for n in left:
        kind = str(view.nodes[n].get("kind") or "other").lower()
        counts[kind] = counts.get(kind, 0) + 1
    order = [k.lower() for k in NODE_KINDS] + sorted(set(counts) - {k.lower() for k in NODE_KINDS})
    parts = ", ".join(f"{counts[k]:,} {k if counts[k] == 1 else _plural(k)}" for k in order if k in counts)
    among = set(nodes)
    dropped = sum(u in among and v in among for u, v in view.edges()) - sub.number_of_edges()
    relations = f" and {dropped:,} relation{'s' * (dropped != 1)}" if dropped else ""
    return (f"Showing {len(sub):,} of {len(nodes):,} entities; left out {parts}{relations}"
            f" ({'; '.join(reasons)}).")


def _plural(word: str) -> str:
    """The plural of a class name.

    >>> [_plural(w) for w in ("person", "city", "date")]
    ['people', 'cities', 'dates']
    """
    if word == "person":
        return "people"
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _document_iri(found: Evidence, name: str) -> str:
    wanted = name.strip().lower()
    for iri, doc in found.documents.items():
        source = doc["source"].lower()
        names = {iri.lower(), iri.rsplit("/", 1)[-1].lower(), doc["title"].lower(), source,
                 source.rsplit("/", 1)[-1], source.rsplit("/", 1)[-1].rsplit(".", 1)[0]}
        if wanted in names:
            return iri
    choices = ", ".join(sorted(d["source"].rsplit("/", 1)[-1] or iri for iri, d in found.documents.items()))
    raise ExportError(f"no document {name!r} in the graph; choose one of: {choices or '(none)'}")
