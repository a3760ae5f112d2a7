"""Long documents are parsed in pieces that join back into one parse; a headline is a
piece, and a sentence, of its own."""

from __future__ import annotations

import pytest

from ingest_files import long_report
from kg import nlp as kg_nlp
from kg.analysis import analyse
from kg.corpus import clean, document_from_text
from kg.settings import Settings


@pytest.mark.parametrize("text,limit", [
    (long_report(3_000, seed=1), 400),
    ("One sentence after another without a break. " * 40, 300),  # no paragraph: cut at sentence ends
    ("word " * 500, 200),  # no sentence end: cut at spaces
    ("x" * 1000, 300),  # nothing to cut at
])
def test_pieces_tile_the_text_at_breaks(text, limit):
    spans = kg_nlp.pieces(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b and b == c for (a, b), (c, _) in zip(spans, spans[1:]))
    assert all(b - a <= limit + 2 for a, b in spans[1:])
    for a, b in spans[:-1]:  # a piece ends after a line break, a sentence end or a space
        assert text[b - 1].isspace() or text.startswith("x")
        if "\n\n" in text[a + limit // 4 + 1:a + limit]:  # a paragraph break, not a sliver of one
            assert text[b - 2:b] == "\n\n"


def test_a_headline_is_a_piece_when_a_blank_line_or_a_dateline_follows():
    assert kg_nlp.pieces("Rain Returns\n\nIt rained.\n")[0] == (0, 14)
    assert kg_nlp.pieces("Rain Returns\nKarsk, May 3, 2021 -\nIt rained.\n")[0] == (0, 13)
    assert kg_nlp.pieces("It rained.\n\nThen sun.\n") == [(0, 22)]  # a sentence is no headline
    assert kg_nlp.pieces("Rain Returns\nIt rained.\n") == [(0, 24)]  # nor a line running into the text
    assert kg_nlp.pieces("Tech Weekly\n\nRain Returns\n\nIt rained.\n")[:2] == [(0, 13), (13, 27)]


def _analysed(text: str, chunk_chars: int):
    document = document_from_text(clean(text), "d", "d.txt")
    [(document, sdoc)] = list(kg_nlp.parse([document], Settings(chunk_chars=chunk_chars)))
    assert sdoc.text == document.text
    return analyse(document, sdoc)


def test_a_document_parsed_in_pieces_is_analysed_as_a_whole(nlp):
    text = long_report(6_000, seed=3)
    whole, pieces = _analysed(text, 100_000), _analysed(text, 700)
    assert len(kg_nlp.pieces(clean(text), 700)) > 8
    assert pieces.sentences == whole.sentences
    assert pieces.mentions == whole.mentions
    assert pieces.facts == whole.facts and pieces.quotes == whole.quotes
    for mention in pieces.mentions:
        if mention.kind == "Event":
            continue  # an event stated by a verb is labelled by its type word ("meeting" for "met")
        assert pieces.document.text[mention.start:mention.end].replace("\n", " ").strip(" .,") \
            .endswith(mention.text.split()[-1])


@pytest.mark.parametrize("name", ["Marta Oliveira", "Jonas Quist", "Hana Kowalski"])
def test_a_headline_that_is_a_name_is_that_person_and_its_own_sentence(nlp, name):
    surname = name.split()[-1]
    result = _analysed(f"{name}\n\n{name} opened a bakery in Greywater in 2019. {surname} had worked for "
                       "the Baltic Grain Company for ten years.\n", 100_000)
    assert result.sentence_text(0) == name and result.sentence_text(1).startswith(f"{name} opened")
    people = {(m.text, m.sentence) for m in result.mentions if m.kind == "Person"}
    assert {(name, 0), (name, 1)} <= people
    assert result.document.title == name
