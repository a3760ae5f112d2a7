"""The user's corrections to entity resolution, read from a Turtle file.

    load(path) -> AliasRules
    project_file(corpus) -> Path       the project's file: ontology/aliases.ttl beside the corpus

    @base <https://example.org/kg/resource/> .
    <person/hassan-doe> owl:sameAs <person/hasan-doe> .     # one entity: merge
    <person/doe> owl:differentFrom <person/jane-doe> .      # never one entity: split
    <organization/jordan-lee> a kg:Person .                 # force the class

An IRI stands for every mention whose name has that slug (its last path segment, as
`kg entities` prints it), whatever the base IRI and the class folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL

from kg.errors import AliasError
from kg.model import AliasRules
from kg.vocab import ENTITY_KINDS, KG

_KIND_OF = {KG[kind]: kind for kind in ENTITY_KINDS}


def slug_of(iri: URIRef) -> str:
    """The name an IRI stands for: its last path segment, without a "-2" duplicate suffix.

    >>> slug_of(URIRef("https://example.org/kg/resource/person/ada-lovelace-2"))
    'ada-lovelace'
    """
    return re.sub(r"-\d+$", "", str(iri).rstrip("/").rsplit("/", 1)[-1])


def project_file(corpus: Path) -> Path:
    """The aliases file of the project whose corpus folder is CORPUS: ontology/aliases.ttl
    beside it (where `kg init` puts it), as the build cache is. It may not exist.

    >>> project_file(Path("news/corpus")).as_posix()
    'news/ontology/aliases.ttl'
    """
    return corpus.parent / "ontology" / "aliases.ttl"


def load(path: Path | None) -> AliasRules:
    """The rules in PATH; no rules when PATH is None or does not exist.

    >>> load(None)
    AliasRules(same=(), different=(), kinds=())
    """
    if path is None or not path.is_file():
        return AliasRules()
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for broken input
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AliasError(f"{path} is not valid Turtle ({first}); fix it or remove it") from None
    same = sorted((slug_of(s), slug_of(o)) for s, o in graph.subject_objects(OWL.sameAs)
                  if isinstance(s, URIRef) and isinstance(o, URIRef))
    different = sorted((slug_of(s), slug_of(o)) for s, o in graph.subject_objects(OWL.differentFrom)
                       if isinstance(s, URIRef) and isinstance(o, URIRef))
    kinds = sorted((slug_of(s), _KIND_OF[o]) for s, o in graph.subject_objects(RDF.type)
                   if isinstance(s, URIRef) and o in _KIND_OF)
    return AliasRules(tuple(same), tuple(different), tuple(kinds))
