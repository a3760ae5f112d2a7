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

import re
from collections.abc import Mapping

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

# One prefix per folder of the build's base IRI, so that every resource prints as a legal
# SPARQL/Turtle prefixed name ("kgr:person/x" is not one: a slash may not stand in it).
# The first six are the contract's (v2); quote: and statement: are kg's own.
RESOURCE_FOLDERS = {
    "person": "person/",
    "org": "organization/",
    "place": "place/",
    "event": "event/",
    "date": "date/",
    "doc": "document/",
    "quote": "quote/",
    "statement": "statement/",
}


def resource_prefixes(base_iri: str) -> dict[str, str]:
    """Prefix -> namespace of each resource folder under BASE_IRI.

    >>> resource_prefixes("https://example.org/kg/resource/")["org"]
    'https://example.org/kg/resource/organization/'
    """
    return {prefix: base_iri + folder for prefix, folder in RESOURCE_FOLDERS.items()}


# SPARQL's PN_LOCAL, char by char: which may stand as they are, which need a backslash.
_LOCAL_FIRST = re.compile(r"[\w:]")
_LOCAL_CHAR = re.compile(r"[\w\-:\u00B7\u0300-\u036F\u203F\u2040]")
_LOCAL_ESCAPED = set("_~.-!$&'()*+,;=/?#@%")


def _local_name(local: str) -> str | None:
    """LOCAL written as a legal PN_LOCAL (escaping what must be), or None if it cannot be."""
    out = []
    for i, char in enumerate(local):
        if (_LOCAL_FIRST if i == 0 else _LOCAL_CHAR).fullmatch(char) or (char == "." and 0 < i < len(local) - 1):
            out.append(char)
        elif char == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", local[i + 1:i + 3]):
            out.append(char)
        elif char in _LOCAL_ESCAPED:
            out.append("\\" + char)
        else:
            return None
    return "".join(out)


def curie(iri: str, namespaces: Mapping[str, str]) -> str:
    r"""IRI as the prefixed name a user can paste into `kg query` (the longest matching
    namespace wins), or as <IRI> when no prefix fits or its rest is no legal local name.

    >>> ns = {"kgr": "https://e.org/r/", **resource_prefixes("https://e.org/r/")}
    >>> print(curie("https://e.org/r/person/jane-doe", ns), curie("https://e.org/r/date/--02-21", ns))
    person:jane-doe date:\--02-21
    >>> print(curie("https://e.org/r/person/a b", ns), curie("urn:x", ns))
    <https://e.org/r/person/a b> <urn:x>
    """
    matches = sorted(((len(ns), p) for p, ns in namespaces.items() if ns and iri.startswith(ns)), reverse=True)
    for length, prefix in matches:
        local = _local_name(iri[length:])
        if local is not None:
            return f"{prefix}:{local}"
    return f"<{iri}>"


# The external classes and properties the ontology aligns kg's with (rdfs:subClassOf /
# rdfs:subPropertyOf in ontology/kg.ttl; a test checks both agree), each with its one kg
# term. kg writes only the kg terms, so in an export the instances of schema:Person are
# exactly those of kg:Person: `kg query` reads the first as the second.
ALIGNED = {
    SCHEMA.Person: KG.Person,
    FOAF.Person: KG.Person,
    SCHEMA.Organization: KG.Organization,
    FOAF.Organization: KG.Organization,
    SCHEMA.Place: KG.Place,
    SCHEMA.Event: KG.Event,
    TIME.Instant: KG.Date,
    SCHEMA.CreativeWork: KG.Document,
    PROV.Entity: KG.Document,
    SCHEMA.Quotation: KG.Quote,
    RDF.Statement: KG.Statement,
    SCHEMA.memberOf: KG.memberOf,
    SCHEMA.nationality: KG.nationality,
    SCHEMA.location: KG.location,
    TIME.hasTime: KG.onDate,
    SCHEMA.text: KG.text,
    SCHEMA.mentions: KG.mentions,
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
