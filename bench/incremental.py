"""Rebuild benchmark: what a rebuild costs after nothing, one added, one changed and one
deleted article, against a cold build, and whether the result is a from-scratch build's.

    python bench/incremental.py              # 1,000 Re-DocRED articles (~5 min on 2 cores)
    python bench/incremental.py --docs 100   # a quick check of the script

Each build is `kg build --jobs 1` as a fresh process (start-up, spaCy and exports count),
timed by wall clock and by CPU time (the better figure on a shared machine). The corpus
is the first DOCS - 1 Re-DocRED articles; the added one is the next. After the sequence
(add, change, delete) the four exports are compared byte for byte with a build from
scratch (`--no-cache`, another folder). Builds run with PYTHONHASHSEED=0 so graph.html's
community layout does not vary with Python's string hashing between processes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redocred_data import load, write_corpus  # noqa: E402

EXPORTS = ("graph.ttl", "graph.graphml", "graph.html", "comentions.json")


def build(project: Path, out: str = "exports", *options: str) -> dict:
    """One `kg build` in a fresh process: wall and CPU seconds, and its summary's timing line."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed kg has its bytecode compiled
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--corpus", "corpus", "--out", out, "--jobs", "1",
                           "--quiet", *options], cwd=project, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"kg build failed:\n{done.stderr}")
    timing = next((line for line in done.stdout.splitlines() if " s: spaCy " in line), done.stdout.strip())
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu, "timing": timing}


def sequence(project: Path, extra: str) -> list[tuple[str, dict]]:
    """Cold build, then no-op, add one, no-op, change one, delete one."""
    corpus = project / "corpus"
    runs = [("cold build (empty cache)", build(project))]
    runs.append(("nothing changed", build(project)))
    (corpus / "added-0001.txt").write_text(extra, encoding="utf-8")
    runs.append(("one article added", build(project)))
    runs.append(("nothing changed, again", build(project)))
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nIt was reported by Tarvo Lind.\n", encoding="utf-8")
    runs.append(("one article changed", build(project)))
    (corpus / "added-0001.txt").unlink()
    runs.append(("one article deleted", build(project)))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="corpus size after the addition (default 1000)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    args = parser.parse_args()
    docs = load("dev") + load("test")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-inc-"))
    try:
        project = work / "project"
        shutil.rmtree(project, ignore_errors=True)
        write_corpus(docs[:args.docs - 1], project / "corpus")
        runs = sequence(project, docs[args.docs - 1].text)
        fresh = build(project, "fresh", "--no-cache")
        same = {name: (project / "exports" / name).read_bytes() == (project / "fresh" / name).read_bytes()
                for name in EXPORTS}
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    cold = runs[0][1]
    print(f"{args.docs - 1} + 1 Re-DocRED articles, kg build --jobs 1, each a fresh process\n")
    print("| build | wall s | CPU s | CPU ÷ cold |")
    print("| --- | ---: | ---: | ---: |")
    for name, run in runs + [("from scratch (--no-cache)", fresh)]:
        print(f"| {name} | {run['wall']:.2f} | {run['cpu']:.2f} | {run['cpu'] / cold['cpu']:.3f} |")
    print("\nAfter add, change, delete, byte-identical to the from-scratch build: "
          + ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in same.items()))
    print("\nWhere the time went (kg build's summary line):")
    for name, run in runs + [("from scratch", fresh)]:
        print(f"- {name}: {run['timing']}")
    print(json.dumps({"same": same}), file=sys.stderr)
    if not all(same.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
