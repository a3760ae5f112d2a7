"""The fast Turtle writer says exactly what the graph says, in a fixed order."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef

from kg.export.turtle import serialize
from kg.graph import PREFIXES


def test_turtle_round_trips_the_bundled_graph(bundled_build):
    project, _ = bundled_build
    data = (project / "exports" / "graph.ttl").read_bytes()
    graph = Graph(bind_namespaces="none").parse(data=data, format="turtle")
    again = serialize(graph)
    assert set(Graph().parse(data=again, format="turtle")) == set(graph)
    assert again == data  # the bytes depend on the triples only, not on insertion order


def test_awkward_literals_survive():
    ex = Namespace("https://example.org/kg/resource/")
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    texts = ['He said "no"\nthen left.', "tab\there", "back\\slash", "Zoë – café 東京", ""]
    for i, text in enumerate(texts):
        graph.add((ex[f"person/x-{i}"], URIRef(str(PREFIXES["kg"]) + "evidence"), Literal(text)))
    graph.add((ex["person/x-0"], URIRef(str(PREFIXES["rdfs"]) + "label"), Literal("Jo", lang="en")))
    back = Graph().parse(data=serialize(graph), format="turtle")
    assert set(back) == set(graph)
