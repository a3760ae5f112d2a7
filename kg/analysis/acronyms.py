"""Acronym definitions in running text, after Schwartz & Hearst (2003): "Long Form (LF)",
"Long Form (LF1/LF2)" and "LF (Long Form)"."""

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
    start = window.rfind(" ", 0, i + 1) + 1
    found = re.sub(r"['’]s$", "", window[start:].strip(" ,;:"))
    used = found.split()
    # Every capitalised word must lend the acronym a letter ("NATO" is not "Nations Treaty"),
    # unless the capitals' initials spell it exactly ("Organization of Kenya" in PLOK).
    offset, lending = start, True
    for word in window[start:].split():
        at = window.index(word, offset)
        if word[:1].isupper() and not any(at <= m < at + len(word) for m in matched):
            lending = False
        offset = at + len(word)
    initials = "".join(w[0].lower() for w in used if w[:1].isupper())
    if not lending and initials != "".join(letters):
        return None
    if not used or used[0].lower() in _SMALL or len(used) > len(letters) + 3:
        return None
    if not all(w[:1].isupper() or w.lower() in _SMALL for w in used):
        return None
    if len(letters) > 2 and len(used) < 2:
        return None  # "NATO" is not "Nations": one word rarely makes an acronym of three letters
    return found


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
        inside = match.group(1)
        line_start = _sentence_start(text, match.start())
        before = text[line_start:match.start()].rstrip()
        # "(ACR1/ACR2)": when one part is defined by the words before, so is the other.
        parts = []
        for part in re.finditer(r"[^/]+", inside):
            short = _SHORT.fullmatch(part.group(0).strip())
            if short:
                at = match.start(1) + part.start() + part.group(0).index(short.group(0))
                parts.append((short.group(1), at, at + len(short.group(1))))
                if short.group(2):
                    parts.append((short.group(0), at, at + len(short.group(0))))
        long = next((lf for acronym, _, _ in parts if (lf := long_form(acronym, before))), None)
        if long:
            start = line_start + before.rindex(long)
            found += [(start, start + len(long), a, b) for _, a, b in parts]
            continue
        # "ACR (Long Form)", "ACR Place (Long Form)"
        head = re.search(r"([A-Z][A-Z0-9&]{1,10})(\s+[A-Z][a-z]+)?\s*$", before)
        if head and initials_match(head.group(1), inside.split()):
            long_span = (match.start(1), match.start(1) + len(inside))
            found.append((*long_span, line_start + head.start(1), line_start + head.end(1)))
            if head.group(2):
                found.append((*long_span, line_start + head.start(1), line_start + head.end(2)))
    for match in _OR_ACRONYM.finditer(text):
        line_start = _sentence_start(text, match.start())
        before = text[line_start:match.start()].rstrip()
        long = long_form(match.group(1), before)
        if long:
            start = line_start + before.rindex(long)
            found.append((start, start + len(long), match.start(1), match.end(1)))
    return found
