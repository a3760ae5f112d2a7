"""Turtle export: the contract's prefixes, sorted, byte-identical for the same graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.export.atomic import write_bytes


def serialize(graph: Graph) -> bytes:
    """The graph as Turtle bytes; rdflib's serializer sorts subjects and predicates, and
    the graph has no blank nodes, so equal graphs give equal bytes."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write(graph: Graph, path: Path) -> None:
    """Write GRAPH as Turtle to PATH atomically."""
    write_bytes(path, serialize(graph))
