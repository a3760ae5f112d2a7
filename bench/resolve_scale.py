"""How entity resolution scales: the bundled corpus's per-document results repeated as
N and 10*N documents (renamed, so names recur across documents as in a real corpus),
and the ratio of the two resolution times (near 10 means linear).

    python bench/resolve_scale.py [N]      # default N = 300
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from kg.build import analyse_corpus
from kg.resolve import cluster
from kg.settings import Settings


def timed(results) -> float:
    started = time.perf_counter()
    cluster(results)
    return time.perf_counter() - started


def copies(results, n: int):
    out = []
    for k in range(n):
        result = results[k % len(results)]
        document = replace(result.document, doc_id=f"{result.document.doc_id}-{k}")
        out.append(replace(result, document=document))
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    root = Path(__file__).resolve().parent.parent
    base = analyse_corpus(Settings(corpus=root / "corpus", progress=False)).results
    small, large = timed(copies(base, n)), timed(copies(base, 10 * n))
    mentions = sum(len(r.mentions) for r in copies(base, 10 * n))
    print(f"{n} documents: {small:.2f} s; {10 * n} documents ({mentions} mentions): {large:.2f} s; "
          f"ratio {large / small:.1f} (10 = linear)")
