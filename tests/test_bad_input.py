"""Bad input, one row a case: the exit code and the message (which names the culprit and
says what to do) are pinned; a skipped file never stops the build."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import kg.export.atomic as atomic
from kg.build import graph_from_texts
from kg.cli import cli
from kg.corpus import scan_corpus
from kg.errors import CorpusError
from kg.export import turtle
from kg.slug import slugify

GOOD = "Harbor Town Elects a Mayor\n\nVoters in Harbor Town elected Rosa Diaz, a teacher, as mayor on Sunday.\n"
QUERY = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }"
# IRIREF of Turtle/SPARQL: no spaces, controls, <>"{}|^`\ anywhere in an IRI.
IRI_OK = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')


def invoke(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def corpus(project):
    """A project (the cwd) whose corpus holds one good article."""
    (project / "corpus").mkdir()
    (project / "corpus" / "good.txt").write_text(GOOD, encoding="utf-8")
    return project / "corpus"


# --- files that are skipped with a warning, and the build goes on ------------------------

SKIPPED = [
    ("empty.txt", b"", "corpus/empty.txt: empty file; add text to it or remove it from the corpus (skipped)"),
    ("blank.md", b" \n\t\r\n  ", "corpus/blank.md: empty file; add text to it or remove it from the corpus"),
    ("nul.txt", b"Some text\x00with a NUL\x00", "corpus/nul.txt: binary file (NUL bytes), not text; "
                                                 "convert it to plain text or remove it from the corpus"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "corpus/scan.txt: binary file (PDF document)"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "corpus/photo.txt: binary file (PNG image)"),
    ("beep.txt", bytes(range(1, 9)) * 50, "corpus/beep.txt: binary file (control bytes)"),
]


@pytest.mark.parametrize("name,data,message", SKIPPED, ids=[row[0] for row in SKIPPED])
def test_bad_file_is_skipped_with_a_warning(corpus, name, data, message):
    (corpus / name).write_bytes(data)
    result = invoke("build", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"warning: {message}"] or \
        (len(result.stderr.splitlines()) == 1 and message in result.stderr)
    assert result.stdout.startswith("1 documents: ")


def test_file_over_max_bytes_is_skipped_with_how_to_raise_the_limit(corpus):
    (corpus / "dump.txt").write_text("Rosa Diaz spoke. " * 20, encoding="utf-8")  # 340 bytes
    result = invoke("build", "--quiet", "--max-bytes", "300")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == ("warning: corpus/dump.txt: 340 bytes, over the 300-byte limit; split it, "
                                     "or raise the limit with --max-bytes 340 (skipped)")
    assert invoke("build", "--quiet", "--max-bytes", "340").stderr == ""


def test_symlink_loop_is_skipped_with_a_warning(corpus):
    (corpus / "loop-a.txt").symlink_to("loop-b.txt")
    (corpus / "loop-b.txt").symlink_to("loop-a.txt")
    result = invoke("build", "--quiet")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all("cannot be read (Too many levels of symbolic links)" in ln for ln in lines)
    assert "corpus/loop-a.txt" in lines[0] and "corpus/loop-b.txt" in lines[1]


def test_unreadable_file_is_skipped_with_a_warning(corpus, monkeypatch):
    secret = corpus / "secret.txt"
    secret.write_text("Jane Doe.\n")
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads mode-000 files: make the read fail as it would for a user
        real = Path.read_bytes

        def read_bytes(path):
            if path.name == "secret.txt":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke("build", "--quiet")
    secret.chmod(0o644)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: corpus/secret.txt: cannot be read (Permission denied); "
                                    "check the file, its permissions")


def test_all_files_bad_is_an_error_listing_them(corpus):
    (corpus / "good.txt").write_bytes(b"")
    result = invoke("build")
    assert result.exit_code == 1
    assert "no documents in corpus: add .txt, .md, .html, .pdf and .docx files (skipped 1: corpus/good.txt: empty file" in result.output


# --- files that are read, perhaps with a warning -------------------------------------

READ = [
    ("bom.txt", "\ufeffRosa Diaz spoke.\n".encode("utf-8"), "Rosa Diaz spoke.\n", None),
    ("utf16le.txt", "Rosa Díaz spoke.\n".encode("utf-16"), "Rosa Díaz spoke.\n", None),
    ("utf16be.txt", b"\xfe\xff" + "Rosa Díaz spoke.\n".encode("utf-16-be"), "Rosa Díaz spoke.\n", None),
    ("crlf.txt", b"Line one.\r\nLine two.\r\n", "Line one.\nLine two.\n", None),
    ("latin1.txt", "Zoë went to the café.\n".encode("latin-1"), "Zoë went to the café.\n",
     "not UTF-8; read as Windows-1252 (cp1252); if characters look wrong, re-save it as UTF-8"),
    ("cp1252.txt", "“Quoted” – Zoë.\n".encode("cp1252"), "“Quoted” – Zoë.\n", "read as Windows-1252"),
    ("page.txt", b"<!DOCTYPE html><html><head><title>Harbor News</title><style>p {color: red}</style>"
                 b"<script>var x = '<p>';</script></head><body><h1>Mayor Elected</h1>"
                 b"<p>Rosa Diaz &amp; John Roe <b>won</b>.</p><!-- ad --></body></html>",
     "Rosa Diaz & John Roe won.\n", None),  # the headline is the title (dcterms:title), not text
]


@pytest.mark.parametrize("name,data,text,warning", READ, ids=[row[0] for row in READ])
def test_text_is_read_correctly(tmp_path, name, data, text, warning):
    (tmp_path / name).write_bytes(data)
    scan = scan_corpus(tmp_path)
    assert scan.documents[0].text == text
    if warning:
        [line] = scan.warnings
        assert line.startswith(f"{tmp_path / name}: ") and warning in line
    else:
        assert scan.warnings == ()


def test_html_page_builds_without_markup(corpus):
    (corpus / "page.txt").write_text(
        "<html><head><title>Harbor Vote</title></head><body><nav><a href='/'>Home</a></nav>"
        "<p>Voters in Harbor Town elected <a href='/p/rd'>Rosa Diaz</a>, a teacher, as mayor.</p>"
        "</body></html>", encoding="utf-8")
    result = invoke("build", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    ttl = (corpus.parent / "exports" / "graph.ttl").read_text(encoding="utf-8")
    assert "href" not in ttl and "<p>" not in ttl and 'dcterms:title "Harbor Vote"' in ttl


def test_prose_with_angle_brackets_is_not_html(tmp_path):
    (tmp_path / "a.txt").write_text("If a < b and c > d, the <b> tag is bold.\n")
    assert scan_corpus(tmp_path).documents[0].text == "If a < b and c > d, the <b> tag is bold.\n"


# --- errors: exit 1 with the culprit and what to do ----------------------------------

@pytest.mark.parametrize("args,message", [
    (["build", "--corpus", "no-such-folder"], "no documents in no-such-folder: add .txt, .md, .html, .pdf and .docx files"),
    (["build", "--corpus", "empty-folder"], "no documents in empty-folder: add .txt, .md, .html, .pdf and .docx files"),
    (["query", "SELECT ?p WHERE { ?p a kg:Person"], "malformed SPARQL at line 1, column 33"),
    (["query", "SELECT ?p WHERE {\n  ?p a kg:Person .\n  FILTER( }"], "malformed SPARQL at line 3, column"),
    (["query", "INSERT DATA { kgr:a kgr:b kgr:c }"], "SPARQL UPDATE is not allowed"),
    (["query", "CLEAR ALL"], "SPARQL UPDATE is not allowed"),
    (["query", QUERY, "--graph", "notes.txt"], "notes.txt is not valid Turtle"),
    (["stats", "--graph", "notes.txt"], "notes.txt is not valid Turtle"),
    (["validate", "--graph", "notes.txt"], "notes.txt is not valid Turtle"),
    (["validate", "--graph", "missing.ttl"], "missing.ttl does not exist"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_errors(project, args, message):
    (project / "empty-folder").mkdir()
    (project / "notes.txt").write_text("These are my notes, not { Turtle.\n")
    (project / "exports").mkdir()
    (project / "exports" / "graph.ttl").write_text("@prefix kg: <https://example.org/kg/ontology#> .\n")
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    lines = result.output.strip().splitlines()  # one line, or one and a caret under the query's line
    assert len(lines) == 1 or (len(lines) == 3 and lines[2].strip() == "^")


def _exports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.mark.parametrize("failure", ["read-only", "full"])
def test_unwritable_exports_keep_the_previous_ones(corpus, bundled_build, monkeypatch, failure):
    shutil.copytree(bundled_build[0] / "exports", corpus.parent / "exports")
    out = corpus.parent / "exports"
    before = _exports(out)
    code = errno.EACCES if failure == "read-only" else errno.ENOSPC
    calls = []

    def broken_sync(handle):
        calls.append(handle.name)
        if len(calls) == 2:  # graph.ttl's temp is already on disk: it must not be renamed in
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic, "_sync", broken_sync)
    result = invoke("build", "--quiet")
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: cannot write exports to exports: {os.strerror(code)}; check the "
                                     "folder's permissions and free space, or pass --out")
    assert _exports(out) == before
    assert not list(out.glob(".*.tmp"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_exports_folder(corpus, bundled_build):
    out = corpus.parent / "exports"
    shutil.copytree(bundled_build[0] / "exports", out)
    before = _exports(out)
    out.chmod(0o555)
    try:
        result = invoke("build", "--quiet")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1 and "cannot write exports to exports: Permission denied" in result.output
    assert _exports(out) == before


# --- names that are hard on IRIs, Turtle and HTML -------------------------------------

NAMES = ['Jane "JJ" Doe', "O'Brien <script>", "line\nbreak", "Москва", "北京市", "Zoë Ångström",
         "🎉🎉", "a > b", "Ünïcödé_Ñame", "!!!", "حسن"]


@pytest.mark.parametrize("name", NAMES)
def test_slug_is_a_valid_iri_segment(name):
    slug = slugify(name)
    assert slug and IRI_OK.match(slug) and "/" not in slug and slug == slug.strip("-")
    assert slugify(name) == slug  # stable


def test_hard_names_give_valid_iris_turtle_and_escaped_html(corpus):
    (corpus / 'we"ird <name>\nfile.txt').write_text(
        "<script>alert(1)</script> Weekly\n\n"
        "Zoë Ångström, the mayor of Zürich, met Jane \"JJ\" O'Brien and Иван Петров on Monday. "
        "Ángel Núñez 🎉 said \"we <b>won</b> & more\" in 北京.\n", encoding="utf-8")
    result = invoke("build", "--quiet")
    assert result.exit_code == 0, result.output
    out = corpus.parent / "exports"
    data = (out / "graph.ttl").read_bytes()
    graph = Graph(bind_namespaces="none").parse(data=data, format="turtle")
    iris = {t for triple in graph for t in triple if isinstance(t, URIRef)}
    assert iris and all(IRI_OK.match(str(iri)) for iri in iris), [i for i in iris if not IRI_OK.match(str(i))]
    assert {"person/angel-nunez", "place/zurich"} <= {iri.split("resource/")[-1] for iri in iris}
    assert any(iri.endswith("document/we-ird-name-file") for iri in iris)
    assert turtle.serialize(graph) == data  # round trip: valid, same bytes
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<b>won</b>" not in page


def test_hard_names_in_memory_round_trip(nlp):
    graph = graph_from_texts({"d": "Jane \"JJ\" Doe met Иван Петров <and> 李小龙 in Zürich 🎉.\n"})
    again = Graph().parse(data=turtle.serialize(graph), format="turtle")
    assert isomorphic(graph, again)


def test_many_bad_files_are_listed_briefly(tmp_path):
    for i in range(5):
        (tmp_path / f"e{i}.txt").write_bytes(b"")
    with pytest.raises(CorpusError) as caught:
        scan_corpus(tmp_path)
    message = caught.value.message
    assert message.startswith(f"no documents in {tmp_path}: add .txt, .md, .html, .pdf and .docx files (skipped 5: {tmp_path / 'e0.txt'}")
    assert message.endswith("| and 2 more)") and "e3.txt" not in message
