"""A person's nationality, where the text ties a country to them.

    find(sdoc, mentions) -> (places, facts)

    "the Kenyan runner Mary Wanjiru"     a nationality word on the person's noun: a Place
    "Mary Wanjiru, a Kenyan runner,"     mention of the country (its name as the text, the
    "Kenyan Mary Wanjiru"                word's span) and Fact(person, "nationality", place)
    "Kenya's Mary Wanjiru"               a country's name as the person's possessor, or
    "Mary Wanjiru of Kenya"              after "of": a fact on the Place mention already there

Countries and nationality words come from kg.analysis.gazetteer (package data). The word
must qualify the person: "the Kenyan government said Mary Wanjiru ..." ties no one, and a
place that is no country ("Nairobi's X") states no nationality.
"""

from __future__ import annotations

from kg.analysis.cues import CUES
from kg.analysis.docindex import sentence_of, span_of, text_of
from kg.analysis.gazetteer import country, country_of_demonym, demonym_pattern
from kg.analysis.lexicon import DEMONYM_NOUNS, LEADER_HEADS, ORG_CLASS_NOUNS, PLACE_CLASS_NOUNS, TITLE_WORDS
from kg.model import Fact, Mention

_CONFIDENCE = 0.7
# Nouns whose nationality word places the name they describe: a town or region is in the
# country, a firm or club is based there. Not "party", "government", "court" ...: whose
# they are says nothing of where (a party in exile, a foreign court).
_LOCATED_NOUNS = PLACE_CLASS_NOUNS - {"country", "state", "territory"} | (ORG_CLASS_NOUNS & frozenset(
    """company firm carmaker automaker airline bank lender insurer retailer supermarket chain
    startup start-up conglomerate manufacturer maker producer brand label club team university
    hospital broadcaster newspaper daily publisher operator utility""".split()))
# By whether the noun is an organisation's: the kinds NER may have given the name.
_LOCATED_KINDS = {False: ("Place",), True: ("Organization", "Person", "Place")}
# A name NER called otherwise that its cues say may be a person's ("Lidia X, the
# composer"): its fact stands if the resolver makes it a person (the graph checks kinds).
_PERSON_CUES = frozenset(cue for cue, (kind, _) in CUES.items() if kind == "Person")


def find(sdoc, mentions: list[Mention]) -> tuple[list[Mention], list[Fact]]:
    """New Place mentions (one per nationality word tied to a person) and the
    nationality facts of SDOC.

    >>> find(nlp("The Kenyan runner Mary Wanjiru won."), mentions)  # doctest: +SKIP
    ([Mention(4, 10, 'Kenya', 'Place', 0)], [Fact((18, 30), 'nationality', (4, 10), 0, 'demonym', 0.7)])
    """
    person_at, body_at, taken = {}, {}, set()
    for mention in mentions:
        span = span_of(sdoc, mention)
        if span is None:
            continue
        taken.update(range(span.start, span.end))
        body_at.update((i, mention) for i in range(span.start, span.end))
        if mention.kind == "Person" or set(mention.cues) & _PERSON_CUES:
            person_at.update((i, mention) for i in range(span.start, span.end))
    named = {}
    for mention in mentions:
        if mention.kind == "Place" and (name := country(mention.text)):
            named.setdefault(name, mention.text)
    places, facts = _demonyms(sdoc, person_at, body_at, taken, named)
    facts += _country_names(sdoc, mentions, person_at)
    return places, facts


def _demonyms(sdoc, person_at: dict, body_at: dict, taken: set[int],
              named: dict[str, str]) -> tuple[list[Mention], list[Fact]]:
    sent_index = sentence_of(sdoc)
    places, facts = [], []
    for match in demonym_pattern().finditer(text_of(sdoc)):
        span = sdoc.char_span(match.start(), match.end())
        if span is None or len(span) != 1:
            continue
        token, name = span[0], country_of_demonym(match.group())
        if token.i in taken:
            continue
        if token.text in DEMONYM_NOUNS and token.dep_ not in ("amod", "compound", "nmod", "npadvmod"):
            person, located = _named_by_noun(token, person_at), None  # "the Frenchman Olivier X"
        elif token.dep_ not in ("amod", "compound", "nmod", "npadvmod"):
            continue
        else:
            person = _person_of(token.head, person_at)
            located = _located_by(token.head, body_at) if person is None else None
        if person is None and located is None:
            continue
        # The country under the name the document gives it, so both are one node.
        name = named.get(name, name)
        place = Mention(token.idx, token.idx + len(token.text), name, "Place", sent_index[token.i])
        places.append(place)
        if person is not None:
            facts.append(Fact(person.span, "nationality", place.span, person.sentence, "demonym", _CONFIDENCE))
        else:
            facts.append(Fact(located.span, "location", place.span, located.sentence, "demonym-location", _CONFIDENCE))
    return places, facts


def _named_by_noun(noun, person_at: dict) -> Mention | None:
    """The person a nationality noun names: "the Frenchman Olivier X", "Olivier X, a Frenchman"."""
    for child in noun.children:
        if child.dep_ == "appos" and child.i in person_at:
            return person_at[child.i]
    if noun.dep_ in ("appos", "attr") and noun.head.i in person_at:
        return person_at[noun.head.i]
    return None


def _located_by(noun, body_at: dict) -> Mention | None:
    """The place or organisation a nationality word's noun describes, which is in that
    country: "Santiago, the Chilean capital", "VinaSteel, a Vietnamese steelmaker", "the
    Norwegian airline SkyNord", "X is a Danish company"; not "the Chilean government" (no name), nor "a Chilean
    firm's offer for X" (X is not the firm)."""
    word = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or not noun.is_lower or noun.tag_ == "NNS" or word not in _LOCATED_NOUNS:
        return None
    names = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ in ("appos", "compound"):
        names.append(noun.head)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":  # "X is a Danish company"
        names += [c for c in noun.head.children if c.dep_ == "nsubj"]
    for token in names:
        if (found := body_at.get(token.i)) is not None and found.kind in _LOCATED_KINDS[word in ORG_CLASS_NOUNS]:
            return found
    return None


def _person_of(noun, person_at: dict) -> Mention | None:
    """The person NOUN is, or is said of: the name itself, a name in apposition to it, or
    the name it is a title of ("runner" in "the Kenyan runner Mary Wanjiru")."""
    if noun.i in person_at:
        return person_at[noun.i]
    if noun.lower_.rstrip(".") in TITLE_WORDS and noun.dep_ == "compound" and noun.head.i in person_at:
        return person_at[noun.head.i]  # "Kenyan President X": a capitalised title before the name
    if noun.pos_ != "NOUN" or not noun.is_lower or noun.lemma_.lower() in ORG_CLASS_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "appos" and child.i in person_at:
            return person_at[child.i]
    if noun.dep_ in ("compound", "appos") and noun.head.i in person_at:
        return person_at[noun.head.i]
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":  # "X is a Kenyan runner"
        return next((person_at[c.i] for c in noun.head.children
                     if c.dep_ == "nsubj" and c.i in person_at), None)
    return None


def _leads(between, person: Mention) -> bool:
    """Whether a leader's title stands before the person's name ("Supreme Leader X")."""
    words = {t.lower_.rstrip(".") for t in between} | set((person.title or "").lower().split())
    return bool(words & LEADER_HEADS)


def _country_names(sdoc, mentions: list[Mention], person_at: dict) -> list[Fact]:
    """"Norway's Kari Nordmann", "Kari Nordmann of Norway": a country's name possessing a
    person's name, or after "of" on it."""
    facts = []
    for mention in mentions:
        if mention.kind != "Place" or country(mention.text) is None:
            continue
        span = span_of(sdoc, mention)
        if span is None:
            continue
        root = span.root
        head = root.head
        if root.dep_ == "poss" and head.i in person_at:
            person, method = person_at[head.i], "country-possessive"
            if _leads(sdoc[root.i + 1:head.i + 1], person):
                continue  # "Norway's Prime Minister X" leads it (kg.analysis.relations)
        elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.i in person_at:
            person, method = person_at[head.head.i], "country-of"
        else:
            continue
        facts.append(Fact(person.span, "nationality", mention.span, person.sentence, method, _CONFIDENCE))
    return facts
