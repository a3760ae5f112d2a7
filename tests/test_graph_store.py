"""kg.graph.SubjectFirst: the build's store answers every lookup rdflib's does."""

from rdflib import RDF, Graph, Literal, Namespace

from kg.graph import SubjectFirst, new_graph

EX = Namespace("https://example.org/")


def _pair() -> tuple[Graph, Graph]:
    ours, plain = Graph(store=SubjectFirst()), Graph()
    for g in (ours, plain):
        g.add((EX.ada, RDF.type, EX.Person))
        g.add((EX.ada, EX.name, Literal("Ada Lind")))
        g.add((EX.bo, RDF.type, EX.Person))
        g.add((EX.bo, EX.knows, EX.ada))
    return ours, plain


def test_every_pattern_finds_what_rdflib_finds_including_triples_added_after_a_lookup():
    ours, plain = _pair()
    patterns = [(None, RDF.type, EX.Person), (None, EX.knows, None), (None, None, EX.ada), (EX.ada, None, None),
                (None, None, None), (EX.bo, EX.knows, EX.ada)]
    for pattern in patterns:
        assert sorted(ours.triples(pattern)) == sorted(plain.triples(pattern))
    for g in (ours, plain):
        g.add((EX.cy, RDF.type, EX.Person))  # after the predicate index was filled
    assert sorted(ours.subjects(RDF.type, EX.Person)) == [EX.ada, EX.bo, EX.cy]
    assert len(ours) == len(plain) == 5


def test_removal_and_a_query_through_sparql():
    ours, plain = _pair()
    for g in (ours, plain):
        g.remove((None, RDF.type, None))
    assert sorted(ours) == sorted(plain) and len(ours) == 2
    rows = ours.query("SELECT ?who WHERE { ?who <https://example.org/knows> ?x }")
    assert [str(r[0]) for r in rows] == [str(EX.bo)]


def test_a_build_graph_is_held_in_it():
    assert isinstance(new_graph("https://example.org/kg/resource/").store, SubjectFirst)
