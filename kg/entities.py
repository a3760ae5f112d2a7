"""The entities of an export with every name merged into them, for checking merges.

    entities(graph, kind=None, min_mentions=1) -> list[EntityRow]
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SKOS

from kg.vocab import ENTITY_KINDS, KG, curie, resource_prefixes

# The names `kg entities --type` accepts -> the class; British spelling too.
KIND_NAMES = {kind.lower(): kind for kind in ENTITY_KINDS} | {"organisation": "Organization"}


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One entity: its IRI, class, canonical label, other names and mention count."""

    iri: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    mentions: int


def entities(graph: Graph, kind: str | None = None, min_mentions: int = 1) -> list[EntityRow]:
    """The graph's people, organisations, places and events (or only KIND), most mentioned
    first, each with its aliases.

    >>> [r.label for r in entities(load(Path("exports/graph.ttl")), "Person", 5)]  # doctest: +SKIP
    ['Ada Lovelace', ...]
    """
    rows = []
    for name in (kind,) if kind else ENTITY_KINDS:
        for node in graph.subjects(RDF.type, KG[name]):
            count = int(graph.value(node, KG.mentionCount) or 0)
            if count < min_mentions:
                continue
            aliases = tuple(sorted(str(a) for a in graph.objects(node, SKOS.altLabel)))
            rows.append(EntityRow(str(node), name, str(graph.value(node, RDFS.label)), aliases, count))
    rows.sort(key=lambda r: (-r.mentions, r.kind, r.label, r.iri))
    return rows


def format_entities(rows: list[EntityRow], base_iri: str = "") -> str:
    """One line per entity: mentions, class, label, then its aliases and its name as kg
    prints resources everywhere (the prefix of its folder under BASE_IRI), so it pastes
    into `kg query` and into ontology/aliases.ttl as it is.

    >>> print(format_entities([EntityRow("b/person/ada-lovelace", "Person", "Ada Lovelace", ("Lovelace",), 3)], "b/"))
         3  Person        Ada Lovelace  = Lovelace  person:ada-lovelace
    """
    names = resource_prefixes(base_iri) if base_iri else {}
    lines = []
    for row in rows:
        aliases = f"  = {' | '.join(row.aliases)}" if row.aliases else ""
        lines.append(f"{row.mentions:>6}  {row.kind:<12}  {row.label}{aliases}  {curie(row.iri, names)}")
    return "\n".join(lines)
