"""One build at a time per exports folder.

    with build_lock(Path("exports")): ...

The lock is an advisory `fcntl.flock` on `OUT/.kg/build.lock`, which holds the pid of
the build that has it. The kernel drops the lock when its process dies, however it
dies, so a lock file left by a killed build is simply taken over by the next one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import ExportError, LockError
from kg.settings import STATE

LOCK_NAME = f"{STATE}/build.lock"


@contextmanager
def build_lock(out: Path, wait: float = 0.0) -> Iterator[Path]:
    """Hold the build lock of OUT while the block runs; wait up to WAIT seconds for another
    build to finish, then raise LockError naming its pid.

    >>> with build_lock(Path("/tmp/kg-lock-demo")) as path:  # doctest: +SKIP
    ...     print(path.name)
    build.lock
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): builds are not serialised there
        yield out / LOCK_NAME
        return
    path = out / LOCK_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ExportError(f"cannot write exports to {out}: {exc.strerror}; "
                          "check the folder's permissions and free space, or pass --out") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockError(f"another build is running (pid {_holder(fd)}) on {out}; "
                                    "wait for it to finish and run `kg build` again") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the flock


def _holder(fd: int) -> str:
    """The pid the holder wrote; it writes it right after taking the lock, so retry briefly."""
    for _ in range(10):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
        time.sleep(0.05)
    return "unknown"
