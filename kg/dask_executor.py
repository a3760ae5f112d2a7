"""Per-document extraction as Dask tasks, for corpora past one machine (`kg build
--executor dask`).

    analyse_all(documents, settings, done) -> list[DocResult]   (same results as kg.nlp's)

Documents go to the workers in batches of settings.batch_size; each worker process loads
the spaCy pipeline once (kg.nlp.load is cached per process) and sends back plain
DocResults. Corpus-wide resolution, the cache and the exports stay on the client. With
settings.scheduler None a LocalCluster of settings.jobs worker processes is started and
stopped here. Dask is an optional extra: this module is imported only for that executor.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from collections.abc import Iterator

from kg import cache, nlp
from kg.errors import ExecutorError
from kg.model import DocResult, Document
from kg.settings import Settings

INSTALL = "pip install 'kg[dask]'"
CONNECT_TIMEOUT = "10s"  # to reach a --scheduler
WINDOW_PER_WORKER, MIN_WINDOW = 4, 8  # batches in flight


def _dask():
    try:
        from dask import distributed
    except ImportError:
        raise ExecutorError("--executor dask needs Dask's distributed scheduler, which is not installed; "
                            f"install it with: {INSTALL}") from None
    return distributed


def _analyse_batch(model: str, batch_size: int, documents: list[Document]) -> tuple[str, str, list[DocResult]]:
    """Runs on a worker: parse and analyse DOCUMENTS, and say which kg code and model did it
    (the client caches results under its own fingerprint, so they must agree)."""
    results = nlp._analyse_batch(model, batch_size, documents)
    return cache.code_fingerprint(), nlp.model_id(model), results


@contextmanager
def client(settings: Settings) -> Iterator[object]:
    """A Dask client of settings.scheduler, or of a LocalCluster of settings.jobs worker
    processes (one thread each: spaCy's parse holds the GIL) closed on exit."""
    distributed = _dask()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if settings.scheduler:
        try:
            connected = distributed.Client(settings.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {settings.scheduler}: {exc}; "
                                "check the address (e.g. tcp://host:8786) and that `dask scheduler` "
                                "is running there") from None
        with connected:
            yield connected
        return
    with local_cluster(settings.jobs) as cluster, distributed.Client(cluster) as local:
        yield local


def local_cluster(workers: int):
    """A LocalCluster of WORKERS processes of one thread each. Its workers are started
    without the MALLOC_TRIM_THRESHOLD_ Dask's nanny sets by default: a fixed threshold turns
    off glibc's adaptive mmap threshold, and spaCy's parse then spends ~15% more CPU."""
    import dask

    distributed = _dask()
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")


def analyse_all(documents: list[Document], settings: Settings, done: nlp.Done | None = None,
                timings: dict[str, float] | None = None) -> list[DocResult]:
    """DocResults of DOCUMENTS, in their order, computed by Dask workers in batches.

    At most WINDOW_PER_WORKER batches per worker (and at least MIN_WINDOW) are in flight at
    once, so neither the scheduler nor the network holds the whole corpus's text."""
    distributed = _dask()
    chunk = max(1, settings.batch_size)
    chunks = [documents[i:i + chunk] for i in range(0, len(documents), chunk)]
    expected = (cache.code_fingerprint(), nlp.model_id(settings.model))
    build = uuid.uuid4().hex  # task keys unique to this build: clients may share a scheduler
    parts: dict[int, list[DocResult]] = {}
    finished, words = 0, 0
    with client(settings) as dask_client:
        workers = len(dask_client.scheduler_info().get("workers", {}))
        window = max(MIN_WINDOW, WINDOW_PER_WORKER * workers)
        queue = iter(enumerate(chunks))
        futures: dict[object, int] = {}

        def submit() -> object | None:
            index, part = next(queue, (None, None))
            if index is None:
                return None
            future = dask_client.submit(_analyse_batch, settings.model, settings.batch_size, part,
                                        pure=False, key=f"kg-batch-{build}-{index}")
            futures[future] = index
            return future

        running = distributed.as_completed([f for f in (submit() for _ in range(window)) if f is not None],
                                           with_results=True)
        for future, (fingerprint, model, results) in running:
            index = futures.pop(future)
            if (fingerprint, model) != expected:
                what = "kg code" if fingerprint != expected[0] else f"spaCy model ({model})"
                raise ExecutorError(f"a Dask worker runs another {what} than this client; install the "
                                    "same kg version and spaCy model on the workers as here")
            following = submit()
            if following is not None:
                running.add(following)
            parts[index] = results
            finished += len(chunks[index])
            words += sum(len(d.text.split()) for d in chunks[index])
            if done:
                done(finished, words)
    return [result for i in range(len(chunks)) for result in parts[i]]
