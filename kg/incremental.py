"""A rebuild reads what resolution needs, not every document's whole result.

    analyse(settings, progress) -> Light     the corpus's results, slim; whole ones on demand
    slim(result) -> DocResult                a result as resolution and co-mentions read it

Resolution and co-mentions read a document's mentions and acronyms only; the sentences,
facts, quotes and candidate pairs are read when the document's triples are assembled,
which kg.fragments skips for a document whose entities resolve as before. So a rebuild
reads one pack of slim results (CACHE/pack.pickle, keyed by each result's cache key, so a
changed text, model or per-document code misses it), takes a document it lacks from the
per-document cache (kg.cache) or parses it, and loads a whole result only when its
triples must be assembled again. Reading the corpus, too, reuses each file's last reading
(its Document and warnings, CACHE/documents.pickle) while the file's bytes, place and
kg's code are the same: extracting a web page or a PDF again costs more than its bytes.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from kg import cache, corpus, executor, formats, nlp
from kg.build import Extraction, Progress
from kg.manifest import code_fingerprint
from kg.model import DocResult, Document
from kg.settings import Settings

PACK = "pack.pickle"
READS = "documents.pickle"  # what reading each file gave, by `_file_key`


@dataclass(frozen=True, slots=True)
class Light:
    """A corpus's slim results (kg.build.Extraction), each document's cache key by doc id,
    and FULL, which gives the whole result of a slim one."""

    extraction: Extraction
    keys: dict[str, str]
    full: Callable[[DocResult], DocResult]


def slim(result: DocResult) -> DocResult:
    """RESULT without what only assembly reads (sentences, facts, quotes, pairs)."""
    return replace(result, sentences=(), facts=(), quotes=(), pairs=())


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            pack = pickle.load(handle)
    except Exception:  # none yet, truncated, or from an incompatible version: start afresh
        return {}
    return pack if isinstance(pack, dict) else {}


def _file_key(path: Path, root: Path, project: Path | None, max_bytes: int, data: bytes) -> str:
    """Everything `corpus.read_document` reads: the file's bytes, where it is (its name, the
    folder it is reached through, the project and working folder its source is relative
    to), the size limit, and kg's code (the readers and cleaning)."""
    where = (code_fingerprint(), str(path), str(path.parent.resolve()), str(root), str(project),
             str(Path.cwd().resolve()), max_bytes)
    return hashlib.sha256(repr(where).encode("utf-8") + b"\0" + hashlib.sha256(data).digest()).hexdigest()


def _reader(known: dict, used: dict) -> Callable[..., tuple[Document, tuple[str, ...]]]:
    """A `corpus.read_document` that gives a file's last reading when nothing it reads
    changed (KNOWN: file key -> (document, warnings)); USED hears every reading made."""

    def read(path: Path, root: Path, project: Path | None, max_bytes: int):
        try:
            small = path.stat().st_size <= max_bytes and path.suffix.lower() in formats.KINDS
            data = path.read_bytes() if small else b""
        except OSError:
            small = False
        if not small:  # too big, unreadable or of another kind: the reader says so
            return corpus.read_document(path, root, project, max_bytes)
        entry = _file_key(path, root, project, max_bytes, data)
        used[entry] = known[entry] if entry in known else corpus.read_document(path, root, project, max_bytes)
        return used[entry]

    return read


def _scan(settings: Settings) -> corpus.CorpusScan:
    """The corpus scanned, each file read again only when it (or kg) changed."""
    path = settings.cache_dir / READS
    known, used = _load(path), {}
    scan = corpus.scan_corpus(settings.corpus, max_bytes=settings.max_bytes, read=_reader(known, used))
    if used.keys() != known.keys():
        cache.write_pickle(path, used)
    return scan


def _repoint(result: DocResult | None, document: Document) -> DocResult | None:
    """RESULT for DOCUMENT (a renamed file with the same text keeps its result), or None
    when it is not that text's."""
    if result is None or (result.document.text, result.document.date) != (document.text, document.date):
        return None
    return result if result.document == document else replace(result, document=document)


def _whole(documents: list[Document], keys: list[str], settings: Settings, store: cache.Cache,
           progress: Progress | None) -> tuple[dict[int, DocResult], int, dict[str, float]]:
    """The whole results of DOCUMENTS (index -> result): from the cache, else parsed now
    and cached. Returns them, how many were parsed, and the parse's timings."""
    found = {i: store.get(keys[i], d) for i, d in enumerate(documents)}
    todo = [i for i, r in found.items() if r is None]
    timings: dict[str, float] = {}
    if todo:
        done = (lambda n, words: progress(n, len(todo), words)) if progress else None
        fresh, timings = executor.run([documents[i] for i in todo], settings, done)
        for i, result in zip(todo, fresh):
            found[i] = result
            store.put(keys[i], result)
    return found, len(todo), timings  # type: ignore[return-value]


def analyse(settings: Settings, progress: Progress | None = None) -> Light:
    """The corpus of SETTINGS analysed as kg.build.analyse_corpus does, but with slim
    results, read from the pack where it has them.

    >>> analyse(Settings(corpus=Path("corpus"))).extraction.parsed  # doctest: +SKIP
    0
    """
    started = time.perf_counter()
    scan = _scan(settings)
    documents = scan.documents
    model = nlp.model_id(settings.model)
    keys = [cache.key(d.text, model, date=d.date) for d in documents]
    timings = {"read": time.perf_counter() - started}
    started = time.perf_counter()
    path, store = settings.cache_dir / PACK, cache.Cache(settings.cache_dir)
    pack = _load(path)
    results = [_repoint(pack.get(k), d) for k, d in zip(keys, documents)]
    missing = [i for i, r in enumerate(results) if r is None]
    whole, parsed, spent = _whole([documents[i] for i in missing], [keys[i] for i in missing],
                                  settings, store, progress)
    whole = {missing[j]: result for j, result in whole.items()}
    for i, result in whole.items():
        results[i] = slim(result)
    kept = dict(zip(keys, results))
    if missing or len(kept) != len(pack):
        cache.write_pickle(path, kept)
    timings["cache"] = time.perf_counter() - started - sum(spent.values())
    timings |= spent
    index = {d.doc_id: i for i, d in enumerate(documents)}

    def full(result: DocResult) -> DocResult:
        i = index[result.document.doc_id]
        if i not in whole:
            whole[i] = _whole([documents[i]], [keys[i]], settings, store, None)[0][0]
        return whole[i]

    extraction = Extraction(tuple(results), tuple(scan.warnings), parsed=parsed, timings=timings)  # type: ignore[arg-type]
    return Light(extraction, {d.doc_id: k for d, k in zip(documents, keys)}, full)
