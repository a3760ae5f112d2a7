"""Stage 6b: facts inferred from stated ones, each with the statements it comes from.

    containments(graph, base) -> int     location facts added

"The plant is in Tampere" and "Tampere, Finland" say, together, that the plant is in
Finland. Such a fact is no sentence's claim: its kg:Statement has no evidence sentence and
no document, but `prov:wasDerivedFrom` the two statements it combines, `kg:method`
"inferred-containment", and a confidence that is the product of theirs (both must hold).
Only places contain: the larger place of a stated location that is itself a place. One
step only, from stated facts, so an inference never feeds another.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.export.index import spo
from kg.vocab import KG

METHOD = "inferred-containment"


def _stated(index: dict) -> dict[tuple[URIRef, URIRef], tuple[URIRef, float]]:
    """(subject, place) -> its surest statement and that statement's confidence, for
    every stated kg:location fact. INDEX: the graph's subject index (kg.export.index.spo)."""
    best: dict[tuple[URIRef, URIRef], tuple[URIRef, float]] = {}
    location, inferred = KG.location, Literal(METHOD)
    for st, row in index.items():
        if location not in row.get(RDF.predicate, ()) or inferred in row.get(KG.method, ()):
            continue
        key = (_first(row, RDF.subject), _first(row, RDF.object))
        confidence = float(_first(row, KG.confidence))
        if key not in best or (-confidence, str(st)) < (-best[key][1], str(best[key][0])):
            best[key] = (st, confidence)
    return best


def _first(row: dict, predicate: URIRef):
    return next(iter(row.get(predicate, ())), None)


def containments(graph: Graph, base: Namespace) -> int:
    """Add X location Z wherever X location Y and place Y location place Z are stated and
    X location Z is not. Returns how many facts were added."""
    index = spo(graph)
    stated = _stated(index)
    place = KG.Place
    places = {s for s, row in index.items() if place in row.get(RDF.type, ())}
    wider: dict[URIRef, list[URIRef]] = {}
    for (y, z) in stated:
        if y in places and z in places:
            wider.setdefault(y, []).append(z)
    added = 0
    for (x, y), (first, c1) in sorted(stated.items()):
        for z in sorted(wider.get(y, ())):
            if z == x or (x, z) in stated or (x, KG.location, z) in graph:
                continue
            second, c2 = stated[(y, z)]
            _assert(graph, base, x, z, (first, second), c1 * c2)
            added += 1
    return added


def _assert(graph: Graph, base: Namespace, subject: URIRef, obj: URIRef, sources: tuple[URIRef, URIRef],
            confidence: float) -> None:
    digest = hashlib.sha256("\x1f".join(map(str, (subject, obj, *sources))).encode()).hexdigest()[:16]
    statement = base[f"statement/{digest}"]
    graph.add((subject, KG.location, obj))
    graph.add((statement, RDF.type, KG.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, KG.location))
    graph.add((statement, RDF.object, obj))
    for source in sources:
        graph.add((statement, PROV.wasDerivedFrom, source))
    graph.add((statement, KG.method, Literal(METHOD)))
    graph.add((statement, KG.confidence, Literal(Decimal(str(round(confidence, 2))), datatype=XSD.decimal)))
