"""Pieces of the news rules that a case folder cannot pin down, because they depend on
what NER said: the pronoun resolver ignoring a one-word "person" that is NER's noise, and
the dateline reader on the lines kg.corpus makes."""

from __future__ import annotations

from kg.analysis import datelines, pronouns
from kg.analysis.docindex import sentence_of
from kg.model import Mention

TEXT = ("Kornhaus was fined. Kornhaus, based in Hamburg, runs 300 shops. "
        "Its chief executive, Liga Berzina, spoke.")


def _mention(text: str, word: str, kind: str, sentence: int, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(start, start + len(word), word, kind, sentence)


def test_its_passes_over_a_one_word_person_that_is_ner_noise(nlp):
    sdoc = nlp(TEXT)
    noise = _mention(TEXT, "Kornhaus", "Person", 0)
    company = _mention(TEXT, "Kornhaus", "Organization", 1, nth=1)
    its = next(t for t in sdoc if t.text == "Its")
    assert pronouns.resolve(sdoc, its.i, [noise, company], sentence_of(sdoc)) == company


def test_its_still_takes_a_person_written_in_full(nlp):
    text = "Ada Lind was fined. Lind, based in Hamburg, runs 300 shops. Its chief executive spoke."
    sdoc = nlp(text)
    person = _mention(text, "Ada Lind", "Person", 0)
    company = _mention(text, "Lind", "Organization", 1, nth=1)
    its = next(t for t in sdoc if t.text == "Its")
    # "Lind" is the surname of a person named in full: the resolver reads it as her
    assert pronouns.resolve(sdoc, its.i, [person, company], sentence_of(sdoc)) is None


def test_dateline_city_in_capitals_becomes_a_place(nlp):
    text = "Ferry resumes\n\nHANOI, Vietnam, April 15, 2025 -\nThe ferry sailed."
    sdoc = nlp(text)
    vietnam = _mention(text, "Vietnam", "Place", 1)
    places, facts = datelines.find(sdoc, [vietnam])
    assert [(p.text, p.kind, text[p.start:p.end]) for p in places] == [("Hanoi", "Place", "HANOI")]
    assert [(f.subject, f.predicate, f.obj, f.method) for f in facts] == [
        (places[0].span, "location", vietnam.span, "dateline")]


def test_no_dateline_in_the_story(nlp):
    text = "Ferry resumes\n\nThe ferry sailed from Hanoi, Vietnam, on April 15, 2025."
    sdoc = nlp(text)
    assert datelines.find(sdoc, []) == ([], [])
