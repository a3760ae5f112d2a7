"""Real corpora in: PDF, Word, web pages, Markdown front matter, long documents and
headlines, built from any folder without writing outside --out (issue 18)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from ingest_files import blank_pdf, docx_file, encrypted_pdf, long_report, pdf_bytes, xlsx_file
from kg.cli import cli
from kg.corpus import document_from_text, scan_corpus
from kg.formats import from_html
from kg.vocab import KG

PDF_LINES = ["Lighthouse Keepers Meet", "",
             "Tomas Varga, the chairman of the Coastal Guild, opened the annual meeting of",
             "lighthouse keepers in Port Elna on Saturday. Varga thanked Ilona Brandt for her",
             "work on the new lamps."]
DOCX_PARAGRAPHS = ["Orchard Cooperative Names a Director",
                   "The Greenvale Orchard Cooperative appointed Hana Kowalski as its director on Monday. "
                   "Kowalski previously ran a bakery in Millbrook."]
FERRY = ("---\ntitle: Ferry Service Resumes\ndate: 2023-05-12\nsource: https://news.example.org/ferry\n"
         "author: Lena Holm\n---\n\nThe ferry between Vellmar and Karsk resumed service yesterday, "
         "said Oskar Lind, the harbour master.\n")
PROFILE = ("Marta Oliveira\n\nMarta Oliveira designed the new library in Lindenport. Oliveira studied "
           "architecture in Karsk and opened her own studio in 2015.\n")
LAST_WORDS = "Zofia Lindqvist, the chairman of the Tern Island Ferry Company, retired in Karsk on Friday."


def mixed_corpus(folder: Path, report_size: int) -> Path:
    folder.mkdir(parents=True)
    (folder / "report.txt").write_text(long_report(report_size) + LAST_WORDS + "\n", encoding="utf-8")
    (folder / "keepers.pdf").write_bytes(pdf_bytes(PDF_LINES))
    docx_file(folder / "orchard.docx", DOCX_PARAGRAPHS)
    (folder / "ferry.md").write_text(FERRY, encoding="utf-8")
    (folder / "profile.txt").write_text(PROFILE, encoding="utf-8")
    xlsx_file(folder / "budget.xlsx")
    return folder


def kind_of(graph: Graph, label: str):
    return {graph.value(e, RDF.type) for e in graph.subjects(RDFS.label, Literal(label))}


def check_mixed_build(root: Path, cwd: Path, report_size: int) -> Graph:
    corpus = mixed_corpus(root / "in" / "corpus", report_size)
    out = root / "out" / "exports"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "--jobs", "1", "--quiet"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {corpus / 'budget.xlsx'}: kg does not read .xlsx files; it reads .txt, .md, .html, .pdf "
        "and .docx (convert it, or move it out of the corpus) (skipped)"]
    assert result.stdout.startswith("5 documents: ")
    assert list(cwd.iterdir()) == []  # nothing written in the current folder
    assert sorted(p.name for p in out.iterdir()) == [".kg", "comentions.json", "graph.graphml", "graph.html", "graph.ttl"]
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    for person in ("Tomas Varga", "Ilona Brandt", "Hana Kowalski", "Marta Oliveira", "Zofia Lindqvist"):
        assert kind_of(graph, person) == {KG.Person}, person
    ferry = next(graph.subjects(DCTERMS.title, Literal("Ferry Service Resumes")))
    assert graph.value(ferry, DCTERMS.date) == Literal("2023-05-12", datatype=XSD.date)
    assert graph.value(ferry, DCTERMS.source) == URIRef("https://news.example.org/ferry")
    assert graph.value(ferry, DCTERMS.creator) == Literal("Lena Holm")
    [yesterday] = graph.subjects(RDFS.label, Literal("yesterday"))
    assert str(graph.value(yesterday, KG.value)) == "2023-05-11"
    profile = next(graph.subjects(KG.sourceFile, Literal("corpus/profile.txt")))
    assert graph.value(profile, DCTERMS.title) == Literal("Marta Oliveira")
    # The last sentence of the long text: evidence exactly as written, its index past thousands.
    statements = set(graph.subjects(KG.evidence, Literal(LAST_WORDS)))
    assert statements and all(int(graph.value(s, KG.sentenceIndex)) > report_size // 400 for s in statements)
    assert {graph.value(s, RDF.predicate) for s in statements} >= {KG.hasRole, KG.leaderOf}
    return graph


def test_a_mixed_corpus_builds_from_an_empty_folder(tmp_path, monkeypatch, nlp):
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    check_mixed_build(tmp_path, cwd, report_size=45_000)  # three pieces of 20,000 characters


@pytest.mark.skipif(not os.environ.get("KG_SLOW_TESTS"), reason="a 1.1 MB build takes minutes; set KG_SLOW_TESTS=1")
def test_a_mixed_corpus_with_a_megabyte_text(tmp_path, monkeypatch, nlp):
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    check_mixed_build(tmp_path, cwd, report_size=1_100_000)


# --- formats, one file at a time --------------------------------------------------

def scan_one(tmp_path: Path, name: str, write) -> tuple[list, tuple[str, ...]]:
    write(tmp_path / name)
    (tmp_path / "other.txt").write_text("Rosa Diaz spoke.\n")
    scan = scan_corpus(tmp_path)
    return [d for d in scan.documents if d.doc_id != "other"], scan.warnings


@pytest.mark.parametrize("name,write,message", [
    ("locked.pdf", encrypted_pdf, "encrypted PDF; kg cannot read its text layer without the password"),
    ("scan.pdf", blank_pdf, "PDF has no text layer (a scanned image?); run OCR on it"),
    ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\nnot really"), "not a readable PDF"),
    ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04broken"), "not a readable Word document"),
    ("notes.odt", lambda p: p.write_bytes(b"PK\x03\x04"), "kg does not read .odt files; it reads .txt, .md"),
    ("bad.md", lambda p: p.write_text("---\ntitle: [unclosed\n---\nText.\n"), "front matter is not valid YAML"),
], ids=lambda v: v if isinstance(v, str) and "." in v and " " not in v else None)
def test_a_file_kg_cannot_read_costs_one_warning(tmp_path, name, write, message):
    documents, warnings = scan_one(tmp_path, name, write)
    assert documents == []
    [warning] = warnings
    assert warning.startswith(f"{tmp_path / name}: ") and message in warning and warning.endswith("(skipped)")


def test_pdf_lines_are_joined_into_paragraphs(tmp_path):
    [document], warnings = scan_one(tmp_path, "keepers.pdf", lambda p: p.write_bytes(pdf_bytes(PDF_LINES)))
    assert warnings == ()
    assert document.title == "Lighthouse Keepers Meet"
    assert ("Tomas Varga, the chairman of the Coastal Guild, opened the annual meeting of lighthouse keepers "
            "in Port Elna on Saturday.") in document.text


def test_docx_paragraphs(tmp_path):
    [document], _ = scan_one(tmp_path, "orchard.docx", lambda p: docx_file(p, DOCX_PARAGRAPHS))
    assert document.text == "\n\n".join(DOCX_PARAGRAPHS) + "\n"
    assert document.title == "Orchard Cooperative Names a Director"


PAGE = """<!doctype html><html><head><title>Harbor Vote | The Daily Gull</title>
<meta name="author" content="Mia Park"><meta property="article:published_time" content="2021-03-04">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Buy a boat today! 50% off</div>
<article><h1>Harbor Town Elects a Mayor</h1>
<p>Voters in Harbor Town elected <a href="/p/rd">Rosa Diaz</a>, a teacher, as mayor on Sunday.
She won by a wide margin after a long campaign.</p>
<p>Diaz said she would repair the old pier first. The council will meet next week.</p></article>
<footer>Copyright 2021 The Daily Gull. All rights reserved.</footer></body></html>"""


def test_a_web_page_gives_its_article_and_metadata(tmp_path):
    [document], warnings = scan_one(tmp_path, "vote.html", lambda p: p.write_text(PAGE))
    assert warnings == ()
    assert (document.title, document.date, document.authors) == ("Harbor Town Elects a Mayor", "2021-03-04",
                                                                 ("Mia Park",))
    assert "Voters in Harbor Town elected Rosa Diaz, a teacher, as mayor on Sunday." in document.text
    for chrome in ("Home", "Buy a boat", "Copyright", "<"):
        assert chrome not in document.text


def test_front_matter_date_that_is_no_day_is_ignored_with_a_warning(tmp_path):
    [document], warnings = scan_one(tmp_path, "a.md", lambda p: p.write_text("---\ndate: spring\n---\nIt rained.\n"))
    assert document.date is None and document.text == "It rained.\n"
    assert warnings == (f"{tmp_path / 'a.md'}: front matter date 'spring' is not a day; "
                        "write it as YYYY-MM-DD (ignored)",)


def test_front_matter_beats_the_dateline():
    found = from_html(PAGE)
    assert found.url is None and found.title == "Harbor Town Elects a Mayor"
    document = document_from_text("Big news\nKarsk, June 30, 2018 - It rained.\n", "d", "d.md",
                                  title="Rain", date="2019-01-02")
    assert (document.title, document.date) == ("Rain", "2019-01-02")


def test_a_new_front_matter_date_reanalyses_the_document_and_its_relative_dates(tmp_path, nlp):
    from kg.build import analyse_corpus
    from kg.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = Settings(corpus=corpus, out=tmp_path / "exports", progress=False)
    (corpus / "ferry.md").write_text(FERRY, encoding="utf-8")
    first = analyse_corpus(settings)
    (corpus / "ferry.md").write_text(FERRY.replace("2023-05-12", "2024-02-01").replace("Lena Holm", "Li Wei"))
    second, third = analyse_corpus(settings), analyse_corpus(settings)
    assert (first.parsed, second.parsed, third.parsed) == (1, 1, 0)
    for extraction, day, author in ((second, "2024-01-31", "Li Wei"), (third, "2024-01-31", "Li Wei"),
                                    (first, "2023-05-11", "Lena Holm")):
        [result] = extraction.results
        assert [m.value for m in result.mentions if m.text == "yesterday"] == [day]
        assert result.document.authors == (author,) and result.document.url == "https://news.example.org/ferry"
