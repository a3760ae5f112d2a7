"""kg.doctext.text_of: the document text, computed once per parsed document."""

from kg.doctext import text_of


def test_text_of_is_the_documents_text_and_is_kept(nlp):
    sdoc = nlp("Maria Lopez joined Acme Robotics in May. She left in June.")
    assert text_of(sdoc) == sdoc.text
    assert text_of(sdoc) is text_of(sdoc)


def test_text_of_an_object_without_user_data_asks_it():
    class Plain:
        text = "A plain text."
    assert text_of(Plain()) == "A plain text."
