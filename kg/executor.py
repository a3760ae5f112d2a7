"""Stage 2: parse and analyse many documents, in batches, through any
concurrent.futures.Executor: a process pool here, or a Dask client's (kg.dask_executor).

    run(documents, settings, done) -> (results, timings)        opens the pool SETTINGS ask for
    analyse(documents, settings, pool, done, workers) -> (results, timings)
    open_pool(settings, batches) -> context of (Executor | None, workers)
    stop(pool)                                                   ends a process pool's workers now
    analyse_batch(settings, documents) -> (fingerprint, model id, results)   runs on a worker
    check(settings)                                              fails early if Dask is missing

Without a pool (one local job, or a single batch) documents are parsed and analysed in
this process, and the timings tell spaCy's parse ("spaCy parse") from kg's analysis
("extract"). With a pool, at most WINDOW_PER_WORKER batches per worker (and at least
MIN_WINDOW) are in flight, so neither the pool's queue nor a scheduler holds the whole
corpus's text. Results come back in the documents' order whatever order the batches
finish in, and are the same whatever the engine: workers send back plain DocResults, no
spaCy Docs. Each worker also says which kg code and spaCy model made its results; the
client caches them under its own fingerprint, so they must agree.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from itertools import islice

from kg import cache, nlp
from kg.analysis import analyse as analyse_document
from kg.analysis import gazetteer
from kg.errors import ExecutorError
from kg.model import DocResult, Document
from kg.settings import Settings

Done = Callable[[int, int], None]  # (documents done, words done)
Timings = dict[str, float]
WINDOW_PER_WORKER, MIN_WINDOW = 4, 8  # batches in flight


def batches(documents: list[Document], settings: Settings) -> list[list[Document]]:
    """DOCUMENTS cut into batches of settings.batch_size, in order.

    >>> [len(b) for b in batches(list("abcde"), Settings(batch_size=2))]
    [2, 2, 1]
    """
    size = max(1, settings.batch_size)
    return [documents[i:i + size] for i in range(0, len(documents), size)]


def analyse_batch(settings: Settings, documents: list[Document]) -> tuple[str, str, list[DocResult]]:
    """Runs on a worker: parse and analyse DOCUMENTS (the worker loads the model once), and
    say which kg code and spaCy model did it."""
    results = [analyse_document(d, sdoc) for d, sdoc in nlp.parse(documents, settings)]
    return cache.code_fingerprint(), nlp.model_id(settings.model), results


def run(documents: list[Document], settings: Settings, done: Done | None = None) -> tuple[list[DocResult], Timings]:
    """DocResults of DOCUMENTS, in their order, on the engine SETTINGS ask for, and where
    the time went (loading spaCy here, parsing and analysing).

    >>> results, timings = run(documents, Settings(jobs=2))  # doctest: +SKIP
    >>> list(timings)  # doctest: +SKIP
    ['spaCy load', 'spaCy parse+extract (2 jobs)']
    """
    timings: Timings = {}
    if settings.executor != "dask":  # Dask's workers load spaCy; its client never does
        # local workers fork from here, and find the list of large cities in the cache
        gazetteer.keep_in(settings.cache_dir if settings.use_cache else None)
        started = time.perf_counter()
        nlp.load(settings.model)
        timings["spaCy load"] = time.perf_counter() - started
    if done:
        done(0, 0)
    started = time.perf_counter()
    with open_pool(settings, len(batches(documents, settings))) as (pool, workers):
        opened = time.perf_counter() - started  # a LocalCluster takes seconds to start
        results, spent = analyse(documents, settings, pool, done, workers)
    if pool is not None:
        spent = {name: seconds + opened for name, seconds in spent.items()}
    return results, timings | spent


@contextmanager
def open_pool(settings: Settings, batches: int) -> Iterator[tuple[Executor | None, int]]:
    """The executor SETTINGS ask for and its number of workers: Dask's, a process pool of
    settings.jobs processes (at most one a batch), or None to work in this process."""
    if settings.executor == "dask":
        from kg import dask_executor  # Dask is an optional extra

        with dask_executor.pool(settings) as opened:
            yield opened
        return
    jobs = min(settings.jobs, batches)
    if jobs <= 1:
        yield None, 1
        return
    pool = local_pool(settings.model, jobs)
    try:
        yield pool, jobs
    except BaseException:
        stop(pool)  # Ctrl-C or a failed batch: the workers' other batches are not waited for
        raise
    pool.shutdown()


def stop(pool: ProcessPoolExecutor) -> None:
    """End POOL's worker processes now, not after the batches they are parsing."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()  # they hold nothing to save: results are cached only by the build
    for process in processes:
        process.join(1.0)


def local_pool(model: str, jobs: int) -> ProcessPoolExecutor:
    """JOBS processes, forked after MODEL is loaded here so that every worker inherits the
    pipeline (copy-on-write) instead of loading it again; spawned where fork is missing."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        nlp.load(model)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                               initializer=_ignore_interrupt)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the build, which stops them: a terminal sends SIGINT to
    every process of the group, and each worker would print its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def check(settings: Settings) -> None:
    """Raise ExecutorError now, before anything is read or written, if the engine SETTINGS
    ask for is not installed."""
    if settings.executor == "dask":
        from kg import dask_executor

        dask_executor.import_distributed()


def analyse(documents: list[Document], settings: Settings, pool: Executor | None = None,
            done: Done | None = None, workers: int = 1) -> tuple[list[DocResult], Timings]:
    """DocResults of DOCUMENTS, in their order, and the seconds spent; through POOL (of
    WORKERS workers) if given, else in this process. DONE hears (documents, words) done.

    >>> with ProcessPoolExecutor(2) as pool:  # doctest: +SKIP
    ...     results, timings = analyse(documents, Settings(jobs=2), pool, workers=2)
    """
    if pool is None:
        return _in_process(documents, settings, done)
    started = time.perf_counter()
    results = _through(pool, batches(documents, settings), settings, done,
                       window=max(MIN_WINDOW, WINDOW_PER_WORKER * workers))
    engine = "dask" if settings.executor == "dask" else f"{settings.jobs} jobs"
    return results, {f"spaCy parse+extract ({engine})": time.perf_counter() - started}


def _in_process(documents: list[Document], settings: Settings, done: Done | None) -> tuple[list[DocResult], Timings]:
    results: list[DocResult] = []
    words, spent = 0, 0.0
    started = time.perf_counter()
    for document, sdoc in nlp.parse(documents, settings):
        analysing = time.perf_counter()
        results.append(analyse_document(document, sdoc))
        spent += time.perf_counter() - analysing
        words += _words([document])
        if done:
            done(len(results), words)
    return results, {"spaCy parse": time.perf_counter() - started - spent, "extract": spent}


def _through(pool: Executor, parts: list[list[Document]], settings: Settings, done: Done | None,
             window: int) -> list[DocResult]:
    """Feed PARTS to POOL, WINDOW at a time; each finished batch lets the next one in."""
    expected = (cache.code_fingerprint(), nlp.model_id(settings.model))
    queue = iter(enumerate(parts))
    running: dict[Future, int] = {}
    found: dict[int, list[DocResult]] = {}
    finished, words = 0, 0
    try:
        while True:
            for index, part in islice(queue, window - len(running)):
                running[pool.submit(analyse_batch, settings, part)] = index
            if not running:
                break
            ready, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in ready:
                index = running.pop(future)
                found[index] = _agreed(future.result(), expected)
                finished += len(parts[index])
                words += _words(parts[index])
                if done:
                    done(finished, words)
    except BaseException:
        for future in running:  # a refused or failed batch stops the build: drop the rest
            future.cancel()
        raise
    return [result for i in range(len(parts)) for result in found[i]]


def _agreed(reply: tuple[str, str, list[DocResult]], expected: tuple[str, str]) -> list[DocResult]:
    """The results of a worker's REPLY, if its code and model are the client's."""
    fingerprint, model, results = reply
    if (fingerprint, model) != expected:
        what = "kg code" if fingerprint != expected[0] else f"spaCy model ({model})"
        raise ExecutorError(f"a Dask worker runs another {what} than this client; install the "
                            "same kg version and spaCy model on the workers as here")
    return results


def _words(documents: list[Document]) -> int:
    return sum(len(d.text.split()) for d in documents)
