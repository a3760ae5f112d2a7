"""The held-out news set's gold (bench/news/gold.json for articles 01-12, gold-13-20.json
for 13-20) is consistent with its texts, so a miss the scorer reports is kg's and not a
typo in the gold."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

NEWS = Path(__file__).resolve().parents[1] / "bench" / "news"
ALL_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted((NEWS / "corpus").glob("*.txt"))}
# gold file -> (article numbers, words per article)
SETS = {"gold.json": (range(1, 13), (250, 450)), "gold-13-20.json": (range(13, 21), (150, 300))}
EVENT_TYPES = set("acquisition election meeting agreement competition attack protest disaster trial "
                  "launch appointment death other".split())


def _texts(file: str) -> dict[str, str]:
    return {n: t for n, t in ALL_TEXTS.items() if int(n.split("_")[0]) in SETS[file][0]}


def _gold(file: str) -> dict:
    return json.loads((NEWS / file).read_text(encoding="utf-8"))


def _names(gold: dict) -> set[str]:
    return {n for e in gold["entities"] for n in e["names"]}


@pytest.mark.parametrize("file", sorted(SETS))
def test_articles_of_news_length(file):
    words = [len(text.split()) for text in _texts(file).values()]
    low, high = SETS[file][1]
    assert len(words) == len(SETS[file][0]) and all(low <= n <= high for n in words)


@pytest.mark.parametrize("file", sorted(SETS))
def test_names_are_unique_and_named_entities_occur_in_the_texts(file):
    gold, corpus = _gold(file), "\n".join(_texts(file).values())
    counts = Counter(n.lower() for e in gold["entities"] for n in e["names"])
    assert [n for n, k in counts.items() if k > 1] == []
    absent = [e["names"][0] for e in gold["entities"]
              if e["type"] != "Event" and e["required"] and e["names"][0].lower() not in corpus.lower()]
    assert absent == []


@pytest.mark.parametrize("file", sorted(SETS))
def test_relations_quotes_and_pairs_name_gold_entities(file):
    gold, corpus = _gold(file), "\n".join(_texts(file).values())
    names = _names(gold)
    entity_objects = [r for r in gold["relations"] if r["p"] not in ("hasRole", "onDate") and "|" not in r["o"]]
    assert [r for r in gold["relations"] if r["s"] not in names] == []
    assert [r for r in entity_objects if r["o"] not in names] == []
    assert [q for q in gold["quotes"] if q["speaker"] not in names or q["contains"] not in corpus] == []
    assert [p for p in gold["must_not_merge"] if not set(p) <= names] == []


@pytest.mark.parametrize("file", sorted(SETS))
def test_event_types_and_roles_follow_the_contract(file):
    gold = _gold(file)
    typed = [e["eventType"] for e in gold["entities"] if e["type"] == "Event" and "eventType" in e]
    assert typed and set(typed) <= EVENT_TYPES
    roles = {r.get("role") for r in gold["relations"] if r["p"] == "participatedIn"}
    assert roles <= {None, "agent", "patient"}


@pytest.mark.parametrize("file", sorted(SETS))
def test_document_dates_name_articles_whose_dateline_has_that_date(file):
    texts = _texts(file)
    for dd in _gold(file)["document_dates"]:
        (name,) = [n for n in texts if dd["file_contains"] in n]
        year, month, day = dd["value"].split("-")
        assert year in texts[name].splitlines()[2] and str(int(day)) in texts[name].splitlines()[2]
