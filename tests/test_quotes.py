"""Quotations: the span finder on raw strings, the `quotes` library function and command."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from kg.build import graph_from_texts
from kg.cli import cli
from kg.quotelist import UNATTRIBUTED, format_quotes, quotes
from kg.analysis.quotespans import spans

COUNCIL = """Council Votes on Bridge

"We will rebuild the bridge before winter," Mayor Jane Holt said on Friday.

Ruth Adebayo said that the bridge would cost twice the first estimate.

"Nobody asked the people who cross it," one resident said.
"""
REPLY = """Mayor Answers Critics

Mayor Jane Holt defended the plan on Monday.

"The money is already in the budget," Holt told reporters.
"""


def _pieces(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.pieces] for q in spans(text)]


@pytest.mark.parametrize("text,expected", [
    ('He said: "We will win." Then he left.', [["We will win."]]),
    ("She said: “We will win,” and left.", [["We will win"]]),
    # an opening quote per paragraph, one closing quote: one quotation of three pieces
    ('"One thing.\n\n"Another thing.\n\n"Last thing," she said.', [["One thing.", "Another thing.", "Last thing"]]),
    # an unclosed quote ends with its paragraph when the next one does not open a quote
    ('He wrote: "It was late\n\nThe meeting ended.', [["It was late"]]),
    # a straight quote after a space closes the quote it ends
    ('He said: “It is over. "\n\nNext.', [["It is over."]]),
    ('No quotes here.', []),
])
def test_spans(text, expected):
    assert _pieces(text) == expected


def test_block_quote_after_a_colon_knows_its_introduction():
    text = "The minister wrote:\n\n“We are ready for the talks.”\n"
    (quoted,) = spans(text)
    assert quoted.block and text[slice(*quoted.introduced)] == "The minister wrote:"


@pytest.fixture(scope="module")
def graph(nlp):
    return graph_from_texts({"council": COUNCIL, "reply": REPLY})


def test_quotes_lists_speaker_text_and_document(graph):
    rows = quotes(graph)
    assert [(r.speaker, r.document, r.indirect) for r in rows] == [
        ("Jane Holt", "council.txt", False),
        ("Jane Holt", "reply.txt", False),
        ("Ruth Adebayo", "council.txt", True),
        (UNATTRIBUTED, "council.txt", False),
    ]
    assert rows[0].text == "We will rebuild the bridge before winter"
    assert "Mayor Jane Holt said on Friday" in rows[0].evidence


@pytest.mark.parametrize("speaker,expected", [
    ("HOLT", ["The money is already in the budget", "We will rebuild the bridge before winter"]),
    ("adebayo", ["the bridge would cost twice the first estimate"]),
    ("resident", []),  # an unattributed quote has no speaker to match
])
def test_quotes_of_one_speaker(graph, speaker, expected):
    assert sorted(r.text for r in quotes(graph, speaker)) == expected


def test_format_marks_reported_speech(graph):
    text = format_quotes(quotes(graph, "adebayo"))
    assert text == ("Ruth Adebayo (reported)  person:ruth-adebayo  [council.txt]\n"
                    "    “the bridge would cost twice the first estimate”")


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_quotes_command(built):
    everything = invoke("quotes")
    assert everything.exit_code == 0
    assert "  [corpus/" in everything.output and "\n    “" in everything.output
    none = invoke("quotes", "--speaker", "no such speaker anywhere")
    assert none.exit_code == 0 and none.output == "no quotation attributed to 'no such speaker anywhere'\n"


def test_quotes_command_errors_and_help(project):
    missing = invoke("quotes", "--graph", "nothing.ttl")
    assert missing.exit_code == 1 and "nothing.ttl does not exist: run `kg build` first" in missing.output
    helped = invoke("quotes", "--help")
    assert helped.exit_code == 0 and "Example:" in helped.output and "kg quotes" in helped.output
