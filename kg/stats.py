"""Counts over an export: per class, per property, and the most mentioned entities."""

from __future__ import annotations

from collections import Counter

from rdflib import RDF, RDFS, Graph

from kg.vocab import ENTITY_KINDS, KG, KINDS

CLASSES = KINDS + ("Document", "Quote", "Statement")


def stats(graph: Graph, top: int = 10) -> dict:
    """{"classes": {name: n}, "properties": {qname: n}, "top": [(label, kind, mentions)]}.

    >>> stats(load(Path("exports/graph.ttl")))["classes"]["Person"]  # doctest: +SKIP
    21
    """
    classes = {name: len(set(graph.subjects(RDF.type, KG[name]))) for name in CLASSES}
    properties = Counter(graph.namespace_manager.normalizeUri(p) for _, p, _ in graph)
    ranked = []
    for kind in ENTITY_KINDS:
        for node in graph.subjects(RDF.type, KG[kind]):
            count = int(graph.value(node, KG.mentionCount) or 0)
            ranked.append((str(graph.value(node, RDFS.label)), kind, count))
    ranked.sort(key=lambda r: (-r[2], r[0]))
    return {"classes": classes, "properties": dict(sorted(properties.items())), "top": ranked[:top]}


def format_stats(data: dict) -> str:
    """The stats as three aligned blocks of text."""
    lines = ["classes:"]
    lines += [f"  {name:<14}{n:>7}" for name, n in data["classes"].items()]
    lines.append("properties:")
    lines += [f"  {name:<24}{n:>7}" for name, n in data["properties"].items()]
    lines.append("most mentioned:")
    lines += [f"  {label:<40}{kind:<14}{n:>5}" for label, kind, n in data["top"]]
    return "\n".join(lines)
