"""Dask executor vs local processes, measured in one run on the same machine.

    python bench/dask_bench.py              # 1,000 Re-DocRED documents (dev + test; a few minutes)
    python bench/dask_bench.py --limit 100  # a quick check of the script itself

Three cold builds (--no-cache) of the same corpus, each a separate `kg build` process, so
start-up, model loading and exports count:

1. local: `kg build --jobs 2`
2. dask, own cluster: `kg build --executor dask --jobs 2` (starts and stops a
   LocalCluster of 2 worker processes; its workers load the model inside the build)
3. dask, running scheduler: `kg build --executor dask --scheduler ADDRESS` against a
   LocalCluster of 2 worker processes started by this script and warmed by one build, as
   a user with a cluster runs it (the workers have loaded the model already)

The three run interleaved, --rounds times (default 2), and the best time of each counts:
the machine's cores are shared with other jobs. It prints each build's wall time, the ratios to the local build, the peak RSS of each Dask
worker, and checks that the three graph.ttl files are byte-identical.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redocred_data import load, write_corpus  # noqa: E402


# The environment as the user's shell gives it: Dask's nanny writes OMP_NUM_THREADS and the
# like into this process's environment when the cluster starts, which builds must not inherit.
ENV = dict(os.environ)
NAMES = ("local `--jobs 2`", "dask, own LocalCluster (`--executor dask --jobs 2`)",
         "dask, running scheduler, warm workers (`--scheduler`)")


# Runs a command as its child and prints the child's wall time and peak RSS (MB). With
# --scheduler the kg process has no children of its own, so this is the client's peak.
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "code": done.returncode, "out": done.stdout,
                  "err": done.stderr[-3000:]}))
"""


def build(corpus: Path, out: Path, *options: str) -> tuple[float, str, float]:
    """Wall seconds of one `kg build` process, its timing line and its peak RSS (MB; for a
    local build, the largest of it and its worker processes)."""
    command = [sys.executable, "-m", "kg", "build", "--corpus", str(corpus), "--out", str(out),
               "--quiet", "--no-cache", *options]
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True,
                          check=False, env=ENV)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        sys.exit(f"kg build {' '.join(options)} failed:\n{result['out']}{result['err']}")
    timing = next((ln for ln in result["out"].splitlines() if " s: spaCy" in ln), "")
    return result["seconds"], timing, result["peak_mb"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N documents (of dev + test)")
    parser.add_argument("--rounds", type=int, default=2, help="builds of each kind; the best counts")
    args = parser.parse_args()
    from dask.distributed import Client

    from kg.dask_executor import local_cluster  # the LocalCluster `kg build --executor dask` starts

    docs = (load("dev") + load("test"))[:args.limit]
    with tempfile.TemporaryDirectory(prefix="kg-dask-bench-") as tmp:
        root = Path(tmp)
        size = write_corpus(docs, root / "corpus")
        print(f"{len(docs)} documents, {size / 1e6:.2f} MB; 2 local jobs vs 2 Dask worker processes")
        times: dict[str, list[float]] = {name: [] for name in NAMES}
        lines: dict[str, str] = {}
        peaks: dict[str, float] = {}
        with local_cluster(2) as cluster, Client(cluster) as client:
            address = cluster.scheduler_address
            warm, _, _ = build(root / "corpus", root / "dask-warm-up", "--executor", "dask", "--scheduler", address)
            for _ in range(args.rounds):  # interleaved, so load from other jobs hits all alike
                for name, out, options in ((NAMES[0], "local", ("--jobs", "2")),
                                           (NAMES[1], "dask-own", ("--executor", "dask", "--jobs", "2")),
                                           (NAMES[2], "dask-running", ("--executor", "dask", "--scheduler", address))):
                    seconds, line, peak = build(root / "corpus", root / out, *options)
                    if not times[name] or seconds < min(times[name]):  # report the best round's
                        lines[name], peaks[name] = line, peak
                    times[name].append(seconds)
            workers = client.run(peak_rss_mb)
        local = min(times[NAMES[0]])
        rows = [(name, min(times[name]), lines[name]) for name in NAMES]
        same = all(filecmp.cmp(root / "local" / "graph.ttl", root / out / "graph.ttl", shallow=False)
                   for out in ("dask-own", "dask-warm-up", "dask-running"))
        print()
        print("| build | wall s | ÷ local | peak RSS of the kg process |")
        print("| --- | ---: | ---: | ---: |")
        for name, seconds, _ in rows:
            print(f"| {name} | {seconds:.1f} | {seconds / local:.2f} | {peaks[name]:.0f} MB |")
        print()
        print(f"best of {args.rounds} interleaved rounds; all times: "
              + "; ".join(f"{name.split(' (')[0]}: " + ", ".join(f"{t:.1f}" for t in times[name]) for name in NAMES))
        print(f"first build on the running cluster (workers load the model): {warm:.1f} s")
        print("peak RSS per Dask worker: " + ", ".join(f"{mb:.0f} MB" for mb in workers.values()))
        print(f"graph.ttl byte-identical across the builds: {same}")
        for name, _, line in rows:
            print(f"  {name}: {line}")
        if not same:
            sys.exit("the Dask build differs from the local build")


if __name__ == "__main__":
    main()
