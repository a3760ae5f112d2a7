"""A parsed document's text, computed once: spaCy's Doc.text joins every token again on
each access, which made per-mention slicing quadratic in the document's length.

    text_of(sdoc) -> str
"""

from __future__ import annotations

_KEY = "kg.text"


def text_of(sdoc) -> str:
    """SDOC.text, kept in SDOC.user_data after the first call (any object with the Doc
    API works; one without user_data is asked each time)."""
    store = getattr(sdoc, "user_data", None)
    if store is None:
        return sdoc.text
    text = store.get(_KEY)
    if text is None:
        text = store[_KEY] = sdoc.text
    return text


_SENTENCES = "kg.sentence_of"


def sentence_of(sdoc) -> dict[int, int]:
    """Token index -> sentence index (in SDOC.sents order), built once per document and
    kept like text_of's text. Callers must not change it."""
    store = getattr(sdoc, "user_data", None)
    index = store.get(_SENTENCES) if store is not None else None
    if index is None:
        index = {t.i: k for k, sent in enumerate(sdoc.sents) for t in sent}
        if store is not None:
            store[_SENTENCES] = index
    return index


_CHUNKS = "kg.noun_chunks"


def noun_chunks(sdoc) -> tuple:
    """SDOC.noun_chunks as a tuple, found once per document (spaCy walks the parse again
    on each iteration)."""
    store = getattr(sdoc, "user_data", None)
    chunks = store.get(_CHUNKS) if store is not None else None
    if chunks is None:
        chunks = tuple(sdoc.noun_chunks)
        if store is not None:
            store[_CHUNKS] = chunks
    return chunks
