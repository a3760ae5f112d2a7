"""Where a text has quote marks: the spans between double quotes, across paragraphs.

    spans(text) -> list[QuotedSpan]

Pure string work, no parse: `quotes` decides which spans are speech and who spoke.
A paragraph is a line of the cleaned text. Rules that hold for English news in general:

- straight (") and curly (“ ”) double quotes open and close a quotation; a curly opening
  quote met inside an open quotation closes it and opens the next one (a missing closer);
- a quotation still open at the end of its paragraph goes on in the next paragraph when
  that paragraph opens with a quote mark (the convention for a quotation of several
  paragraphs: an opening quote per paragraph, a closing one only at the end); otherwise
  it ends with its paragraph (an unclosed quote never swallows the next paragraph);
- a span is a *block* when it fills its paragraph; `introduced` says the paragraph before
  it ends with a colon ("He wrote:" + the quoted paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Span

OPENERS = '"“'
CLOSERS = '"”'
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The quoted words of one quotation: one piece per paragraph it runs through."""

    pieces: tuple[Span, ...]
    block: bool = False  # every piece fills its paragraph
    introduced: Span | None = None  # the colon-ended paragraph before a block quote

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def contains(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.pieces)


def _paragraphs(text: str) -> list[Span]:
    return [m.span() for m in _LINE.finditer(text) if m.group().strip()]


def _is_opener(text: str, i: int, start: int) -> bool:
    """A straight quote opens unless it sits after a word and before a space or the end."""
    if text[i] == "“":
        return True
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (not before.isspace() and before not in "([—–-" and (after.isspace() or after in ".,;:!?)"))


def _in_paragraph(text: str, start: int, end: int) -> tuple[list[Span], int | None]:
    """Closed spans of one paragraph and where a still-open quotation began (or None)."""
    found, open_at = [], None
    for i in range(start, end):
        char = text[i]
        if open_at is None:
            if char in OPENERS and _is_opener(text, i, start):
                open_at = i + 1
        elif char in CLOSERS:
            found.append((open_at, i))
            open_at = None
        elif char == "“":
            found.append((open_at, i))
            open_at = i + 1
    return found, open_at


def _trim(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " \t,":
        b -= 1
    return a, b


def spans(text: str) -> list[QuotedSpan]:
    """Every quotation of TEXT in order, with the paragraphs it runs through.

    >>> text = 'He said: "We will win.\\n\\n"And we will govern."'
    >>> [[text[a:b] for a, b in q.pieces] for q in spans(text)]
    [['We will win.', 'And we will govern.']]
    """
    paragraphs = _paragraphs(text)
    out: list[QuotedSpan] = []
    carried: list[Span] = []  # pieces of a quotation running on from earlier paragraphs
    for n, (p_start, p_end) in enumerate(paragraphs):
        found, open_at = _in_paragraph(text, p_start, p_end)
        lead = len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        if carried:
            if found:
                pieces = carried + [found.pop(0)]
                out.append(_make(text, paragraphs, n - len(carried), pieces))
                carried = []
            elif open_at is not None and open_at == p_start + lead + 1:
                carried.append((open_at, p_end))
                continue
        if open_at is not None:
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if following and text[following[0]:following[1]].lstrip()[:1] in OPENERS:
                out.extend(_make(text, paragraphs, n, [piece]) for piece in found)
                carried = [(open_at, p_end)]
                continue
            found.append((open_at, p_end))
        out.extend(_make(text, paragraphs, n, [piece]) for piece in found)
    if carried:
        out.append(_make(text, paragraphs, len(paragraphs) - len(carried), carried))
    return [q for q in out if q.end > q.start]


def _make(text: str, paragraphs: list[Span], first: int, pieces: list[Span]) -> QuotedSpan:
    """A QuotedSpan from raw PIECES whose first lies in paragraph FIRST."""
    trimmed = tuple(_trim(text, piece) for piece in pieces)
    block = all(_fills(text, para, piece) for para, piece in zip(paragraphs[first:], pieces))
    introduced = None
    if block and first > 0:
        before = paragraphs[first - 1]
        if text[before[0]:before[1]].rstrip().endswith(":"):
            introduced = before
    return QuotedSpan(trimmed, block, introduced)


def _fills(text: str, paragraph: Span, piece: Span) -> bool:
    """The piece is the paragraph's first words, and after it only the closing mark or
    an attribution ('…,” she said.') follow."""
    head = text[paragraph[0]:piece[0]].strip()
    return head in ("", '"', "“")
