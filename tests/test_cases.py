"""Each folder in tests/cases is a short corpus (input.txt, plus any other .txt files as
further documents) with ASK queries that must hold (must.rq) and must not hold
(must_not.rq) on its graph. Adding a case is adding a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import graph_from_texts
from kg.query import prefixes

CASES = Path(__file__).parent / "cases"


def _asks(path: Path) -> list[str]:
    if not path.exists():
        return []
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    return [b.strip() for b in blocks if "ASK" in b]


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_case(case: Path, nlp):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(case.glob("*.txt"))}
    assert "input" in texts, f"{case.name} has no input.txt"
    graph = graph_from_texts(texts)
    must, must_not = _asks(case / "must.rq"), _asks(case / "must_not.rq")
    assert must, f"{case.name} has no must.rq"
    failures = [f"must hold:\n{q}" for q in must if not graph.query(q, initNs=prefixes()).askAnswer]
    failures += [f"must not hold:\n{q}" for q in must_not if graph.query(q, initNs=prefixes()).askAnswer]
    assert not failures, "\n\n".join(failures)
