"""The `kg` command through click's CliRunner: exit codes and messages are pinned."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import cli

QUERY = "SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["add"], ["stats"], ["validate"], ["entities"],
                                     ["quotes"]])
def test_every_command_has_help_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "kg " in result.output


def test_query_prints_a_table_whose_names_paste_back(built):
    result = invoke("query", QUERY)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["p", "name"]
    name, label = lines[2].split(None, 1)
    assert name.startswith("person:")
    again = invoke("query", f"SELECT ?name WHERE {{ {name} rdfs:label ?name }}", "--format", "csv")
    assert again.exit_code == 0 and again.stdout_bytes.decode() == f"name\r\n{label}\r\n"


@pytest.mark.parametrize("fmt,first", [("csv", "p,name\r\n"), ("tsv", "?p\t?name\n"), ("json", '{"head":')])
def test_query_formats(built, fmt, first):
    result = invoke("query", QUERY, "--format", fmt)
    assert result.exit_code == 0 and result.stdout_bytes.decode().startswith(first)


def test_query_from_file_ask_and_construct(built):
    (built / "q.rq").write_text("ASK { ?p a kg:Person }")
    assert invoke("query", "-f", "q.rq").output.strip() == "true"
    result = invoke("query", "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")
    assert result.exit_code == 0 and "kg:Person" in result.output and "@prefix" in result.output


@pytest.mark.parametrize("args,code,message", [
    (["query", "SELECT ?p WHERE { ?p a kg:Person"], 1, "malformed SPARQL at line 1, column"),
    (["query", "SELECT ?p WHERE {\n  ?p a kg:Person .\n  FILTER( }"], 1, "malformed SPARQL at line 3"),
    (["query", "INSERT DATA { kgr:a kgr:b kgr:c }"], 1, "SPARQL UPDATE is not allowed"),
    (["query", "DELETE WHERE { ?s ?p ?o }"], 1, "SPARQL UPDATE is not allowed"),
    (["query", QUERY, "--graph", "nothing.ttl"], 1, "nothing.ttl does not exist: run `kg build` first"),
    (["query"], 2, "give a QUERY or -f FILE"),
    (["query", QUERY, "--format", "xml"], 2, "Invalid value for '--format'"),
    (["frobnicate"], 2, "No such command"),
    (["build", "--corpus", "no-such-folder"], 1, "no documents in no-such-folder: add .txt, .md, .html, .pdf and .docx files"),
])
def test_errors(built, args, code, message):
    result = invoke(*args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_query_on_a_file_that_is_not_turtle(built):
    (built / "broken.ttl").write_text("this is { not turtle")
    result = invoke("query", QUERY, "--graph", "broken.ttl")
    assert result.exit_code == 1 and "broken.ttl is not valid Turtle" in result.output


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "warning: corpus/empty.txt: empty file"),
    ("blank.md", b"  \n\n", "warning: corpus/blank.md: empty file"),
    ("scan.txt", b"%PDF-1.4\x00\x00binary", "warning: corpus/scan.txt: binary file"),
    ("latin.txt", "Café Zoë".encode("latin-1"), "warning: corpus/latin.txt: not UTF-8; read as Windows-1252"),
])
def test_bad_file_is_skipped_with_a_warning(built, name, data, message):
    (built / "corpus" / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["build", "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert message in result.stderr and "Traceback" not in result.stderr
    assert ("6 documents" if name == "latin.txt" else "5 documents") in result.stdout


def test_empty_corpus(project):
    (project / "corpus").mkdir()
    result = invoke("build")
    assert result.exit_code == 1 and "no documents in corpus: add .txt, .md, .html, .pdf and .docx files" in result.output


def test_build_prints_a_summary(project):
    (project / "corpus").mkdir()
    (project / "corpus" / "note.txt").write_text("Jane Doe, the mayor of Springfield, met John Roe.\n")
    result = invoke("build", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 documents: ") and "statements" in result.output
    assert (project / "exports" / "graph.ttl").exists()


def test_unknown_model_is_a_clear_error(project):
    (project / "corpus").mkdir()
    (project / "corpus" / "a.txt").write_text("Jane Doe spoke.\n")
    result = invoke("build", "--model", "no_such_pipeline")
    assert result.exit_code == 1 and "spaCy pipeline 'no_such_pipeline' is not installed" in result.output


def test_add_copies_and_rebuilds(built, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("home") / "new-article.txt"
    elsewhere.write_text("Harbor Town Elects a Mayor\n\nVoters in Harbor Town elected Rosa Diaz, a teacher, "
                         "as mayor on Sunday.\n")
    result = invoke("add", str(elsewhere), "--quiet")
    assert result.exit_code == 0, result.output
    assert "added corpus/new-article.txt" in result.output and "6 documents" in result.output
    assert (built / "corpus" / "new-article.txt").read_bytes() == elsewhere.read_bytes()
    assert "Rosa Diaz" in invoke("query", QUERY).output
    again = invoke("add", str(elsewhere), "--quiet")
    assert again.exit_code == 0 and "already in the corpus" in again.output


def test_add_refuses_to_overwrite_a_different_file(built, tmp_path_factory):
    name = sorted(p.name for p in (built / "corpus").iterdir())[0]
    other = tmp_path_factory.mktemp("other") / name
    other.write_text("Something else entirely.\n")
    before = (built / "corpus" / name).read_bytes()
    result = invoke("add", str(other))
    assert result.exit_code == 1 and "already exists with different content" in result.output
    assert (built / "corpus" / name).read_bytes() == before


def test_add_refuses_binary_and_other_suffixes(built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "x.txt").write_bytes(b"\x00\x00")
    (folder / "x.pdf").write_bytes(b"%PDF")
    (folder / "x.xlsx").write_bytes(b"PK\x03\x04")
    assert "binary file" in invoke("add", str(folder / "x.txt")).output
    assert "not a readable PDF" in invoke("add", str(folder / "x.pdf")).output
    assert "kg does not read .xlsx files" in invoke("add", str(folder / "x.xlsx")).output
    assert not any((built / "corpus" / name).exists() for name in ("x.txt", "x.pdf", "x.xlsx"))


def test_stats(built):
    result = invoke("stats", "--top", "3")
    assert result.exit_code == 0
    assert "Person" in result.output and "kg:mentions" in result.output
    top = result.output.split("most mentioned:")[1].strip().splitlines()
    assert len(top) == 3 and top[0].split()[0:2] == ["Ali", "Khamenei"]


def test_query_from_stdin(built):
    result = invoke("query", "-f", "-", "--format", "csv", input="SELECT ?name WHERE { ?e a kg:Place ; rdfs:label ?name }")
    assert result.exit_code == 0 and result.output.splitlines()[0] == "name" and "Tehran" in result.output
