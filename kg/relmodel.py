"""The relation classifier: a logistic regression per fact property over the features of
a candidate pair (kg.analysis.pairs), read from a small JSON file shipped in the package
(kg/data/relations.json, written by bench/train_relations.py from Re-DocRED dev).

    load() -> RelationModel | None
    model.probability(predicate, features) -> float        raw, in [0, 1]
    model.confidence(predicate, probability) -> float      calibrated on held-out folds
    instance_features(pair_features, forward, subject_kind, object_kind) -> list[str]

Reading the weights needs nothing but the standard library; training needs scikit-learn
(the `train` extra).
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg import data
from kg.model import Fact

WEIGHTS = "relations.json"


def instance_features(pair_features: tuple[str, ...], forward: bool, subject_kind: str,
                      object_kind: str) -> list[str]:
    """The features of one (subject, predicate, object) reading of a pair: its pair
    features marked with the direction, and the two resolved kinds.

    >>> instance_features(("w:ceo",), True, "Person", "Organization")
    ['f|w:ceo', 'k:Person>Organization', 'ks:Person', 'ko:Organization']
    """
    mark = "f|" if forward else "r|"
    return [mark + f for f in pair_features] + [f"k:{subject_kind}>{object_kind}",
                                                f"ks:{subject_kind}", f"ko:{object_kind}"]


@dataclass(frozen=True)
class Predictor:
    """One fact property's logistic regression, its threshold and its calibration."""

    bias: float
    weights: dict[str, float]
    threshold: float  # the probability above which a fact is asserted (chosen on dev folds)
    # calibration steps: probability cut-offs and the share of facts right above each one
    cuts: tuple[float, ...]
    rights: tuple[float, ...]

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def confidence(self, probability: float) -> float:
        """The share of held-out facts of this probability that were right."""
        if not self.cuts:
            return probability
        i = bisect.bisect_right(self.cuts, probability) - 1
        return self.rights[max(i, 0)]


@dataclass(frozen=True)
class RelationModel:
    predictors: dict[str, Predictor]
    about: str  # what it was trained on, for README and `kg build --help`
    # rule (kg:method without "+pronoun") -> its precision measured on dev, and per
    # property the precision of its rules together, for rules seen too rarely
    rules: dict[str, float] = field(default_factory=dict)
    properties: dict[str, float] = field(default_factory=dict)

    def rule_confidence(self, fact: Fact) -> Fact:
        """FACT with the measured precision of its rule as its confidence, where dev
        measured it (the rule's own, else its property's); otherwise as it was."""
        measured = self.rules.get(f"{fact.method.split('+')[0]}:{fact.predicate}",
                                  self.properties.get(fact.predicate))
        return fact if measured is None else replace(fact, confidence=measured)

    def probability(self, predicate: str, features: list[str]) -> float:
        return self.predictors[predicate].probability(features)

    def confidence(self, predicate: str, probability: float) -> float:
        return self.predictors[predicate].confidence(probability)


def from_json(data: dict) -> RelationModel:
    predictors = {
        name: Predictor(p["bias"], p["weights"], p["threshold"],
                        tuple(c for c, _ in p["calibration"]), tuple(r for _, r in p["calibration"]))
        for name, p in data["predicates"].items()
    }
    return RelationModel(predictors, data.get("about", ""), data.get("rules", {}), data.get("properties", {}))


@lru_cache(maxsize=1)
def load() -> RelationModel | None:
    """The shipped model, or None when the package has none (facts then come from the
    rules alone)."""
    try:
        weights = data.text(WEIGHTS)
    except (FileNotFoundError, OSError):
        return None
    return from_json(json.loads(weights))
