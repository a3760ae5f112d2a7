"""Score kg on our own held-out news set: twelve short articles on topics the bundled
corpus does not have (an acquisition, an election, a cup final, a sentencing, an obituary,
an earthquake, a summit, a satellite launch, a CEO appointment, a football transfer, a
trade agreement, a protest), with made-up people and companies.

    python bench/news_eval.py                 # build, score, print every measure and miss
    python bench/news_eval.py --keep /tmp/ne  # keep the exports there to look at them
    python bench/news_eval.py --json          # the scorer's measures as JSON
    python bench/news_eval.py --set new       # only articles 13-20 (gold-13-20.json)

Articles 01-12 ("old", gold.json) were written first; 13-20 ("new", gold-13-20.json) were
written later, before the rules were worked on against them, so that a rule tuned on the
old twelve shows whether it carries over. "all" (the default) scores both together.

The texts are bench/news/corpus/*.txt and the gold is bench/news/gold.json, in the format
of ../shared/eval/corpus-gold.json (entities with surface forms, event keys and types,
pairs that must not merge, relations, dates, document dates, quotes). Both were written
by us, the gold by reading the texts, never from kg's output: it is a check on English
news beyond the dev set, not the hidden gold the steering side scores on.

The corpus is built into a temporary folder with the kg on the path (no cache, no
aliases file), then scored by the shared scorer, found at $KG_SCORER, else
../shared/eval/score.py beside the repository, else /work/shared/eval/score.py. Without
it, the script says where to put it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.settings import Settings  # noqa: E402

NEWS = ROOT / "bench" / "news"


def scorer_path() -> Path | None:
    """The shared scorer: $KG_SCORER, ../shared/eval/score.py beside the repo, or /work/shared."""
    candidates = [os.environ.get("KG_SCORER", ""), ROOT.parent / "shared/eval/score.py",
                  "/work/shared/eval/score.py"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


SETS = {"old": (range(1, 13), ("gold.json",)), "new": (range(13, 21), ("gold-13-20.json",)),
        "all": (range(1, 21), ("gold.json", "gold-13-20.json"))}


def select_corpus(name: str, folder: Path) -> Path:
    """Copy the articles of set NAME (by their number prefix) into FOLDER; FOLDER."""
    numbers = SETS[name][0]
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((NEWS / "corpus").glob("*.txt")):
        if int(path.name.split("_")[0]) in numbers:
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def load_gold(name: str) -> dict:
    """The gold of set NAME: its files' lists joined, an entity listed twice kept once."""
    gold: dict = {}
    for file in SETS[name][1]:
        part = json.loads((NEWS / file).read_text(encoding="utf-8"))
        for key, items in part.items():
            if isinstance(items, list):
                gold.setdefault(key, []).extend(items)
    seen, entities = set(), []
    for entity in gold.get("entities", []):
        key = (entity["type"], entity["names"][0])
        if key not in seen:
            seen.add(key)
            entities.append(entity)
    gold["entities"] = entities
    return gold


def build_news(out: Path, corpus: Path = NEWS / "corpus", min_confidence: float | None = None) -> Path:
    """Build CORPUS into OUT/exports (cache in OUT too, so the repo stays clean); the Turtle's path."""
    settings = Settings(corpus=corpus, out=out / "exports", progress=False, aliases=None,
                        cache=out / "cache", html_max_nodes=500, min_confidence=min_confidence)
    report = build(settings)
    print(report.summary(), file=sys.stderr)
    return out / "exports" / "graph.ttl"


def load_scorer(path: Path):
    """The scorer as a module (it has no package)."""
    spec = importlib.util.spec_from_file_location("kg_news_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SUMMARY = ("entity_recall", "entity_type_acc", "event_recall", "event_type_acc", "alias_merge",
           "person_org_precision", "relation_recall", "relation_precision", "argument_role_acc",
           "provenance_coverage", "date_recall", "doc_date_recall", "quote_recall", "quote_speaker_acc")


def report(measures: dict) -> str:
    """Every measure on a line, then every miss on its own line (the scorer's own print
    cuts lists at 40), then the scorer's summary line."""
    lines = [f"{k:24s} {v:.2f}" if isinstance(v, float) else f"{k:24s} {v}"
             for k, v in measures.items() if not isinstance(v, list)]
    for key, items in measures.items():
        if isinstance(items, list) and items:
            lines += [f"\n{key} ({len(items)}):"] + [f"  {item}" for item in items]
    lines.append("\nsummary " + " ".join(f"{k}={measures[k]:.2f}" for k in SUMMARY)
                 + f" wrong_merges={len(measures['wrong_merges'])}")
    return "\n".join(lines)


def score(graph: Path, gold: dict, scorer: Path, as_json: bool) -> int:
    """Score GRAPH against GOLD with the shared scorer and print the result."""
    module = load_scorer(scorer)
    measures = module.score(module.load(str(graph)), gold)
    print(json.dumps(measures, indent=1, ensure_ascii=False) if as_json else report(measures))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument("--gold", type=Path, help="score against this gold file instead")
    parser.add_argument("--set", choices=sorted(SETS), default="all",
                        help="old: articles 01-12, new: 13-20, all: both (default)")
    parser.add_argument("--json", action="store_true", help="print the scorer's measures as JSON")
    parser.add_argument("--min-confidence", type=float, default=None, help="as kg build --min-confidence")
    args = parser.parse_args()
    scorer = scorer_path()
    if scorer is None:
        print("no scorer: copy score.py from the shared eval folder (shared/eval/score.py) to "
              "../shared/eval/score.py beside this repository, or set KG_SCORER to its path",
              file=sys.stderr)
        return 2
    gold = json.loads(args.gold.read_text(encoding="utf-8")) if args.gold else load_gold(args.set)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        corpus = select_corpus(args.set, args.keep / "corpus")
        return score(build_news(args.keep, corpus, args.min_confidence), gold, scorer, args.json)
    with tempfile.TemporaryDirectory(prefix="kg-news-") as tmp:
        corpus = select_corpus(args.set, Path(tmp) / "corpus")
        return score(build_news(Path(tmp), corpus, args.min_confidence), gold, scorer, args.json)


if __name__ == "__main__":
    sys.exit(main())
