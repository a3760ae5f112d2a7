"""kg.fastpipes: kg's pipeline gives every token the annotations stock spaCy gives it."""

from __future__ import annotations

import pytest

from kg.nlp import load
from kg.settings import Settings

TEXT = (
    "Harbour Notes\n\n"
    "Mira Castellane doesn't sail anymore; she's been repairing boats since 2011. "
    "\"I'm not leaving,\" she said, and her brothers' nets were drying on 14 poles.\n"
    "They'll have rebuilt the pier by March, and we'd gone further than anyone had expected. "
    "Gonna see y'all at the regatta? Let's go, the children are running and the geese flew off, "
    "though it was 3.5 degrees colder than the 12th of May.\n\n"
    "The Lindqvist Trust, which funds 40% of the harbour's repairs, wasn't consulted."
)
ATTRIBUTES = ("text", "tag_", "pos_", "morph", "lemma_", "dep_", "ent_iob_", "ent_type_", "is_sent_start")


@pytest.fixture(scope="session")
def stock():
    """kg's pipeline without kg.fastpipes: spaCy's own attribute ruler and lemmatizer."""
    return load(Settings().model, fast=False)


def annotations(doc) -> list[tuple]:
    return [tuple(str(getattr(t, a)) for a in ATTRIBUTES) + (t.head.i,) for t in doc]


def test_kg_pipeline_swaps_in_the_fast_components(nlp, stock):
    assert "kg_lemmatizer" in nlp.pipe_names and "kg_attribute_ruler" in nlp.pipe_names
    assert "lemmatizer" not in nlp.pipe_names and "lemmatizer" in stock.pipe_names


def test_every_token_annotated_as_stock_spacy(nlp, stock):
    ours, theirs = nlp(TEXT), stock(TEXT)
    assert annotations(ours) == annotations(theirs)
    pairs = [(t.text, t.lemma_) for t in ours]
    # suffix rules, exceptions, and the ruler's own lemmas for "gon na", "let 's"
    for pair in (("children", "child"), ("running", "run"), ("flew", "fly"), ("'m", "be"), ("n't", "not"),
                 ("Gon", "go"), ("na", "to"), ("'s", "us"), ("rebuilt", "rebuild")):
        assert pair in pairs
    she = [t for t in ours if t.text == "she"]
    assert she and all(str(t.morph) == "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs" for t in she)


def test_ruler_matches_are_the_stock_matchers(nlp, stock):
    """Multi-token rules ("gon na", "y' all", "let 's") and REGEX ones included."""
    doc = stock.make_doc(TEXT)
    for name, component in stock.pipeline:
        if name == "attribute_ruler":
            break
        doc = component(doc)
    fast = nlp.get_pipe("kg_attribute_ruler")
    matches = fast.match(doc)
    assert matches == stock.get_pipe("attribute_ruler").match(doc)
    assert any(end - start == 2 for _, _, start, end in matches)


def test_lemmas_left_alone_when_overwrite_is_set_fall_back_to_spacy(nlp):
    fast = nlp.get_pipe("kg_lemmatizer")
    doc = nlp.make_doc("The geese flew.")
    for name, component in nlp.pipeline:
        if name == "kg_lemmatizer":
            break
        doc = component(doc)
    doc[1].lemma_ = "gander"
    fast(doc)
    assert [t.lemma_ for t in doc] == ["the", "gander", "fly", "."]


def test_a_ruler_of_ones_own_gives_spacys_annotations_and_errors():
    """A negative index, a REGEX, an OP pattern (left to a Matcher), one attribute written;
    a rule added later is compiled too, and an index outside the match raises spaCy's error."""
    import spacy
    from spacy.attrs import IDS

    from kg.fastpipes import FastAttributes

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "port"}, {"LOWER": "ellis"}]], {"TAG": "NNP"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^ab"}}]], {"TAG": "XX"})
    ruler.add([[{"TEXT": "x", "OP": "?"}, {"LOWER": "the"}]], {"TAG": "DT"})
    fast = FastAttributes(ruler, IDS)
    text = "Port Ellis and Abbot saw the x the ship"
    theirs, ours = ruler(blank.make_doc(text)), fast(blank.make_doc(text))
    assert [t.tag_ for t in ours] == [t.tag_ for t in theirs] == ["", "NNP", "", "XX", "", "DT", "DT", "DT", ""]
    ruler.add([[{"LOWER": "saw"}]], {"POS": "VERB"}, index=2)
    with pytest.raises(ValueError) as stock_error:
        ruler(blank.make_doc(text))
    with pytest.raises(ValueError) as fast_error:
        fast(blank.make_doc(text))
    assert str(fast_error.value) == str(stock_error.value)
