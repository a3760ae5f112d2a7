"""Per-document analysis: one parsed document in, plain data out (cacheable).

    analyse(document, sdoc) -> DocResult
"""

from __future__ import annotations

from kg import events, extract, mentions, quotes
from kg.acronyms import definitions
from kg.model import DocResult, Document, Fact


def analyse(document: Document, sdoc) -> DocResult:
    """Mentions, facts and quotes of one document parsed by spaCy."""
    acronyms = tuple(((a, b), (c, d)) for a, b, c, d in definitions(document.text))
    sentences, found, titles = mentions.collect(sdoc, acronyms)
    found = events.annotate(sdoc, found, document)
    facts = extract.facts(sdoc, found) + events.facts(sdoc, found)
    facts += [Fact(m.span, "hasRole", title, m.sentence, "title-in-name", 0.8, obj_kind="literal")
              for m, title in titles]
    quoted, said = quotes.find(sdoc, found)
    return DocResult(document, sentences, tuple(found), tuple(facts + said), tuple(quoted), acronyms)
