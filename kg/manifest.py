"""Nothing changed, nothing done: a fingerprint of everything a build reads, kept beside
the exports it wrote (OUT/.kg/manifest.json).

    fingerprint(settings) -> str               the corpus's files, the aliases file, the
                                               settings that shape the output, kg's code and
                                               data, the spaCy pipeline's name and version
    up_to_date(settings, fingerprint) -> bool  the last build had it, and its exports are
                                               there as it wrote them
    record(settings, fingerprint)              after a build

Light on purpose: it imports neither spaCy nor rdflib, so `kg build` on an unchanged
project answers "up to date" before loading either.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.export.atomic import write_text
from kg.settings import STATE, Settings

FILE = "manifest.json"
UNREADABLE = "unreadable"  # the fingerprint of a corpus with a file kg cannot read: never up to date
EXPORTS = ("graph.ttl", "graph.html", "graph.graphml", "comentions.json")
_CODE_SUFFIXES = (".py", ".json", ".ttl", ".html", ".css", ".js")


@dataclass(frozen=True, slots=True)
class UpToDate:
    """What a build that had nothing to do reports."""

    out: Path
    warnings: tuple[str, ...] = ()  # none: nothing was read

    def summary(self) -> str:
        return (f"up to date: nothing changed since the last build into {self.out} "
                "(kg build --no-cache rebuilds anyway)")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _code() -> str:
    """sha256 over kg's own source and package data: any change to kg changes builds."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_fingerprint() -> str:
    """The sha256 of kg's own source and package data (what any build's output depends on)."""
    return _code()


def fingerprint(settings: Settings) -> str:
    """One hash of everything the build of SETTINGS reads."""
    from kg.nlp import model_id

    digest = hashlib.sha256()
    shaping = (settings.model, model_id(settings.model), settings.base_iri, settings.max_bytes,
               settings.html_max_nodes, settings.min_confidence, _code())
    digest.update(json.dumps([str(x) for x in shaping]).encode())
    root = settings.corpus
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            content = _digest(path)
        except OSError:
            return UNREADABLE  # the build will warn about it, every time until it is fixed
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + content.encode())
    if settings.aliases is not None and settings.aliases.is_file():
        digest.update(b"aliases\0" + _digest(settings.aliases).encode())
    return digest.hexdigest()


def _path(settings: Settings) -> Path:
    return settings.out / STATE / FILE


def up_to_date(settings: Settings, inputs: str) -> bool:
    """Whether the last build into SETTINGS.out read the same INPUTS and every export it
    wrote is still there, unchanged."""
    if inputs == UNREADABLE:
        return False
    try:
        recorded = json.loads(_path(settings).read_text(encoding="utf-8"))
        return recorded["inputs"] == inputs and all(
            _digest(settings.out / name) == digest for name, digest in recorded["exports"].items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def record(settings: Settings, inputs: str) -> None:
    """Remember INPUTS and the exports just written, for the next build to compare."""
    exports = {name: _digest(settings.out / name) for name in EXPORTS if (settings.out / name).is_file()}
    _path(settings).parent.mkdir(parents=True, exist_ok=True)
    write_text(_path(settings), json.dumps({"inputs": inputs, "exports": exports}, sort_keys=True, indent=1) + "\n")
