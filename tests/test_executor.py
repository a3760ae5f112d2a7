"""kg.executor: any concurrent.futures.Executor gives the in-process results, in order,
through one window; a worker that runs other kg code is refused."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from kg import cache, executor
from kg.corpus import document_from_text
from kg.errors import ExecutorError
from kg.settings import Settings

TEXTS = [
    "Mayor Re-elected\n\nMayor Daniel Osei won a second term in Accra on Sunday.\n",
    "Leaders Meet\n\nPrime Minister Anna Kowalski met President Luis Ortega in Geneva.\n",
    "Floods\n\nThe Red Cross sent volunteers to Vienna, its spokesman Peter Gruber said.\n",
]
SETTINGS = Settings(batch_size=1, jobs=2)


@pytest.fixture(scope="module")
def documents():
    return [document_from_text(text, f"d{i}", f"d{i}.txt") for i, text in enumerate(TEXTS)]


@pytest.fixture
def pool(nlp):
    """Two processes forked now, after the model is loaded (as kg.executor.local_pool does)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as forked:
        forked.submit(int).result()  # a fork pool starts all its workers at the first task
        yield forked


def test_a_pool_gives_the_in_process_results_in_order(documents, pool, monkeypatch):
    monkeypatch.setattr(executor, "MIN_WINDOW", 1)
    monkeypatch.setattr(executor, "WINDOW_PER_WORKER", 1)
    here, split = executor.analyse(documents, SETTINGS)
    seen: list[int] = []
    pooled, timings = executor.analyse(documents, SETTINGS, pool, lambda n, words: seen.append(n), workers=2)
    assert pooled == here and [r.document.doc_id for r in pooled] == ["d0", "d1", "d2"]
    assert seen == [1, 2, 3]
    assert list(split) == ["spaCy parse", "extract"] and list(timings) == ["spaCy parse+extract (2 jobs)"]


def test_a_worker_with_other_code_is_refused(documents, pool, monkeypatch):
    # The workers were forked before the patch: only this process's fingerprint changes.
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "edited here only")
    with pytest.raises(ExecutorError, match="another kg code"):
        executor.analyse(documents, SETTINGS, pool, workers=2)
