"""Normalise absolute date expressions to XSD lexical values.

Only what the text states is normalised: a day with month and year becomes an
``xsd:date``, a month with a year ``xsd:gYearMonth``, a year ``xsd:gYear``, a day and
month without a year ``xsd:gMonthDay``. Relative expressions ("Tuesday", "last week"),
decades and durations get no value.
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"

# Each pattern must match the whole (trimmed) expression; order: most precise first.
_PATTERNS = [
    re.compile(rf"{_YEAR}-(?P<m>\d{{2}})-(?P<d>\d{{2}})"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
    re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}"),
    re.compile(rf"{_MONTH}\s+{_DAY}"),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}"),
    re.compile(rf"(?:in\s+|the\s+year\s+)?{_YEAR}"),
]
_LEADING = re.compile(r"^(?:on|in|since|by|from|until|the|early|late|mid-?)\s+", re.I)


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    days = [31, 29 if year is None or (year % 4 == 0 and (year % 100 or year % 400 == 0)) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= day <= days[month - 1]


def normalise(text: str) -> str | None:
    """Return the XSD lexical value of an absolute date expression, or None.

    >>> normalise("June 30, 2018"), normalise("November 2019"), normalise("1988")
    ('2018-06-30', '2019-11', '1988')
    >>> normalise("February 21"), normalise("last week")
    ('--02-21', None)
    """
    cleaned = re.sub(r"\s+", " ", text.strip().strip(".,;:")).lower()
    while (stripped := _LEADING.sub("", cleaned)) != cleaned:
        cleaned = stripped
    for pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"]) if parts.get("year") else None
        if parts.get("m"):
            month, day = int(parts["m"]), int(parts["d"])
        elif parts.get("month"):
            month = MONTHS[parts["month"]]
            day = int(parts["day"]) if parts.get("day") else None
        else:
            return f"{year:04d}" if year else None
        if not _valid(year, month, day):
            return None
        if year and day:
            return f"{year:04d}-{month:02d}-{day:02d}"
        if year:
            return f"{year:04d}-{month:02d}"
        return f"--{month:02d}-{day:02d}" if day else None
    return None


def xsd_type(value: str) -> str:
    """Name the XSD datatype of a value that `normalise` returned.

    >>> [xsd_type(v) for v in ("2018-06-30", "2019-11", "1988", "--02-21")]
    ['date', 'gYearMonth', 'gYear', 'gMonthDay']
    """
    if value.startswith("--"):
        return "gMonthDay"
    return {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]


_UNNAMED = re.compile(r"\(\?P<\w+>")
_DATE_IN_LINE = re.compile(
    _UNNAMED.sub("(?:", rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_YEAR}-\d{{2}}-\d{{2}}"),
    re.I,
)
# A dateline ("Paris, June 30, 2018 —"), a label ("Published: 2 March 2021"), or a line
# that is nothing but a date. Anything else near the top (a date inside a sentence) is not
# the document's own date.
_DATELINE = re.compile(r"^(?:[A-Z][\w .'’-]{0,40},\s*)?(?P<date>.+?)\s*(?:[—–]|--|-\s)", re.S)
_LABELLED = re.compile(r"^(?:published|posted|updated|date|dated|last updated)(?: on)?\s*:?\s*(?P<date>.+)$", re.I)


def document_date(lines: list[str], head: int = 8) -> str | None:
    """Find the date a document states as its own in its first HEAD non-empty lines.

    >>> document_date(["Title of the story", "Iran, November 4, 2020—As Iran braces ..."])
    '2020-11-04'
    >>> document_date(["Title", "It happened on June 30, 2018 in Paris."]) is None
    True
    """
    for line in [ln.strip() for ln in lines if ln.strip()][:head]:
        for pattern in (_LABELLED, _DATELINE):
            match = pattern.match(line)
            if match:
                found = _DATE_IN_LINE.fullmatch(match.group("date").strip(" ,|"))
                if found and (value := normalise(found.group(0))) and len(value) == 10:
                    return value
        if _DATE_IN_LINE.fullmatch(line.strip(" .|")):
            value = normalise(line)
            if value and len(value) == 10:
                return value
    return None
