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
