"""Assembly reuses what did not change: each document's triples, kept from the last build.

    Fragments(folder).triples_of(full) -> a kg.graph.assemble TRIPLES_OF that reuses them
    Fragments(folder).fill(...)         make the missing ones first, in parallel (jobs > 1)
    made_in_forks(results, ...)         {doc_id: pickled triples}, made by forked workers
    Fragments(folder).prune()           drop the fragments this build did not use

A document's share of the graph (its kg:Document, quotes, facts and their statements) is
a function of its own result and of what resolution made of its mentions: the entity and
kind of each, and whether an event is one nobody took part in (kg.reading.unreal). A
fragment is stored under a hash of exactly that (`key`), with the document's cache key,
its metadata, the settings that shape triples, kg's code and rdflib's version; so a
document whose entities resolve as before is not read again, and one whose mention now
joins another entity (an added article merged two names) is. The triples are stored in
the order assembly added them, so replaying them builds the same graph, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef

from kg import cache, forked
from kg.graph import Context, document_triples
from kg.manifest import code_fingerprint
from kg.model import DocResult
from kg.resolve import Resolution
from kg.settings import Settings

FORMAT = "2"  # bump when a fragment's layout changes


def _uri(value: str) -> URIRef:
    return str.__new__(URIRef, value)


def _literal(lexical: str, language: str | None, datatype: URIRef | None, value: object, ill_typed) -> Literal:
    literal = str.__new__(Literal, lexical)
    literal._language, literal._datatype, literal._value, literal._ill_typed = language, datatype, value, ill_typed
    return literal


class _Pickler(pickle.Pickler):
    """Pickles rdflib terms as their state, so loading them skips rdflib's checks and
    parsing of values they passed when they were made (the same terms come back)."""

    def reducer_override(self, obj):
        if type(obj) is URIRef:
            return _uri, (str(obj),)
        if type(obj) is Literal:
            return _literal, (str(obj), obj.language, obj.datatype, obj.value, obj.ill_typed)
        return NotImplemented


def dumps(triples: list[tuple]) -> bytes:
    """TRIPLES as bytes, each distinct term once (pickle.loads reads them back)."""
    same: dict[tuple, object] = {}
    shared = [tuple(same.setdefault((type(t), t, getattr(t, "datatype", None), getattr(t, "language", None)), t)
                    for t in triple) for triple in triples]
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(shared)
    return buffer.getvalue()


def key(result: DocResult, cache_key: str, resolution: Resolution, settings: Settings, ctx: Context) -> str:
    """The hash of everything RESULT's triples depend on; RESULT may be slim
    (kg.incremental: mentions without sentences, facts or pairs).

    CACHE_KEY is the document's result's address (kg.cache.key): text, date, model, code.
    """
    digest = hashlib.sha256()
    doc = result.document
    head = (FORMAT, rdflib.__version__, code_fingerprint(), settings.base_iri, settings.min_confidence, cache_key,
            doc.doc_id, doc.source, doc.title, doc.date, doc.url, doc.authors, doc.sha256)
    digest.update(repr(head).encode("utf-8"))
    doc_id = doc.doc_id
    for mention in result.mentions:
        entity = resolution.of_mention.get((doc_id, mention.start, mention.end))
        kind = ctx.kind_of.get(entity) if entity else None
        digest.update(f"\0{mention.start},{mention.end},{entity},{kind},{entity in ctx.unreal}".encode("utf-8"))
    return digest.hexdigest()


class Fragments:
    """A folder of fragments, one pickle a key, written atomically; the ones a build used
    are remembered so `prune` can drop the rest (deleted and changed documents')."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.used: set[str] = set()
        self.reused = 0
        self.ready: dict[str, bytes] = {}  # entry -> the fragment `fill` just made
        self.entries: dict[str, str] = {}  # doc_id -> its entry, as `fill` found it

    def _path(self, entry: str) -> Path:
        return self.folder / f"{entry}.pickle"

    def get(self, entry: str) -> list[tuple] | None:
        try:
            triples = pickle.loads(self._path(entry).read_bytes())
        except Exception:  # none, truncated or from another version: assemble again
            return None
        return triples if isinstance(triples, list) else None

    def put(self, entry: str, triples: list[tuple]) -> None:
        """Store TRIPLES; a folder that cannot be written is only slower."""
        cache.write_bytes(self._path(entry), dumps(triples))

    def triples_of(self, cache_keys: dict[str, str], full: Callable[[DocResult], DocResult]):
        """A TRIPLES_OF for kg.graph.assemble: the stored fragment of a document when its
        key matches, else its triples assembled from FULL(result) (the whole DocResult of a
        slim one) and stored. CACHE_KEYS: doc_id -> its result's cache key."""

        def triples_of(result: DocResult, resolution: Resolution, settings: Settings, ctx: Context) -> list[tuple]:
            entry = self.entries.get(result.document.doc_id) or key(
                result, cache_keys[result.document.doc_id], resolution, settings, ctx)
            self.used.add(entry)
            blob = self.ready.pop(entry, None)
            if blob is not None:
                return pickle.loads(blob)
            triples = self.get(entry)
            if triples is not None:
                self.reused += 1
                return triples
            triples = document_triples(full(result), resolution, settings, ctx)
            self.put(entry, triples)
            return triples

        return triples_of

    def fill(self, results: list[DocResult], cache_keys: dict[str, str], full: Callable[[DocResult], DocResult],
             resolution: Resolution, settings: Settings, ctx: Context) -> int:
        """Make the fragments RESULTS' documents lack (a cold build's, or those an added
        article's names changed) in settings.jobs forked workers (kg.forked), store them
        and keep them for `triples_of`. Returns how many were made; 0 where kg.forked
        declines (one job, few to make), and then `triples_of` makes them one by one."""
        entries = self.entries = {r.document.doc_id: key(r, cache_keys[r.document.doc_id], resolution, settings, ctx)
                                  for r in results}
        todo = [r for r in results if not self._path(entries[r.document.doc_id]).exists()]
        made = made_in_forks(todo, full, resolution, settings, ctx)
        for doc_id, blob in made.items():
            cache.write_bytes(self._path(entries[doc_id]), blob)
            self.ready[entries[doc_id]] = blob
        return len(made)

    def prune(self) -> None:
        """Delete every fragment this build did not use."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.endswith(".pickle") and name.removesuffix(".pickle") not in self.used:
                (self.folder / name).unlink(missing_ok=True)


def made_in_forks(results: list[DocResult], full: Callable[[DocResult], DocResult], resolution: Resolution,
                  settings: Settings, ctx: Context) -> dict[str, bytes]:
    """doc_id -> the triples of each of RESULTS (`dumps`, for pickle.loads), made from
    FULL(result) by settings.jobs forked workers (kg.forked); {} where kg.forked declines
    (one job, few documents, Dask) and assembly makes them one by one."""
    jobs = settings.jobs if settings.executor == "local" else 1
    made = forked.in_forks(results, lambda r: dumps(document_triples(full(r), resolution, settings, ctx)), jobs)
    return {r.document.doc_id: blob for r, blob in zip(results, made or ())}
