"""The place of a news dateline, and the wider place it names after it.

    find(sdoc, mentions) -> (places, facts)

    "HANOI, Vietnam, April 15, 2025 -"      Hanoi kg:location Vietnam (method "dateline")
    "KIRUNA, Sweden, April 3 (Reuters) -"   Kiruna kg:location Sweden
    "MELBOURNE, January 26, 2025 -"         a Place mention of Melbourne, no fact

NER seldom reads a city written in capitals as a name, so the dateline's city gets a Place
mention of its own, under its name in title case ("Hanoi"), so that it is one entity with
the city the story names. The wider place after it is a mention already there, or one the
gazetteer knows (kg.analysis.gazetteer). Only the first lines of a document are read: a
dateline opens the story (kg.corpus puts it on a line of its own).
"""

from __future__ import annotations

import re

from kg.analysis.dates import MONTHS
from kg.analysis.docindex import sentence_of, text_of
from kg.analysis.gazetteer import country, is_place
from kg.model import Fact, Mention

_CONFIDENCE = 0.8
_HEAD_CHARS = 600  # a dateline is in the first lines, after the headline
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}"
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATELINE = re.compile(
    rf"^(?P<city>{_NAME})\s*,\s*(?:(?P<wider>{_NAME})\s*,\s*)?"
    rf"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?i:{_MONTH_WORDS})\.?\s+\d{{1,2}}\b",
    re.M,
)


def find(sdoc, mentions: list[Mention]) -> tuple[list[Mention], list[Fact]]:
    """New Place mentions (a dateline's city or country NER left out) and the dateline's
    location fact.

    >>> find(nlp("Ferry resumes\\n\\nHANOI, Vietnam, April 15, 2025 -\\nThe ferry ..."), mentions)  # doctest: +SKIP
    ([Mention(15, 20, 'Hanoi', 'Place', 1)], [Fact((15, 20), 'location', (22, 29), 1, 'dateline', 0.8)])
    """
    text = text_of(sdoc)
    match = _DATELINE.search(text[:_HEAD_CHARS])
    if match is None:
        return [], []
    sent_index = sentence_of(sdoc)
    made: list[Mention] = []
    city = _place(sdoc, match, "city", mentions, sent_index, made)
    wider = _place(sdoc, match, "wider", mentions, sent_index, made) if match.group("wider") else None
    facts = []
    if city is not None and wider is not None and city.span != wider.span:
        facts.append(Fact(city.span, "location", wider.span, city.sentence, "dateline", _CONFIDENCE))
    return made, facts


def _place(sdoc, match, group: str, mentions: list[Mention], sent_index: dict[int, int],
           made: list[Mention]) -> Mention | None:
    """The mention of the dateline's GROUP: one NER found there, else a new Place mention
    (added to MADE) when it is written in capitals or the gazetteer knows it."""
    start, end = match.span(group)
    found = next((m for m in mentions if m.start <= start < m.end), None)
    if found is not None:
        return found if found.kind in ("Place", "Organization", "Person") else None
    written = match.group(group)
    name = _title_case(written) if written.isupper() else written
    if not (written.isupper() or country(name) or is_place(name)) or any(w.lower() in MONTHS for w in name.split()):
        return None
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    mention = Mention(start, end, name, "Place", sent_index[span.start])
    made.append(mention)
    return mention


def _title_case(name: str) -> str:
    """ "NEW YORK" -> "New York", "AIX-EN-PROVENCE" -> "Aix-En-Provence"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), name.lower())
