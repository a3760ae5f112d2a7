"""Per-document work of the corpus-wide half, in forked worker processes.

    in_forks(items, make, jobs) -> [make(item) for item in items], or None (do it here)

After resolution, each document's triples (the classifier's reading of its pairs
included) are made one document at a time: most of a cold build's serial half (2.3 s of
4.7 at 1,000 articles with two jobs, 28 s of 62 at 10,000). Forked workers inherit the
corpus, its resolution and MAKE (copy-on-write) instead of receiving them pickled; what
MAKE returns travels back pickled, so it should be cheap to pickle (kg.fragments.dumps).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence

MIN_SHARE = 50  # items each worker gets at least: fewer are not worth a fork
_shared: list[tuple] = []  # (items, make) of the running in_forks, for its workers


def in_forks(items: Sequence, make: Callable, jobs: int) -> list | None:
    """[make(item) for item in ITEMS], in order, made by JOBS forked workers (each every
    JOBS-th item); None when that is not worth it or not possible here (one job, fewer
    than MIN_SHARE items a worker, no fork on this system): the caller makes them."""
    jobs = min(jobs, len(items) // MIN_SHARE)
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    _shared[:] = [(items, make)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupt) as pool:
            shares = pool.map(_share, [(k, jobs) for k in range(jobs)])
    finally:
        _shared.clear()
    made: list = [None] * len(items)
    for k, share in enumerate(shares):
        made[k::jobs] = share
    return made


def _ignore_interrupt() -> None:
    """Ctrl-C is the build's to handle (it stops the pool), not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _share(share: tuple[int, int]) -> list:
    """Runs in a forked worker: MAKE of every JOBS-th item from K."""
    k, jobs = share
    items, make = _shared[0]
    return [make(item) for item in items[k::jobs]]
