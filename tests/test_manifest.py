"""Nothing changed, nothing done: a build whose inputs and exports are as the last build
left them answers "up to date" without reading or writing anything; any change to the
corpus, the aliases file, a setting that shapes the output or an export rebuilds."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg import manifest
from kg.cli import cli
from kg.settings import Settings

from conftest import write_corpus

TEXTS = {
    "ferry.txt": "Ferry Service Resumes\n\nThe Baltic Ferry Company restarted its Tallinn route on "
                 "Monday, its chief executive Anna Holm said.\n",
    "rail.txt": "Rail Strike Ends\n\nDrivers of the Nordic Rail Association ended their strike on Friday.\n",
}


@pytest.fixture
def project(tmp_path, nlp, monkeypatch):
    write_corpus(tmp_path / "corpus", TEXTS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(*args: str) -> str:
    result = CliRunner().invoke(cli, ["build", "--quiet", "--jobs", "1", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_an_unchanged_project_is_up_to_date(project):
    assert "2 documents parsed" in _build()
    ttl = project / "exports" / "graph.ttl"
    before = (ttl.read_bytes(), ttl.stat().st_mtime_ns)
    assert _build().startswith("up to date")
    assert (ttl.read_bytes(), ttl.stat().st_mtime_ns) == before  # nothing was written
    assert not _build("--no-cache").startswith("up to date")


@pytest.mark.parametrize("change", ["edit", "add", "remove", "export", "setting", "aliases"])
def test_any_change_rebuilds(project, change):
    _build()
    corpus = project / "corpus"
    extra: tuple[str, ...] = ()
    if change == "edit":
        (corpus / "rail.txt").write_text(TEXTS["rail.txt"] + "The union thanked the drivers.\n", encoding="utf-8")
    elif change == "add":
        (corpus / "port.txt").write_text("Port Reopens\n\nThe Port of Halden reopened on Tuesday.\n", encoding="utf-8")
    elif change == "remove":
        (corpus / "rail.txt").unlink()
    elif change == "export":
        (project / "exports" / "graph.html").unlink()
    elif change == "setting":
        extra = ("--min-confidence", "0.5")
    else:
        (project / "ontology").mkdir()
        (project / "ontology" / "aliases.ttl").write_text("@prefix kg: <https://example.org/kg/ontology#> .\n",
                                                        encoding="utf-8")
    assert not _build(*extra).startswith("up to date")
    assert _build(*extra).startswith("up to date")


def test_the_fingerprint_covers_kg_s_own_code(project):
    settings = Settings(corpus=project / "corpus", out=project / "exports")
    first = manifest.fingerprint(settings)
    assert manifest.fingerprint(settings) == first  # deterministic
    manifest._code.cache_clear()
    original = manifest._code
    try:
        manifest._code = lambda: "another kg"
        assert manifest.fingerprint(settings) != first
    finally:
        manifest._code = original
