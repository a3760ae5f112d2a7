"""Entity resolution on the bundled corpus, the user's alias file and `kg entities`."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SKOS

from kg.build import graph_from_texts
from kg.cli import cli
from kg.entities import entities
from kg.errors import AliasError
from kg.graph import KG
from kg.analysis.lexicon import TITLE_MODIFIERS, TITLE_WORDS
from kg.settings import Settings

REPORT = """Ingrid Dahl, a spokeswoman for the World Weather Council, said farmers should prepare.
Dahl added that reservoirs were low. Augusta King, the council's chair, agreed.
"""
KINDS = (KG.Person, KG.Organization, KG.Place, KG.Event)


@pytest.fixture(scope="module")
def bundled_graph(bundled_build):
    project, _ = bundled_build
    return Graph().parse(project / "exports" / "graph.ttl")


def _names(graph: Graph):
    for kind in KINDS:
        for node in graph.subjects(RDF.type, kind):
            for name in [graph.value(node, RDFS.label), *graph.objects(node, SKOS.altLabel)]:
                yield kind, str(name)


def test_bundled_corpus_has_no_junk_names(bundled_graph):
    names = list(_names(bundled_graph))
    assert len(names) > 50
    titles = TITLE_WORDS | TITLE_MODIFIERS
    junk = [n for _, n in names
            if all(w.lower().strip(".") in titles for w in n.split())  # a bare title
            or re.search(r"https?:|www\.|\.com\b|@|#", n)  # a URL or a handle
            or re.search(r"['’]s?$", n)]  # a possessive
    assert not junk


def test_bundled_corpus_labels_are_unique_per_class(bundled_graph):
    for kind in KINDS:
        labels = [str(bundled_graph.value(n, RDFS.label)) for n in bundled_graph.subjects(RDF.type, kind)]
        assert len(labels) == len(set(labels)), kind


def test_an_acronym_is_never_a_person(bundled_graph):
    persons = [n for kind, n in _names(bundled_graph) if kind == KG.Person]
    assert persons and not [n for n in persons if any(w.isupper() and len(w) > 1 for w in n.split())]


def _aliases(tmp_path, rules: str):
    path = tmp_path / "aliases.ttl"
    path.write_text("@prefix kg: <https://example.org/kg/ontology#> .\n"
                    "@prefix kgr: <https://example.org/kg/resource/> .\n"
                    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                    "@base <https://example.org/kg/resource/> .\n" + rules, encoding="utf-8")
    return Settings(aliases=path)


def _row(graph, label):
    return next(r for r in entities(graph) if r.label == label)


def test_without_rules_the_surname_joins_the_full_name(nlp, tmp_path):
    graph = graph_from_texts({"report": REPORT}, _aliases(tmp_path, ""))
    assert _row(graph, "Ingrid Dahl").aliases == ("Dahl",)


def test_alias_file_forces_a_merge_a_split_and_a_class(nlp, tmp_path):
    settings = _aliases(tmp_path, """
        <person/augusta-king> owl:sameAs <person/ingrid-dahl> .
        <person/dahl> owl:differentFrom <person/ingrid-dahl> .
        <organization/world-weather-council> a kg:Place .
    """)
    graph = graph_from_texts({"report": REPORT}, settings)
    merged = _row(graph, "Ingrid Dahl")
    assert merged.aliases == ("Augusta King",) and merged.mentions == 2
    assert _row(graph, "Dahl").kind == "Person"
    assert _row(graph, "World Weather Council").kind == "Place"


def test_a_broken_alias_file_is_a_clear_error(nlp, tmp_path):
    with pytest.raises(AliasError, match=r"aliases.ttl is not valid Turtle .*fix it or remove it"):
        graph_from_texts({"report": REPORT}, _aliases(tmp_path, "kgr:a owl:sameAs ."))


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_entities_command_lists_aliases_counts_and_iris(built):
    result = invoke("entities", "--type", "person", "--min-mentions", "2")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines and all("Person" in ln and ln.split()[-1].startswith("person:") for ln in lines)
    counts = [int(ln.split()[0]) for ln in lines]
    assert min(counts) >= 2 and counts == sorted(counts, reverse=True)
    assert any(" = " in ln and ln.split()[-1].startswith("person:") for ln in lines)


def test_entities_command_options(built):
    assert invoke("entities", "--min-mentions", "100000").output.strip() == "no entities match"
    all_rows = invoke("entities").output.splitlines()
    assert {ln.split()[1] for ln in all_rows} == {"Person", "Organization", "Place", "Event"}
    assert invoke("entities", "--type", "robot").exit_code == 2
    assert invoke("entities", "--help").output.count("Example:") == 1


def test_entities_command_without_an_export(project):
    result = CliRunner().invoke(cli, ["entities"])
    assert result.exit_code == 1 and "run `kg build` first" in result.output
