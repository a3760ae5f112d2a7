"""Acronym definitions in running text, in the spirit of Schwartz & Hearst (2003):
"Long Form (LF)", "Long Form (LF1/LF2)", and "LF (Long Form)"."""

from __future__ import annotations

import re

_SMALL = {"of", "the", "and", "for", "de", "du", "la", "le", "des", "del", "on", "in", "to", "&"}
_PAREN = re.compile(r"\(\s*([^()\n]{1,80}?)\s*\)")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9.&+-]{1,11}")


def initials_match(acronym: str, words: list[str]) -> bool:
    """The acronym's letters are the initials of WORDS, in order, small words optional;
    the first letter must start the first word and the last word must be used.

    >>> initials_match("WWC", ["World", "Weather", "Council"])
    True
    >>> initials_match("PMOI", ["People's", "Mojahedin", "Organization", "of", "Iran"])
    True
    >>> initials_match("NATO", ["Nations", "Treaty"])
    False
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    if len(letters) < 2 or not words or words[0][:1].lower() != letters[0]:
        return False
    i = 0
    for word in words:
        if i < len(letters) and word[:1].lower() == letters[i]:
            i += 1
        elif word.lower() not in _SMALL and word[:1].isupper():
            return False  # a capitalised word that the acronym skips: not its definition
    return i == len(letters)


def _long_form_before(text: str, end: int, acronym: str) -> tuple[int, int] | None:
    """The shortest run of words ending at END whose initials spell ACRONYM."""
    words = list(re.finditer(r"[\w'’&.-]+", text[max(0, end - 200):end]))
    offset = max(0, end - 200)
    letters = sum(c.isalpha() for c in acronym)
    for n in range(2, min(len(words), letters + 6) + 1):
        run = words[-n:]
        if run[0].group(0).lower() in _SMALL:
            continue
        if initials_match(acronym, [w.group(0) for w in run]):
            return offset + run[0].start(), offset + run[-1].end()
    return None


def definitions(text: str) -> list[tuple[int, int, int, int]]:
    """(long start, long end, acronym start, acronym end) for each definition in TEXT.

    >>> t = "The World Weather Council (WWC) met."
    >>> [(t[a:b], t[c:d]) for a, b, c, d in definitions(t)]
    [('World Weather Council', 'WWC')]
    """
    found = []
    for match in _PAREN.finditer(text):
        inside = match.group(1)
        before_end = len(text[:match.start()].rstrip())
        # "(ACR1/ACR2)": when one part is defined by the words before, so is the other.
        parts = []
        for part in re.finditer(r"[^/]+", inside):
            words = part.group(0).split()
            if words and _ACRONYM.fullmatch(words[0]) and words[0].upper() == words[0]:
                start = match.start(1) + part.start() + part.group(0).index(words[0])
                parts.append((words[0], start))
        long_form = next((lf for acronym, _ in parts if (lf := _long_form_before(text, before_end, acronym))), None)
        if long_form:
            found += [(*long_form, start, start + len(acronym)) for acronym, start in parts]
        # "ACR (Long Form)"
        head = re.search(r"([A-Z][A-Z0-9&]{1,10})\s*$", text[:match.start()])
        if head and initials_match(head.group(1), inside.split()):
            found.append((match.start(1), match.start(1) + len(inside), head.start(1), head.end(1)))
    return found
