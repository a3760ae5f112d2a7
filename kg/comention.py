"""Co-mentions: which entities the same sentences name, for the page's "story" edges.

    comentions(results, resolution) -> {"version": 1, "pairs": [[a, b, weight, [doc, ...]], ...]}

Two entities named in one sentence are co-mentioned; a pair's weight is the number of
sentences that name both, and its documents say where. This is a reading aid for the
HTML page (each article's cast forms a cluster), not a fact: it is never written to the
Turtle. Entities are given by their key under the base IRI ("person/jane-doe") and
documents by theirs ("document/memo"), so the data does not depend on --base-iri; dates
are left out (they are not drawn). The build stores it beside the exports as
comentions.json, which `kg html` reads back.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from kg.model import DocResult
from kg.resolve import Resolution

VERSION = 1
FILE = "comentions.json"
MAX_PER_SENTENCE = 12  # a longer list of names (a table, a roll call) is no story: its pairs are skipped


def comentions(results: Sequence[DocResult], resolution: Resolution) -> dict:
    """Every pair of entities named together in a sentence, with its weight and documents.

    >>> comentions(results, resolution)["pairs"][0]  # doctest: +SKIP
    ['organization/acme', 'person/jane-doe', 2, ['document/memo']]
    """
    kinds = {e.key: e.kind for e in resolution.entities}
    weight: dict[tuple[str, str], int] = {}
    docs: dict[tuple[str, str], set[str]] = {}
    for result in results:
        doc_id = result.document.doc_id
        for names in _sentences(result, resolution, kinds).values():
            if len(names) > MAX_PER_SENTENCE:
                continue
            for pair in combinations(sorted(names), 2):
                weight[pair] = weight.get(pair, 0) + 1
                docs.setdefault(pair, set()).add(f"document/{doc_id}")
    pairs = [[a, b, weight[(a, b)], sorted(docs[(a, b)])] for a, b in sorted(weight)]
    return {"version": VERSION, "pairs": pairs}


def _sentences(result: DocResult, resolution: Resolution, kinds: dict[str, str]) -> dict[int, set[str]]:
    """Sentence index -> the keys of the entities (not dates) its mentions resolve to."""
    named: dict[int, set[str]] = {}
    for mention in result.mentions:
        key = resolution.entity_of(result.document.doc_id, mention.span)
        if key is not None and kinds.get(key, "Date") != "Date":
            named.setdefault(mention.sentence, set()).add(key)
    return named
