"""Random text and random bytes go through the whole pipeline: the result is valid Turtle
that conforms to the shapes, or a clean KGError; never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import nlp as kg_nlp
from kg.analysis import analyse
from kg.build import build_graph
from kg.corpus import scan_corpus
from kg.errors import KGError
from kg.export import turtle
from kg.settings import Settings
from kg.validate import validate_graph

FAST = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Mostly words, so spaCy finds names; plus every kind of character, controls included.
WORDS = st.sampled_from(["Jane", "Doe", "Acme", "Corp", "Paris", "said", "the", "of", "met", "in",
                         "June 30, 2018", "\"", ".", ",", "\n", "\n\n", "<b>", "</p>", "Zoë", "東京", "🎉"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
BYTES = st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8")),
                  TEXT.map(lambda t: t.encode("utf-16")), TEXT.map(lambda t: t.encode("cp1252", "replace")))


def _through_pipeline(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        root.mkdir()
        (root / "fuzz.txt").write_bytes(data)
        try:
            documents = scan_corpus(root, Path(folder)).documents
        except KGError as exc:
            assert "fuzz.txt" in exc.message
            return
    settings_ = Settings()
    results = [analyse(document, sdoc) for document, sdoc in kg_nlp.parse(documents, settings_)]
    graph, _ = build_graph(results, settings_)
    data_out = turtle.serialize(graph)
    again = Graph().parse(data=data_out, format="turtle")
    assert isomorphic(graph, again)
    assert validate_graph(graph) == []


@FAST
@given(text=TEXT)
def test_random_text(nlp, text):
    _through_pipeline(text.encode("utf-8"))


@FAST
@given(data=BYTES)
def test_random_bytes(nlp, data):
    _through_pipeline(data)
