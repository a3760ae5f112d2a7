"""Stage 5b: facts read after resolution, by the relation classifier (kg.relmodel).

    candidates(result, resolution, kinds) -> list[Candidate]
    read(result, resolution, kinds, model, min_confidence) -> list[Fact]

Once every mention knows its entity and the entity its final kind (NER, typing cues and
the user's aliases file all applied), each pair of entities that one document names close
together is read as every fact property whose domain and range their kinds fit, in both
directions. The features of a reading are those of all its mention pairs
(kg.analysis.pairs), marked with the direction, plus what the document says of the two
entities as a whole: how often they meet, how close, which is the document's first name.
A fact is asserted when the classifier's probability reaches the property's threshold
(chosen on Re-DocRED dev: held-out facts of that probability were right at least 80 % of
the time), or, when the user sets a MIN_CONFIDENCE, when its calibrated confidence reaches it;
its evidence is the sentence (or the run of sentences) where its two ends are closest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kg.model import DocResult, Fact, Pair
from kg.relmodel import RelationModel, instance_features
from kg.resolve import Resolution
from kg.vocab import fits

PREDICATES = ("memberOf", "leaderOf", "nationality", "location", "participatedIn", "onDate")
METHOD = "classifier"
# An event the text gives as planned, denied or hypothetical has no participants.
NO_PARTICIPATION = frozenset({"planned", "denied", "hypothetical"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible fact between two entities of one document, before it is scored."""

    subject: str  # entity key
    predicate: str
    obj: str
    features: tuple[str, ...]
    evidence: Pair  # the mention pair closest together
    forward: bool  # the subject is the evidence pair's first mention


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3+"


def _entity_features(pairs: list[Pair], counts: Counter, subject: str, obj: str, topic: str | None) -> list[str]:
    same = sum(1 for p in pairs if p.since is None)
    nearest = min((p.sentence - p.since for p in pairs if p.since is not None), default=0)
    feats = [f"n:{_bucket(len(pairs))}", f"same:{_bucket(same)}", f"near:{nearest}",
             f"ms:{_bucket(counts[subject])}", f"mo:{_bucket(counts[obj])}"]
    if subject == topic:
        feats.append("topic:s")
    if obj == topic:
        feats.append("topic:o")
    return feats


def _closest(pairs: list[Pair]) -> Pair:
    return min(pairs, key=lambda p: (0 if p.since is None else p.sentence - p.since, p.sentence, p.first))


def candidates(result: DocResult, resolution: Resolution, kinds: dict[str, str]) -> list[Candidate]:
    """Every reading of every pair of entities RESULT's document names close together.
    KINDS: entity key -> its resolved kind."""
    doc_id = result.document.doc_id
    entity = {m.span: resolution.entity_of(doc_id, m.span) for m in result.mentions}
    counts = Counter(k for k in entity.values() if k)
    first = min(result.mentions, key=lambda m: m.start, default=None)
    topic = entity.get(first.span) if first else None
    grouped: dict[tuple[str, str], list[Pair]] = {}
    for pair in result.pairs:
        a, b = entity.get(pair.first), entity.get(pair.second)
        if a and b and a != b:
            grouped.setdefault((a, b), []).append(pair)
    out = []
    for (a, b), pairs in sorted(grouped.items()):
        if (b, a) in grouped and (b, a) < (a, b):
            continue  # both orders met: read once, from the smaller key
        pairs = pairs + grouped.get((b, a), [])
        evidence = _closest(pairs)
        for subject, obj in ((a, b), (b, a)):
            fitting = [p for p in PREDICATES if fits(p, kinds[subject], kinds[obj])]
            if not fitting:
                continue
            # A reading's features do not depend on its property: found once a direction.
            feats = set(_entity_features(pairs, counts, subject, obj, topic))
            for pair in pairs:
                forward = entity.get(pair.first) == subject
                feats.update(instance_features(pair.features, forward, kinds[subject], kinds[obj]))
            features = tuple(sorted(feats))
            forward = entity.get(evidence.first) == subject
            out += [Candidate(subject, predicate, obj, features, evidence, forward) for predicate in fitting]
    return out


def unreal(resolution: Resolution) -> frozenset[str]:
    """The events the texts give as planned, denied or hypothetical: nobody took part."""
    return frozenset(e.key for e in resolution.entities if e.status in NO_PARTICIPATION)


def read(result: DocResult, resolution: Resolution, kinds: dict[str, str], model: RelationModel | None,
         min_confidence: float | None = None, unreal_events: frozenset[str] | None = None) -> list[Fact]:
    """The classifier's facts of one document, as Facts between mention spans (the
    evidence pair's), with calibrated confidences: those above each property's threshold,
    or, given MIN_CONFIDENCE, those whose confidence reaches it (lower means more facts,
    fewer of them right). UNREAL_EVENTS (`unreal(resolution)`, worked out once per corpus
    by a caller reading many documents) get no participants."""
    if model is None:
        return []
    if unreal_events is None:
        unreal_events = unreal(resolution)
    kept: list[tuple[Candidate, float, float]] = []
    for c in candidates(result, resolution, kinds):
        predictor = model.predictors.get(c.predicate)
        if predictor is None or c.predicate == "participatedIn" and c.obj in unreal_events:
            continue
        probability = predictor.probability(list(c.features))
        confidence = predictor.confidence(probability)
        if probability < predictor.threshold if min_confidence is None else confidence < min_confidence:
            continue
        kept.append((c, probability, confidence))
    facts = []
    for c, _, confidence in _one_country(kept, _stated_nationality(result, resolution)):
        pair = c.evidence
        subject, obj = (pair.first, pair.second) if c.forward else (pair.second, pair.first)
        facts.append(Fact(subject, c.predicate, obj, pair.sentence, METHOD, confidence, since=pair.since))
    return facts


def _stated_nationality(result: DocResult, resolution: Resolution) -> frozenset[str]:
    """The persons whose nationality the document's own words state (kg.analysis.nationality)."""
    doc_id = result.document.doc_id
    return frozenset(filter(None, (resolution.entity_of(doc_id, f.subject) for f in result.facts
                                   if f.predicate == "nationality")))


def _one_country(kept: list[tuple[Candidate, float, float]], stated: frozenset[str]) -> list:
    """A person has one nationality as a rule: the classifier asserts none for a person whose
    nationality the text states in words ("a Hungarian composer"), and at most its likeliest
    for the others (a country named near a person is more often where they went)."""
    best: dict[str, tuple[float, str]] = {}
    for c, probability, _ in kept:
        if c.predicate == "nationality":
            best[c.subject] = max(best.get(c.subject, (0.0, "")), (probability, c.obj))
    return [(c, p, conf) for c, p, conf in kept if c.predicate != "nationality"
            or c.subject not in stated and best[c.subject][1] == c.obj]
