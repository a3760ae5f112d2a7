"""The build cache: only new or changed documents are parsed, and a cached build writes
the same bytes as a cold one (whatever --jobs)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg import cache, nlp
from kg.build import build
from kg.cli import cli
from kg.settings import Settings

from conftest import write_corpus

TEXTS = {
    "council.txt": "Council Approves Budget\n\nMayor Linda Park met the city council in Springfield on "
                   "Monday. Park said the budget would fund new schools.\n",
    "harbour.txt": "Harbour Strike Ends\n\nWorkers at the Port of Halden ended their strike on 3 March 2021. "
                   "The union leader, Tomas Berg, thanked the port authority.\n",
    "summit.txt": "Ministers Meet in Oslo\n\nForeign minister Erik Lund hosted Maria Costa of Portugal "
                  "in Oslo on Friday for talks on fishing rights.\n",
}


@pytest.fixture
def corpus(tmp_path, nlp):
    return write_corpus(tmp_path / "corpus", TEXTS)


def run(corpus, out="exports", **options):
    settings = Settings(corpus=corpus, out=corpus.parent / out, progress=False, **options)
    return build(settings), (corpus.parent / out / "graph.ttl").read_bytes()


def test_rebuild_parses_nothing_and_writes_the_same_bytes_as_a_cold_build(corpus):
    first, cold = run(corpus)
    assert first.parsed == 3 and (corpus.parent / "exports" / ".kg" / "cache").is_dir()
    again, cached = run(corpus)
    assert again.parsed == 0 and cached == cold
    nocache, uncached = run(corpus, out="plain", use_cache=False)
    assert nocache.parsed == 3 and uncached == cold


def test_changed_added_and_removed_documents(corpus):
    run(corpus)
    (corpus / "council.txt").write_text(TEXTS["council.txt"].replace("Monday", "Tuesday"), encoding="utf-8")
    (corpus / "extra.txt").write_text("Flood Warning\n\nThe river Avon rose in Bath on Sunday.\n", encoding="utf-8")
    report, turtle = run(corpus)
    assert report.parsed == 2 and report.documents == 4
    (corpus / "harbour.txt").unlink()
    report, turtle = run(corpus)
    assert report.parsed == 0 and report.documents == 3
    assert b"Tomas Berg" not in turtle and b"harbour" not in turtle


def test_a_renamed_file_keeps_its_result_under_its_new_name(corpus):
    run(corpus)
    (corpus / "summit.txt").rename(corpus / "oslo-talks.txt")
    report, turtle = run(corpus)
    assert report.parsed == 0 and b"oslo-talks" in turtle and b"summit" not in turtle
    _, cold = run(corpus, out="cold", use_cache=False)
    assert turtle == cold


def test_pipeline_version_model_and_code_invalidate(corpus, monkeypatch):
    run(corpus)
    monkeypatch.setattr(cache, "PIPELINE_VERSION", "test-bump")
    assert run(corpus)[0].parsed == 3
    assert run(corpus)[0].parsed == 0
    real = nlp.model_id
    monkeypatch.setattr(nlp, "model_id", lambda name: real(name) + " retrained")
    assert run(corpus)[0].parsed == 3
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "edited extraction rules")
    assert run(corpus)[0].parsed == 3


def test_a_corrupt_or_truncated_entry_is_recomputed(corpus):
    run(corpus)
    folder = corpus.parent / "exports" / ".kg" / "cache"
    entries = sorted(folder.glob("??/*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:20])
    (folder / "pack.pickle").unlink()  # else its slim results and the fragments serve the rebuild
    report, turtle = run(corpus)
    assert report.parsed == 2
    assert turtle == run(corpus, out="cold", use_cache=False)[1]


def test_two_jobs_write_the_same_bytes_as_one(corpus):
    _, one = run(corpus, out="one", use_cache=False, jobs=1)
    report, two = run(corpus, out="two", use_cache=False, jobs=2, batch_size=1)
    assert report.parsed == 3 and two == one


def test_clean_removes_the_cache(corpus, monkeypatch):
    run(corpus)
    monkeypatch.chdir(corpus.parent)
    result = CliRunner().invoke(cli, ["clean"])
    assert result.exit_code == 0 and "removed" in result.output
    assert not (corpus.parent / "exports" / ".kg" / "cache").exists()
    result = CliRunner().invoke(cli, ["build", "--quiet", "--jobs", "1"])
    assert result.exit_code == 0 and "3 documents parsed, 0 from the cache" in result.output
    result = CliRunner().invoke(cli, ["build", "--quiet", "--no-cache"])
    assert result.exit_code == 0 and "3 documents parsed" in result.output


def test_progress_reports_documents_and_words(corpus):
    calls = []
    build(Settings(corpus=corpus, out=corpus.parent / "exports"), lambda *args: calls.append(args))
    words = sum(len(text.split()) for text in TEXTS.values())
    assert calls[0] == (0, 3, 0) and calls[-1] == (3, 3, words)
    calls.clear()
    build(Settings(corpus=corpus, out=corpus.parent / "exports"), lambda *args: calls.append(args))
    assert calls == []  # nothing to parse
