"""SPARQL as a user types it: names that paste back, mistakes named in at most three
lines, the schema.org/FOAF terms answering as kg's, and the W3C result formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pyoxigraph import Store
from click.testing import CliRunner
from rdflib import RDFS, Graph, URIRef

from kg import query
from kg.cli import cli
from kg.vocab import ALIGNED, KG, curie, resource_prefixes

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://example.org/kg/resource/"


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("iri,printed", [
    (BASE + "person/jane-doe", "person:jane-doe"),
    (BASE + "organization/acme-corp", "org:acme-corp"),
    (BASE + "document/news-a-b", "doc:news-a-b"),
    (BASE + "date/--02-21", r"date:\--02-21"),
    (BASE + "date/2019", "date:2019"),
    (BASE + "person/a.b.", r"person:a.b\."),
    (BASE + "other/x", r"kgr:other\/x"),
    (BASE + "person/2×3", f"<{BASE}person/2×3>"),
    ("https://example.org/kg/ontology#Person", "kg:Person"),
])
def test_curie_gives_a_legal_prefixed_name_or_the_whole_iri(iri, printed):
    names = query.prefixes(BASE)
    assert curie(iri, names) == printed
    # and the printed form reads back as the same IRI
    answer = Store().query(f"SELECT ?x WHERE {{ BIND({printed} AS ?x) }}", prefixes=names)
    assert [row["x"].value for row in answer] == [iri]


def test_a_name_kg_entities_prints_pastes_into_kg_query(built):
    lines = invoke("entities", "--min-mentions", "2").output.splitlines()
    assert len(lines) > 5
    for line in lines[:5] + lines[-2:]:
        label, name = re.fullmatch(r" *\d+  \w+ +(.+?)(?:  = .*)?  (\S+)", line).groups()
        result = invoke("query", f"SELECT ?label WHERE {{ {name} rdfs:label ?label }}")
        assert result.exit_code == 0 and result.output.splitlines()[2] == label


def test_a_custom_base_gets_its_own_folder_prefixes(bundled_build, tmp_path):
    project, _ = bundled_build
    other = "https://news.example.com/kg/"
    text = (project / "exports" / "graph.ttl").read_text(encoding="utf-8").replace(BASE, other)
    (tmp_path / "graph.ttl").write_text(text, encoding="utf-8")
    table = query.run(tmp_path / "graph.ttl", "SELECT ?p WHERE { ?p a kg:Person } LIMIT 1")
    name = table.splitlines()[2]
    assert name.startswith("person:")
    assert query.run(tmp_path / "graph.ttl", f"ASK {{ {name} a kg:Person }}") == "true"
    assert query.namespaces_of(tmp_path / "graph.ttl")["person"] == other + "person/"


# The three mistakes of the issue and their neighbours: (query, exit code, what the
# first line must say). Every message is at most three lines: one that names the
# problem, then the query's line with a caret under the spot.
MISTAKES = [
    ("SELECT ?t WHERE { ?d dc:title ?t }", 1,
     "undeclared prefix dc: at line 1, column 22 (did you mean dcterms:title?); declare it at the top of the query "
     "(PREFIX dc: <http://purl.org/dc/elements/1.1/>) or use a predeclared one: kgr: person: org:"),
    ("SELECT ?p WHERE { ?p a kg:Person ", 1,
     "malformed SPARQL at line 1, column 33: expected } to close the { at line 1, column 17; "
     "found the end of the query"),
    ("SELECT ?p WHERE {\n  ?p a kg:Person .\n  FILTER( }", 1,
     "malformed SPARQL at line 3, column 11: expected ) (to close the ( at line 3, column 9) before this }"),
    ("SELECT ?r WHERE { kgr:person/jane-doe kg:hasRole ?r }", 1,
     "line 1, column 19: kgr:person/jane-doe is no prefixed name (a slash may not stand in one); "
     "write person:jane-doe"),
    ("SELECT ?r WHERE { <person/jane-doe> kg:hasRole ?r }", 1,
     "<person/jane-doe> is a relative IRI; write person:jane-doe"),
    ("SELECT ?r WHERE { person/jane-doe kg:hasRole ?r }", 1, "write person:jane-doe"),
    ("SELEC ?p WHERE { ?p a kg:Person }", 1,
     "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after its PREFIX lines), not SELEC"),
    ('SELECT ?p WHERE { ?p rdfs:label "Jane }', 1, "column 33: this string is never closed; end it with \""),
    ("SELECT ?p WHERE { ?p a kg:Person ?p rdfs:label ?n }", 1,
     "expected `.` to end the triple before the next one, or FILTER, OPTIONAL, BIND, VALUES or }; found rdfs:label"),
    ("SELECT ?p WHERE { ?p a kg:Person } }", 1, "unexpected }: there is no open bracket for it to close"),
    ("SELECT ?p WHERE { ?p a kg:Person } LIMIT ten", 1, "expected a whole number after LIMIT; found ten"),
    ("INSERT DATA { kgr:a kgr:b kgr:c }", 1, "SPARQL UPDATE is not allowed"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } }", 1, "query failed: "),
]


@pytest.mark.parametrize("text,code,first", MISTAKES, ids=[m[0][:32] for m in MISTAKES])
def test_a_mistake_is_named_in_at_most_three_lines(built, text, code, first):
    result = invoke("query", text)
    assert result.exit_code == code
    lines = result.output.splitlines()
    assert len(lines) <= 3 and first in lines[0], result.output
    if len(lines) == 3:
        assert lines[1].strip() in text and lines[2].strip() == "^"


def test_a_misspelt_term_warns_with_the_nearest_terms_and_still_runs(built):
    result = invoke("query", "SELECT ?p WHERE { ?p a kg:Persn ; rdfs:lable ?n ; kg:memberof ?o }")
    assert result.exit_code == 0 and result.stdout == "(no rows)\n"
    assert result.stderr.splitlines() == [
        "warning: kg:Persn (line 1, column 24) is not a term of the kg ontology (ontology/kg.ttl); "
        "did you mean kg:Person?",
        "warning: rdfs:lable (line 1, column 35) is not a term of <http://www.w3.org/2000/01/rdf-schema#>; "
        "did you mean rdfs:label?",
        "warning: kg:memberof (line 1, column 51) is not a term of the kg ontology (ontology/kg.ttl); "
        "did you mean kg:memberOf?",
    ]


def test_a_resource_the_export_lacks_warns_with_the_nearest_names(built):
    name = invoke("entities", "--type", "person").output.splitlines()[0].split()[-1]
    typo = name[:-1] + ("x" if name[-1] != "x" else "y")
    result = invoke("query", f"SELECT ?r WHERE {{ {typo} kg:hasRole ?r }}")
    assert result.exit_code == 0
    assert result.stderr == f"warning: {typo} (line 1, column 19) names nothing in the export; did you mean {name}?\n"
    assert invoke("query", f"ASK {{ {name} ?p ?o }}").stderr == ""


@pytest.mark.parametrize("external", sorted(ALIGNED), ids=lambda t: t.n3().split("/")[-1])
def test_an_aligned_term_gives_the_rows_of_its_kg_term(built, external):
    names = query.prefixes()
    short = curie(str(external), names)
    pattern = "?s a {} ." if str(ALIGNED[external]).split("#")[1][0].isupper() else "?s {} ?o ."
    counts = [query.run(built / "exports" / "graph.ttl",
                        f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern.format(term)} }}", "csv").split()[1]
              for term in (short, curie(str(ALIGNED[external]), names))]
    assert counts[0] == counts[1]
    if external in (URIRef("https://schema.org/Person"), URIRef("http://xmlns.com/foaf/0.1/Person"),
                    URIRef("https://schema.org/Organization")):
        assert int(counts[0]) > 0


def test_the_alignment_is_the_ontologys():
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl")
    found = {}
    for link in (RDFS.subClassOf, RDFS.subPropertyOf):
        for kg_term, other in ontology.subject_objects(link):
            if str(kg_term).startswith(str(KG._NS)) and isinstance(other, URIRef) \
                    and not str(other).startswith(str(KG._NS)):
                found.setdefault(other, set()).add(kg_term)
    assert {k: {v} for k, v in ALIGNED.items()} == found


def test_construct_keeps_the_terms_the_user_wrote(built):
    graph = built / "exports" / "graph.ttl"
    long = query.run(graph, "CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }")
    short = query.run(graph, "CONSTRUCT WHERE { ?p a foaf:Person }")
    assert " a schema:Person ." in long and "kg:Person" not in long
    assert " a foaf:Person ." in short and long.count("\n") == short.count("\n")


# The W3C test suite's cases for the CSV and TSV result formats (rdf-tests,
# sparql11/csv-tsv-res: data.ttl with csvtsv01 and csvtsv02). Blank node labels are the
# engine's own, as the notes allow.
W3C_DATA = """@prefix : <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
:s1 :p1 :s2 .
:s2 :p2 "foo" .
:s3 :p3 "bar"^^xsd:string .
:s4 :p4 4 .
:s5 :p5 5.5 .
:s6 :p6 _:o6 .
:s7 :p7 "say \\"hi\\", then\\tgo"@en .
"""
W3C_CSV = """s,p,o
http://example.org/s1,http://example.org/p1,http://example.org/s2
http://example.org/s2,http://example.org/p2,foo
http://example.org/s3,http://example.org/p3,bar
http://example.org/s4,http://example.org/p4,4
http://example.org/s5,http://example.org/p5,5.5
http://example.org/s6,http://example.org/p6,_:B
http://example.org/s7,http://example.org/p7,"say ""hi"", then\tgo"
"""
W3C_TSV = """?s\t?p\t?o
<http://example.org/s1>\t<http://example.org/p1>\t<http://example.org/s2>
<http://example.org/s2>\t<http://example.org/p2>\t"foo"
<http://example.org/s3>\t<http://example.org/p3>\t"bar"
<http://example.org/s4>\t<http://example.org/p4>\t4
<http://example.org/s5>\t<http://example.org/p5>\t5.5
<http://example.org/s6>\t<http://example.org/p6>\t_:B
<http://example.org/s7>\t<http://example.org/p7>\t"say \\"hi\\", then\\tgo"@en
"""
W3C_QUERY = "PREFIX : <http://example.org/>\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@pytest.mark.parametrize("fmt,expected,end", [("csv", W3C_CSV, "\r\n"), ("tsv", W3C_TSV, "\n")])
def test_csv_and_tsv_follow_the_w3c_notes(tmp_path, fmt, expected, end):
    (tmp_path / "data.ttl").write_text(W3C_DATA, encoding="utf-8")
    got = query.run(tmp_path / "data.ttl", W3C_QUERY, fmt)
    label = got.split("_:")[1].split(end)[0].split("\t")[0]
    assert got.replace("_:" + label, "_:B") == expected.replace("\n", end)


def test_json_is_the_w3c_results_document(tmp_path):
    (tmp_path / "data.ttl").write_text(W3C_DATA, encoding="utf-8")
    rows = json.loads(query.run(tmp_path / "data.ttl", W3C_QUERY, "json"))
    assert rows["head"] == {"vars": ["s", "p", "o"]}
    assert rows["results"]["bindings"][3]["o"] == {
        "type": "literal", "value": "4", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert rows["results"]["bindings"][6]["o"] == {"type": "literal", "value": 'say "hi", then\tgo', "xml:lang": "en"}
    assert json.loads(query.run(tmp_path / "data.ttl", "ASK { ?s ?p 4 }", "json")) == {"head": {}, "boolean": True}


def test_turtle_names_resources_with_their_folder_prefix(bundled_build):
    project, _ = bundled_build
    text = (project / "exports" / "graph.ttl").read_text(encoding="utf-8")
    for prefix, namespace in resource_prefixes(BASE).items():
        assert f"@prefix {prefix}: <{namespace}> ." in text
    assert f"<{BASE}" not in text.split("\n\n", 1)[1]  # no resource is written whole
    assert "\nperson:" in text and "\ndoc:" in text
