"""The bundled corpus, built end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import networkx as nx
import pytest
from rdflib import RDF, Graph

from kg.build import build
from kg.errors import CorpusError
from kg.graph import KG, PREFIXES
from kg.settings import Settings

FACT_PROPERTIES = ("memberOf", "leaderOf", "hasRole", "participatedIn", "location", "onDate", "relatedTo", "said")


@pytest.fixture(scope="module")
def graph(bundled_build):
    project, _ = bundled_build
    g = Graph()
    g.parse(project / "exports" / "graph.ttl", format="turtle")
    return g


def test_three_exports_are_written(bundled_build):
    project, report = bundled_build
    assert [p.name for p in report.exports] == ["graph.ttl", "graph.html", "graph.graphml"]
    assert all((project / "exports" / p.name).stat().st_size > 1000 for p in report.exports)
    assert not list((project / "exports").glob(".*tmp")), "a temp file was left behind"


def test_summary_reports_counts_and_time(bundled_build):
    _, report = bundled_build
    summary = report.summary()
    assert report.documents == 5 and summary.startswith("5 documents:")
    assert "spaCy" in summary and "parse" in summary and "statements" in summary


@pytest.mark.parametrize("cls", ["Person", "Organization", "Place", "Event", "Date", "Document", "Statement", "Quote"])
def test_every_class_is_present(graph, cls):
    assert (None, RDF.type, KG[cls]) in graph


def test_every_fact_has_a_statement_with_evidence_and_document(graph):
    """Stated facts cite their sentence and document; inferred ones the two statements."""
    stated = {}
    for st in graph.subjects(RDF.type, KG.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        stated[triple] = st
    facts = [(s, KG[p], o) for p in FACT_PROPERTIES for s, o in graph.subject_objects(KG[p])]
    assert len(facts) > 20
    for fact in facts:
        statement = stated.get(fact)
        assert statement is not None, fact
        assert graph.value(statement, KG.method)
        sources = list(graph.objects(statement, PREFIXES["prov"].wasDerivedFrom))
        if str(graph.value(statement, KG.method)).startswith("inferred"):
            # derived from two stated facts, and claims no sentence of its own
            assert len(sources) == 2 and all((s, RDF.type, KG.Statement) in graph for s in sources)
            assert graph.value(statement, KG.evidence) is None
        else:
            assert graph.value(statement, KG.evidence)
            assert [(d, RDF.type, KG.Document) in graph for d in sources] == [True]


def test_documents_carry_their_metadata(graph):
    docs = list(graph.subjects(RDF.type, KG.Document))
    assert len(docs) == 5
    for doc in docs:
        assert str(doc).startswith("https://example.org/kg/resource/document/")
        assert graph.value(doc, PREFIXES["dcterms"].title)
        assert str(graph.value(doc, KG.sourceFile)).startswith("corpus/")
        assert len(str(graph.value(doc, KG.sha256))) == 64
        assert any(True for _ in graph.objects(doc, KG.mentions))


def test_no_label_is_a_bare_title_url_or_possessive(graph):
    from rdflib import RDFS

    for kind in ("Person", "Organization"):
        for node in graph.subjects(RDF.type, KG[kind]):
            label = str(graph.value(node, RDFS.label))
            assert not label.lower().startswith(("http", "www.")), label
            assert not label.endswith(("'s", "’s")), label
            assert label.lower() not in ("supreme leader", "president", "regime"), label


def test_turtle_declares_the_contract_prefixes(bundled_build):
    project, _ = bundled_build
    head = (project / "exports" / "graph.ttl").read_text(encoding="utf-8")
    for prefix in ("kg", "kgr", "rdfs", "skos", "prov", "dcterms", "xsd"):
        assert f"@prefix {prefix}: " in head


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.remote = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and value.startswith(("http://", "https://", "//")):
                self.remote.append((tag, value))


def test_html_opens_offline(bundled_build):
    project, _ = bundled_build
    page = (project / "exports" / "graph.html").read_text(encoding="utf-8")
    parser = _Assets()
    parser.feed(page)
    assert parser.remote == []
    assert "new vis.Network" in page and "Ali Khamenei" in page


def test_graphml_loads_in_networkx(bundled_build):
    project, _ = bundled_build
    view = nx.read_graphml(project / "exports" / "graph.graphml")
    kinds = {data["kind"] for _, data in view.nodes(data=True)}
    assert {"Person", "Organization", "Place", "Event", "Date"} <= kinds
    assert view.number_of_edges() > 0


def test_rebuild_is_byte_identical_across_processes(tmp_path, bundled_build):
    project, _ = bundled_build
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg", "build", "--quiet", "--corpus", str(project / "corpus"),
                        "--out", str(out)], check=True, env=env, cwd=project, capture_output=True)
        outputs.append(out)
    for name in ("graph.ttl", "graph.html", "graph.graphml"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name
    assert (outputs[0] / "graph.ttl").read_bytes() == (project / "exports" / "graph.ttl").read_bytes()


def test_failed_build_keeps_previous_exports(tmp_path, bundled_build):
    project, _ = bundled_build
    corpus = tmp_path / "corpus"
    shutil.copytree(project / "corpus", corpus)
    out = tmp_path / "exports"
    shutil.copytree(project / "exports", out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    # A bad file is only skipped now; two files with one document name still stop the build.
    (corpus / "zz broken.txt").write_text("Jane Doe met John Roe.\n")
    (corpus / "zz-broken.md").write_text("Jane Doe met John Roe again.\n")
    with pytest.raises(CorpusError, match="same document name 'zz-broken'"):
        build(Settings(corpus=corpus, out=out, progress=False))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_base_iri_is_honoured(tmp_path, bundled_build):
    project, _ = bundled_build
    build(Settings(corpus=project / "corpus", out=tmp_path, base_iri="https://news.example.com/id/", progress=False))
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix kgr: <https://news.example.com/id/>" in text
    assert "example.org/kg/resource" not in text


def test_a_build_process_ends_at_once_with_its_summary_printed(tmp_path):
    """`kg build` leaves the process without the interpreter's teardown (kg.cli._exit_now):
    the summary must still reach a pipe, and the exit code say success."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.txt").write_text("Ada Lind, the chair of the Port Elden Harbour Board, resigned on Monday.\n",
                                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--corpus", str(corpus), "--out", str(tmp_path / "out"),
                           "--jobs", "1", "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "1 documents" in done.stdout and "wrote " in done.stdout and "spaCy" in done.stdout
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
