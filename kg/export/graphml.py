"""GraphML export for Gephi and yEd users."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from kg.export.atomic import write_bytes


def serialize(view: nx.MultiDiGraph) -> bytes:
    """The networkx view as GraphML bytes (node and edge attributes kept)."""
    buffer = io.BytesIO()
    nx.write_graphml(view, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def write(view: nx.MultiDiGraph, path: Path) -> None:
    """Write VIEW as GraphML to PATH atomically."""
    write_bytes(path, serialize(view))
