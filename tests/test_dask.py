"""`kg build --executor dask`: Dask workers parse, the client resolves and exports, and
the Turtle is byte-identical to the local build's; the cache works the same way."""

from __future__ import annotations

import builtins
import shutil

import pytest
from click.testing import CliRunner

from kg import cache, dask_executor, executor
from kg.build import build
from kg.cli import cli
from kg.errors import ExecutorError
from kg.settings import Settings

from conftest import write_corpus

distributed = pytest.importorskip("dask.distributed", reason="pip install -e '.[test]' installs Dask")

TEXTS = {
    "airline.txt": "Airline Names New Chief\n\nNordic Skyways appointed Helena Varga as chief executive on "
                   "2 May 2022. Varga, a former pilot, said the airline would add routes to Lisbon.\n",
    "election.txt": "Mayor Re-elected\n\nMayor Daniel Osei won a second term in the municipal election in "
                    "Accra on Sunday. Osei thanked the Progressive Alliance for its support.\n",
    "floods.txt": "Floods Close Schools\n\nHeavy rain flooded the Danube valley on 14 June 2023. The Red Cross "
                  "sent volunteers to Vienna, its spokesman Peter Gruber said.\n",
    "match.txt": "United Win Cup Final\n\nRiverside United beat Harbour City 2-1 in the cup final at Wembley. "
                 "Coach Sara Lindqvist praised her captain, Tom Reyes.\n",
    "summit.txt": "Leaders Meet in Geneva\n\nPrime Minister Anna Kowalski met President Luis Ortega in "
                  "Geneva on Tuesday for talks on trade.\n",
}


@pytest.fixture(scope="module")
def scheduler():
    """One LocalCluster of two worker processes for the module: its scheduler's address."""
    with dask_executor.local_cluster(2) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path, nlp):
    return write_corpus(tmp_path / "corpus", TEXTS)


def turtle(corpus, out, **options):
    # One cache for every OUT of a test (each OUT has its own by default).
    options.setdefault("cache", corpus.parent / "cache")
    settings = Settings(corpus=corpus, out=corpus.parent / out, progress=False, batch_size=2, **options)
    report = build(settings)
    return report, (corpus.parent / out / "graph.ttl").read_bytes()


def test_dask_build_equals_local_build_and_fills_the_cache(corpus, scheduler):
    _, local = turtle(corpus, "local", use_cache=False, jobs=1)
    report, dasked = turtle(corpus, "dask", executor="dask", scheduler=scheduler)
    assert report.parsed == 5 and dasked == local
    assert b"Daniel Osei" in dasked and b"Anna Kowalski" in dasked
    # The results came back to the client and were cached there: a local rebuild parses nothing.
    again, cached = turtle(corpus, "again")
    assert again.parsed == 0 and cached == local


def test_only_changed_documents_go_to_the_workers(corpus, scheduler):
    turtle(corpus, "first", executor="dask", scheduler=scheduler)
    (corpus / "match.txt").write_text(TEXTS["match.txt"].replace("Tom Reyes", "Omar Haddad"), encoding="utf-8")
    (corpus / "floods.txt").unlink()
    report, dasked = turtle(corpus, "second", executor="dask", scheduler=scheduler)
    assert report.parsed == 1 and report.documents == 4
    assert b"Omar Haddad" in dasked and b"Tom Reyes" not in dasked and b"Peter Gruber" not in dasked
    _, cold = turtle(corpus, "cold", use_cache=False)
    assert dasked == cold


def test_a_worker_with_other_kg_code_is_refused(corpus, scheduler, monkeypatch):
    # The workers are other processes: only this client's fingerprint changes.
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "client edited its rules")
    with pytest.raises(ExecutorError, match="another kg code"):
        turtle(corpus, "mismatch", executor="dask", scheduler=scheduler, use_cache=False)


def test_cli_starts_a_local_cluster_of_jobs_workers(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--executor", "dask", "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "5 documents parsed" in result.output and "dask" in result.output
    shutil.rmtree(corpus.parent / "exports" / ".kg" / "cache")  # the CLI's default cache, inside --out
    local = runner.invoke(cli, ["build", "--jobs", "1", "--quiet", "--out", "local"])
    assert local.exit_code == 0, local.output
    assert (corpus.parent / "exports" / "graph.ttl").read_bytes() == (corpus.parent / "local" / "graph.ttl").read_bytes()


def test_an_unreachable_scheduler_and_a_misplaced_option_are_explained(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", "1s")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler needs --executor dask" in result.output
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        turtle(corpus, "nowhere", executor="dask", scheduler="tcp://127.0.0.1:1", use_cache=False)


def test_without_dask_the_option_says_how_to_install_it(corpus, monkeypatch):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    monkeypatch.chdir(corpus.parent)
    result = CliRunner().invoke(cli, ["build", "--executor", "dask"])
    assert result.exit_code == 1
    assert "pip install 'kg[dask]'" in result.output
    assert not (corpus.parent / "exports").exists()


def test_batches_are_fed_through_a_window_in_order(corpus, scheduler, monkeypatch):
    # One batch of one document in flight at a time: each result releases the next.
    monkeypatch.setattr(executor, "MIN_WINDOW", 1)
    monkeypatch.setattr(executor, "WINDOW_PER_WORKER", 0)
    seen: list[int] = []
    settings = Settings(corpus=corpus, out=corpus.parent / "windowed", progress=False, batch_size=1,
                        executor="dask", scheduler=scheduler, use_cache=False)
    report = build(settings, lambda done, total, words: seen.append(done))
    assert report.parsed == 5 and seen == [0, 1, 2, 3, 4, 5]
    _, local = turtle(corpus, "local", use_cache=False)
    assert (corpus.parent / "windowed" / "graph.ttl").read_bytes() == local
