"""Score kg's relations end to end on Re-DocRED (Wikipedia lead sections, Wikidata relations).

    python bench/redocred.py --split dev --limit 100

Each document's text is rebuilt from its tokens (bench/redocred_data.py) and goes through
the normal kg pipeline (parse, mentions, facts, resolution, RDF assembly) with no gold
entities. Each document gets its own graph, so entities never merge across documents.
kg's facts are read back from the graph and mapped to Wikidata properties:

    memberOf       X -> Y   P463 / P102 / P108 / P54 (X -> Y)
    leaderOf       X -> Y   P488 / P35 / P6 (Y -> X, Y may be a country), P112 (Y -> X, founded by)
    nationality    X -> Y   P27 / P1532 (X -> Y)
    location       X -> Y   P276 / P131 / P159 / P17 (X -> Y, X an organisation, event or place),
                            P150 (Y -> X, "contains")
    participatedIn X -> Y   P1344 (X -> Y) or P710 (Y -> X)
    onDate         X -> Y   P585 / P580 (X -> Y)

(the mapping of contract v2, shared/spec/ontology.md)

A kg entity stands for every gold entity one of whose mentions equals one of its surface
forms (label or alias, case and a leading "the" ignored). A predicted pair is correct when
it stands for a gold pair of its class; a gold pair is found when some prediction stands
for it. "strict" precision counts every prediction; "judged" counts only predictions
whose two ends match gold entities (Re-DocRED annotates relations between its own
entities only, so a fact about an unannotated phrase cannot be judged). "reachable" is
the share of gold pairs whose two ends kg found as entities of kinds the property admits
(kg.graph.SIGNATURES): the recall ceiling that kg's entities leave to its relation rules.
Entity-mention recall: the share of gold mention strings that kg found as a mention of
any kind ("any") and of the kind matching the gold type ("typed").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import RDF, RDFS, URIRef  # noqa: E402
from rdflib.namespace import SKOS  # noqa: E402

from redocred_data import RedocDoc, load  # noqa: E402

from kg import corpus, nlp  # noqa: E402
from kg.analysis import analyse  # noqa: E402
from kg.analysis.gazetteer import country, country_of_demonym  # noqa: E402
from kg import relmodel  # noqa: E402
from kg.build import build_graph  # noqa: E402
from kg.vocab import KG, SIGNATURES  # noqa: E402
from kg.settings import Settings  # noqa: E402

# class -> (Wikidata properties, gold direction: True when gold head = kg subject)
MAPPING = {
    "memberOf": (("P463", "P102", "P108", "P54"), True),
    "leaderOf": (("P488", "P35", "P6", "P112"), False),
    "nationality": (("P27", "P1532"), True),
    "location": (("P276", "P131", "P159", "P17"), True),
    "participatedIn": (("P1344",), True),
    "onDate": (("P585", "P580"), True),
}
P710 = "P710"  # participant: event -> agent, the reverse of participatedIn
P150 = "P150"  # contains the administrative territorial entity: the reverse of location
GOLD_KIND = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "TIME": "Date", "MISC": "Event"}


def norm(text: str) -> str:
    """A name as matched: lower case, no "the" or "'s"; a country's names, abbreviations
    and nationality words ("U.S.", "American") as the country's one name, since kg reads
    "an American actor" as the person's nationality, the United States (a gold entity
    named only "American" is that country)."""
    text = text.strip().replace("\u2019", "'")
    text = country_of_demonym(text) or country(text) or text
    text = text.lower().removeprefix("the ")
    return text.removesuffix("'s").strip()


def gold_pairs(doc: RedocDoc) -> dict[str, set[tuple[int, int]]]:
    """Per kg class, the gold (kg-subject entity, kg-object entity) pairs."""
    pairs: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for head, prop, tail in doc.relations:
        for klass, (props, forward) in MAPPING.items():
            if prop in props:
                pairs[klass].add((head, tail) if forward else (tail, head))
        if prop == P150:
            pairs["location"].add((tail, head))
        if prop == P710:
            pairs["participatedIn"].add((tail, head))
    return pairs


def confidences(graph) -> dict[tuple[str, URIRef, URIRef], float]:
    """(class, subject, object) -> the highest kg:confidence of the fact's statements."""
    best: dict[tuple[str, URIRef, URIRef], float] = {}
    for st in graph.subjects(RDF.type, KG.Statement):
        p = str(graph.value(st, RDF.predicate)).rsplit("#", 1)[-1]
        key = (p, graph.value(st, RDF.subject), graph.value(st, RDF.object))
        best[key] = max(best.get(key, 0.0), float(graph.value(st, KG.confidence)))
    return best


def kg_facts(graph) -> tuple[set[tuple[str, URIRef, URIRef]], dict[URIRef, set[str]], dict[URIRef, str]]:
    """kg's asserted facts of the mapped classes, each entity's surface forms and kind."""
    facts = set()
    for klass in MAPPING:
        for s, o in graph.subject_objects(KG[klass]):
            facts.add((klass, s, o))
    forms: dict[URIRef, set[str]] = defaultdict(set)
    for s, label in graph.subject_objects(RDFS.label):
        forms[s].add(norm(str(label)))
    for s, label in graph.subject_objects(SKOS.altLabel):
        forms[s].add(norm(str(label)))
    kinds = {s: str(o).rsplit("#", 1)[-1] for s, o in graph.subject_objects(RDF.type)}
    return facts, forms, kinds


def score_document(doc: RedocDoc, graph, mention_texts: list[tuple[str, str]], tally: dict) -> None:
    gold = gold_pairs(doc)
    facts, forms, kinds = kg_facts(graph)
    by_name: dict[str, set[int]] = defaultdict(set)
    for i, (names, _type) in enumerate(doc.entities):
        for name in names:
            by_name[norm(name)].add(i)

    def gold_of(node) -> set[int]:
        return set().union(*(by_name.get(f, set()) for f in forms.get(node, ())))

    found: dict[str, set[tuple[int, int]]] = defaultdict(set)
    confidence = confidences(graph)
    for klass, s, o in sorted(facts):
        heads, tails = gold_of(s), gold_of(o)
        candidates = {(h, t) for h in heads for t in tails if h != t}
        hits = candidates & gold[klass]
        tally[klass]["pred"] += 1
        tally[klass]["judged"] += bool(heads and tails)
        tally[klass]["correct"] += bool(hits)
        found[klass] |= hits
        tally["reliability"][confidence.get((klass, s, o), 0.0), bool(hits)] += 1
    # A gold pair is reachable when kg has an entity for both its ends, of kinds the kg
    # property admits (SIGNATURES): the ceiling of recall for kg's entities.
    matched: dict[int, set[str]] = defaultdict(set)
    for node, names in forms.items():
        for i in gold_of(node):
            matched[i].add(kinds.get(node, ""))
    for klass in MAPPING:
        domain, range_ = SIGNATURES[klass]
        tally[klass]["gold"] += len(gold[klass])
        tally[klass]["found"] += len(found[klass])
        tally[klass]["reachable"] += sum(1 for h, t in gold[klass]
                                         if matched[h] & set(domain) and matched[t] & set(range_))
    # entity-mention recall per gold type
    seen_any = {norm(t) for t, _ in mention_texts}
    seen_typed = {(norm(t), k) for t, k in mention_texts}
    for names, etype in doc.entities:
        for name in names:
            tally["mentions"][etype, "gold"] += 1
            tally["mentions"][etype, "any"] += norm(name) in seen_any
            tally["mentions"][etype, "typed"] += (norm(name), GOLD_KIND.get(etype)) in seen_typed


def prf(correct: int, pred: int, found: int, gold: int) -> tuple[float, float, float]:
    p = correct / pred if pred else 0.0
    r = found / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(tally: dict, split: str, docs: int, timings: dict[str, float]) -> str:
    lines = [f"Re-DocRED {split}: {docs} documents, end to end (kg mentions, no gold entities)",
             f"{'relation':<16}{'gold':>6}{'pred':>6}{'judged':>7}{'P':>7}{'R':>7}{'F1':>7}{'P(judged)':>11}{'F1(judged)':>11}{'reachable':>11}"]
    total = Counter()
    for klass in MAPPING:
        t = tally[klass]
        total.update(t)
        lines.append(_row(klass, t))
    lines.append(_row("overall", total))
    lines.append("")
    lines.append(f"{'entity type':<16}{'gold':>6}{'any':>7}{'typed':>7}")
    for etype in ("PER", "ORG", "LOC", "TIME", "MISC", "NUM"):
        m = tally["mentions"]
        gold = m[etype, "gold"]
        if gold:
            lines.append(f"{etype:<16}{gold:>6}{m[etype, 'any'] / gold:>7.2f}{m[etype, 'typed'] / gold:>7.2f}")
    lines.append("")
    lines += reliability(tally["reliability"])
    lines.append("")
    lines.append("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    return "\n".join(lines)


BINS = (0.0, 0.3, 0.5, 0.7, 0.9, 1.01)


def reliability(counts: Counter) -> list[str]:
    """Confidence bin -> share of the facts in it that were right (kg:confidence is meant
    to be that share), and how many distinct confidence values the facts carry."""
    lines = [f"{'confidence':<16}{'facts':>6}{'right':>7}{'share':>7}"]
    for low, high in zip(BINS, BINS[1:]):
        n = sum(v for (c, _), v in counts.items() if low <= c < high)
        right = sum(v for (c, ok), v in counts.items() if low <= c < high and ok)
        share = f"{right / n:>7.2f}" if n else f"{'-':>7}"
        lines.append(f"{f'[{low:.1f}, {min(high, 1.0):.1f}' + (']' if high > 1 else ')'):<16}{n:>6}{right:>7}{share}")
    lines.append(f"distinct confidence values: {len({c for c, _ in counts})}")
    return lines


def _row(name: str, t) -> str:
    p, r, f = prf(t["correct"], t["pred"], t["found"], t["gold"])
    pj, _, fj = prf(t["correct"], t["judged"], t["found"], t["gold"])
    return (f"{name:<16}{t['gold']:>6}{t['pred']:>6}{t['judged']:>7}{p:>7.3f}{r:>7.3f}{f:>7.3f}"
            f"{pj:>11.3f}{fj:>11.3f}{t['reachable'] / t['gold'] if t['gold'] else 0:>11.3f}")


def run(split: str = "dev", limit: int | None = None, settings: Settings | None = None) -> str:
    """Parse, extract and score the first LIMIT documents of SPLIT; returns the report."""
    settings = settings or Settings(progress=False)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    docs = load(split, limit)
    documents = [corpus.document_from_text(corpus.clean(d.text), f"doc{i:04d}", f"doc{i:04d}.txt")
                 for i, d in enumerate(docs)]
    nlp.load(settings.model)
    timings["load"] = time.perf_counter() - started
    tally: dict = defaultdict(Counter)
    parse_time = kg_time = 0.0
    parsed = nlp.parse(documents, settings)
    for doc in docs:
        started = time.perf_counter()
        document, sdoc = next(parsed)
        parse_time += time.perf_counter() - started
        started = time.perf_counter()
        result = analyse(document, sdoc)
        graph, _ = build_graph([result], settings)
        kg_time += time.perf_counter() - started
        score_document(doc, graph, [(m.text, m.kind) for m in result.mentions], tally)
    timings["spaCy parse"] = parse_time
    timings["kg extract+assemble"] = kg_time
    return report(tally, split, len(docs), timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--model", default=Settings().model, help="spaCy pipeline to use")
    parser.add_argument("--weights", type=Path, default=None,
                        help="relation weights to use instead of the shipped kg/data/relations.json")
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="as kg build --min-confidence: assert only facts at least this sure")
    args = parser.parse_args()
    if args.weights:  # score with another weights file (a model trained held out on dev)
        relmodel.load.cache_clear()
        model = relmodel.from_json(json.loads(args.weights.read_text(encoding="utf-8")))
        relmodel.load = lambda: model
    print(run(args.split, args.limit, Settings(model=args.model, progress=False, min_confidence=args.min_confidence)))


if __name__ == "__main__":
    main()
