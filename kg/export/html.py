"""Interactive HTML export: one self-contained page that opens offline by double-click.

    render(view, evidence=..., note=...) -> str      write(view, path, ...)
    write_focused(rdf, path, kinds=..., document=..., max_nodes=...) -> note

The page is rendered from our own template rather than pyvis's: pyvis 0.3.2's template
always links Bootstrap from a CDN (even with cdn_resources="in_line"), does not escape the
heading, and Network.add_node/add_edge are O(n) each. From pyvis we take only what it is
good for here: the vis-network build it ships, which we inline.

All corpus text reaches the page as JSON inside <script> (with <, > and & escaped) and is
put on screen with textContent, so it is never parsed as markup. The side panel shows each
node's and edge's evidence (kg.export.view.Evidence); search, class and document filters
and the neighbourhood highlight are a few dozen lines of plain JS at the end of _PAGE.
Past STATIC_LAYOUT_ABOVE nodes the layout is computed here and physics stays off
(bench/html_bench.py measures why).
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
    import rdflib

    from kg.export.view import Evidence

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
STATIC_LAYOUT_ABOVE = 500  # beyond this, in-browser physics delays the first paint by seconds (bench/html_bench.py)
LAYOUT_ITERATIONS, LAYOUT_SAMPLE = 60, 128
DIM_LIMIT = 1500  # past this many nodes a selection highlights its neighbours instead of dimming the rest


def render(graph: "networkx.MultiDiGraph", *, title: str = "kg graph",
           evidence: "Evidence | None" = None, note: str = "") -> str:
    """Return the HTML text (what write() writes). EVIDENCE (kg.export.view.evidence)
    feeds the side panel; NOTE says what a focused view left out."""
    from kg.export.view import Evidence

    evidence = evidence or Evidence()
    node_ids = sorted(str(n) for n in graph.nodes)
    static = len(node_ids) > STATIC_LAYOUT_ABOVE
    positions = _positions(graph, node_ids) if static else {}
    docs = sorted({d for n in node_ids for d in evidence.mentioned_in.get(n, ())}
                  | {row[0] for rows in evidence.facts.values() for row in rows if row[0]})
    doc_index = {d: i for i, d in enumerate(docs)}
    nodes = _nodes(graph, node_ids, positions, evidence, doc_index)
    edges = _edges(graph, evidence, doc_index)
    js, css = _vis_assets()
    if nodes:
        body = '<div id="graph"></div>'
    else:
        body = '<p class="empty">This graph is empty: no entities were extracted.</p>'
    documents = [{"title": evidence.documents.get(d, {}).get("title") or d,
                  "source": evidence.documents.get(d, {}).get("source", ""),
                  "date": evidence.documents.get(d, {}).get("date", "")} for d in docs]
    return _PAGE.substitute(
        title=html.escape(title),
        vis_css=css,
        vis_js=js,
        legend=_legend(nodes),
        stats=f"{len(nodes):,} entities, {len(edges):,} relations",
        note=html.escape(note),
        documents="".join(f'<option value="{i}">{html.escape(d["title"])}</option>'
                          for i, d in enumerate(documents)),
        body=body,
        nodes=_json_for_script(nodes),
        edges=_json_for_script(edges),
        docs=_json_for_script(documents),
        options=_json_for_script(_options(len(nodes), static)),
        dim_limit=DIM_LIMIT,
    )


def write(graph: "networkx.MultiDiGraph", path: Path, *, title: str = "kg graph",
          evidence: "Evidence | None" = None, note: str = "") -> None:
    """Render GRAPH as a self-contained offline HTML page at PATH (written atomically)."""
    try:
        write_text(Path(path), render(graph, title=title, evidence=evidence, note=note))
    except OSError as exc:
        raise ExportError(f"cannot write HTML export {path}: {exc.strerror}") from None


def write_focused(rdf: "rdflib.Graph", path: Path, *, kinds: tuple[str, ...] = (),
                  document: str | None = None, max_nodes: int | None = None,
                  title: str = "kg graph") -> str:
    """Write the page of an RDF graph narrowed to KINDS, one DOCUMENT and the MAX_NODES
    best-connected entities; return the note saying what was left out ("" if nothing).

    >>> write_focused(load(Path("exports/graph.ttl")), Path("people.html"), kinds=("person",))  # doctest: +SKIP
    'Showing 19 of 90 entities; left out 16 organizations, ... (type filter).'
    """
    from kg.export.view import evidence, focus, to_networkx

    found = evidence(rdf)
    drawn, note = focus(to_networkx(rdf), found, kinds=kinds, document=document, max_nodes=max_nodes)
    write(drawn, path, title=title, evidence=found, note=note)
    return note


def _split(value) -> list[str]:
    return [v for v in (p.strip() for p in str(value or "").split(" | ")) if v]


def _nodes(graph, node_ids: list[str], positions: dict, evidence, doc_index: dict) -> list[dict]:
    attrs = {str(n): a for n, a in graph.nodes(data=True)}
    degree = {str(n): d for n, d in graph.degree()}
    most = max((int(a.get("mentions") or 0) for a in attrs.values()), default=0)
    by_degree = most <= 0  # no mention counts (a hand-made graph): size by degree instead
    if by_degree:
        most = max(degree.values(), default=0)
    nodes = []
    for iri in node_ids:
        a = attrs[iri]
        label = str(a.get("label") or iri)
        kind = str(a.get("kind") or "")
        mentions = int(a.get("mentions") or 0)
        colour, shape = KINDS.get(kind, OTHER)
        aliases = _split(a.get("aliases"))
        node = {
            "id": iri,
            "label": label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…",
            "name": label,
            "color": colour,
            "shape": shape,
            "kind": kind if kind in KINDS else "Other",
            "size": _size(degree[iri] if by_degree else mentions, most),
            "mentions": mentions,
            "aliases": aliases,
            "roles": [[role, doc_index.get(doc, -1), sentence]
                      for role, doc, sentence in evidence.roles.get(iri, ())]
                     or [[r, -1, ""] for r in _split(a.get("roles"))],
            "quotes": [[text, doc_index.get(doc, -1)] for text, doc in evidence.quotes.get(iri, ())],
            "docs": sorted(doc_index[d] for d in evidence.mentioned_in.get(iri, ()) if d in doc_index),
            "title": _tooltip(label=label, kind=kind or "unknown", aliases=" | ".join(aliases),
                              mentions=str(mentions), iri=iri),
        }
        if iri in positions:
            node["x"], node["y"] = positions[iri]
        nodes.append(node)
    return nodes


def _edges(graph, evidence, doc_index: dict) -> list[dict]:
    labels = {str(n): str(a.get("label") or n) for n, a in graph.nodes(data=True)}
    rows = sorted(
        (str(u), str(v), str(d.get("label") or d.get("predicate") or ""),
         str(d.get("predicate") or ""), str(k))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    edges, seen_pairs = [], {}
    for i, (u, v, label, predicate, key) in enumerate(rows):
        found = evidence.facts.get((u, key, v), ())
        edge = {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "label": label,
            "predicate": predicate,
            "ev": [[doc_index.get(doc, -1), sentence, method, confidence]
                   for doc, sentence, method, confidence in found],
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
    """One check box per class with its colour and count: unticking hides the class."""
    counts: dict[str, int] = {}
    for n in nodes:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    entries = [(k, c, s) for k, (c, s) in KINDS.items()]
    if "Other" in counts:
        entries.append(("Other", *OTHER))
    items = "".join(
        f'<li><label><input type="checkbox" value="{html.escape(kind)}" checked>'
        f'<span class="swatch" style="background:{colour}"></span>'
        f"{html.escape(kind)} <small>({shape}, {counts.get(kind, 0)})</small></label></li>"
        for kind, colour, shape in entries
    )
    return f'<ul id="legend" aria-label="legend: tick a class to show it">{items}</ul>'


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
            # Thousands of stroked edge labels cost seconds a frame: on big graphs draw
            # them only when zoomed in far enough to read them.
            "scaling": {"label": {"drawThreshold": 8 if static else 5}},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": static,
                        "hideEdgesOnZoom": static},
    }


def _positions(graph, node_ids: list[str]) -> dict[str, tuple[float, float]]:
    """A force-directed layout computed here, so a big page paints at once without physics.

    Fruchterman-Reingold in numpy with the repulsion of a random sample of nodes standing
    in for all of them (O(n * sample) a step instead of O(n^2); networkx's own layout takes
    ~25 s at 5,000 nodes). Starts from the sunflower spiral; seeded, so deterministic.
    """
    import numpy as np

    index = {n: i for i, n in enumerate(node_ids)}
    pairs = sorted({(index[str(u)], index[str(v)]) for u, v in graph.edges() if u != v})
    n = len(node_ids)
    degree = np.zeros(n)
    for u, v in pairs:
        degree[u] += 1
        degree[v] += 1
    order = sorted(range(n), key=lambda i: (-degree[i], node_ids[i]))
    pos = np.zeros((n, 2))
    golden = math.pi * (3 - math.sqrt(5))
    for rank, i in enumerate(order):
        r = math.sqrt((rank + 0.5) / n)
        pos[i] = (r * math.cos(rank * golden), r * math.sin(rank * golden))
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    dst = np.array([p[1] for p in pairs], dtype=np.int64)
    rng = np.random.default_rng(0)
    k = 1.0 / math.sqrt(n)  # ideal edge length in the unit disc
    sample = min(n, LAYOUT_SAMPLE)
    temperature = 0.05
    for step in range(LAYOUT_ITERATIONS):
        picked = rng.choice(n, size=sample, replace=False)
        # x and y apart: two (n, sample) arrays are several times faster than one (n, sample, 2)
        dx = pos[:, 0, None] - pos[picked, 0][None, :]
        dy = pos[:, 1, None] - pos[picked, 1][None, :]
        weight = (k * k) / (dx * dx + dy * dy + 1e-9)
        disp = np.stack(((dx * weight).sum(axis=1), (dy * weight).sum(axis=1)), axis=1) * (n / sample)
        if len(src):
            d = pos[src] - pos[dst]
            pull = d * (np.sqrt(np.einsum("ij,ij->i", d, d)) / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= pos * (n * k * 0.5)  # gravity keeps small components near the rest
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp)) + 1e-12
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = 0.05 * (1 - (step + 1) / LAYOUT_ITERATIONS) + 0.002
    # Spread to ~100 px a node whatever the forces did: vis's fit then zooms far enough out
    # that labels (costly to draw by the thousand) are skipped until the reader zooms in.
    pos -= pos.mean(axis=0)
    radius = float(np.quantile(np.sqrt(np.einsum("ij,ij->i", pos, pos)), 0.95)) or 1.0
    scale = 60.0 * math.sqrt(n) / radius
    return {node_ids[i]: (round(float(x) * scale, 1), round(float(y) * scale, 1))
            for i, (x, y) in enumerate(pos)}


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
header { padding: 8px 16px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap;
         gap: 6px 24px; align-items: center; }
header h1 { font-size: 1.2em; margin: 0; }
#legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
#legend label { cursor: pointer; }
#legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
                  margin-right: 4px; vertical-align: middle; }
#stats, #status, #note { color: #666; font-size: 0.85em; }
#note:empty { display: none; }
#find { position: relative; }
#search { width: 16em; padding: 3px 6px; }
#document { max-width: 22em; }
#matches { position: absolute; z-index: 10; background: #fff; border: 1px solid #ccc;
           list-style: none; margin: 0; padding: 0; min-width: 16em; max-height: 60vh; overflow: auto; }
#matches:empty { display: none; }
#matches li { padding: 3px 8px; cursor: pointer; }
#matches li:hover, #matches li.active { background: #e8f0fe; }
main { flex: 1; display: flex; min-height: 300px; }
#graph { flex: 1; min-width: 0; }
#panel { width: 24em; max-width: 40vw; overflow: auto; border-left: 1px solid #ddd; padding: 8px 12px;
         font-size: 0.9em; }
#panel[hidden] { display: none; }
#panel h2 { font-size: 1.1em; margin: 4px 0; }
#panel h3 { font-size: 0.95em; margin: 12px 0 4px 0; }
#panel ul { margin: 0; padding-left: 1.2em; }
#panel blockquote { margin: 4px 0 8px 0; padding-left: 8px; border-left: 3px solid #ccc; }
#panel cite { display: block; color: #666; font-size: 0.85em; font-style: normal; }
#panel .close { float: right; }
.empty { padding: 32px 16px; font-size: 1.2em; color: #555; }
</style>
</head>
<body>
<header>
<h1>$title</h1>
<span id="stats">$stats</span>
<span id="note">$note</span>
$legend
<span id="find"><input id="search" type="search" placeholder="Find a name or alias"
 aria-label="find a name or alias" autocomplete="off"><ul id="matches"></ul></span>
<label>Document <select id="document" aria-label="document filter"><option value="">all</option>$documents</select></label>
<span id="status"></span>
</header>
<main>
$body
<aside id="panel" aria-live="polite" hidden></aside>
</main>
<script>$vis_js</script>
<script>
(function () {
  "use strict";
  var nodes = $nodes;
  var edges = $edges;
  var docs = $docs;
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
  var byId = {}, colours = {};
  nodes.forEach(function (n) { n.title = tooltip(n.title); byId[n.id] = n; colours[n.id] = n.color; });
  edges.forEach(function (e) { e.title = tooltip(e.title); });
  var nodeSet = new vis.DataSet(nodes), edgeSet = new vis.DataSet(edges);
  var shownKinds = {}, shownDoc = null;
  nodes.forEach(function (n) { shownKinds[n.kind] = true; });
  function nodeShown(n) {
    return shownKinds[n.kind] && (shownDoc === null || n.docs.indexOf(shownDoc) >= 0);
  }
  function edgeShown(e) {
    return nodeShown(byId[e.from]) && nodeShown(byId[e.to]) &&
      (shownDoc === null || e.ev.some(function (r) { return r[0] === shownDoc; }));
  }
  var nodeView = new vis.DataView(nodeSet, {filter: nodeShown});
  var edgeView = new vis.DataView(edgeSet, {filter: edgeShown});
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  window.kgNetwork = network;  // for the browser tests and the curious
  var status = document.getElementById("status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Stop the simulation once laid out, so large graphs do not keep spinning the CPU.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    status.textContent = "";
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "true"); });

  // ---- filters: class (legend check boxes) and document (select) ----
  function refilter() { clearHighlight(); nodeView.refresh(); edgeView.refresh(); }
  document.querySelectorAll("#legend input").forEach(function (box) {
    box.addEventListener("change", function () { shownKinds[box.value] = box.checked; refilter(); });
  });
  document.getElementById("document").addEventListener("change", function (ev) {
    shownDoc = ev.target.value === "" ? null : Number(ev.target.value);
    refilter();
  });

  // ---- neighbourhood highlight ----
  // Small graphs dim everything outside the neighbourhood; past $dim_limit nodes restyling
  // every node costs seconds, so the neighbourhood is selected (vis's own highlight).
  var dimmed = false, dim = nodes.length <= $dim_limit;
  function highlight(ids) {
    if (!dim) { network.selectNodes(ids, true); return; }
    var keep = {};
    ids.forEach(function (id) { keep[id] = true; });
    nodeSet.update(nodes.map(function (n) {
      return {id: n.id, color: keep[n.id] ? colours[n.id] : "rgba(200,200,200,0.35)",
              font: {color: keep[n.id] ? "#222" : "rgba(150,150,150,0.5)"}};
    }));
    edgeSet.update(edges.map(function (e) {
      var near = keep[e.from] && keep[e.to];
      return {id: e.id, color: {opacity: near ? 1 : 0.2}, font: {color: near ? "#555" : "rgba(150,150,150,0.3)"}};
    }));
    dimmed = true;
  }
  function clearHighlight() {
    if (!dimmed) { return; }
    nodeSet.update(nodes.map(function (n) { return {id: n.id, color: colours[n.id], font: {color: "#222"}}; }));
    edgeSet.update(edges.map(function (e) { return {id: e.id, color: {opacity: 1}, font: {color: "#555"}}; }));
    dimmed = false;
  }

  // ---- side panel: built with textContent only, so corpus text stays text ----
  var panel = document.getElementById("panel");
  function el(tag, text, parent) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function docTitle(i) {
    var d = docs[i];
    return d ? d.title + (d.date ? " (" + d.date + ")" : "") : "unknown document";
  }
  function sentence(text, doc, parent) {
    var q = el("blockquote", text, parent);
    el("cite", "— " + docTitle(doc), q);
  }
  function openPanel(heading) {
    panel.textContent = "";
    var close = el("button", "×", panel);
    close.className = "close";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function () { panel.hidden = true; network.unselectAll(); clearHighlight(); });
    el("h2", heading, panel);
    panel.hidden = false;
    return panel;
  }
  function edgeName(e) { return e.predicate === "relatedTo" ? e.label + " (relatedTo)" : e.label; }
  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    openPanel(n.name);
    el("p", n.kind + " · " + n.mentions + " mention" + (n.mentions === 1 ? "" : "s"), panel);
    if (n.aliases.length) {
      el("h3", "Also called", panel);
      el("p", n.aliases.join(", "), panel);
    }
    if (n.roles.length) {
      el("h3", "Roles", panel);
      n.roles.forEach(function (r) {
        el("p", r[0], panel).style.fontWeight = "bold";
        if (r[2]) { sentence(r[2], r[1], panel); }
      });
    }
    var mine = edges.filter(function (e) { return e.from === id || e.to === id; });
    if (mine.length) {
      el("h3", "Relations (" + mine.length + ")", panel);
      mine.forEach(function (e) {
        var other = byId[e.from === id ? e.to : e.from];
        var line = e.from === id ? n.name + " → " + edgeName(e) + " → " + other.name
                                 : other.name + " → " + edgeName(e) + " → " + n.name;
        el("p", line, panel).style.fontWeight = "bold";
        e.ev.forEach(function (r) { sentence(r[1], r[0], panel); });
      });
    }
    if (n.quotes.length) {
      el("h3", "Quoted", panel);
      n.quotes.forEach(function (q) { sentence("“" + q[0] + "”", q[1], panel); });
    }
    if (n.docs.length) {
      el("h3", "Documents", panel);
      var ul = el("ul", null, panel);
      n.docs.forEach(function (i) { el("li", docTitle(i), ul); });
    }
    el("p", n.id, panel).style.color = "#888";
  }
  function showEdge(id) {
    var e = edgeSet.get(id);
    if (!e) { return; }
    openPanel(byId[e.from].name + " → " + edgeName(e) + " → " + byId[e.to].name);
    el("p", "property kg:" + e.predicate, panel);
    el("h3", "Evidence (" + e.ev.length + ")", panel);
    e.ev.forEach(function (r) {
      sentence(r[1], r[0], panel);
      el("cite", "method " + r[2] + ", confidence " + r[3], panel);
    });
  }
  function selectNode(id) {
    var ids = network.getConnectedNodes(id).concat([id]);
    highlight(ids);
    showNode(id);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (p.edges.length) {
      var e = edgeSet.get(p.edges[0]);
      highlight([e.from, e.to]);
      showEdge(p.edges[0]);
    } else { clearHighlight(); panel.hidden = true; }
  });

  // ---- search by name or any alias ----
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  var names = nodes.map(function (n) {
    return {id: n.id, keys: [n.name].concat(n.aliases).map(function (s) { return s.toLowerCase(); })};
  });
  function focusNode(id, animate) {
    var n = byId[id];
    if (!nodeShown(n)) {  // a hidden class or document: show everything again
      Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
      document.querySelectorAll("#legend input").forEach(function (b) { b.checked = true; });
      shownDoc = null;
      document.getElementById("document").value = "";
      refilter();
    }
    matches.textContent = "";
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: animate === false ? false : {duration: 400}});
    selectNode(id);
  }
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], starts = [], inside = [];
    names.forEach(function (r) {
      if (r.keys.indexOf(q) >= 0) { exact.push(r.id); }
      else if (r.keys.some(function (k) { return k.indexOf(q) === 0; })) { starts.push(r.id); }
      else if (r.keys.some(function (k) { return k.indexOf(q) > 0; })) { inside.push(r.id); }
    });
    return exact.concat(starts, inside).slice(0, 20);
  }
  window.kgFind = find;
  window.kgFocus = focusNode;
  search.addEventListener("input", function () {
    matches.textContent = "";
    find(search.value).forEach(function (id) {
      var li = el("li", byId[id].name + " · " + byId[id].kind, matches);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); focusNode(id); });
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hit = find(search.value); if (hit.length) { focusNode(hit[0]); } }
    if (ev.key === "Escape") { matches.textContent = ""; }
  });
  search.addEventListener("blur", function () { matches.textContent = ""; });

  // graph.html#Some%20Name opens with that node found and its panel shown.
  function fromHash() {
    var hit = location.hash.length > 1 ? find(decodeURIComponent(location.hash.slice(1))) : [];
    if (hit.length) { search.value = byId[hit[0]].name; focusNode(hit[0], false); }
  }
  window.addEventListener("hashchange", fromHash);
  if (options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { setTimeout(fromHash, 0); });
  } else { fromHash(); }
})();
</script>
</body>
</html>
""")
