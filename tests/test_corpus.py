"""Reading and cleaning documents."""

from __future__ import annotations

import pytest

from kg.corpus import clean, decode, discover, read_corpus, scan_corpus, title_of
from kg.analysis.dates import document_date, normalise, xsd_type
from kg.errors import CorpusError


def test_clean_drops_boilerplate_and_keeps_prose():
    raw = ("728 x 90\r\n\r\nSite\r\nHome News A Story About Rivers\r\nA Story About Rivers\r\n"
           "https://example.com/a\r\nA caption line\r\nThe river rose.\r\nA caption line\r\n"
           "Exit mobile version\r\n")
    assert clean(raw) == "Site\nA Story About Rivers\nA caption line\nThe river rose.\n"


def test_clean_keeps_repeated_sentences():
    text = "It rained.\nIt rained.\n"
    assert clean(text) == text


def test_title_skips_a_short_site_name():
    assert title_of("Tech Weekly\n\nStartup Raises Funds for Drones\n\nText.\n", "f") == \
        "Startup Raises Funds for Drones"
    assert title_of("Short Title\n\nBody text.\n", "f") == "Short Title"


@pytest.mark.parametrize("data,needle", [
    (b"", "empty file"),
    (b"   \n\t\n", "empty file"),
    (b"\x00\x01binary\x00", "binary file"),
    (b"%PDF-1.7\n...", "binary file (PDF document)"),
])
def test_bad_files_are_skipped_with_a_warning_naming_them(tmp_path, data, needle):
    (tmp_path / "good.txt").write_text("Jane Doe lives in Paris.\n")
    (tmp_path / "bad.txt").write_bytes(data)
    scan = scan_corpus(tmp_path)
    assert [d.doc_id for d in scan.documents] == ["good"]
    [warning] = scan.warnings
    assert "bad.txt" in warning and needle in warning and warning.endswith("(skipped)")


def test_latin1_is_decoded_with_a_warning(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Le café de Zoë.\n".encode("latin-1"))
    scan = scan_corpus(tmp_path)
    assert scan.documents[0].text == "Le café de Zoë.\n"
    assert scan.warnings == (f"{tmp_path / 'latin.txt'}: not UTF-8; read as Windows-1252 (cp1252); "
                             "if characters look wrong, re-save it as UTF-8",)


def test_utf8_bom_utf16_and_crlf_are_read(tmp_path):
    assert decode("\ufeffJane".encode("utf-8"), tmp_path) == "Jane"
    assert decode("Jane Doe".encode("utf-16"), tmp_path) == "Jane Doe"
    (tmp_path / "a.txt").write_bytes(b"Line one.\r\nLine two.\r\n")
    assert read_corpus(tmp_path)[0].text == "Line one.\nLine two.\n"


def test_discover_is_recursive_and_skips_hidden_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "sub/b.md", "c.xlsx", ".hidden.txt", ".git/d.txt"):
        (tmp_path / name).write_text("Text.")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == ["a.txt", "c.xlsx", "sub/b.md"]


def test_a_file_of_another_kind_is_skipped_with_one_warning_naming_the_kinds_kg_reads(tmp_path):
    (tmp_path / "a.txt").write_text("Jane Doe lives in Paris.\n")
    (tmp_path / "sales.xlsx").write_bytes(b"PK\x03\x04")
    scan = scan_corpus(tmp_path)
    assert [d.doc_id for d in scan.documents] == ["a"]
    assert scan.warnings == (f"{tmp_path / 'sales.xlsx'}: kg does not read .xlsx files; it reads .txt, .md, "
                             ".html, .pdf and .docx (convert it, or move it out of the corpus) (skipped)",)


@pytest.mark.parametrize("setup,message", [
    (lambda root: None, "no documents in .*: add .txt, .md, .html, .pdf and .docx files \\(the folder does not exist"),
    (lambda root: root.mkdir(), "no documents in"),
])
def test_missing_or_empty_corpus(tmp_path, setup, message):
    root = tmp_path / "corpus"
    setup(root)
    with pytest.raises(CorpusError, match=message):
        discover(root)


def test_documents_get_ids_hashes_and_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus" / "news").mkdir(parents=True)
    (tmp_path / "corpus" / "news" / "Big Story.md").write_text("A Big Story Today\n\nParis, June 30, 2018 - It rained.\n")
    doc = read_corpus(tmp_path / "corpus")[0]
    assert (doc.doc_id, doc.source, doc.title, doc.date) == (
        "news-big-story", "corpus/news/Big Story.md", "A Big Story Today", "2018-06-30")
    assert len(doc.sha256) == 64


@pytest.mark.parametrize("text,value", [
    ("June 30, 2018", "2018-06-30"),
    ("30 June 2018", "2018-06-30"),
    ("Nov. 4, 2020", "2020-11-04"),
    ("November 2019", "2019-11"),
    ("in 1988", "1988"),
    ("February 21", "--02-21"),
    ("3rd January", "--01-03"),
    ("February 30, 2020", None),
    ("the 1980s", None),
    ("40 years", None),
    ("last week", None),
    ("Tuesday", None),
])
def test_normalise(text, value):
    assert normalise(text) == value


def test_xsd_types():
    assert [xsd_type(v) for v in ("2018-06-30", "2019-11", "1988", "--02-21")] == \
        ["date", "gYearMonth", "gYear", "gMonthDay"]


@pytest.mark.parametrize("lines,value", [
    (["Title", "Iran, November 4, 2020—As the country braces"], "2020-11-04"),
    (["Title", "Published: 2 March 2021"], "2021-03-02"),
    (["Title", "June 30, 2018", "Body."], "2018-06-30"),
    (["Title", "The meeting on June 30, 2018 went well."], None),
    (["Title", "Body."], None),
])
def test_document_date(lines, value):
    assert document_date(lines) == value
