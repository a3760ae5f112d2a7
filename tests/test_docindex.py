"""kg.analysis.docindex: the per-document index (text, sentences, noun chunks, a
mention's tokens, the headline tests)."""

import pytest

from kg.analysis.docindex import text_of


def test_text_of_is_the_documents_text_and_is_kept(nlp):
    sdoc = nlp("Maria Lopez joined Acme Robotics in May. She left in June.")
    assert text_of(sdoc) == sdoc.text
    assert text_of(sdoc) is text_of(sdoc)


def test_text_of_an_object_without_user_data_asks_it():
    class Plain:
        text = "A plain text."
    assert text_of(Plain()) == "A plain text."


def test_sentence_of_maps_every_token_to_its_sentence(nlp):
    from kg.analysis.docindex import sentence_of
    sdoc = nlp("Maria Lopez joined Acme Robotics in May. She left in June.")
    index = sentence_of(sdoc)
    assert index == {t.i: k for k, sent in enumerate(sdoc.sents) for t in sent}
    assert index[0] == 0 and index[len(sdoc) - 1] == 1
    assert sentence_of(sdoc) is index


def test_noun_chunks_are_the_documents_and_are_kept(nlp):
    from kg.analysis.docindex import noun_chunks
    sdoc = nlp("The old mayor of the city met a delegation from the port authority.")
    chunks = noun_chunks(sdoc)
    assert [c.text for c in chunks] == [c.text for c in sdoc.noun_chunks]
    assert "The old mayor" in [c.text for c in chunks]
    assert noun_chunks(sdoc) is chunks


def test_span_of_is_the_tokens_of_a_mention(nlp):
    from kg.analysis.docindex import span_of
    from kg.model import Mention
    sdoc = nlp("He met Dr. Ada Lovelace in London.")
    assert span_of(sdoc, Mention(11, 23, "Ada Lovelace", "Person", 0)).text == "Ada Lovelace"
    assert span_of(sdoc, Mention(12, 20, "da Lovel", "Person", 0)).text == "Ada Lovelace"  # whole tokens


def test_phrase_text_is_one_line_without_marks_around(nlp):
    from kg.analysis.docindex import phrase_text
    text = 'He said "the Acme\nCouncil".'
    assert phrase_text(nlp(text), 8, len(text)) == "the Acme Council"


@pytest.mark.parametrize("line,headline,title_case,title_case_line", [
    ("Acme and Borland Agree Merger", True, True, True),
    ("Acme and Borland Agree Merger:", False, True, True),
    ("Acme and Borland agreed to merge.", False, False, False),
    ("Rain expected in the north", True, False, False),
])
def test_headline_tests(nlp, line, headline, title_case, title_case_line):
    from kg.analysis.docindex import in_title_case, is_headline, is_title_case_line
    sent = nlp(line)[:]
    assert (is_headline(sent), in_title_case(sent), is_title_case_line(sent)) == (headline, title_case, title_case_line)


def test_the_analysis_keeps_no_tokens_on_the_document_once_done(nlp):
    """The kept token list and spans point back at the document: left in user_data they
    would keep every parsed document alive until the cycle collector ran."""
    from spacy.tokens import Span, Token

    from kg.analysis import analyse
    from kg.analysis.tokenlist import tokens
    from kg.model import Document

    text = "Maria Lopez, the mayor of Port Elden, met the harbour board. She said the port would grow."
    sdoc = nlp(text)
    assert tokens(sdoc) is tokens(sdoc) and [t.i for t in tokens(sdoc)] == list(range(len(sdoc)))
    result = analyse(Document("memo", "memo.txt", text, "0" * 64, "memo"), sdoc)
    assert any(m.text == "Maria Lopez" for m in result.mentions)
    kept = [v for value in sdoc.user_data.values()
            for v in (value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value])]
    assert not [v for v in kept if isinstance(v, (Span, Token))]
    assert not [key for key in sdoc.user_data if str(key).startswith("kg.")]


def test_is_headline_reads_the_sentence_text(nlp):
    from kg.analysis.docindex import is_headline
    sdoc = nlp("Harbour board approves expansion\nThe board met on Monday.")
    first, second = list(sdoc.sents)
    assert is_headline(first) and not is_headline(second)


def test_keep_text_gives_the_documents_text_only_when_it_is_the_parses(nlp):
    from kg.analysis.docindex import keep_text

    text = "Maria Lopez joined Acme Robotics in May.\n"
    sdoc = nlp(text)
    keep_text(sdoc, text)
    assert text_of(sdoc) is text
    other = nlp(text)
    keep_text(other, text + "More words the parse never saw.")
    assert text_of(other) == text
