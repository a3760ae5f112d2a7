"""Dask workers as the pool of kg.executor, for corpora past one machine (`kg build
--executor dask`).

    pool(settings) -> context of (concurrent.futures.Executor, workers)
    client(settings) -> context of a distributed.Client
    local_cluster(workers) -> distributed.LocalCluster
    import_distributed() -> the dask.distributed module, or ExecutorError saying how to install it

kg.executor feeds the batches, checks each worker's code and model and puts the results
in order, as for a local process pool: this module only opens Dask. Each worker process
loads the spaCy pipeline once (kg.nlp.load is cached per process); corpus-wide
resolution, the cache and the exports stay on the client. With settings.scheduler None a
LocalCluster of settings.jobs worker processes is started and stopped here. Dask is an
optional extra: this module is imported only for that executor.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from kg.errors import ExecutorError
from kg.settings import Settings

INSTALL = "pip install 'kg[dask]'"
CONNECT_TIMEOUT = "10s"  # to reach a --scheduler


def import_distributed():
    """The dask.distributed module; ExecutorError with the install command if it is missing."""
    try:
        from dask import distributed
    except ImportError:
        raise ExecutorError("--executor dask needs Dask's distributed scheduler, which is not installed; "
                            f"install it with: {INSTALL}") from None
    return distributed


@contextmanager
def pool(settings: Settings) -> Iterator[tuple[Executor, int]]:
    """A concurrent.futures Executor over the Dask workers of SETTINGS, and how many
    workers there are (kg.executor sizes its window of batches in flight with it).

    >>> with pool(Settings(executor="dask", jobs=2)) as (executor, workers):  # doctest: +SKIP
    ...     executor.submit(sum, [1, 2]).result(), workers
    (3, 2)
    """
    with client(settings) as dask_client:
        workers = len(dask_client.scheduler_info().get("workers", {}))
        # pure=False: each task's key is its function's name and a fresh uuid4, so builds
        # whose clients share a scheduler never share (or take) each other's tasks. Tasks
        # still running when the block ends are released when the client closes.
        yield dask_client.get_executor(pure=False), workers


@contextmanager
def client(settings: Settings) -> Iterator[object]:
    """A Dask client of settings.scheduler, or of a LocalCluster of settings.jobs worker
    processes (one thread each: spaCy's parse holds the GIL) closed on exit."""
    distributed = import_distributed()
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

    distributed = import_distributed()
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")
