"""Content-addressed cache of per-document results, so a rebuild parses only new or
changed documents.

    key(text, model_id) -> str
    Cache(folder).get(key, document) -> DocResult | None
    Cache(folder).put(key, result)

An entry is the pickled DocResult of one document. Pickle walks the dataclasses
generically, so a field added to DocResult (or to Mention, Fact, ...) needs no change
here: the code fingerprint in the key (a hash of the per-document stage's source and
data files) changes with it, and PIPELINE_VERSION is there for changes the fingerprint
cannot see (a changed dependency, a file outside kg/). Each entry is written atomically (temp file +
rename), so a crash mid-build leaves whole entries or none; an entry that does not load
is recomputed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kg.model import DocResult, Document

# Bump when the per-document stage changes in a way the source fingerprint misses.
PIPELINE_VERSION = "1"
# What decides a DocResult: the per-document stages, the records they fill, the parse
# (kg.nlp adds line-break sentence starts, kg.fastpipes its lemmas and attributes) and the
# vocabulary the stages read.
STAGE = ("analysis", "fastpipes.py", "model.py", "nlp.py", "vocab.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over the per-document stage's code and data files (STAGE), not the
    corpus-wide stages', the exports' or the CLI's."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in STAGE:
        root = package / name
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
                digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(text: str, model_id: str, version: str | None = None, date: str | None = None) -> str:
    """The address of one document's result: its text, its own DATE (relative dates are
    read against it, and front matter can change it without changing the text), the
    pipeline's version and code, and the spaCy model's name and version.

    >>> key("Hello.", "m 1") == key("Hello.", "m 1"), key("Hello.", "m 1") == key("Hello.", "m 2")
    (True, False)
    """
    digest = hashlib.sha256()
    for part in (version or PIPELINE_VERSION, code_fingerprint(), model_id, date or "", text):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class Cache:
    """A folder of entries, two-level fan-out by key (ab/abcdef....pickle)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, entry: str) -> Path:
        return self.folder / entry[:2] / f"{entry}.pickle"

    def get(self, entry: str, document: Document) -> DocResult | None:
        """The cached result for ENTRY, re-pointed at DOCUMENT (a renamed or moved file
        with the same text keeps its result but takes its new name), or None."""
        path = self._path(entry)
        try:
            with path.open("rb") as handle:
                result = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # truncated, corrupt or from an incompatible version: recompute
            path.unlink(missing_ok=True)
            return None
        if not isinstance(result, DocResult) or (result.document.text, result.document.date) != (
                document.text, document.date):
            path.unlink(missing_ok=True)
            return None
        return result if result.document == document else replace(result, document=document)

    def put(self, entry: str, result: DocResult) -> None:
        """Store RESULT atomically; a cache that cannot be written is only slower."""
        write_pickle(self._path(entry), result)


def write_pickle(path: Path, value: object) -> None:
    """Pickle VALUE into PATH atomically (`write_bytes`)."""
    write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write_bytes(path: Path, data: bytes) -> None:
    """Write DATA into PATH atomically (a temporary file, then a rename); a file that
    cannot be written is left as it was: a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def clean(folder: Path) -> bool:
    """Delete the cache folder; True if there was one."""
    folder = Path(folder)
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
