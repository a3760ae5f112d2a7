"""The drawable part of the graph as networkx: entities and dates as nodes, facts
between them as edges. Documents, statements and quotes are evidence, not nodes."""

from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SKOS

from kg.graph import KG

NODE_KINDS = ("Person", "Organization", "Place", "Event", "Date")
EDGE_PROPERTIES = ("memberOf", "leaderOf", "participatedIn", "location", "onDate", "relatedTo")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Nodes keyed by IRI with label, kind, aliases (" | "-joined), mentions and roles;
    one edge per distinct fact, labelled by its property or, for kg:relatedTo, its verb.

    >>> to_networkx(graph).nodes["https://example.org/kg/resource/person/jane-doe"]  # doctest: +SKIP
    {'label': 'Jane Doe', 'kind': 'Person', 'aliases': 'Doe', 'mentions': 3, 'roles': 'CEO'}
    """
    view = nx.MultiDiGraph()
    for kind in NODE_KINDS:
        for node in sorted(graph.subjects(RDF.type, KG[kind])):
            view.add_node(
                str(node),
                label=str(graph.value(node, RDFS.label) or node),
                kind=kind,
                aliases=" | ".join(sorted(str(a) for a in graph.objects(node, SKOS.altLabel))),
                mentions=int(graph.value(node, KG.mentionCount) or 0),
                roles=" | ".join(sorted({str(r) for r in graph.objects(node, KG.hasRole)})),
            )
    relations: dict[tuple, set[str]] = {}
    for statement in graph.subjects(RDF.type, KG.Statement):
        if graph.value(statement, RDF.predicate) == KG.relatedTo:
            key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.object))
            relations.setdefault(key, set()).update(str(r) for r in graph.objects(statement, KG.relation))
    for name in EDGE_PROPERTIES:
        for s, o in sorted(graph.subject_objects(KG[name])):
            if str(s) not in view or str(o) not in view:
                continue
            verbs = sorted(relations.get((s, o), ())) if name == "relatedTo" else []
            for label in verbs or [name]:
                view.add_edge(str(s), str(o), key=f"{name}:{label}", label=label, predicate=name)
    return view
