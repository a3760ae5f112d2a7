"""The per-document stages: one parsed document in, plain data out (cacheable).

    analyse(document, sdoc) -> DocResult

Each stage is a module of its own, reading the parse through `docindex` (a mention's
tokens, the sentence of a token, noun chunks, the headline tests, token -> mention):

    acronyms.definitions(text)             "Full Name (ACR)" pairs, before any parse
    mentions.collect(sdoc, acronyms)       sentences and names, cleaned (titles, possessives,
                                           "the"); a title taken off stays in Mention.title
    events.annotate(sdoc, mentions, doc)   date values, event phrases and their merge keys
                                           (Mention.event, a kg.model.EventKey)
    relations.facts(sdoc, mentions)        roles, membership, leadership, participation
    events.facts(sdoc, mentions)           an event's date and place
    quotes.find(sdoc, mentions)            quotations (spans from quotespans) and who said them
    nationality.find(sdoc, mentions)       "the Kenyan runner X", "Norway's X": a country's
                                           Place mention and the person's nationality

Nothing here is corpus-wide: entities are resolved afterwards (kg.resolve), from the
results of every document. The code fingerprint of the cache (kg.cache) hashes this
folder, so a change here re-analyses every document.
"""

from __future__ import annotations

from kg.analysis import events, mentions, nationality, quotes, relations
from kg.analysis.acronyms import definitions
from kg.model import DocResult, Document, Fact

__all__ = ["analyse"]


def analyse(document: Document, sdoc) -> DocResult:
    """Mentions, facts and quotes of one document parsed by spaCy (kg.nlp.parse).

    >>> analyse(document, sdoc).facts  # doctest: +SKIP
    (Fact(subject=(0, 8), predicate='leaderOf', ...), ...)
    """
    acronyms = tuple(((a, b), (c, d)) for a, b, c, d in definitions(document.text))
    sentences, found = mentions.collect(sdoc, acronyms)
    found = events.annotate(sdoc, found, document)
    facts = relations.facts(sdoc, found) + events.facts(sdoc, found)
    facts += [Fact(m.span, "hasRole", m.title, m.sentence, "title-in-name", 0.8, obj_kind="literal")
              for m in found if m.title]
    quoted, said = quotes.find(sdoc, found)
    countries, nationalities = nationality.find(sdoc, found)
    found = sorted(found + countries, key=lambda m: (m.start, m.end))
    return DocResult(document, sentences, tuple(found), tuple(facts + said + nationalities), tuple(quoted), acronyms)
