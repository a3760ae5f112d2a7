"""kg's spaCy pipeline against the stock one: the same annotations, token for token, and
where the time goes, component by component.

    python bench/fastnlp_check.py             # 1,000 Re-DocRED documents (dev, then test)
    python bench/fastnlp_check.py --docs 200

Both pipelines are kg.nlp.load's (the same model, the same line-break component); the
stock one keeps spaCy's attribute ruler and lemmatizer (fast=False), kg's has
kg.fastpipes in their place. For every token it compares text, tag_, pos_, morph, lemma_,
dep_, head.i, ent_iob_, ent_type_ and is_sent_start, prints the first differences and
their count (must be 0), and each component's time in both pipelines.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redocred_data import load as load_redocred  # noqa: E402

from kg import nlp as kg_nlp  # noqa: E402
from kg.settings import Settings  # noqa: E402

BATCH = 16
ATTRIBUTES = ("text", "tag_", "pos_", "morph", "lemma_", "dep_", "head", "ent_iob_", "ent_type_", "is_sent_start")


def timed_pipe(nlp, texts: list[str]) -> tuple[list, dict]:
    """Parse TEXTS in batches, running the pipeline's components one by one and timing each."""
    seconds: dict = defaultdict(float)
    docs = []
    for b in range(0, len(texts), BATCH):
        started = time.perf_counter()
        batch = [nlp.make_doc(t) for t in texts[b:b + BATCH]]
        seconds["tokenizer"] += time.perf_counter() - started
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            if hasattr(component, "pipe"):
                batch = list(component.pipe(batch, batch_size=BATCH))
            else:
                batch = [component(doc) for doc in batch]
            seconds[name] += time.perf_counter() - started
        docs.extend(batch)
    return docs, dict(seconds)


def row(token) -> tuple:
    return tuple(str(getattr(token, a).i if a == "head" else getattr(token, a)) for a in ATTRIBUTES)


def differences(stock_docs: list, kg_docs: list, show: int = 10) -> int:
    """The number of tokens whose attributes differ; the first SHOW are printed."""
    count = 0
    for d, (a, b) in enumerate(zip(stock_docs, kg_docs)):
        if len(a) != len(b):
            print(f"doc {d}: {len(a)} tokens in stock, {len(b)} in kg")
            count += max(len(a), len(b))
            continue
        for ta, tb in zip(a, b):
            ra, rb = row(ta), row(tb)
            if ra != rb:
                count += 1
                if count <= show:
                    print(f"doc {d} token {ta.i}: stock {ra}\n{'':>{len(str(d)) + 12}}kg    {rb}")
    return count


def report(stock: dict, fast: dict) -> None:
    print(f"{'component':<22}{'stock s':>9}{'kg s':>9}")
    for name in dict.fromkeys([*stock, *fast]):
        print(f"{name:<22}{stock.get(name, 0):>9.2f}{fast.get(name, 0):>9.2f}")
    print(f"{'total':<22}{sum(stock.values()):>9.2f}{sum(fast.values()):>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000,
                        help="Re-DocRED documents, dev (500) then test (default 1,000)")
    parser.add_argument("--model", default=Settings().model)
    options = parser.parse_args()
    docs = load_redocred("dev", options.docs)
    docs += load_redocred("test", max(0, options.docs - len(docs)))
    texts = [d.text for d in docs]
    stock_nlp, kg_pipeline = kg_nlp.load(options.model, fast=False), kg_nlp.load(options.model)
    print(f"{len(texts)} documents; stock pipeline {stock_nlp.pipe_names}, kg's {kg_pipeline.pipe_names}")
    timed_pipe(kg_pipeline, texts[:BATCH])  # warm both up: first calls compile and fill caches
    timed_pipe(stock_nlp, texts[:BATCH])
    kg_docs, fast = timed_pipe(kg_pipeline, texts)  # kg's first: its lemma memo starts empty
    stock_docs, stock = timed_pipe(stock_nlp, texts)
    report(stock, fast)
    tokens = sum(len(d) for d in stock_docs)
    found = differences(stock_docs, kg_docs)
    print(f"{tokens:,} tokens compared on {len(ATTRIBUTES)} attributes: {found} differences")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
