"""Turtle export: the contract's prefixes, sorted, byte-identical for the same graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.export.atomic import write_bytes


def serialize(graph: Graph) -> bytes:
    """The graph as Turtle bytes; rdflib's serializer sorts subjects and predicates, and
    the graph has no blank nodes, so equal graphs give equal bytes.

    rdflib declares only the prefixes it uses, and resource IRIs ("kgr:person/x") cannot
    be prefixed names, so every bound prefix is declared here: users' queries and tools
    find the contract's prefixes in the file whatever it contains.
    """
    body = graph.serialize(format="turtle")
    lines = body.split("\n")
    declared = [ln for ln in lines if ln.startswith("@prefix ")]
    rest = lines[len(declared):]
    names = {ln.split()[1] for ln in declared}
    for prefix, namespace in graph.namespaces():
        if f"{prefix}:" not in names and prefix:
            declared.append(f"@prefix {prefix}: <{namespace}> .")
    return "\n".join(sorted(declared) + rest).encode("utf-8")


def write(graph: Graph, path: Path) -> None:
    """Write GRAPH as Turtle to PATH atomically."""
    write_bytes(path, serialize(graph))
