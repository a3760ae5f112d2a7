"""ontology/shapes.ttl states the graph contract; the build's own output conforms and a
broken export fails with readable lines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.build import graph_from_texts
from kg.cli import cli
from kg.graph import KG, new_graph
from kg.settings import DEFAULT_BASE_IRI
from kg.validate import shapes_graph, validate_graph


def test_shapes_file_declares_every_shape():
    shapes = shapes_graph()
    names = {str(s).removeprefix("https://example.org/kg/shapes#")
             for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))}
    assert names == {"EntityShape", "DateShape", "DocumentShape", "QuoteShape", "StatementShape", "FactShape"}


def test_validate_command_on_the_bundled_export(bundled_build):
    project, _ = bundled_build
    graph = project / "exports" / "graph.ttl"
    result = CliRunner().invoke(cli, ["validate", "--graph", str(graph)], catch_exceptions=False)
    assert result.exit_code == 0 and result.output == f"{graph} conforms to ontology/shapes.ttl\n"


ARTICLE = """Harbor Town Elects a Mayor

Springfield, June 30, 2018 - Voters in Springfield, Illinois elected Rosa Diaz, a teacher and a member of \
the Green Party, as mayor on Sunday. The Springfield election was held on June 24, 2018.
"We will fix the roads," Diaz said after the vote. John Roe, the chairman of the Harbor Council, \
congratulated her in Chicago.
"""


@pytest.fixture(scope="module")
def small(nlp) -> Graph:
    """A small graph with every class in it: validating it takes well under a second."""
    graph = graph_from_texts({"harbor": ARTICLE})
    assert validate_graph(graph) == []
    return graph


def _copy(graph: Graph) -> Graph:
    out = new_graph(DEFAULT_BASE_IRI)
    for triple in graph:
        out.add(triple)
    return out


def _first(graph: Graph, kind: str):
    return sorted(graph.subjects(RDF.type, KG[kind]))[0]


def _break_label(g):
    g.remove((_first(g, "Person"), RDFS.label, None))


def _two_labels(g):
    g.add((_first(g, "Place"), RDFS.label, Literal("Another name")))


def _two_classes(g):
    g.add((_first(g, "Organization"), RDF.type, KG.Place))


def _bad_date(g):
    g.set((_first(g, "Date"), KG.value, Literal("2018-02-30", datatype=XSD.date)))


def _wrong_date_type(g):
    g.set((_first(g, "Date"), KG.value, Literal("June 2018")))


def _fact_without_statement(g):
    g.add((_first(g, "Person"), KG.memberOf, _first(g, "Organization")))


def _statement_without_evidence(g):
    g.remove((_first(g, "Statement"), KG.evidence, None))


def _statement_without_document(g):
    g.remove((_first(g, "Statement"), PROV.wasDerivedFrom, None))


def _confidence_out_of_range(g):
    g.set((_first(g, "Statement"), KG.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal)))


def _empty_quote(g):
    g.set((_first(g, "Quote"), KG.text, Literal("")))


BROKEN = [
    (_break_label, "person:", "rdfs:label: needs exactly one non-empty rdfs:label"),
    (_two_labels, "place:", "rdfs:label: needs exactly one non-empty rdfs:label"),
    (_two_classes, "org:", "rdf:type: must be exactly one of kg:Person, kg:Organization"),
    (_bad_date, "date:", "kg:value: kg:value must be one well-formed xsd:date"),
    (_wrong_date_type, "date:", "(value: 'June 2018')"),
    (_fact_without_statement, "person:", "kg:memberOf: this fact has no kg:Statement with evidence and a document"),
    (_statement_without_evidence, "statement:", "kg:evidence: needs exactly one non-empty kg:evidence sentence"),
    (_statement_without_document, "statement:", "prov:wasDerivedFrom: needs exactly one prov:wasDerivedFrom"),
    (_confidence_out_of_range, "statement:", "kg:confidence: needs exactly one kg:confidence"),
    (_empty_quote, "quote:", "kg:text: a quote needs exactly one non-empty kg:text (value: '')"),
]


@pytest.mark.parametrize("breakage,focus,message", BROKEN, ids=[b[0].__name__.strip("_") for b in BROKEN])
def test_broken_graph_gives_a_readable_violation(small, breakage, focus, message):
    graph = _copy(small)
    breakage(graph)
    found = [str(v) for v in validate_graph(graph)]
    # A statement that loses its evidence or document also leaves its fact unbacked.
    assert 1 <= len(found) <= 2
    assert any(line.startswith(focus) and message in line for line in found), found


def test_validate_command_fails_on_a_broken_export(small, project):
    graph = _copy(small)
    _break_label(graph)
    _bad_date(graph)
    _fact_without_statement(graph)
    path = project / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = CliRunner().invoke(cli, ["validate", "--graph", "broken.ttl"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 4 and "Traceback" not in result.output
    assert all(line.split(":")[0] in ("person", "date", "statement") for line in lines[:3]), lines
    assert lines[3] == ("Error: broken.ttl does not conform to ontology/shapes.ttl: 3 violations; "
                        "rebuild it with `kg build`, or fix the lines above")
