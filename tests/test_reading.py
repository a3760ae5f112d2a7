"""Facts are read after resolution: a kind fixed in the aliases file reaches the facts,
the relation classifier scores pairs of resolved entities with a calibrated confidence,
and its training is reproducible."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Literal

from kg import executor, relmodel
from kg.build import graph_from_texts
from kg.corpus import clean, document_from_text
from kg.reading import candidates, read
from kg.resolve import cluster
from kg.settings import Settings
from kg.vocab import KG

ROOT = Path(__file__).resolve().parents[1]

# spaCy's small model reads "Zorvath" as a person's name in this text.
MEMO = ("Jane Roe, the chief executive of Zorvath, said Zorvath would hire 200 engineers next year. "
        "Roe joined Zorvath in 2019.")


def _settings(tmp_path: Path, rules: str = "") -> Settings:
    path = tmp_path / "aliases.ttl"
    path.write_text("@prefix kg: <https://example.org/kg/ontology#> .\n"
                    "@base <https://example.org/kg/resource/> .\n" + rules, encoding="utf-8")
    return Settings(aliases=path, progress=False)


def _facts(graph, predicate) -> set[tuple[str, str]]:
    return {(str(graph.value(s, RDFS.label)), str(graph.value(o, RDFS.label)))
            for s, o in graph.subject_objects(KG[predicate])}


def test_a_kind_fixed_in_the_aliases_file_reaches_the_facts(nlp, tmp_path):
    """Without the correction the company stays a person and no leadership can end at it;
    with it, the same rules give the leadership and the membership."""
    plain = graph_from_texts({"memo": MEMO}, _settings(tmp_path))
    fixed = graph_from_texts({"memo": MEMO}, _settings(tmp_path, "<person/zorvath> a kg:Organization .\n"))
    assert ("Jane Roe", "Zorvath") not in _facts(plain, "leaderOf")
    assert ("Jane Roe", "Zorvath") in _facts(fixed, "leaderOf")
    assert ("Jane Roe", "Zorvath") in _facts(fixed, "memberOf")  # "Roe joined Zorvath"


def test_a_specific_fact_replaces_the_verb_as_related_to(nlp):
    graph = graph_from_texts({"news": "The Orvane Foundation hired Karl Meier in 2018."})
    assert ("Karl Meier", "Orvane Foundation") in _facts(graph, "memberOf")
    assert not _facts(graph, "relatedTo")


def test_a_place_after_a_place_contains_it(nlp):
    graph = graph_from_texts({"news": "The new plant opened in Tampere, Finland, on Monday."})
    assert ("Tampere", "Finland") in _facts(graph, "location")


def _tiny_model(threshold: float) -> relmodel.RelationModel:
    """A hand-made model: "chief executive of" between a person and an organisation is
    leadership with probability ~0.88; held-out facts at that probability were 0.8 right."""
    return relmodel.from_json({"about": "test", "predicates": {"leaderOf": {
        "bias": -2.0, "weights": {"r|w:executive": 4.0, "f|w:executive": 4.0},
        "threshold": threshold, "calibration": [[0.0, 0.1], [0.5, 0.8]]}}})


def _analysed(text: str):
    document = document_from_text(clean(text), "memo", "memo.txt")
    (result,), _ = executor.run([document], Settings(progress=False))
    resolution = cluster([result])
    return result, resolution, {e.key: e.kind for e in resolution.entities}


def test_the_classifier_reads_resolved_pairs_with_calibrated_confidence(nlp):
    result, resolution, kinds = _analysed("Lena Ruiz, the chief executive of Brightwell Analytics, spoke.")
    readings = {(c.subject, c.predicate, c.obj) for c in candidates(result, resolution, kinds)}
    # only readings the resolved kinds fit: a person leads an organisation, not the reverse
    assert ("person/lena-ruiz", "leaderOf", "organization/brightwell-analytics") in readings
    assert ("organization/brightwell-analytics", "leaderOf", "person/lena-ruiz") not in readings
    facts = read(result, resolution, kinds, _tiny_model(0.5))
    assert [(f.predicate, f.confidence, f.method) for f in facts] == [("leaderOf", 0.8, "classifier")]
    assert read(result, resolution, kinds, _tiny_model(0.95)) == []  # under the threshold
    assert read(result, resolution, kinds, _tiny_model(0.5), min_confidence=0.9) == []
    # a user's bar replaces the threshold chosen on dev, both ways
    assert len(read(result, resolution, kinds, _tiny_model(0.95), min_confidence=0.7)) == 1


def test_the_shipped_model_is_calibrated_and_small():
    model = relmodel.load()
    assert model is not None and "Re-DocRED dev" in model.about
    path = ROOT / "kg" / "data" / relmodel.WEIGHTS
    assert path.stat().st_size < 1_000_000
    for name, predictor in model.predictors.items():
        assert list(predictor.cuts) == sorted(predictor.cuts), name
        assert list(predictor.rights) == sorted(predictor.rights), name  # isotonic: never falls
        assert all(0.0 <= r <= 1.0 for r in predictor.rights), name


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="training needs the train extra")
def test_training_is_reproducible(tmp_path, nlp):
    """The same dev documents give the same weights file, byte for byte."""
    data = ROOT.parent / "shared" / "bench" / "re-docred" / "dev_revised.json"
    if not data.exists():
        pytest.skip("Re-DocRED is not beside the project (../shared/bench)")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.json"
        subprocess.run([sys.executable, str(ROOT / "bench" / "train_relations.py"), "--limit", "25",
                        "--cache", str(tmp_path / "docs.pickle"), "--out", str(out)],
                       check=True, capture_output=True, cwd=ROOT)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert set(json.loads(outputs[0])["predicates"]) >= {"location"}


def test_an_inferred_containment_names_its_two_statements(nlp):
    """Based in Tampere, and Tampere is in Finland: in Finland, derived from both
    statements, with no sentence of its own."""
    from rdflib import RDF
    from rdflib.namespace import PROV

    graph = graph_from_texts({"news": "Brightwell Analytics is based in Tampere. "
                                      "The city of Tampere, Finland, has grown fast since 2010."})
    assert ("Brightwell Analytics", "Finland") in _facts(graph, "location")
    inferred = [st for st in graph.subjects(KG.method, Literal("inferred-containment"))]
    assert len(inferred) == 1
    sources = set(graph.objects(inferred[0], PROV.wasDerivedFrom))
    assert len(sources) == 2 and all((s, RDF.type, KG.Statement) in graph for s in sources)
    assert {str(graph.value(s, RDF.object)).rsplit("/", 1)[-1] for s in sources} == {"tampere", "finland"}
    assert graph.value(inferred[0], KG.evidence) is None


def test_a_body_named_before_is_where_its_participle_says(nlp):
    """ "The company, based in Tampere": the definite noun stands for the company named
    before, so the rule itself (not only the classifier) places it."""
    from rdflib import RDF

    graph = graph_from_texts({"news": "Brightwell Analytics reported record sales on Monday. "
                                      "The company, based in Tampere, will hire 40 engineers."})
    methods = {str(graph.value(st, KG.method)) for st in graph.subjects(RDF.predicate, KG.location)}
    assert ("Brightwell Analytics", "Tampere") in _facts(graph, "location") and "based-in" in methods


def test_a_leader_of_a_place_holds_a_head_of_state_s_title(nlp):
    """ "Kenyan President X" leads Kenya; "Its Peru director, Y" leads the body "its"
    refers to, not Peru."""
    graph = graph_from_texts({"news": "The Red Cross sent teams to the area. Its Peru director, Daniela "
                                      "Rojas, said the organisation was worried. Kenyan President Samuel "
                                      "Otieno visited the camps."})
    leads = _facts(graph, "leaderOf")
    assert {("Daniela Rojas", "Red Cross"), ("Samuel Otieno", "Kenya")} <= leads
    assert ("Daniela Rojas", "Peru") not in leads
