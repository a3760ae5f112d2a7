"""How fast graph.html becomes usable in headless Chromium, for synthetic graphs.

    .venv/bin/python bench/html_bench.py              # 5,000 nodes (the budget: interactive < 10 s)
    .venv/bin/python bench/html_bench.py 500 1500 5000
    .venv/bin/python bench/html_bench.py exports/graph.html   # a real page: what it draws, and a screenshot

For each size: Python's render time (layout + page), the page's size, and in the browser
the time from opening the file to the first paint, to a real mouse click on a node showing
its evidence panel, and what one pan, one zoom and one search-and-focus take. Needs
Chromium (apt-get install -y chromium) and Playwright (pip install -e '.[test]').
Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import browser  # noqa: E402

from kg.export import html  # noqa: E402
from kg.export.view import Evidence  # noqa: E402

KG = "https://example.org/kg/resource/"
KINDS = ["Person"] * 4 + ["Organization"] * 3 + ["Place"] * 2 + ["Event"]
VERBS = ["memberOf", "leaderOf", "participatedIn", "location", "onDate", "meet", "criticise", "succeed"]


def synthetic(n: int, seed: int = 0) -> tuple[nx.MultiDiGraph, Evidence, dict]:
    """A news-like graph: preferential attachment (a few hubs, many leaves), ~1.5 edges per
    node, each fact backed by one or two sentences of one of n/50 documents; and
    co-mentions (kg.comention's data): each entity named with two others of its document."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    docs = {f"{KG}document/d{i:04}": {"title": f"Article {i}", "source": f"corpus/d{i:04}.txt", "date": ""}
            for i in range(max(1, n // 50))}
    doc_ids = sorted(docs)
    ids = [f"{KG}entity/n{i:05}" for i in range(n)]
    for i, iri in enumerate(ids):
        g.add_node(iri, label=f"Entity {i}", kind=rng.choice(KINDS), aliases=f"E{i} | Ent {i}",
                   mentions=rng.randint(1, 40), roles="")
    facts, mentioned, targets = {}, {}, [ids[0]]
    for i, iri in enumerate(ids[1:], 1):
        for _ in range(1 + (rng.random() < 0.5)):
            other = rng.choice(targets)
            verb = rng.choice(VERBS)
            predicate = verb if verb in VERBS[:5] else "relatedTo"
            key = f"{predicate}:{verb}"
            g.add_edge(iri, other, key=key, label=verb, predicate=predicate)
            rows = [(rng.choice(doc_ids), f"Entity {i} and Entity {int(other[-5:])} "
                     f"were named in sentence {j} of the report.", "bench", 0.7) for j in range(rng.randint(1, 2))]
            facts[(iri, key, other)] = rows
            for doc, *_ in rows:
                mentioned.setdefault(iri, set()).add(doc)
                mentioned.setdefault(other, set()).add(doc)
            targets += [iri, other]
    pairs = {}
    by_doc: dict[str, list[str]] = {}
    for iri, where in sorted(mentioned.items()):
        by_doc.setdefault(sorted(where)[0], []).append(iri)
    for doc, cast in sorted(by_doc.items()):
        for iri in cast:
            for other in rng.sample(cast, min(2, len(cast))):
                a, b = sorted((iri[len(KG):], other[len(KG):]))
                if a != b:
                    pairs[(a, b)] = [a, b, rng.randint(1, 3), ["document/" + doc.rsplit("/", 1)[1]]]
    comentions = {"version": 1, "pairs": [pairs[k] for k in sorted(pairs)]}
    return g, Evidence(documents=docs, facts=facts,
                       mentioned_in={k: tuple(sorted(v)) for k, v in mentioned.items()}), comentions


def measure(n: int, chromium) -> dict[str, float]:
    g, found, comentions = synthetic(n)
    started = time.perf_counter()
    text = html.render(g, title=f"bench {n}", evidence=found, comentions=comentions)
    figures = {"render_s": time.perf_counter() - started, "page_mb": len(text.encode()) / 1e6}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_text(text, encoding="utf-8")
        page = browser.Page(chromium, path)
        started = time.perf_counter()
        page.open(timeout_ms=600_000)
        figures["first_paint_s"] = time.perf_counter() - started
        p = page.page
        # Wait out any in-browser stabilisation (graphs under the static-layout threshold).
        p.wait_for_function("!window.kgNetwork.physics.options.enabled", timeout=600_000)
        figures["settled_s"] = time.perf_counter() - started
        hub = max(g, key=lambda v: (g.degree(v), v))
        page.click_node(hub)
        p.wait_for_selector("#panel h2", state="visible")
        figures["interactive_s"] = time.perf_counter() - started  # open -> a click answered
        def redraw(action) -> float:
            p.evaluate("window.kgDrawn = false; window.kgNetwork.once('afterDrawing', () => window.kgDrawn = true); null")
            t = time.perf_counter()
            action()
            p.wait_for_function("window.kgDrawn === true")
            return time.perf_counter() - t
        box = p.locator("#graph canvas").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        def pan():
            p.mouse.move(cx + 200, cy + 200)
            p.mouse.down()
            p.mouse.move(cx + 260, cy + 230, steps=2)
            p.mouse.up()
        figures["pan_s"] = redraw(pan)
        figures["zoom_s"] = redraw(lambda: (p.mouse.move(cx, cy), p.mouse.wheel(0, -300)))
        t = time.perf_counter()
        p.fill("#search", f"ent {n - 1}")
        p.press("#search", "Enter")
        p.wait_for_function(f"document.querySelector('#panel h2').textContent === 'Entity {n - 1}'")
        figures["search_focus_s"] = time.perf_counter() - t
        figures["errors"] = len(page.errors)
        figures["requests_off_page"] = sum(u != page.url for u in page.requests)
        p.close()
    return figures


DRAWN = """() => {
  const g = window.kgGraph, facts = g.edges.filter(e => e.kind === "fact");
  const linked = new Set(facts.flatMap(e => [e.from, e.to]));
  const any = new Set(g.edges.flatMap(e => [e.from, e.to]));
  return {nodes: g.nodes.length, facts: facts.length, comentions: g.edges.length - facts.length,
          unlinked: g.nodes.filter(n => !linked.has(n.id)).length,
          alone: g.nodes.filter(n => !any.has(n.id)).length,
          dates: g.nodes.filter(n => n.kind === "Date").length,
          timeline: document.querySelectorAll("#timeline [data-event]").length};
}"""


def measure_page(path: Path, chromium) -> dict[str, float]:
    """What a real page draws when it opens, how long it takes, and a screenshot beside it."""
    page = browser.Page(chromium, path)
    started = time.perf_counter()
    page.open(timeout_ms=600_000)
    page.page.wait_for_function("!window.kgNetwork.physics.options.enabled", timeout=600_000)
    figures = {"settled_s": time.perf_counter() - started, "page_mb": path.stat().st_size / 1e6}
    figures |= page.page.evaluate(DRAWN)
    page.page.screenshot(path=str(path.with_suffix(".png")))
    figures["errors"] = len(page.errors)
    figures["requests_off_page"] = sum(u != page.url for u in page.requests)
    page.page.close()
    return figures


def main_pages(paths: list[Path]) -> None:
    with browser.launch() as chromium:
        for path in paths:
            f = measure_page(path, chromium)
            print(f"{path}: {f['page_mb']:.1f} MB, settled {f['settled_s']:.1f} s after opening | drawn "
                  f"{f['nodes']} nodes, {f['facts']} fact links, {f['comentions']} co-mention links; "
                  f"{f['unlinked']} without a fact ({f['unlinked'] / max(1, f['nodes']):.0%}), "
                  f"{f['alone']} without any link ({f['alone'] / max(1, f['nodes']):.0%}); "
                  f"{f['dates']} date nodes; {f['timeline']} timeline events | errors {f['errors']}, "
                  f"off-page requests {f['requests_off_page']}; screenshot {path.with_suffix('.png')}", flush=True)


def main(sizes: list[int]) -> None:
    reason = browser.unavailable()
    if reason:
        sys.exit(f"cannot run the browser benchmark: {reason}")
    print(f"static layout (no in-browser physics) above {html.STATIC_LAYOUT_ABOVE} nodes")
    with browser.launch() as chromium:
        for n in sizes:
            f = measure(n, chromium)
            print(f"{n:>6} nodes: render {f['render_s']:.1f} s, page {f['page_mb']:.1f} MB | "
                  f"first paint {f['first_paint_s']:.1f} s, settled {f['settled_s']:.1f} s, "
                  f"click answered {f['interactive_s']:.1f} s after opening | pan {f['pan_s']:.2f} s, "
                  f"zoom {f['zoom_s']:.2f} s, search+focus {f['search_focus_s']:.2f} s | "
                  f"errors {f['errors']}, off-page requests {f['requests_off_page']}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] and not sys.argv[1].isdigit():
        main_pages([Path(a) for a in sys.argv[1:]])
    else:
        main([int(a) for a in sys.argv[1:]] or [5000])
