"""kg.analysis.docindex.text_of: the document text, computed once per parsed document."""

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
