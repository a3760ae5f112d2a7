"""Interactive HTML export: one self-contained page that opens offline by double-click.

The page is rendered from our own template rather than pyvis's: pyvis 0.3.2's template
always links Bootstrap from a CDN (even with cdn_resources="in_line"), does not escape the
heading, and Network.add_node/add_edge are O(n) each. From pyvis we take only what it is
good for here: the vis-network build it ships, which we inline.
"""

from __future__ import annotations

import html
import importlib.util
import json
import math
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from kg.errors import ExportError
from kg.export.atomic import write_text

if TYPE_CHECKING:
    import networkx

# kind -> (colour, shape). Okabe-Ito colours stay distinct for colour-blind readers; the
# shapes all draw their label underneath, which is what lets `size` scale them.
KINDS: dict[str, tuple[str, str]] = {
    "Person": ("#0072B2", "dot"),
    "Organization": ("#E69F00", "square"),
    "Place": ("#009E73", "triangle"),
    "Event": ("#CC79A7", "diamond"),
    "Date": ("#7F7F7F", "star"),
}
OTHER = ("#BBBBBB", "dot")
MIN_SIZE, MAX_SIZE = 10.0, 40.0
MAX_LABEL = 60  # longer names are cut on the canvas; the tooltip keeps them whole
STABILIZATION_ITERATIONS = 200
STATIC_LAYOUT_ABOVE = 1500  # beyond this, in-browser physics is too slow to be usable


def render(graph: "networkx.MultiDiGraph", *, title: str = "kg graph") -> str:
    """Return the HTML text (what write() writes)."""
    node_ids = sorted(str(n) for n in graph.nodes)
    static = len(node_ids) > STATIC_LAYOUT_ABOVE
    positions = _positions(graph, node_ids) if static else {}
    nodes = _nodes(graph, node_ids, positions)
    edges = _edges(graph)
    js, css = _vis_assets()
    if nodes:
        body = '<div id="graph"></div>'
    else:
        body = '<p class="empty">This graph is empty: no entities were extracted.</p>'
    return _PAGE.substitute(
        title=html.escape(title),
        vis_css=css,
        vis_js=js,
        legend=_legend(nodes),
        stats=f"{len(nodes)} entities, {len(edges)} relations",
        body=body,
        nodes=_json_for_script(nodes),
        edges=_json_for_script(edges),
        options=_json_for_script(_options(len(nodes), static)),
    )


def write(graph: "networkx.MultiDiGraph", path: Path, *, title: str = "kg graph") -> None:
    """Render GRAPH as a self-contained offline HTML page at PATH (written atomically)."""
    try:
        write_text(Path(path), render(graph, title=title))
    except OSError as exc:
        raise ExportError(f"cannot write HTML export {path}: {exc.strerror}") from None


def _nodes(graph, node_ids: list[str], positions: dict) -> list[dict]:
    attrs = {str(n): a for n, a in graph.nodes(data=True)}
    most = max((int(a.get("mentions") or 0) for a in attrs.values()), default=0)
    nodes = []
    for iri in node_ids:
        a = attrs[iri]
        label = str(a.get("label") or iri)
        kind = str(a.get("kind") or "")
        mentions = int(a.get("mentions") or 0)
        colour, shape = KINDS.get(kind, OTHER)
        node = {
            "id": iri,
            "label": label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…",
            "color": colour,
            "shape": shape,
            "kind": kind if kind in KINDS else "Other",
            "size": _size(mentions, most),
            "title": _tooltip(
                label=label,
                kind=kind or "unknown",
                aliases=str(a.get("aliases") or ""),
                mentions=str(mentions),
                iri=iri,
            ),
        }
        if iri in positions:
            node["x"], node["y"] = positions[iri]
        nodes.append(node)
    return nodes


def _edges(graph) -> list[dict]:
    labels = {str(n): str(a.get("label") or n) for n, a in graph.nodes(data=True)}
    rows = sorted(
        (str(u), str(v), str(d.get("label") or d.get("predicate") or ""),
         str(d.get("predicate") or ""), str(k))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    edges, seen_pairs = [], {}
    for i, (u, v, label, predicate, _key) in enumerate(rows):
        edge = {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "label": label,
            "title": _tooltip(
                relation=f"{labels[u]} → {label} → {labels[v]}", predicate=predicate
            ),
        }
        # vis draws parallel edges (either direction) on top of each other: bend the extras.
        nth = seen_pairs[frozenset((u, v))] = seen_pairs.get(frozenset((u, v)), -1) + 1
        if nth and u != v:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * nth, 2)}
        edges.append(edge)
    return edges


def _size(mentions: int, most: int) -> float:
    # Log scale: a handful of entities dominate mention counts in news text.
    if most <= 0 or mentions <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.log1p(mentions) / math.log1p(most), 2)


def _tooltip(**fields: str) -> str:
    """HTML for a hover box, every value escaped: it is corpus text."""
    lines = [f"<b>{html.escape(k)}</b>: {html.escape(v)}" for k, v in fields.items() if v]
    return "<br>".join(lines)


def _legend(nodes: list[dict]) -> str:
    counts: dict[str, int] = {}
    for n in nodes:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    entries = [(k, c, s) for k, (c, s) in KINDS.items()]
    if "Other" in counts:
        entries.append(("Other", *OTHER))
    items = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>'
        f"{html.escape(kind)} <small>({shape}, {counts.get(kind, 0)})</small></li>"
        for kind, colour, shape in entries
    )
    return f'<ul id="legend" aria-label="legend">{items}</ul>'


def _options(n_nodes: int, static: bool) -> dict:
    return {
        # vis's improvedLayout (Kamada-Kawai on clusters) stalls the page on mid-size graphs.
        "layout": {"randomSeed": 0, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": not static,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                              "updateInterval": 25, "fit": True},
        },
        "nodes": {"borderWidth": 1, "font": {"size": 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333"},
            "font": {"size": 9, "color": "#555555", "strokeWidth": 2, "align": "middle"},
            "smooth": {"enabled": False},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": static},
    }


def _positions(graph, node_ids: list[str]) -> dict[str, tuple[float, float]]:
    import networkx as nx

    # Insertion order feeds the layout, so build a sorted copy: same content, same picture.
    simple = nx.Graph()
    simple.add_nodes_from(node_ids)
    simple.add_edges_from(sorted((str(u), str(v)) for u, v in graph.edges() if u != v))
    scale = 40.0 * math.sqrt(len(node_ids))
    try:
        pos = nx.spring_layout(simple, seed=0, iterations=30, scale=scale)
    except ImportError:  # networkx needs scipy for graphs of 500+ nodes
        pos = _spiral(simple, scale)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def _spiral(simple, scale: float) -> dict[str, tuple[float, float]]:
    """Sunflower spiral, best-connected nodes in the middle: cheap and deterministic."""
    order = sorted(simple, key=lambda n: (-simple.degree(n), n))
    golden = math.pi * (3 - math.sqrt(5))
    step = scale / math.sqrt(len(order))
    return {
        n: (step * math.sqrt(i) * math.cos(i * golden), step * math.sqrt(i) * math.sin(i * golden))
        for i, n in enumerate(order)
    }


def _json_for_script(value) -> str:
    # The JSON lands inside <script>: with <, > and & as \u escapes no corpus string can
    # close the block ("</script>") or open a comment ("<!--"); JS decodes them back.
    # ensure_ascii also escapes U+2028/U+2029, which older JS treats as line breaks.
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """(vis-network JS, CSS) from the copy bundled in pyvis, located without importing it.

    `import pyvis` drags in IPython and jsonpickle (~0.2 s) for files we only read.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("pyvis is not installed; install it to write the HTML export")
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib"
    builds = sorted(
        (d for d in lib.glob("vis-*") if (d / "vis-network.min.js").is_file()),
        key=lambda d: tuple(int(p) for p in d.name[4:].split(".") if p.isdigit()),
    )
    if not builds:
        raise ExportError(f"no vis-network build found under {lib}; reinstall pyvis")
    js = (builds[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    css = (builds[-1] / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise ExportError(f"{builds[-1]} cannot be inlined safely; reinstall pyvis")
    return js, css


_PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>$vis_css</style>
<style>
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.2em; margin: 0 0 4px 0; }
#legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
#legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
                  margin-right: 6px; vertical-align: middle; }
#stats, #status { color: #666; font-size: 0.85em; }
#graph { flex: 1; min-height: 300px; }
.empty { padding: 32px 16px; font-size: 1.2em; color: #555; }
</style>
</head>
<body>
<header>
<h1>$title</h1>
$legend
<span id="stats">$stats</span> <span id="status"></span>
</header>
$body
<script>$vis_js</script>
<script>
(function () {
  var nodes = $nodes;
  var edges = $edges;
  var options = $options;
  var container = document.getElementById("graph");
  if (!container || nodes.length === 0) { return; }
  // Tooltips are escaped HTML; parse them in an inert <template> into elements so vis
  // shows them formatted (vis 9 prints plain strings as text) and nothing can run.
  function tooltip(markup) {
    var t = document.createElement("template");
    t.innerHTML = markup;
    var div = document.createElement("div");
    div.appendChild(t.content);
    return div;
  }
  nodes.forEach(function (n) { n.title = tooltip(n.title); });
  edges.forEach(function (e) { e.title = tooltip(e.title); });
  var network = new vis.Network(
    container, {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)}, options);
  var status = document.getElementById("status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Stop the simulation once laid out, so large graphs do not keep spinning the CPU.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    status.textContent = "";
  });
})();
</script>
</body>
</html>
""")
