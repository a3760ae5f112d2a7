"""The OWL/RDFS ontology (ontology/kg.ttl) declares every term of the graph contract, and
kg.vocab (the terms, kinds and fact signatures the code uses) says the same."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import vocab

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"

KG = Namespace("https://example.org/kg/ontology#")
KGR = Namespace("https://example.org/kg/resource/")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
TIME = Namespace("http://www.w3.org/2006/time#")
PROV = Namespace("http://www.w3.org/ns/prov#")
# A plain Namespace: pytest probes module attributes, which warns on rdflib's closed XSD.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# The contract's classes, with the classes they are aligned with.
CLASSES = {
    "Entity": [],
    "Person": [KG.Entity, SCHEMA.Person, FOAF.Person],
    "Organization": [KG.Entity, SCHEMA.Organization, FOAF.Organization],
    "Place": [KG.Entity, SCHEMA.Place],
    "Event": [KG.Entity, SCHEMA.Event],
    "Date": [TIME.Instant],
    "Document": [SCHEMA.CreativeWork, PROV.Entity],
    "Quote": [SCHEMA.Quotation],
    "Statement": [RDF.Statement],
}

DATE_VALUES = {XSD.date, XSD.gYearMonth, XSD.gYear, XSD.gMonthDay}

# The kg: properties that describe entities, dates, quotes, documents and statements:
# kind, domain (set of classes; a set of several means a union) and range. The fact
# properties' domains and ranges are kg.vocab.SIGNATURES, checked below.
OBJECT, DATATYPE = OWL.ObjectProperty, OWL.DatatypeProperty
PROPERTIES = {
    "mentionCount": (DATATYPE, {KG.Entity}, {XSD.integer}),
    "mentions": (OBJECT, {KG.Document, KG.Quote}, {KG.Entity}),
    "text": (DATATYPE, {KG.Quote}, {XSD.string}),
    "value": (DATATYPE, {KG.Date}, DATE_VALUES),
    "sourceFile": (DATATYPE, {KG.Document}, {XSD.string}),
    "sha256": (DATATYPE, {KG.Document}, {XSD.string}),
    "evidence": (DATATYPE, {KG.Statement}, {XSD.string}),
    "confidence": (DATATYPE, {KG.Statement}, {XSD.decimal}),
    "method": (DATATYPE, {KG.Statement}, {XSD.string}),
    "relation": (DATATYPE, {KG.Statement}, {XSD.string}),
    "negated": (DATATYPE, {KG.Statement}, {XSD.boolean}),
    "indirect": (DATATYPE, {KG.Quote}, {XSD.boolean}),
    "partial": (DATATYPE, {KG.Quote}, {XSD.boolean}),
    "eventType": (DATATYPE, {KG.Event}, {XSD.string}),
    "status": (DATATYPE, {KG.Event}, {XSD.string}),
    "argumentRole": (DATATYPE, {KG.Statement}, {XSD.string}),
    "sentenceIndex": (DATATYPE, {KG.Statement}, {XSD.integer}),
}

# A fact property whose range vocab.SIGNATURES leaves open (None: not an entity): its
# kind and range. Every other fact property is an object property between entities.
NOT_ENTITY_RANGES = {
    "hasRole": (DATATYPE, {XSD.string}),
    "said": (OBJECT, {KG.Quote}),
}


# Property alignments with other vocabularies.
SUBPROPERTIES = [
    (KG.nationality, SCHEMA.nationality),
    (KG.memberOf, SCHEMA.memberOf),
    (KG.location, SCHEMA.location),
    (KG.mentions, SCHEMA.mentions),
    (KG.text, SCHEMA.text),
]

DISJOINT = [KG.Person, KG.Organization, KG.Place, KG.Event, KG.Date]


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY, format="turtle")
    return g


def _members(g: Graph, node) -> set:
    """The named members of a class or datatype expression: itself, or its owl:unionOf list."""
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        assert union is not None, f"anonymous expression {node} is not an owl:unionOf"
        return set(Collection(g, union))
    return {node}


def _english(g: Graph, subject, predicate) -> list[Literal]:
    return [
        o for o in g.objects(subject, predicate) if isinstance(o, Literal) and o.language == "en"
    ]


def _disjoint(g: Graph, a, b) -> bool:
    if (a, OWL.disjointWith, b) in g or (b, OWL.disjointWith, a) in g:
        return True
    for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = set(Collection(g, g.value(axiom, OWL.members)))
        if {a, b} <= members:
            return True
    return False


def test_prefixes(graph: Graph) -> None:
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert bound["kg"] == str(KG)
    assert bound["kgr"] == str(KGR)
    assert bound["schema"] == str(SCHEMA)
    assert bound["foaf"] == str(FOAF)
    assert bound["time"] == str(TIME)


def test_ontology_header(graph: Graph) -> None:
    ontologies = list(graph.subjects(RDF.type, OWL.Ontology))
    assert len(ontologies) == 1
    onto = ontologies[0]
    assert _english(graph, onto, RDFS.label)
    assert _english(graph, onto, RDFS.comment)
    assert graph.value(onto, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(onto, DCTERMS.description) is not None


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_class_declared(graph: Graph, name: str) -> None:
    cls = KG[name]
    assert (cls, RDF.type, OWL.Class) in graph
    assert _english(graph, cls, RDFS.label), f"kg:{name} has no English rdfs:label"
    assert _english(graph, cls, RDFS.comment), f"kg:{name} has no English rdfs:comment"
    for parent in CLASSES[name]:
        assert (cls, RDFS.subClassOf, parent) in graph or (
            cls,
            OWL.equivalentClass,
            parent,
        ) in graph, f"kg:{name} is not aligned with {parent}"


def test_entity_kinds_are_pairwise_disjoint(graph: Graph) -> None:
    for i, a in enumerate(DISJOINT):
        for b in DISJOINT[i + 1 :]:
            assert _disjoint(graph, a, b), f"{a} and {b} are not disjoint"


def _classes(kinds: tuple[str, ...]) -> set[URIRef]:
    """The ontology's classes for a tuple of vocab kinds: all entity kinds are kg:Entity."""
    if set(kinds) == set(vocab.ENTITY_KINDS):
        return {KG.Entity}
    return {KG[kind] for kind in kinds}


def _check_property(g: Graph, name: str, kind: URIRef, domain: set, range_: set) -> None:
    prop = KG[name]
    assert (prop, RDF.type, kind) in g, f"kg:{name} is not a {kind}"
    assert _english(g, prop, RDFS.label), f"kg:{name} has no English rdfs:label"
    assert _english(g, prop, RDFS.comment), f"kg:{name} has no English rdfs:comment"
    domains = list(g.objects(prop, RDFS.domain))
    ranges = list(g.objects(prop, RDFS.range))
    assert len(domains) == 1 and len(ranges) == 1, f"kg:{name} needs one domain and one range"
    assert _members(g, domains[0]) == domain, f"kg:{name}: domain differs"
    assert _members(g, ranges[0]) == range_, f"kg:{name}: range differs"


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property_declared(graph: Graph, name: str) -> None:
    _check_property(graph, name, *PROPERTIES[name])


@pytest.mark.parametrize("name", sorted(vocab.SIGNATURES))
def test_fact_signature_is_the_ontology_s(graph: Graph, name: str) -> None:
    """kg.vocab.SIGNATURES, which decides which facts are kept, says what kg.ttl says."""
    domain, range_ = vocab.SIGNATURES[name]
    kind, other = NOT_ENTITY_RANGES.get(name, (OBJECT, None))
    assert (range_ is None) == (other is not None), f"kg:{name}: an entity range or not?"
    _check_property(graph, name, kind, _classes(domain), _classes(range_) if range_ else other)


def test_vocab_terms_are_the_ontology_s(graph: Graph) -> None:
    """kg.vocab.KG holds exactly the kg: terms that ontology/kg.ttl declares."""
    declared = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert set(dir(vocab.KG)) == declared
    assert str(vocab.KG) == str(KG)


def test_vocab_kinds_are_the_ontology_s(graph: Graph) -> None:
    """vocab.KINDS are the disjoint classes; vocab.ENTITY_KINDS the subclasses of kg:Entity."""
    assert [KG[kind] for kind in vocab.KINDS] == DISJOINT
    assert {KG[kind] for kind in vocab.ENTITY_KINDS} == set(graph.subjects(RDFS.subClassOf, KG.Entity))


def test_date_value_range_is_a_datatype_union(graph: Graph) -> None:
    range_ = graph.value(KG.value, RDFS.range)
    assert (range_, RDF.type, RDFS.Datatype) in graph


def test_union_domains_are_classes(graph: Graph) -> None:
    for name in ("memberOf", "participatedIn", "said", "location"):
        domain = graph.value(KG[name], RDFS.domain)
        assert isinstance(domain, BNode)
        assert (domain, RDF.type, OWL.Class) in graph


def test_confidence_comment_explains_scale(graph: Graph) -> None:
    comment = " ".join(_english(graph, KG.confidence, RDFS.comment))
    assert "0" in comment and "1" in comment


@pytest.mark.parametrize(("sub", "sup"), SUBPROPERTIES)
def test_subproperties(graph: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in graph


def test_every_kg_property_has_domain_and_range(graph: Graph) -> None:
    props = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(
        graph.subjects(RDF.type, OWL.DatatypeProperty)
    )
    kg_props = {p for p in props if str(p).startswith(str(KG))}
    # Every property is checked above, either in PROPERTIES or through vocab.SIGNATURES.
    assert kg_props == {KG[name] for name in [*PROPERTIES, *vocab.SIGNATURES]}
    for prop in sorted(kg_props):
        assert graph.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
        assert graph.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"


def test_every_kg_subject_has_label_and_comment(graph: Graph) -> None:
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert subjects
    for subject in sorted(subjects):
        assert graph.value(subject, RDF.type) is not None, f"{subject} has no rdf:type"
        assert _english(graph, subject, RDFS.label), f"{subject} has no English rdfs:label"
        assert _english(graph, subject, RDFS.comment), f"{subject} has no English rdfs:comment"


def test_every_kg_term_used_is_declared(graph: Graph) -> None:
    """Catches typos such as kg:Organisation in a domain or range."""
    declared = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and term.startswith(str(KG))
    }
    assert used - declared == set()


def test_labels_and_comments_are_english(graph: Graph) -> None:
    for predicate in (RDFS.label, RDFS.comment):
        for subject, value in graph.subject_objects(predicate):
            assert isinstance(value, Literal) and value.language == "en", (
                f"{subject} {predicate} {value!r} is not tagged @en"
            )


def test_annotation_usage_documented(graph: Graph) -> None:
    for term in (RDFS.label, SKOS.altLabel, DCTERMS.title, DCTERMS.date):
        assert graph.value(term, RDF.type) is not None, f"{term} is not declared"
        assert _english(graph, term, RDFS.comment), f"{term} has no comment on its kg use"


# Modules that read an export; they need the vocabulary, never the extractor behind it.
READERS = ("kg.query", "kg.stats", "kg.entities", "kg.quotelist", "kg.validate", "kg.export.view", "kg.aliases")
EXTRACTOR = ("kg.graph", "kg.resolve", "kg.build", "kg.nlp", "kg.analysis", "kg.cache")


def _module_file(module: str) -> Path | None:
    base = ROOT / module.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _kg_imports(module: str) -> set[str]:
    """The kg modules MODULE imports anywhere in its file (function-level imports too)."""
    found = set()
    for node in ast.walk(ast.parse(_module_file(module).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "kg":
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if _module_file(f"{node.module}.{a.name}")}
    return found


@pytest.mark.parametrize("reader", READERS)
def test_export_readers_import_the_vocabulary_not_the_extractor(reader: str) -> None:
    closure, todo = set(), [reader]
    while todo:
        module = todo.pop()
        if module not in closure:
            closure.add(module)
            todo += _kg_imports(module)
    assert "kg.vocab" in closure
    pulled = sorted(m for m in closure if any(m == x or m.startswith(x + ".") for x in EXTRACTOR))
    assert pulled == [], f"{reader} imports {pulled}"


def test_the_kg_namespace_is_declared_only_in_vocab() -> None:
    declaring = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "kg").rglob("*.py"))
                 if str(KG) in p.read_text(encoding="utf-8")]
    assert declaring == ["kg/vocab.py"]
