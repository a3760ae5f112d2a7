"""Fast reads of an rdflib graph for the exports, which read every triple once or more.

    spo(graph) -> {subject: {predicate: objects}}
    Lookup(graph).value / objects / subjects / subject_objects   rdflib's, over that index

Each of rdflib's own lookups walks its store's context bookkeeping for every triple it
yields: at 100,000 triples the page's evidence alone made 70,000 `graph.value` calls.
"""

from __future__ import annotations

from rdflib import Graph


def spo(graph: Graph) -> dict:
    """Subject -> predicate -> objects of GRAPH. rdflib's in-memory store keeps exactly
    this index; when the store holds GRAPH's triples and no others it is read as it is
    (objects in the order rdflib's own lookups give them), else it is built."""
    store = graph.store
    index = getattr(store, "_SimpleMemory__spo", None)  # one context: the store is the graph
    if isinstance(index, dict):
        return index
    index = getattr(store, "_Memory__spo", None)
    if isinstance(index, dict) and len(store) == len(graph):
        return index
    built: dict = {}
    for s, p, o in graph:
        built.setdefault(s, {}).setdefault(p, {})[o] = 1
    return built


class Lookup:
    """rdflib's Graph.value, objects, subjects and subject_objects over `spo(graph)`.

    >>> Lookup(graph).value(person, RDFS.label)  # doctest: +SKIP
    rdflib.term.Literal('Jane Doe')
    """

    def __init__(self, graph: Graph):
        self._spo = spo(graph)
        self._pairs: dict[str, list[tuple]] | None = None
        self._by_object: dict[str, dict[tuple[str, str], list]] = {}

    def objects(self, subject, predicate) -> list:
        return list((self._spo.get(subject) or {}).get(predicate, ()))

    def value(self, subject, predicate):
        """The first object of SUBJECT's PREDICATE (rdflib's `value`), or None."""
        for found in (self._spo.get(subject) or {}).get(predicate, ()):
            return found
        return None

    def subject_objects(self, predicate) -> list[tuple]:
        if self._pairs is None:
            pairs: dict[str, list[tuple]] = {}
            for s, by_predicate in self._spo.items():
                for p, objects in by_predicate.items():
                    pairs.setdefault(str(p), []).extend((s, o) for o in objects)
            self._pairs = pairs
        return self._pairs.get(str(predicate), [])

    def subjects(self, predicate, obj) -> list:
        by_object = self._by_object.get(str(predicate))
        if by_object is None:
            by_object = self._by_object[str(predicate)] = {}
            for s, o in self.subject_objects(predicate):
                by_object.setdefault((type(o).__name__, str(o)), []).append(s)
        return by_object.get((type(obj).__name__, str(obj)), [])
