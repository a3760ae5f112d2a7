"""Normalise date expressions to XSD lexical values.

Only what the text states is normalised: a day with month and year becomes an
``xsd:date``, a month with a year ``xsd:gYearMonth``, a year ``xsd:gYear``, a day and
month without a year ``xsd:gMonthDay``. Relative expressions ("Tuesday", "last week",
"February 21") are resolved against the document's own date by `resolve`, which leaves
the calendar arithmetic to dateparser; decades, durations, ages and vague spans get no
value.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

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
# Words before a date that narrow it below what XSD can say ("the summer of 2019" is 2019).
_LEADING = re.compile(
    r"^(?:(?:on|in|since|by|from|until|the|early|late|spring|summer|autumn|fall|winter"
    r"|(?:the\s+)?(?:end|beginning|start|middle|first half|second half))(?:\s+of)?\s+|mid-?\s*)",
    re.I,
)


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
# A dateline ("Paris, June 30, 2018 —", "PARIS, March 3, 2021 (Reuters) -"), a label
# ("Published: 2 March 2021", "Updated on 3 March 2021, 10:15 GMT"), a byline
# ("By Jane Doe | June 30, 2018"), or a line that is nothing but a date. Anything else near
# the top (a date inside a sentence) is not the document's own date.
_HEADER = re.compile(
    r"(?:[^|\n]{0,60}\|\s*)?"
    r"(?:(?:published|posted|updated|date|dated|last updated)(?:\s+on)?\s*:?\s*)?"
    r"(?:[A-Z][\w .'’-]{0,40}?,\s*){0,2}?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<date>" + _DATE_IN_LINE.pattern + r")"
    r"\s*(?:$|[—–]|--|-(?:\s|$)|\(|\||,?\s*\d{1,2}[:.]\d{2}|\.$)",
    re.I,
)
# A dateline that opens a paragraph ("LONDON, May 18, 2024 (Reuters) - Jane Doe said ..."):
# the place, the date, an optional agency and a dash. NER reads the name after the dash as
# part of the date, so the cleaner puts the story on a line of its own (split_dateline).
_OPENING_DATELINE = re.compile(
    r"(?P<head>(?:[A-Z][\w .'’/-]{0,40}?,\s*){1,2}?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:" + _DATE_IN_LINE.pattern + r")(?:\s*\([^()\n]{1,40}\))?\s*(?:—|–|--|-))\s*(?P<rest>\S.*)",
    re.I,
)


def split_dateline(line: str) -> str:
    """LINE with an opening dateline set on a line of its own.

    >>> split_dateline("LONDON, May 18, 2024 (Reuters) - Jane Doe won.")
    'LONDON, May 18, 2024 (Reuters) -\\nJane Doe won.'
    >>> split_dateline("ANKARA, Turkey, February 6, 2023 -- A quake struck.")
    'ANKARA, Turkey, February 6, 2023 --\\nA quake struck.'
    >>> split_dateline("He said that on May 18, 2024 - the day of the vote - it rained.")
    'He said that on May 18, 2024 - the day of the vote - it rained.'
    """
    match = _OPENING_DATELINE.match(line)
    return f"{match.group('head')}\n{match.group('rest')}" if match else line


def document_date(lines: list[str], head: int = 8) -> str | None:
    """Find the date a document states as its own in its first HEAD non-empty lines.

    >>> document_date(["Title of the story", "Chile, November 4, 2020—As Chile braces ..."])
    '2020-11-04'
    >>> document_date(["Title", "Tuesday, 2 March 2021"]), document_date(["Title", "It happened on June 30, 2018."])
    ('2021-03-02', None)
    """
    for line in [ln.strip() for ln in lines if ln.strip()][:head]:
        match = _HEADER.match(line)
        if match and (value := normalise(match.group("date"))) and len(value) == 10:
            return value
    return None


# What kind of date expression a DATE mention is; only "absolute" and "relative" can get a
# value, and only "decade" and "relative" are date nodes without one.
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
_UNITS = r"(?:years?|months?|weeks?|weekends?|days?|decades?|centur(?:y|ies)|hours?|nights?|quarters?)"
_DECADE = re.compile(r"(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(?:\d{3}0|['’]?\d0)['’]?s")
_RELATIVE = re.compile(
    rf"(?:(?:last|this|next|coming)\s+)?(?:yesterday|today|tonight|tomorrow|{_WEEKDAYS.replace(' ', '|')})"
    rf"(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:last|next|this|previous|coming)\s+{_UNITS}|this\s+(?:morning|afternoon|evening)"
    rf"|(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few)\s+{_UNITS}\s+ago",
    re.I,
)
_MONTH_ONLY = re.compile(rf"(?:(?:in|on|since|by|until|early|late|mid-?)\s+)*{_MONTH}", re.I)
# "earlier this month", "late last year": the modifier narrows the period, it does not move it.
_NARROWING = re.compile(r"^(?:earlier|later|early|late|mid-?|since|by|until|from|on|in|during|over|as of)\s+", re.I)


def kind(text: str) -> str:
    """Classify a date expression: absolute, relative, decade or vague (durations, ages,
    "recent years", a month without a year).

    >>> [kind(t) for t in ("June 30, 2018", "February 21", "last week", "the 1980s", "40 years")]
    ['absolute', 'relative', 'relative', 'decade', 'vague']
    """
    cleaned = re.sub(r"\s+", " ", text.strip().strip(".,;:"))
    value = normalise(cleaned)
    if value and not value.startswith("--"):
        return "absolute"
    bare = cleaned
    while (stripped := _NARROWING.sub("", bare)) != bare:
        bare = stripped
    if value or _RELATIVE.fullmatch(bare):
        return "relative"
    if _DECADE.fullmatch(cleaned.lower()):
        return "decade"
    return "vague"


def resolve(text: str, anchor: str | None, tense: str | None = None) -> str | None:
    """The most precise XSD value of a date expression, reading a relative one against
    ANCHOR (the document's ISO date, or None); TENSE ("past", "future" or None) is the
    tense of the clause, which picks the Tuesday or the February 21 meant.

    >>> resolve("Tuesday", "2020-11-04", "past"), resolve("February 21", "2020-01-15")
    ('2020-11-03', '2020-02-21')
    >>> resolve("last week", "2020-11-18"), resolve("40 years", "2020-11-04"), resolve("Tuesday", None)
    ('2020-11', None, None)
    """
    found = kind(text)
    if found == "absolute":
        return normalise(text)
    if found != "relative":
        return None
    if anchor is None:
        return normalise(text)  # "February 21" stays a gMonthDay; "Tuesday" has no value
    cleaned = re.sub(r"\s+", " ", text.strip().strip(".,;:"))
    while (stripped := _NARROWING.sub("", cleaned)) != cleaned:
        cleaned = stripped
    # Parts of a day are that day: "last night" is yesterday, "this morning" today.
    cleaned = re.sub(r"^last night$", "yesterday", cleaned, flags=re.I)
    cleaned = re.sub(r"^(?:this (?:morning|afternoon|evening)|tonight)$", "today", cleaned, flags=re.I)
    cleaned = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", cleaned, flags=re.I)
    # "last Tuesday" is the Tuesday before; dateparser reads only the bare weekday.
    weekday = re.fullmatch(rf"(last|this|next|coming)\s+({_WEEKDAYS.replace(' ', '|')})", cleaned, re.I)
    if weekday:
        cleaned = weekday.group(2)
        tense = "past" if weekday.group(1).lower() == "last" else "future"
    elif cleaned.lower() == date.fromisoformat(anchor).strftime("%A").lower():
        return anchor  # "on Wednesday" in Wednesday's paper is that day, not a week away
    if tense in ("past", "future"):
        return _parse(cleaned, anchor, tense)
    # No tense to go by: the reading nearest the document's date.
    past, future = _parse(cleaned, anchor, "past"), _parse(cleaned, anchor, "future")
    if past == future or future is None:
        return past
    if past is None:
        return future
    day = date.fromisoformat(anchor)
    return min((past, future), key=lambda v: abs((_start(v) - day).days))


def _start(value: str) -> date:
    return date.fromisoformat((value + "-01-01")[:10])


@lru_cache(maxsize=4096)
def _parse(text: str, anchor: str, prefer: str) -> str | None:
    """dateparser's reading of TEXT on ANCHOR's day, at the precision it reports."""
    data = _parser(anchor, prefer).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "day":
        return day.isoformat()
    if data.period == "week":
        monday = day - timedelta(days=day.weekday())
        sunday = monday + timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return f"{monday.year:04d}-{monday.month:02d}"
        return f"{monday.year:04d}" if monday.year == sunday.year else None
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if data.period == "year":
        return f"{day.year:04d}"
    return None


@lru_cache(maxsize=64)
def _parser(anchor: str, prefer: str):
    # English only: no language detection, and dateparser never fetches anything.
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime.fromisoformat(anchor), "PREFER_DATES_FROM": prefer,
                "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)
