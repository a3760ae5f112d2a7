"""What events and dates cost, as a share of spaCy's parse, measured in one run.

    .venv/bin/python bench/events_speed.py            # the bundled corpus
    .venv/bin/python bench/events_speed.py --redocred 200   # 200 Re-DocRED dev documents

Parses the documents once, then times kg's stages on the parsed documents: mention
collection, kg.events.annotate (date values, dateparser included, and event phrases and
keys; eventverbs.find, timed again alone, is the part that reads events stated by verbs and
nouns, their types and statuses), kg.events.facts and kg.eventverbs.facts (participation).
Prints seconds and each stage's ratio to the parse, plus how many date mentions went to
dateparser and how many of its calls the cache answered.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kg import corpus, nlp  # noqa: E402
from kg.analysis import dates, events, eventverbs, mentions  # noqa: E402
from kg.analysis.acronyms import definitions  # noqa: E402
from kg.settings import Settings  # noqa: E402


def _documents(redocred: int | None) -> list:
    if not redocred:
        return corpus.read_corpus(ROOT / "corpus", ROOT)
    import redocred_data

    docs = redocred_data.load("dev", limit=redocred)
    # Re-DocRED texts have no dateline: give them one so relative dates are resolved too.
    return [corpus.document_from_text(corpus.clean(f"Title\n\nCity, March 3, 2021 - {d.text}\n"),
                                      f"doc-{k}", f"doc-{k}.txt") for k, d in enumerate(docs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redocred", type=int, default=0, help="use N Re-DocRED dev documents instead")
    args = parser.parse_args()
    settings = Settings()
    documents = _documents(args.redocred)
    nlp.load(settings.model)
    started = time.perf_counter()
    parsed = list(nlp.parse(documents, settings))
    parse = time.perf_counter() - started
    times = {"mentions.collect": 0.0, "events.annotate": 0.0, "  of it eventverbs.find": 0.0,
             "events.facts": 0.0, "eventverbs.facts": 0.0}
    date_mentions = 0
    for document, sdoc in parsed:
        acronyms = tuple(((a, b), (c, d)) for a, b, c, d in definitions(document.text))
        started = time.perf_counter()
        _, found = mentions.collect(sdoc, acronyms)
        times["mentions.collect"] += time.perf_counter() - started
        date_mentions += sum(m.kind == "Date" for m in found)
        started = time.perf_counter()
        found = events.annotate(sdoc, found, document)
        times["events.annotate"] += time.perf_counter() - started
        started = time.perf_counter()
        eventverbs.find(sdoc, found, document)  # again, alone, to show its share of annotate
        times["  of it eventverbs.find"] += time.perf_counter() - started
        started = time.perf_counter()
        events.facts(sdoc, found)
        times["events.facts"] += time.perf_counter() - started
        started = time.perf_counter()
        eventverbs.facts(sdoc, found)
        eventverbs.unasserted(sdoc)
        times["eventverbs.facts"] += time.perf_counter() - started
    info = dates._parse.cache_info()
    print(f"{len(documents)} documents, {date_mentions} date mentions, "
          f"dateparser calls {info.misses} (+{info.hits} answered by the cache)")
    print(f"spaCy parse {parse:.2f} s")
    for stage, seconds in times.items():
        print(f"{stage:18s} {seconds:.3f} s  = {seconds / parse:.3f} x parse")


if __name__ == "__main__":
    main()
