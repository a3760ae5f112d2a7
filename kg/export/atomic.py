"""Write files so that readers see the old or the new content, never half of it.

A crash (even SIGKILL) while writing leaves at most a hidden `.NAME.*.tmp` file beside
the target, which the next write of that target removes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _sync(handle) -> None:
    """Flush a temp file to disk before it is renamed over the target."""
    handle.flush()
    os.fsync(handle.fileno())


def _stage(path: Path, data: bytes) -> Path:
    """Write DATA to a new temp file beside PATH and return its path; nothing is renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a build that was killed mid-write
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; exports are for sharing
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            _sync(handle)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_bytes(path: Path, data: bytes) -> None:
    """Write DATA to a temp file beside PATH, flush it to disk, then rename it into place.

    >>> write_bytes(Path("/tmp/kg-atomic-demo.txt"), b"ok")  # doctest: +SKIP
    """
    write_many({path: data})


def write_many(files: dict[Path, bytes]) -> None:
    """Write every file's temp copy first and rename them into place only when all are on
    disk, so a full disk or a crash while writing leaves every old file as it was.

    >>> write_many({Path("/tmp/a.txt"): b"a", Path("/tmp/b.txt"): b"b"})  # doctest: +SKIP
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
        for path, tmp in staged.items():
            os.replace(tmp, path)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    """write_bytes for UTF-8 text."""
    write_bytes(path, text.encode("utf-8"))
