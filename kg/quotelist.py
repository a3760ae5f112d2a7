"""Who said what, read back from an export: the library side of `kg quotes`.

    quotes(graph, speaker=None) -> list[QuoteRow]
    format_quotes(rows) -> str
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import PROV, SKOS

from kg.vocab import KG, curie, resource_prefixes

UNATTRIBUTED = "(no speaker found)"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quotation as one document reports it."""

    speaker: str  # the speaker's rdfs:label, or UNATTRIBUTED
    text: str
    document: str  # the document's kg:sourceFile
    evidence: str  # the sentence that attributes it ("" when no speaker was found)
    indirect: bool = False
    partial: bool = False  # a few quoted words inside reported speech
    speaker_iri: str = ""  # the speaker as kg prints resources (person:jane-holt), pasteable into a query


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _names(graph: Graph, node) -> list[str]:
    return [str(n) for p in (RDFS.label, SKOS.altLabel) for n in graph.objects(node, p)]


def quotes(graph: Graph, speaker: str | None = None) -> list[QuoteRow]:
    """Every quotation of GRAPH with its speaker and document, sorted by speaker, document
    and text. With SPEAKER, only the quotations of speakers one of whose names (label
    or alias) contains it, ignoring case and accents; unattributed quotes are left out.

    >>> [r.speaker for r in quotes(load(Path("exports/graph.ttl")), "holt")]  # doctest: +SKIP
    ['Jane Holt']
    """
    wanted = _fold(speaker) if speaker is not None else None
    names = resource_prefixes(str(dict(graph.namespaces()).get("kgr", "urn:none:")))
    rows, attributed = set(), set()
    for statement in graph.subjects(RDF.predicate, KG.said):
        who, quote = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
        document = graph.value(statement, PROV.wasDerivedFrom)
        attributed.add((quote, document))
        if wanted is not None and not any(wanted in _fold(n) for n in _names(graph, who)):
            continue
        row = _row(graph, quote, document, str(graph.value(who, RDFS.label) or who),
                   str(graph.value(statement, KG.evidence) or ""))
        rows.add(replace(row, speaker_iri=curie(str(who), names)))
    if wanted is None:
        for quote in graph.subjects(RDF.type, KG.Quote):
            for document in graph.objects(quote, PROV.wasDerivedFrom):
                if (quote, document) not in attributed:
                    rows.add(_row(graph, quote, document, UNATTRIBUTED, ""))
    return sorted(rows, key=_order)


def _order(row: QuoteRow) -> tuple:
    return (row.speaker == UNATTRIBUTED, row.speaker.casefold(), row.document, row.text, row.speaker_iri)


def _flag(graph: Graph, quote, prop) -> bool:
    value = graph.value(quote, prop)
    return bool(value is not None and value.toPython() is True)


def _row(graph: Graph, quote, document, speaker: str, evidence: str) -> QuoteRow:
    source = graph.value(document, KG.sourceFile)
    return QuoteRow(speaker, str(graph.value(quote, KG.text) or ""), str(source or document), evidence,
                    _flag(graph, quote, KG.indirect), _flag(graph, quote, KG.partial))


def format_quotes(rows: list[QuoteRow]) -> str:
    """One block per quotation: speaker and document, then the words, indented;
    reported speech is marked "(reported)", a few quoted words inside it "(partial)"."""
    blocks = []
    for row in rows:
        mark = " (reported)" if row.indirect else " (partial)" if row.partial else ""
        who = f"{row.speaker}{mark}  {row.speaker_iri}" if row.speaker_iri else f"{row.speaker}{mark}"
        blocks.append(f"{who}  [{row.document}]\n    “{row.text}”")
    return "\n".join(blocks)
