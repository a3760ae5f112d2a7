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


def _reference(graph: Graph) -> bytes:
    """The plain writer the fast one must equal: every triple sorted by its texts, and a
    pyoxigraph Triple built for each."""
    import pyoxigraph as ox
    from rdflib import RDF, BNode

    def term(v):
        if isinstance(v, URIRef):
            return ox.NamedNode(str(v))
        if isinstance(v, BNode):
            return ox.BlankNode(str(v))
        if v.language:
            return ox.Literal(str(v), language=v.language)
        return ox.Literal(str(v), datatype=ox.NamedNode(str(v.datatype))) if v.datatype else ox.Literal(str(v))

    def order(t):
        s, p, o = t
        return (str(s), p != RDF.type, str(p), str(o), str(getattr(o, "datatype", None) or ""),
                getattr(o, "language", None) or "", type(o).__name__)

    namespaces = {p: str(ns) for p, ns in graph.namespaces() if p}
    compact = {p: ns for p, ns in namespaces.items() if ns.endswith(("#", "/")) and p != "kgr"}
    body = ox.serialize([ox.Triple(*map(term, t)) for t in sorted(graph, key=order)],
                        format=ox.RdfFormat.TURTLE, prefixes=compact).decode()
    lines = []
    for line in body.split("\n"):
        if line and not line.startswith("@prefix "):
            lines += ["    " + line[1:]] if line.startswith("\t") else ["", line]
    header = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(namespaces.items())]
    return ("\n".join(header + lines) + "\n").encode()


def _varied_graph(graph: Graph) -> Graph:
    from rdflib import RDF, BNode, XSD

    ex = Namespace("https://example.org/kg/resource/")
    kg = Namespace(str(PREFIXES["kg"]))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for i in range(30):
        person = ex[f"person/p-{i % 7}"]
        graph.add((person, RDF.type, kg.Person))
        graph.add((person, kg.mentionCount, Literal(i)))
        graph.add((person, kg.confidence, Literal(i / 7, datatype=XSD.decimal)))
        graph.add((person, kg.memberOf, ex[f"organization/o-{i % 3}"]))
        graph.add((person, kg.evidence, Literal(f'line {i}\n"quoted" \\ tab\t', lang="en" if i % 2 else None)))
        graph.add((ex[f"date/--0{i % 9 + 1}-1{i % 9}"], kg.value, Literal(f"--0{i % 9 + 1}-1{i % 9}",
                                                                           datatype=XSD.gMonthDay)))
        graph.add((BNode(f"b{i % 4}"), kg.partial, Literal(i % 2 == 0)))
        graph.add((ex[f"place/{i}"], URIRef("https://other.example/p"), URIRef(f"https://other.example/{i}")))
    return graph


def test_fast_writer_equals_the_plain_one_on_varied_terms():
    graph = _varied_graph(Graph(bind_namespaces="none"))
    assert serialize(graph) == _reference(graph)


def test_a_graph_sharing_its_store_is_written_alone():
    from rdflib import Dataset

    dataset = Dataset()
    graph = _varied_graph(dataset.graph(URIRef("https://example.org/g1")))
    dataset.graph(URIRef("https://example.org/g2")).add(
        (URIRef("https://example.org/kg/resource/person/other"), URIRef("https://other.example/p"), Literal("x")))
    written = serialize(graph)
    assert written == _reference(graph)
    assert b"person:other" not in written
