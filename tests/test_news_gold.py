"""The held-out news set's gold (bench/news/gold.json) is consistent with its texts, so a
miss the scorer reports is kg's and not a typo in the gold."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / "bench" / "news"
GOLD = json.loads((NEWS / "gold.json").read_text(encoding="utf-8"))
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted((NEWS / "corpus").glob("*.txt"))}
CORPUS = "\n".join(TEXTS.values())
NAMES = {n for e in GOLD["entities"] for n in e["names"]}
EVENT_TYPES = set("acquisition election meeting agreement competition attack protest disaster trial "
                  "launch appointment death other".split())


def test_twelve_articles_of_news_length():
    words = [len(text.split()) for text in TEXTS.values()]
    assert len(words) == 12 and all(250 <= n <= 450 for n in words)


def test_names_are_unique_and_named_entities_occur_in_the_texts():
    counts = Counter(n.lower() for e in GOLD["entities"] for n in e["names"])
    assert [n for n, k in counts.items() if k > 1] == []
    absent = [e["names"][0] for e in GOLD["entities"]
              if e["type"] != "Event" and e["required"] and e["names"][0].lower() not in CORPUS.lower()]
    assert absent == []


def test_relations_quotes_and_pairs_name_gold_entities():
    entity_objects = [r for r in GOLD["relations"] if r["p"] not in ("hasRole", "onDate") and "|" not in r["o"]]
    assert [r for r in GOLD["relations"] if r["s"] not in NAMES] == []
    assert [r for r in entity_objects if r["o"] not in NAMES] == []
    assert [q for q in GOLD["quotes"] if q["speaker"] not in NAMES or q["contains"] not in CORPUS] == []
    assert [p for p in GOLD["must_not_merge"] if not set(p) <= NAMES] == []


def test_event_types_and_roles_follow_the_contract():
    typed = [e["eventType"] for e in GOLD["entities"] if e["type"] == "Event" and "eventType" in e]
    assert typed and set(typed) <= EVENT_TYPES
    roles = {r.get("role") for r in GOLD["relations"] if r["p"] == "participatedIn"}
    assert roles <= {None, "agent", "patient"}


def test_document_dates_name_articles_whose_dateline_has_that_date():
    for dd in GOLD["document_dates"]:
        (name,) = [n for n in TEXTS if dd["file_contains"] in n]
        year, month, day = dd["value"].split("-")
        assert year in TEXTS[name].splitlines()[2] and str(int(day)) in TEXTS[name].splitlines()[2]
