"""Corpus-wide entity resolution (kg.resolve.cluster) on hand-built records, without spaCy.

Each case writes a document's text and names its mentions as (surface form, kind); the
helper finds every surface form in the text, in order, as the analysis would have.
"""

from __future__ import annotations

import pytest

from kg.model import AliasRules, DocResult, Document, Mention
from kg.resolve import Resolution, cluster


def doc(doc_id: str, text: str, *mentions: tuple[str, str] | tuple[str, str, str],
        acronyms: tuple[tuple[str, str], ...] = ()) -> DocResult:
    """A DocResult of TEXT (one sentence) whose MENTIONS are (name, kind[, date value]),
    each found after the previous one; ACRONYMS are (long form, acronym) written in TEXT."""
    found, at = [], 0
    for name, kind, *value in mentions:
        start = text.index(name, at)
        at = start + len(name)
        found.append(Mention(start, at, name, kind, 0, value=value[0] if value else None))
    spans = tuple((_span(text, long), _span(text, short)) for long, short in acronyms)
    document = Document(doc_id, f"corpus/{doc_id}.txt", text, "0" * 64, doc_id)
    return DocResult(document, ((0, len(text)),), tuple(found), acronyms=spans)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def groups(resolution: Resolution, results: list[DocResult]) -> list[tuple[str, list[str]]]:
    """(entity key, the surface forms of its mentions in document order), by key."""
    forms: dict[str, list[str]] = {}
    for result in results:
        for mention in result.mentions:
            key = resolution.entity_of(result.document.doc_id, mention.span)
            if key is not None:
                forms.setdefault(key, []).append(mention.text)
    return sorted(forms.items())


def entity(resolution: Resolution, key: str):
    [found] = [e for e in resolution.entities if e.key == key]
    return found


def test_the_same_name_in_two_documents_is_one_entity():
    results = [doc("a", "Ada Lovelace wrote notes.", ("Ada Lovelace", "Person")),
               doc("b", "Later, Ada Lovelace met Babbage.", ("Ada Lovelace", "Person"), ("Babbage", "Person"))]
    resolution = cluster(results)
    assert groups(resolution, results) == [("person/ada-lovelace", ["Ada Lovelace", "Ada Lovelace"]),
                                           ("person/babbage", ["Babbage"])]
    assert entity(resolution, "person/ada-lovelace").mention_count == 2


def test_names_differing_in_case_diacritics_and_the_are_one_entity():
    results = [doc("a", "The Émile Zola Society met.", ("The Émile Zola Society", "Organization")),
               doc("b", "emile zola society members left.", ("emile zola society", "Organization"))]
    [only] = cluster(results).entities
    assert (only.label, only.aliases, only.mention_count) == ("The Émile Zola Society", ("emile zola society",), 2)


def test_a_surname_joins_the_full_name_it_belongs_to():
    results = [doc("a", "Dr. Ada Lovelace wrote. Lovelace said more.",
                   ("Ada Lovelace", "Person"), ("Lovelace", "Person"))]
    resolution = cluster(results)
    assert groups(resolution, results) == [("person/ada-lovelace", ["Ada Lovelace", "Lovelace"])]
    assert entity(resolution, "person/ada-lovelace").aliases == ("Lovelace",)


def test_a_surname_in_another_document_joins_only_when_tagged_a_person():
    results = [doc("a", "Ada Lovelace wrote.", ("Ada Lovelace", "Person")),
               doc("b", "Lovelace said more.", ("Lovelace", "Person")),
               doc("c", "The Lovelace fund paid.", ("Lovelace", "Organization"))]
    resolution = cluster(results)
    assert resolution.entity_of("b", (0, 8)) == "person/ada-lovelace"
    assert resolution.entity_of("c", (4, 12)) != "person/ada-lovelace"


def test_a_shared_surname_stays_apart_and_names_a_person():
    text = "John Hansen and Peter Hansen founded it. Hansen said so."
    results = [doc("a", text, ("John Hansen", "Person"), ("Peter Hansen", "Person"), ("Hansen", "Organization"))]
    resolution = cluster(results)
    assert groups(resolution, results) == [("person/hansen", ["Hansen"]),
                                           ("person/john-hansen", ["John Hansen"]),
                                           ("person/peter-hansen", ["Peter Hansen"])]


def test_a_defined_acronym_joins_its_long_form_in_every_document():
    results = [doc("a", "The World Health Organization (WHO) met. WHO said no.",
                   ("World Health Organization", "Organization"), ("WHO", "Organization"),
                   acronyms=(("World Health Organization", "WHO"),)),
               doc("b", "WHO staff left.", ("WHO", "Person"))]
    resolution = cluster(results)
    assert groups(resolution, results) == [("organization/world-health-organization",
                                            ["World Health Organization", "WHO", "WHO"])]
    assert entity(resolution, "organization/world-health-organization").aliases == ("WHO",)


def test_an_acronym_defined_two_ways_stays_with_each_document_s_definition():
    results = [doc("a", "The International Criminal Court (ICC) ruled. ICC judges met.",
                   ("International Criminal Court", "Organization"), ("ICC", "Organization"),
                   acronyms=(("International Criminal Court", "ICC"),)),
               doc("b", "The International Cricket Council (ICC) ruled. ICC players met.",
                   ("International Cricket Council", "Organization"), ("ICC", "Organization"),
                   acronyms=(("International Cricket Council", "ICC"),))]
    resolution = cluster(results)
    assert groups(resolution, results) == [
        ("organization/international-cricket-council", ["International Cricket Council", "ICC"]),
        ("organization/international-criminal-court", ["International Criminal Court", "ICC"]),
    ]


def test_an_acronym_written_only_inside_a_slash_pair_is_still_a_name():
    text = "The Pacific Exchange Council (PCE/PacEx) met. PCE/PacEx grew."
    results = [doc("a", text, ("Pacific Exchange Council", "Organization"), ("PCE/PacEx", "Organization"),
                   acronyms=(("Pacific Exchange Council", "PCE"), ("Pacific Exchange Council", "PacEx")))]
    [only] = cluster(results).entities
    assert (only.label, only.aliases) == ("Pacific Exchange Council", ("PCE", "PCE/PacEx", "PacEx"))


def test_a_short_organisation_name_joins_the_full_name_of_its_document():
    results = [doc("a", "Acme Robotics Inc hired. Acme grew.",
                   ("Acme Robotics Inc", "Organization"), ("Acme", "Organization"))]
    assert groups(cluster(results), results) == [("organization/acme-robotics-inc",
                                                  ["Acme Robotics Inc", "Acme"])]


def test_organisation_names_equal_but_for_head_nouns_and_spelling_are_one():
    results = [doc("a", "Acme Robotics Corporation fired.", ("Acme Robotics Corporation", "Organization")),
               doc("b", "The Acme Robotic left.", ("Acme Robotic", "Organization"))]
    assert groups(cluster(results), results) == [("organization/acme-robotics-corporation",
                                                  ["Acme Robotics Corporation", "Acme Robotic"])]


def test_organisations_with_different_head_nouns_stay_apart():
    results = [doc("a", "Royal Thai Army and Royal Thai Government.",
                   ("Royal Thai Army", "Organization"), ("Royal Thai Government", "Organization"))]
    assert len(cluster(results).entities) == 2


def test_an_organisation_of_a_place_is_the_same_organisation_unqualified():
    results = [doc("a", "Ethics and Anti Corruption Commission of Kenya said. Kenya is big.",
                   ("Ethics and Anti Corruption Commission of Kenya", "Organization"), ("Kenya", "Place")),
               doc("b", "Ethics and Anti Corruption Commission left.",
                   ("Ethics and Anti Corruption Commission", "Organization"))]
    assert groups(cluster(results), results) == [
        ("organization/ethics-and-anti-corruption-commission-of-kenya",
         ["Ethics and Anti Corruption Commission of Kenya", "Ethics and Anti Corruption Commission"]),
        ("place/kenya", ["Kenya"]),
    ]


def test_spelling_variants_of_a_first_name_are_one_person():
    results = [doc("a", "Mohammad Rezaei spoke.", ("Mohammad Rezaei", "Person")),
               doc("b", "Mohammed Rezaei left.", ("Mohammed Rezaei", "Person"))]
    [only] = cluster(results).entities
    assert only.mention_count == 2 and only.kind == "Person"


TWAIN = [doc("a", "Mark Twain wrote. Samuel Clemens signed. Twain left. Acme paid.",
             ("Mark Twain", "Person"), ("Samuel Clemens", "Person"), ("Twain", "Person"), ("Acme", "Person"))]


def test_without_rules_the_pen_name_and_the_real_name_are_two_people():
    assert groups(cluster(TWAIN), TWAIN) == [("person/acme", ["Acme"]),
                                             ("person/mark-twain", ["Mark Twain", "Twain"]),
                                             ("person/samuel-clemens", ["Samuel Clemens"])]


def test_a_same_rule_merges_two_names():
    rules = AliasRules(same=(("samuel-clemens", "mark-twain"),))
    assert groups(cluster(TWAIN, rules), TWAIN) == [
        ("person/acme", ["Acme"]), ("person/samuel-clemens", ["Mark Twain", "Samuel Clemens", "Twain"])]


def test_a_different_rule_keeps_two_names_apart_against_every_link():
    rules = AliasRules(same=(("samuel-clemens", "mark-twain"),), different=(("twain", "mark-twain"),))
    assert groups(cluster(TWAIN, rules), TWAIN) == [("person/acme", ["Acme"]),
                                                    ("person/samuel-clemens", ["Mark Twain", "Samuel Clemens"]),
                                                    ("person/twain", ["Twain"])]


def test_a_kind_rule_overrides_the_vote():
    resolution = cluster(TWAIN, AliasRules(kinds=(("acme", "Organization"),)))
    assert entity(resolution, "organization/acme").kind == "Organization"
    assert "person/acme" not in {e.key for e in resolution.entities}


@pytest.mark.parametrize(("mentions", "kind"), [
    ((("Jordan", "Place"), ("Jordan", "Person"), ("Jordan", "Place")), "Place"),
    # A tie between organisation and place: one word is a place, several an organisation.
    ((("Georgia", "Organization"), ("Georgia", "Place")), "Place"),
    ((("New Holland", "Organization"), ("New Holland", "Place")), "Organization"),
])
def test_the_kind_is_a_vote_of_the_mentions(mentions, kind):
    text = " and ".join(name for name, _ in mentions) + "."
    [only] = cluster([doc("a", text, *mentions)]).entities
    assert only.kind == kind


def test_dates_with_a_value_are_one_entity_per_value():
    results = [doc("a", "On 30 June 2018 it rained.", ("30 June 2018", "Date", "2018-06-30")),
               doc("b", "By June 30, 2018 it had stopped.", ("June 30, 2018", "Date", "2018-06-30")),
               doc("c", "In 2019 it was dry.", ("2019", "Date", "2019"))]
    resolution = cluster(results)
    assert [(e.key, e.kind, e.value, e.mention_count) for e in resolution.entities] == [
        ("date/2018-06-30", "Date", "2018-06-30", 2), ("date/2019", "Date", "2019", 1)]
    assert resolution.entity_of("b", (3, 16)) == "date/2018-06-30"


def test_dates_without_a_value_are_decades_or_relative_or_nothing():
    results = [doc("a", "In the 1980s, on Tuesday, for three years.",
                   ("the 1980s", "Date"), ("Tuesday", "Date"), ("three years", "Date"))]
    resolution = cluster(results)
    assert [e.key for e in resolution.entities] == ["date/1980s", "date/a-tuesday"]
    assert resolution.entity_of("a", (31, 42)) is None


def test_two_entities_with_one_slug_get_distinct_keys():
    results = [doc("a", "Acme Ltd sued. Acme Ltd. paid.",
                   ("Acme Ltd", "Organization"), ("Acme Ltd.", "Organization"))]
    assert groups(cluster(results), results) == [("organization/acme-ltd", ["Acme Ltd"]),
                                                 ("organization/acme-ltd-2", ["Acme Ltd."])]


def test_no_mentions_no_entities():
    assert cluster([doc("a", "Nothing here.")]) == Resolution((), {})
