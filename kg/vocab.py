"""The graph's vocabulary, in one place: the kg: terms of ontology/kg.ttl, the prefixes
every export declares, the entity kinds and the signature of each fact property.

Readers of an export (query, stats, entities, quotes, validate, the HTML view) import
this module and nothing of the extractor. `KG` is an rdflib DefinedNamespace, as
rdflib's own `PROV` is: a misspelt term raises instead of minting a new IRI.

    >>> KG.Person
    rdflib.term.URIRef('https://example.org/kg/ontology#Person')
    >>> KG.Persn
    Traceback (most recent call last):
    ...
    AttributeError: term 'Persn' not in namespace 'https://example.org/kg/ontology#'
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, DefinedNamespace


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl); a test checks that both list the same terms."""

    _NS = Namespace("https://example.org/kg/ontology#")
    _fail = True

    # Classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Event: URIRef
    Date: URIRef
    Document: URIRef
    Quote: URIRef
    Statement: URIRef
    # Facts between entities (each also described by kg:Statements)
    memberOf: URIRef
    leaderOf: URIRef
    nationality: URIRef
    hasRole: URIRef
    participatedIn: URIRef
    location: URIRef
    onDate: URIRef
    relatedTo: URIRef
    said: URIRef
    # Descriptions of entities, dates, quotes and documents
    mentionCount: URIRef
    text: URIRef
    indirect: URIRef
    partial: URIRef
    eventType: URIRef
    status: URIRef
    value: URIRef
    mentions: URIRef
    sourceFile: URIRef
    sha256: URIRef
    # Provenance of a statement
    evidence: URIRef
    sentenceIndex: URIRef
    confidence: URIRef
    method: URIRef
    relation: URIRef
    argumentRole: URIRef
    negated: URIRef


SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
TIME = Namespace("http://www.w3.org/2006/time#")

# The contract's prefixes (shared/spec/ontology.md); kgr is the build's base IRI.
PREFIXES = {
    "kg": KG,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "xsd": XSD,
    "owl": OWL,
    "schema": SCHEMA,
    "foaf": FOAF,
    "time": TIME,
}

# The entity kinds (kg:Person ...), in the order summaries, legends and ties use them.
KINDS = ("Person", "Organization", "Place", "Event", "Date")
ENTITY_KINDS = KINDS[:4]  # subclasses of kg:Entity (a date is not one)
AGENT_KINDS = KINDS[:2]  # who can belong, lead, take part or speak

# Domain and range of each fact property, as ontology/kg.ttl declares them (a test
# checks): a fact whose resolved ends do not fit is dropped rather than asserted. A range
# of None is a literal or a quote.
SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]] = {
    "memberOf": (("Person", "Organization", "Place"), ("Organization",)),
    "leaderOf": (("Person",), ("Organization", "Place")),
    "nationality": (("Person",), ("Place",)),
    "hasRole": (("Person",), None),
    "participatedIn": (("Person", "Organization", "Place"), ("Event",)),
    "location": (("Event", "Organization", "Place"), ("Place",)),
    "onDate": (("Event",), ("Date",)),
    "relatedTo": (ENTITY_KINDS, ENTITY_KINDS),
    "said": (AGENT_KINDS, None),
}


def fits(predicate: str, subject_kind: str, object_kind: str | None) -> bool:
    """Whether a fact PREDICATE may join entities of these kinds (None: a literal or quote).

    >>> fits("leaderOf", "Person", "Organization"), fits("leaderOf", "Organization", "Person")
    (True, False)
    """
    domain, range_ = SIGNATURES[predicate]
    return subject_kind in domain and (range_ is None or object_kind in range_)
