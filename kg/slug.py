"""Readable, stable IRI slugs."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slugify(text: str) -> str:
    """Lower-case, diacritics folded, every run of other characters one hyphen.

    Scripts with no Latin letters keep their letters (IRIs allow them); a name with
    no letters or digits at all gets a short content hash, so it still has a stable IRI.

    Quotes, angle brackets, newlines and emoji never reach an IRI: every character that
    is not a letter or digit is a separator.

    >>> slugify("Jane Doe's"), slugify("Émile Zola"), slugify("Москва"), slugify("!!")
    ('jane-doe-s', 'emile-zola', 'москва', 'x-b4613f86')
    >>> slugify('The "Best" <Band>\\n🎸 Ltd')
    'the-best-band-ltd'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[\W_]+", "-", folded).strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug
