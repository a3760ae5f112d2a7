"""Entity resolution measured on Re-DocRED's gold entities (Wikipedia text, not news, and
never used to write a rule): how often kg splits one gold entity over several nodes,
merges two gold entities of one document, or gives a gold person, organisation or place
another class.

    python bench/entities_redocred.py [N]        # the first N dev documents (default 150)

Figures are ratios over the gold entities kg finds at least one name of.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from redocred_data import load  # noqa: E402

from kg import corpus, nlp  # noqa: E402
from kg.analysis import analyse  # noqa: E402
from kg.resolve import cluster, name_key  # noqa: E402
from kg.settings import Settings  # noqa: E402

GOLD_KIND = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}


def measure(n: int) -> dict[str, float]:
    docs = load("dev", n)
    settings = Settings(progress=False)
    documents = [corpus.document_from_text(corpus.clean(d.text), f"d{i:04d}", f"d{i:04d}.txt")
                 for i, d in enumerate(docs)]
    results = [analyse(document, sdoc) for document, sdoc in nlp.parse(documents, settings)]
    resolution = cluster(results)
    kinds = {e.key: e.kind for e in resolution.entities}
    found = split = typed = judged = merged = pairs = 0
    for doc, result in zip(docs, results):
        doc_id = result.document.doc_id
        ours = defaultdict(set)  # folded name -> entity keys in this document
        for mention in result.mentions:
            key = resolution.entity_of(doc_id, mention.span)
            if key:
                ours[name_key(mention.text)].add(key)
        owner: dict[str, set[int]] = defaultdict(set)  # our entity -> gold entities
        for g, (names, gold_type) in enumerate(doc.entities):
            if gold_type not in GOLD_KIND:
                continue
            keys = set().union(*(ours.get(name_key(name), set()) for name in names))
            if not keys:
                continue
            found += 1
            split += len(keys) > 1
            judged += 1
            votes = Counter(kinds[k] for k in keys)
            typed += votes.most_common(1)[0][0] == GOLD_KIND[gold_type]
            for key in keys:
                owner[key].add(g)
        for gold in owner.values():
            pairs += 1
            merged += len(gold) > 1
    return {"gold entities found": found, "split": split / found, "type accuracy": typed / judged,
            "wrong merges (of our entities)": merged / pairs}


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    for name, value in measure(count).items():
        print(f"{name:<32}{value:.3f}" if isinstance(value, float) else f"{name:<32}{value}")
