"""Acronym definitions in running text, after Schwartz & Hearst (2003): "Long Form (LF)",
"Long Form (LF1/LF2)", "LF (Long Form)" and "Long Form, or LF,". Text only, no parse.

    definitions(text) -> [(long start, long end, short start, short end)]
    long_form(acronym, before) -> str | None     the end of BEFORE that ACRONYM abbreviates
    initials_match(acronym, words) -> bool
"""

from __future__ import annotations

import re

_SMALL = {"of", "the", "and", "for", "de", "du", "la", "le", "des", "del", "on", "in", "to", "&", "a", "an"}
_PAREN = re.compile(r"\(\s*([^()\n]{1,80}?)\s*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9.&+-]{1,11}")


def long_form(acronym: str, before: str) -> str | None:
    """The end of BEFORE that ACRONYM abbreviates, or None.

    Schwartz-Hearst matching: the acronym's characters are found right to left in the
    text, the first one at the start of a word. On top of it, a name's long form must
    not start with a small word and must have a capital in every word it uses.

    >>> long_form("WWC", "published by The World Weather Council")
    'World Weather Council'
    >>> long_form("NFH", "The Northfield Harmonics")
    'Northfield Harmonics'
    >>> long_form("FAI", "the Football Association of Ireland")
    'Football Association of Ireland'
    >>> long_form("PLOK", "the People's Liberation Organization of Kenya")
    "People's Liberation Organization of Kenya"
    >>> long_form("NATO", "the United Nations Treaty") is None
    True
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    words = before.split()
    window = " ".join(words[-min(len(letters) + 5, len(letters) * 2):])
    matched = _match_letters(letters, window)
    if matched is None:
        return None
    start = window.rfind(" ", 0, matched[-1] if matched else len(window)) + 1
    found = re.sub(r"['’]s$", "", window[start:].strip(" ,;:"))
    used = found.split()
    # Every capitalised word must lend the acronym a letter ("NATO" is not "Nations Treaty"),
    # unless the capitals' initials spell it exactly ("Organization of Kenya" in PLOK).
    initials = "".join(w[0].lower() for w in used if w[:1].isupper())
    if not _capitals_lend(window, start, matched) and initials != "".join(letters):
        return None
    return found if _name_like(used, len(letters)) else None


def _match_letters(letters: list[str], window: str) -> list[int] | None:
    """Where LETTERS are found in WINDOW, right to left (the last letter first), the first
    letter at the start of a word; None when one is missing (Schwartz-Hearst)."""
    s, i = len(letters) - 1, len(window) - 1
    matched = []
    while s >= 0:
        while i >= 0 and (window[i].lower() != letters[s] or (s == 0 and i > 0 and window[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        matched.append(i)
        i -= 1
        s -= 1
    return matched


def _capitals_lend(window: str, start: int, matched: list[int]) -> bool:
    """Whether every capitalised word of WINDOW from START holds a MATCHED letter."""
    offset = start
    for word in window[start:].split():
        at = window.index(word, offset)
        if word[:1].isupper() and not any(at <= m < at + len(word) for m in matched):
            return False
        offset = at + len(word)
    return True


def _name_like(used: list[str], letters: int) -> bool:
    """Whether the words USED can name what an acronym of LETTERS letters abbreviates:
    no small word first, a capital in every word but small ones, not too many words."""
    if not used or used[0].lower() in _SMALL or len(used) > letters + 3:
        return False
    if not all(w[:1].isupper() or w.lower() in _SMALL for w in used):
        return False
    return not (letters > 2 and len(used) < 2)  # "NATO" is not "Nations": one word rarely makes three letters


def initials_match(acronym: str, words: list[str]) -> bool:
    """Whether the whole of WORDS is the long form of ACRONYM ("ACR (Long Form)").

    >>> initials_match("WWC", ["World", "Weather", "Council"])
    True
    >>> initials_match("WWC", ["Water", "Board"])
    False
    """
    return long_form(acronym, " ".join(words)) == " ".join(words)


_OR_ACRONYM = re.compile(r",\s+or\s+([A-Z][A-Z0-9&]{1,10})(?=\s*[,.;:)])")
# A short form is an acronym (two capitals or more: "WWC", "PacEx"), optionally with one
# capitalised word after it ("ACR Place").
_SHORT = re.compile(r"((?=(?:[^A-Z\s]*[A-Z]){2})[A-Z][A-Za-z0-9.&+-]{1,11})(\s+[A-Z][a-z]+)?")


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind("\n", 0, at), text.rfind(". ", 0, at) + 1) + 1


def definitions(text: str) -> list[tuple[int, int, int, int]]:
    """(long start, long end, short start, short end) for each definition in TEXT.

    Forms: "Long Form (ACR)", "Long Form (ACR1/ACR2)", "ACR (Long Form)" and
    "Long Form, or ACR,". A short form may carry one more capitalised word
    ("(ACR1 / ACR2 Place)"); then the bare acronym is defined too.

    >>> t = "The World Weather Council (WWC) met the Sea Board, or SB, and CRP (Coral Reef Panel)."
    >>> [(t[a:b], t[c:d]) for a, b, c, d in definitions(t)]
    [('World Weather Council', 'WWC'), ('Coral Reef Panel', 'CRP'), ('Sea Board', 'SB')]
    >>> t = "the Pacific Commodity Exchange (PCE/PacEx) said"
    >>> [t[c:d] for a, b, c, d in definitions(t)]
    ['PCE', 'PacEx']
    >>> t = "the Free Farmers Union (FFU / UFF Norway) said"
    >>> [t[c:d] for a, b, c, d in definitions(t)]
    ['FFU', 'UFF', 'UFF Norway']
    """
    found = []
    for match in _PAREN.finditer(text):
        found += _bracketed(text, match)
    for match in _OR_ACRONYM.finditer(text):
        line_start = _sentence_start(text, match.start())
        before = text[line_start:match.start()].rstrip()
        long = long_form(match.group(1), before)
        if long:
            start = line_start + before.rindex(long)
            found.append((start, start + len(long), match.start(1), match.end(1)))
    return found


def _bracketed(text: str, match: re.Match) -> list[tuple[int, int, int, int]]:
    """The definitions a bracket MATCH of _PAREN makes: "Long Form (ACR)", "Long Form
    (ACR1/ACR2)", else "ACR (Long Form)" and "ACR Place (Long Form)"."""
    inside = match.group(1)
    line_start = _sentence_start(text, match.start())
    before = text[line_start:match.start()].rstrip()
    # "(ACR1/ACR2)": when one part is defined by the words before, so is the other.
    parts = _short_forms(match)
    long = next((lf for acronym, _, _ in parts if (lf := long_form(acronym, before))), None)
    if long:
        start = line_start + before.rindex(long)
        return [(start, start + len(long), a, b) for _, a, b in parts]
    found = []
    head = re.search(r"([A-Z][A-Z0-9&]{1,10})(\s+[A-Z][a-z]+)?\s*$", before)
    if head and initials_match(head.group(1), inside.split()):
        long_span = (match.start(1), match.start(1) + len(inside))
        found.append((*long_span, line_start + head.start(1), line_start + head.end(1)))
        if head.group(2):
            found.append((*long_span, line_start + head.start(1), line_start + head.end(2)))
    return found


def _short_forms(match: re.Match) -> list[tuple[str, int, int]]:
    """(short form, start, end) of each part of a bracket's "ACR1/ACR2 Place" that is a
    short form; a part with a word after its acronym gives the acronym alone too."""
    parts = []
    for part in re.finditer(r"[^/]+", match.group(1)):
        short = _SHORT.fullmatch(part.group(0).strip())
        if short:
            at = match.start(1) + part.start() + part.group(0).index(short.group(0))
            parts.append((short.group(1), at, at + len(short.group(1))))
            if short.group(2):
                parts.append((short.group(0), at, at + len(short.group(0))))
    return parts
