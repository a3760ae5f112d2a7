"""The one pronoun resolver (kg.analysis.pronouns), shared by quotes and facts."""

from __future__ import annotations

import pytest

from kg.analysis.docindex import sentence_of
from kg.analysis.mentions import collect
from kg.analysis.pronouns import antecedents, resolve
from kg.analysis.quotes import find
from kg.model import Mention


def _resolve(nlp, text: str, word: str, nth: int = 0):
    sdoc = nlp(text)
    _, mentions = collect(sdoc)
    token = [t for t in sdoc if t.text == word][nth]
    found = resolve(sdoc, token.i, mentions, sentence_of(sdoc))
    return found.text if found is not None else None


@pytest.mark.parametrize("text,word,expected", [
    # the subject of the sentence before wins over the nearer name
    ("Coach Ada Lind praised her captain, Lena Ruiz. She said the team had won.", "She", "Ada Lind"),
    # a title gives the gender
    ("Mr. Tom Becker met Ms. Hanna Vogel in Oslo. She said the deal was done.", "She", "Hanna Vogel"),
    # so does the person's own pronoun ("X said he …")
    ("Nina Holm said she was tired. Holm met Omar Brandt later. He left early.", "He", "Omar Brandt"),
    # the subject of the same sentence, before the pronoun
    ("Jane Roe said she would resign in May.", "she", "Jane Roe"),
    # a name that is no subject in the pronoun's own sentence is no antecedent
    ("After meeting Jane Roe, he left the building.", "he", None),
    # two subjects: ambiguous
    ("Paul Hart and David Lowe inspected the dam. He said it held.", "He", None),
    # a subject that is an unnamed person noun decides: no guess
    ("The coach praised her captain, Lena Ruiz. She said the team had won.", "She", None),
    # "it" follows a subject organisation, and nothing else
    ("Acme Robotics Inc. reported a loss on Monday. It said sales had fallen.", "It", "Acme Robotics Inc"),
    ("The plan was approved by Acme Robotics Inc. on Monday. It said sales had fallen.", "It", None),
    # a definite noun: the organisation the text names by it, the one organisation, the person titled so
    ("The Electoral Commission met on Monday. The commission said turnout was high.", "commission",
     "Electoral Commission"),
    ("Halvorsen Motors sold more cars. The company said prices would rise.", "company", "Halvorsen Motors"),
    ("Coach Ada Lind and Lena Ruiz arrived. The coach said the team had won.", "coach", "Ada Lind"),
    # a lead's person noun named only further on, by the title before the name
    ("The transport minister spoke first. Transport Minister Henrik Aasen left later.", "minister", "Henrik Aasen"),
    # a noun that names no kind of thing is no one
    ("Halvorsen Motors sold more cars. The plan said prices would rise.", "plan", None),
])
def test_resolve(nlp, text, word, expected):
    assert _resolve(nlp, text, word) == expected


def test_resolve_follows_a_chain_of_pronouns(nlp):
    text = "Sofia Marquez arrived in Lima. She met the mayor, Carlos Ruiz. She said the visit went well."
    assert _resolve(nlp, text, "She", 1) == "Sofia Marquez"


def test_antecedents_maps_subject_pronouns(nlp):
    sdoc = nlp("Jane Roe won the race. She smiled. Paul Hart and David Lowe cheered. He left.")
    _, mentions = collect(sdoc)
    found = {sdoc[i].text: m.text for i, m in antecedents(sdoc, mentions, sentence_of(sdoc)).items()}
    assert found == {"She": "Jane Roe"}


def _mention(text: str, name: str, kind: str, nth: int = 0) -> Mention:
    start = [i for i in range(len(text)) if text.startswith(name, i)][nth]
    return Mention(start, start + len(name), name, kind, 0)


def test_a_name_ner_typed_otherwise_is_the_person_of_that_name(nlp):
    # NER's errors, written out: the surname alone typed as a place
    text = 'His lawyer, Michael Grady, spoke first. "We believe the jury was misled," Grady told reporters.'
    mentions = [_mention(text, "Michael Grady", "Person"), _mention(text, "Grady", "Place", 1)]
    _, facts = find(nlp(text), mentions)
    assert [(text[slice(*f.subject)], f.method) for f in facts] == [("Michael Grady", "speech-verb-subject")]


def test_an_organisation_with_a_she_of_its_own_is_a_person(nlp):
    # NER's errors, written out: a singer typed as an organisation, a city as a person
    text = ("Ostrova recorded forty albums in Lyon, and in 1988 she was awarded a prize. "
            "In an interview in 2015, she said that leaving had been hard.")
    sdoc = nlp(text)
    mentions = [_mention(text, "Ostrova", "Organization"), _mention(text, "Lyon", "Person")]
    she = [t for t in sdoc if t.text == "she"][1]
    assert resolve(sdoc, she.i, mentions, sentence_of(sdoc)).text == "Ostrova"
