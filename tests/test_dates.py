"""Date values: absolute forms, relative forms against a fixed document date, and what
must never get a value. kg.dates decides; dateparser does the calendar."""

from __future__ import annotations

import pytest

from kg.analysis.dates import document_date, kind, resolve

# (text, document date, tense of the clause, expected value)
CASES = [
    ("June 30, 2018", None, None, "2018-06-30"),
    ("30 June 2018", "2021-01-01", None, "2018-06-30"),
    ("November 2019", None, None, "2019-11"),
    ("the summer of 2019", None, None, "2019"),
    ("mid-2019", None, None, "2019"),
    ("1988", None, None, "1988"),
    ("February 21", None, None, "--02-21"),
    # a Wednesday: the Tuesday before in a past clause, the Tuesday after in a future one
    ("Tuesday", "2020-11-04", "past", "2020-11-03"),
    ("Tuesday", "2020-11-04", "future", "2020-11-10"),
    ("Tuesday", "2020-11-04", None, "2020-11-03"),
    ("on Tuesday morning", "2020-11-04", "past", "2020-11-03"),
    ("Wednesday", "2020-11-04", "past", "2020-11-04"),
    ("last Friday", "2020-11-04", None, "2020-10-30"),
    ("next Friday", "2020-11-04", None, "2020-11-06"),
    ("yesterday", "2020-11-04", None, "2020-11-03"),
    ("today", "2020-11-04", None, "2020-11-04"),
    ("last night", "2020-11-04", "past", "2020-11-03"),
    ("this morning", "2020-11-04", "past", "2020-11-04"),
    ("three weeks ago", "2020-11-04", None, "2020-10"),
    ("12 days ago", "2020-11-04", None, "2020-10-23"),
    ("next month", "2020-11-04", None, "2020-12"),
    ("last month", "2021-01-10", None, "2020-12"),
    ("this year", "2020-11-04", None, "2020"),
    ("last year", "2020-11-04", None, "2019"),
    ("earlier this month", "2020-11-18", None, "2020-11"),
    ("two years ago", "2020-11-04", None, "2018"),
    # last week: Monday 9 to Sunday 15 November, inside one month
    ("last week", "2020-11-18", None, "2020-11"),
    # a week across two months is only its year
    ("last week", "2020-11-04", None, "2020"),
    # month and day without a year: the year comes from the document date, across the new year
    ("February 21", "2020-01-15", None, "2020-02-21"),
    ("February 21", "2020-01-15", "future", "2020-02-21"),
    ("December 28", "2021-01-03", None, "2020-12-28"),
    ("December 28", "2021-01-03", "past", "2020-12-28"),
    ("January 20", "2021-01-03", "future", "2021-01-20"),
    ("March 14", "2020-11-04", "past", "2020-03-14"),
    # no document date: a relative date has no value
    ("Tuesday", None, "past", None),
    ("last week", None, None, None),
]

NO_VALUE = ["40 years", "three months", "the 1980s", "1990s", "recent years", "the past two years",
            "45-year-old", "November", "in May", "the next day", "21st century", "interview last year",
            "a few days", "decades"]


@pytest.mark.parametrize("text,anchor,tense,expected", CASES)
def test_resolve(text, anchor, tense, expected):
    assert resolve(text, anchor, tense) == expected


@pytest.mark.parametrize("text", NO_VALUE)
def test_no_value(text):
    assert resolve(text, "2020-11-04", "past") is None
    assert kind(text) in ("decade", "vague")


def test_decade_is_a_decade():
    assert kind("the 1980s") == "decade" and kind("40 years") == "vague"


@pytest.mark.parametrize("line,expected", [
    ("Iran, November 4, 2020—As Iran braces for", "2020-11-04"),
    ("Published: 2 March 2021", "2021-03-02"),
    ("Updated on 3 March 2021, 10:15 GMT", "2021-03-03"),
    ("PARIS, March 3, 2021 (Newswire) - The", "2021-03-03"),
    ("By Ana Costa | Tuesday, 12 January 2021", "2021-01-12"),
    ("June 30, 2018", "2018-06-30"),
    ("It happened on June 30, 2018 in Paris.", None),
    ("In Paris, June 30, 2018 was hot.", None),
    ("The vote of June 30, 2018 - a farce", None),
    ("Published: March 2021", None),
])
def test_document_date(line, expected):
    assert document_date(["A headline", line]) == expected
