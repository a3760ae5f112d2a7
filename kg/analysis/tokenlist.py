"""Each parsed document's tokens, made once.

    tokens(sdoc) -> list of SDOC's tokens, kept in SDOC.user_data until forget(sdoc)
    forget(sdoc)                           drops it and all else the analysis kept there

spaCy makes a new Token object on every access: the stages walk each document a dozen
times, and making tokens was a fifth of the analysis's time. The list and the document
point at each other, so the analysis forgets it when done and the document is freed at
once rather than by the cycle collector.
"""

from __future__ import annotations

_KEY = "kg.tokens"


def tokens(sdoc) -> list:
    """SDOC's tokens in order (any object with the Doc API; one without user_data is
    walked again on each call). Callers must not change the list."""
    store = getattr(sdoc, "user_data", None)
    if store is None:
        return list(sdoc)
    found = store.get(_KEY)
    if found is None:
        found = store[_KEY] = list(sdoc)
    return found


def forget(sdoc) -> None:
    """Drop everything the analysis kept in SDOC.user_data (its keys start "kg."): the
    token list, and docindex's and pronouns' spans and indexes, which point back at SDOC."""
    store = getattr(sdoc, "user_data", None)
    if store is not None:
        for key in [k for k in store if isinstance(k, str) and k.startswith("kg.")]:
            del store[key]
