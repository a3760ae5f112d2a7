"""The per-document stages: one parsed document in, plain data out (cacheable).

    analyse(document, sdoc) -> DocResult

Each stage is a module of its own, reading the parse through `docindex` (a mention's
tokens, the sentence of a token, noun chunks, the headline tests, token -> mention):

    acronyms.definitions(text)             "Full Name (ACR)" pairs, before any parse
    mentions.collect(sdoc, acronyms)       sentences and names, cleaned (titles, possessives,
                                           "the"); a title taken off stays in Mention.title
    speakers.missed(sdoc, mentions)        speakers NER left out ("'…,' Ola Berg said")
    events.annotate(sdoc, mentions, doc)   date values, event phrases and their merge keys
                                           (Mention.event, a kg.model.EventKey); through
                                           eventverbs.find also events stated by verbs, nouns
                                           that refer back to them, types and statuses
    relations.facts(sdoc, mentions)        roles, membership, leadership, participation
    events.facts(sdoc, mentions)           an event's date and place
    eventverbs.facts(sdoc, mentions)       who took part in an event, as agent, patient or
                                           participant (eventverbs.with_roles gives the other
                                           rules' participations a role too)
    quotes.find(sdoc, mentions)            quotations (spans from quotespans) and who said them
    nationality.find(sdoc, mentions)       "the Kenyan runner X", "Norway's X": a country's
                                           Place mention and the person's nationality
    datelines.find(sdoc, mentions)         "HANOI, Vietnam, April 15 -": the dateline's city
                                           (a Place mention) and the country it is in
    pairs.candidates(sdoc, mentions, facts)  mention pairs with kind-free features, which
                                           kg.reading turns into facts after resolution

Nothing here is corpus-wide: entities are resolved afterwards (kg.resolve), from the
results of every document. The code fingerprint of the cache (kg.cache) hashes this
folder, so a change here re-analyses every document.
"""

from __future__ import annotations

from kg.analysis import datelines, events, eventverbs, mentions, nationality, pairs, quotes, relations
from kg.analysis.acronyms import definitions
from kg.analysis.docindex import keep_text
from kg.analysis.tokenlist import forget
from kg.analysis import speakers
from kg.model import DocResult, Document, Fact

__all__ = ["analyse"]


def analyse(document: Document, sdoc) -> DocResult:
    """Mentions, facts and quotes of one document parsed by spaCy (kg.nlp.parse).

    >>> analyse(document, sdoc).facts  # doctest: +SKIP
    (Fact(subject=(0, 8), predicate='leaderOf', ...), ...)
    """
    try:
        return _analyse(document, sdoc)
    finally:
        forget(sdoc)


def _analyse(document: Document, sdoc) -> DocResult:
    keep_text(sdoc, document.text)
    acronyms = tuple(((a, b), (c, d)) for a, b, c, d in definitions(document.text))
    sentences, found = mentions.collect(sdoc, acronyms)
    found = sorted(found + speakers.missed(sdoc, found), key=lambda m: (m.start, m.end))
    found = events.annotate(sdoc, found, document)
    # a nationality word's country ("Kenyan President X") is a name the relations read too
    countries, nationalities = nationality.find(sdoc, found)
    # a dateline's city ("HANOI, Vietnam, ..."), which NER seldom reads in capitals
    dateline_places, dateline_facts = datelines.find(sdoc, found)
    named = sorted(found + countries + dateline_places, key=lambda m: (m.start, m.end))
    facts = eventverbs.with_roles(relations.facts(sdoc, named) + events.facts(sdoc, found)
                                  + eventverbs.facts(sdoc, found), eventverbs.unasserted(sdoc))
    facts += [Fact(m.span, "hasRole", m.title, m.sentence, "title-in-name", 0.8, obj_kind="literal")
              for m in found if m.title]
    facts += nationalities + dateline_facts
    quoted, said = quotes.find(sdoc, found)
    found = named
    candidates = pairs.candidates(sdoc, found, facts)
    return DocResult(document, sentences, tuple(found), tuple(facts + said), tuple(quoted), acronyms,
                     tuple(candidates))
