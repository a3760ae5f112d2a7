"""The page's stories are the same in every process, whatever Python's string hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A cluster of 40 people (split into stories by Louvain) beside 60 pairs of places: a part
# smaller than half the graph is where networkx's subgraph follows the set's order.
STORIES = """
import json
import networkx as nx
from kg.export.html import _mark_stories
g = nx.MultiDiGraph()
people = [f"https://example.org/kg/resource/person/p{i:02d}" for i in range(40)]
for i in range(40):
    for j in (i + 1, i + 3, i * 7 % 40):
        if j < 40 and j != i:
            g.add_edge(people[i], people[j])
for k in range(60):
    g.add_edge(f"https://example.org/kg/resource/place/q{k:02d}a", f"https://example.org/kg/resource/place/q{k:02d}b")
nodes = [{"id": n} for n in sorted(g.nodes)]
_mark_stories(nodes, g, [])
print(json.dumps([n["story"] for n in nodes]))
"""


def _stories(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", STORIES], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_stories_do_not_depend_on_the_hash_seed():
    first = _stories("1")
    assert len(set(first.strip("[]\n").split(", "))) > 3  # several stories, not one
    assert _stories("2") == first
