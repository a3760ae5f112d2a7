"""Interactive HTML export: one self-contained page that opens offline by double-click.

    render(view, evidence=..., note=...) -> str      write(view, path, ...)
    write_focused(rdf, path, kinds=..., document=..., max_nodes=...) -> note

The page is rendered from our own template rather than pyvis's: pyvis 0.3.2's template
always links Bootstrap from a CDN (even with cdn_resources="in_line"), does not escape the
heading, and Network.add_node/add_edge are O(n) each. From pyvis we take only what it is
good for here: the vis-network build it ships, which we inline.

The template is package data in kg/export/templates/: page.html (the markup), page.css
(its style, inlined) and page.js (the script, inlined). page.html and page.js are
string.Template texts: $name is filled in here, a literal dollar sign is written $$.

All corpus text reaches the page as JSON inside <script> (with <, > and & escaped) and is
put on screen with textContent (the panel, the timeline, the tooltips), so it is never
parsed as markup. The side panel shows each
node's and edge's evidence (kg.export.view.Evidence); search, class and document filters
and the neighbourhood highlight are a few dozen lines of plain JS in page.js.
Past STATIC_LAYOUT_ABOVE nodes the layout is computed here and physics stays off
(bench/html_bench.py measures why).
"""

from __future__ import annotations

import html
import importlib.util
import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from kg.errors import ExportError
from kg.export.atomic import write_text
from kg.vocab import curie as vocab_curie, resource_prefixes

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
LABEL_THRESHOLD = 10  # px on screen below which vis skips a label (hover or zoom shows it)
MAX_LABEL_PX = 22  # however far one zooms in, no label is drawn bigger on screen
LABELS_AT_OPEN = 40  # the most important nodes are labelled at the zoom the page opens with
# The default view: every entity with a fact, plus the most mentioned of the rest, at most
# one for UNLINKED_PER_LINKED linked ones (so at most a fifth of what is drawn stands alone);
# a graph without any fact shows its UNLINKED_WHEN_NO_FACTS most mentioned entities.
UNLINKED_PER_LINKED, UNLINKED_WHEN_NO_FACTS = 0.25, 50
COMENTIONS_PER_NODE = 3  # co-mention edges drawn, at most, per node (the heaviest first)
# Past this many nodes drawn at opening, co-mentions start hidden (they double the edges to draw).
COMENTIONS_SHOWN_UP_TO = 1500
COMENTION_LENGTH = 220  # their spring length in the in-browser layout (a fact's is 90)
SPLIT_STORIES_ABOVE, LOUVAIN_UP_TO = 4, 1000  # cluster sizes: split above, by Louvain up to
STORY_COLOURS = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1",
                 "#FF9DA7", "#9C755F", "#BAB0AC", "#1B9E77", "#D95F02")


def render(graph: "networkx.MultiDiGraph", *, title: str = "kg graph",
           evidence: "Evidence | None" = None, note: str = "", comentions: dict | None = None) -> str:
    """Return the HTML text (what write() writes). EVIDENCE (kg.export.view.evidence)
    feeds the side panel and the timeline; NOTE says what a focused view left out;
    COMENTIONS (kg.comention's data, or None) gives the faint co-mention edges.
    Date nodes are not drawn: an event carries its date."""
    from kg.export.view import Evidence

    evidence = evidence or Evidence()
    if any(a.get("kind") == "Date" for _, a in graph.nodes(data=True)):  # kg.export.view.focus left them out
        graph = graph.subgraph([n for n, a in graph.nodes(data=True) if a.get("kind") != "Date"]).copy()
    node_ids = sorted(str(n) for n in graph.nodes)
    docs = sorted({d for n in node_ids for d in evidence.mentioned_in.get(n, ())}
                  | {row[0] for rows in evidence.facts.values() for row in rows if row[0]})
    doc_index = {d: i for i, d in enumerate(docs)}
    static = len(node_ids) > STATIC_LAYOUT_ABOVE
    nodes = _nodes(graph, node_ids, evidence, doc_index)
    _mark_default_view(nodes, graph)
    co = _comention_pairs(comentions, graph, {n["id"] for n in nodes if n["core"]}, doc_index)
    _rank(nodes)
    if static:
        core = [n["id"] for n in nodes if n["core"]]
        positions = _layout(graph, node_ids, core, [(a, b) for a, b, *_ in co])
        for n in nodes:
            n["x"], n["y"] = positions[n["id"]]
    _mark_stories(nodes, graph, co)
    edges = _edges(graph, evidence, doc_index)
    edges += _comention_edges(co, len(edges))
    documents = [{"title": evidence.documents.get(d, {}).get("title") or d,
                  "source": evidence.documents.get(d, {}).get("source", ""),
                  "date": evidence.documents.get(d, {}).get("date", "")} for d in docs]
    page, style, script = _templates()
    return page.substitute(
        title=html.escape(title),
        vis_css=_vis_assets()[1],
        vis_js=_vis_assets()[0],
        style=style,
        legend=_legend(nodes, has_comentions=comentions is not None,
                       comentions_on=sum(n["core"] for n in nodes) <= COMENTIONS_SHOWN_UP_TO),
        stats=f"{len(nodes):,} entities, {len(edges) - len(co):,} relations",
        note=html.escape(note),
        documents="".join(f'<option value="{i}">{html.escape(d["title"])}</option>'
                          for i, d in enumerate(documents)),
        body='<div id="graph"></div>' if nodes else
             '<p class="empty">This graph is empty: no entities were extracted.</p>',
        script=script.substitute(
            nodes=_json_for_script(nodes),
            edges=_json_for_script(edges),
            docs=_json_for_script(documents),
            timeline=_json_for_script(_timeline(graph, node_ids, evidence, doc_index)),
            options=_json_for_script(_options(len(nodes), static)),
            dim_limit=DIM_LIMIT,
            label_threshold=LABEL_THRESHOLD,
            labels_at_open=LABELS_AT_OPEN,
            max_label_px=MAX_LABEL_PX,
        ),
    )


def write(graph: "networkx.MultiDiGraph", path: Path, *, title: str = "kg graph",
          evidence: "Evidence | None" = None, note: str = "", comentions: dict | None = None) -> None:
    """Render GRAPH as a self-contained offline HTML page at PATH (written atomically)."""
    try:
        text = render(graph, title=title, evidence=evidence, note=note, comentions=comentions)
        write_text(Path(path), text)
    except OSError as exc:
        raise ExportError(f"cannot write HTML export {path}: {exc.strerror}") from None


def write_focused(rdf: "rdflib.Graph", path: Path, *, kinds: tuple[str, ...] = (),
                  document: str | None = None, max_nodes: int | None = None,
                  title: str = "kg graph", comentions: dict | None = None) -> str:
    """Write the page of an RDF graph narrowed to KINDS, one DOCUMENT and the MAX_NODES
    best-connected entities; return the note saying what was left out ("" if nothing).
    COMENTIONS: what kg.export.view.load_comentions read beside the graph (or None).

    >>> write_focused(load(Path("exports/graph.ttl")), Path("people.html"), kinds=("person",))  # doctest: +SKIP
    'Showing 19 of 90 entities; left out 16 organizations, ... (type filter).'
    """
    from kg.export.view import evidence, focus, to_networkx

    found = evidence(rdf)
    drawn, note = focus(to_networkx(rdf), found, kinds=kinds, document=document, max_nodes=max_nodes)
    write(drawn, path, title=title, evidence=found, note=note, comentions=comentions)
    return note


def _split(value) -> list[str]:
    return [v for v in (p.strip() for p in str(value or "").split(" | ")) if v]


def _nodes(graph, node_ids: list[str], evidence, doc_index: dict) -> list[dict]:
    attrs = {str(n): a for n, a in graph.nodes(data=True)}
    degree = {str(n): d for n, d in graph.degree()}
    most = max((int(a.get("mentions") or 0) for a in attrs.values()), default=0)
    by_degree = most <= 0  # no mention counts (a hand-made graph): size by degree instead
    if by_degree:
        most = max(degree.values(), default=0)
    nodes = []
    for iri in node_ids:
        a = attrs[iri]
        mentions = int(a.get("mentions") or 0)
        node = _node(iri, a, evidence, doc_index, _size(degree[iri] if by_degree else mentions, most))
        node["degree"] = degree[iri]
        nodes.append(node)
    return nodes


def _node(iri: str, a: dict, evidence, doc_index: dict, size: float) -> dict:
    """One node of the page: what vis draws and what the panel and search show."""
    label = str(a.get("label") or iri)
    kind = str(a.get("kind") or "")
    mentions = int(a.get("mentions") or 0)
    colour, shape = KINDS.get(kind, OTHER)
    aliases = _split(a.get("aliases"))
    when = [[value, label, [[doc_index.get(doc, -1), sentence]
                            for doc, sentence, *_ in evidence.facts.get((iri, "onDate:onDate", date), ())]]
            for value, label, date in evidence.when.get(iri, ())]
    date = next((value for value, *_ in when if value), "")
    short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
    return {
        "id": iri,
        "curie": curie(iri),
        "label": f"{short}\n{readable_date(date)}" if date else short,
        "name": label,
        "color": colour,
        "shape": shape,
        "kind": kind if kind in KINDS else "Other",
        "size": size,
        "mentions": mentions,
        "aliases": aliases,
        "date": date,
        "when": when,
        "roles": [[role, doc_index.get(doc, -1), sentence]
                  for role, doc, sentence in evidence.roles.get(iri, ())]
                 or [[r, -1, ""] for r in _split(a.get("roles"))],
        "quotes": [[text, doc_index.get(doc, -1)] for text, doc in evidence.quotes.get(iri, ())],
        "docs": sorted(doc_index[d] for d in evidence.mentioned_in.get(iri, ()) if d in doc_index),
    }


def curie(iri: str) -> str:
    """A resource in the contract's prefixed form (person:slug, org:slug, ...), which a
    user can paste into `kg query`; the IRI itself when its folder has no prefix.

    >>> curie("https://example.org/kg/resource/organization/acme"), curie("urn:x")
    ('org:acme', 'urn:x')
    """
    base = iri.rsplit("/", 2)[0] + "/"  # <base><folder>/<slug>
    short = vocab_curie(iri, resource_prefixes(base))
    return iri if short.startswith("<") else short


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable_date(value: str) -> str:
    """An ISO date value as a reader writes it (the value itself if it is none).

    >>> [readable_date(v) for v in ("2019-11-05", "2019-11", "1979", "--02-21", "--11", "x")]
    ['5 Nov 2019', 'Nov 2019', '1979', '21 Feb', 'Nov', 'x']
    """
    if value.startswith("--"):
        year, month, day = "", *(value[2:].split("-") + [""])[:2]
    else:
        year, month, day = (value.split("-") + ["", ""])[:3]
    if not (month.isdigit() and 1 <= int(month) <= 12) and month:
        return value
    if year and not year.isdigit():
        return value
    words = [str(int(day)) if day.isdigit() else "", MONTHS[int(month) - 1] if month else "", year]
    return " ".join(w for w in words if w) or value


def _edges(graph, evidence, doc_index: dict) -> list[dict]:
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
            "kind": "fact",
            "predicate": predicate,
            "ev": [[doc_index.get(doc, -1), sentence, method, confidence]
                   for doc, sentence, method, confidence in found],
        }
        # vis draws parallel edges (either direction) on top of each other: bend the extras.
        nth = seen_pairs[frozenset((u, v))] = seen_pairs.get(frozenset((u, v)), -1) + 1
        if nth and u != v:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * nth, 2)}
        edges.append(edge)
    return edges


def _comention_pairs(data: dict | None, graph, core: set[str], doc_index: dict) -> list[tuple]:
    """The co-mention pairs of DATA (kg.comention) between nodes of GRAPH that no fact
    links, as (a, b, weight, [document index]): the heaviest COMENTIONS_PER_NODE of each
    node, those between two CORE nodes (drawn at opening) first."""
    if not data:
        return []
    by_key = {_key(str(n), 2): str(n) for n in graph.nodes}
    docs = {_key(d, 2): i for d, i in doc_index.items()}
    linked = {frozenset((str(u), str(v))) for u, v in graph.edges()}
    pairs = []
    for a, b, weight, where in data.get("pairs", ()):
        u, v = by_key.get(a), by_key.get(b)
        if u and v and u != v and frozenset((u, v)) not in linked:
            pairs.append((u, v, int(weight), sorted(docs[d] for d in where if d in docs)))
    pairs.sort(key=lambda p: (not (p[0] in core and p[1] in core), -p[2], p[0], p[1]))
    count: dict[str, int] = {}
    kept = []
    for pair in pairs:
        if count.get(pair[0], 0) < COMENTIONS_PER_NODE or count.get(pair[1], 0) < COMENTIONS_PER_NODE:
            kept.append(pair)
            count[pair[0]] = count.get(pair[0], 0) + 1
            count[pair[1]] = count.get(pair[1], 0) + 1
    return sorted(kept, key=lambda p: (p[0], p[1]))


def _key(iri: str, parts: int) -> str:
    """The last PARTS segments of an IRI's path: the key kg.comention names it by."""
    return "/".join(iri.rsplit("/", parts)[-parts:])


def _comention_edges(pairs: list[tuple], first: int) -> list[dict]:
    """Faint, undirected, unlabelled edges: thicker for more shared sentences."""
    return [{
        "id": f"c{first + i}",
        "from": a,
        "to": b,
        "label": "",
        "kind": "comention",
        "predicate": "",
        "weight": weight,
        "docs": docs,
        "ev": [],
        "width": round(min(4.0, 0.5 + math.log1p(weight)), 2),
        "length": COMENTION_LENGTH,
        "arrows": {"to": {"enabled": False}},
        # Faint and undashed: a dashed line costs several times a solid one to draw.
        "color": {"color": "rgba(120,120,120,0.3)", "highlight": "#555555", "hover": "#555555"},
    } for i, (a, b, weight, docs) in enumerate(pairs)]


def _mark_default_view(nodes: list[dict], graph) -> None:
    """Set each node's "core": drawn when the page opens (the rest is one click away):
    every node with a fact, then dated events and the most mentioned, one for four."""
    linked = {str(n) for u, v in graph.edges() if u != v for n in (u, v)}
    # A dated event on its own is on the timeline: it comes before the most mentioned.
    rest = sorted((n for n in nodes if n["id"] not in linked),
                  key=lambda n: (not n["date"], -n["mentions"], n["id"]))
    budget = int(len(linked) * UNLINKED_PER_LINKED) if linked else UNLINKED_WHEN_NO_FACTS
    extra = {n["id"] for n in rest[:budget]}
    for n in nodes:
        n["core"] = n["id"] in linked or n["id"] in extra


def _rank(nodes: list[dict]) -> None:
    """Set each node's "rank" by importance: the default view first, then by size (its
    mentions) and its number of links. The page labels the best-ranked at any zoom."""
    order = sorted(nodes, key=lambda n: (not n["core"], -n["size"], -n["degree"], n["id"]))
    for rank, n in enumerate(order):
        n["rank"] = rank


def _mark_stories(nodes: list[dict], graph, pairs: list[tuple]) -> None:
    """Set each node's "story" (its community among facts and co-mentions, numbered from
    the largest; -1 alone) and "storyColor"."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    for u, v in graph.edges():
        if u != v:
            g.add_edge(str(u), str(v), weight=g.get_edge_data(str(u), str(v), {}).get("weight", 0) + 2)
    for a, b, weight, _ in pairs:
        g.add_edge(a, b, weight=g.get_edge_data(a, b, {}).get("weight", 0) + weight)
    found = []
    for part in nx.connected_components(g):
        # A small cluster is one story as it is; a big one is split by Louvain, a huge one
        # by label propagation (Louvain takes seconds on thousands of nodes).
        if len(part) <= SPLIT_STORIES_ABOVE:
            found.append(part)
        elif len(part) <= LOUVAIN_UP_TO:
            found += nx.community.louvain_communities(_induced(g, part), weight="weight", seed=0)
        else:
            found += _label_propagation(g, part)
    ranked = sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
    story = {n: i for i, members in enumerate(ranked) for n in members}
    for n in nodes:
        n["story"] = story.get(n["id"], -1)
        # Colours repeat past a dozen stories: neighbouring clusters may share one, but
        # every story of two or more has a colour; an entity alone stays grey.
        n["storyColor"] = STORY_COLOURS[n["story"] % len(STORY_COLOURS)] if n["story"] >= 0 else OTHER[0]


def _induced(g, part: set):
    """G's subgraph on the nodes PART, built in sorted order. The community algorithms are
    seeded but follow the graph's order, and networkx's `subgraph` orders a small part as
    the set PART iterates, which changes with Python's string hash seed from one process
    to the next: the page's story numbers and colours did."""
    import networkx as nx

    nodes = sorted(part)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((u, v, data) for u in nodes for v, data in g.adj[u].items() if v in part)
    return sub


def _label_propagation(g, part: set, seed: int = 0) -> list[set]:
    """networkx's asynchronous label propagation (`asyn_lpa_communities`, weighted, SEED)
    on `_induced(g, part)`, step for step and with the same random draws, so the same
    communities; over plain dicts, as networkx's views cost most of the page's time at
    1,000 articles. `tests/test_html_export.py` holds the two to the same result."""
    import random

    nodes = sorted(part)
    adj: dict = {n: {} for n in nodes}
    for u in nodes:  # neighbours in the order `_induced` adds them: it decides ties below
        for v, data in g.adj[u].items():
            if v in part:
                both = adj[u].get(v, {})
                both.update(data)
                adj[u][v] = adj[v][u] = both
    rng = random.Random(seed)
    labels = {n: i for i, n in enumerate(nodes)}
    changed = True
    while changed:
        changed = False
        order = list(nodes)
        rng.shuffle(order)
        for node in order:
            if not adj[node]:
                continue
            freq: dict = {}
            for v, data in adj[node].items():
                freq[labels[v]] = freq.get(labels[v], 0.0) + data.get("weight", 1)
            top = max(freq.values())
            best = [label for label, f in freq.items() if f == top]
            if labels[node] not in best:
                labels[node] = rng.choice(best)
                changed = True
    groups: dict = {}
    for n, label in labels.items():
        groups.setdefault(label, set()).add(n)
    return list(groups.values())


def _timeline(graph, node_ids: list[str], evidence, doc_index: dict) -> list[dict]:
    """The drawn events that have a dated value, in date order (a day without a year,
    "--05-14", last): each with its participants and places."""
    labels = {str(n): str(a.get("label") or n) for n, a in graph.nodes(data=True)}
    items = []
    for iri in node_ids:
        dates = [value for value, *_ in evidence.when.get(iri, ()) if value]
        if not dates or graph.nodes[iri].get("kind") != "Event":
            continue
        near = {p: sorted({str(u) for u, _, d in graph.in_edges(iri, data=True) if d.get("predicate") == p}
                          | {str(v) for _, v, d in graph.out_edges(iri, data=True) if d.get("predicate") == p},
                          key=lambda n: (labels[n], n))
                for p in ("participatedIn", "location")}
        items.append({"event": iri, "label": labels[iri], "date": dates[0],
                      "dates": [readable_date(d) for d in dates],
                      "who": near["participatedIn"], "where": near["location"],
                      "docs": sorted(doc_index[d] for d in evidence.mentioned_in.get(iri, ()) if d in doc_index)})
    return sorted(items, key=lambda t: (t["date"].startswith("--"), t["date"], t["label"], t["event"]))


def _size(mentions: int, most: int) -> float:
    # Log scale: a handful of entities dominate mention counts in news text.
    if most <= 0 or mentions <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.log1p(mentions) / math.log1p(most), 2)


def _legend(nodes: list[dict], has_comentions: bool = True, comentions_on: bool = True) -> str:
    """One check box per drawn class with its colour and count (unticking hides the
    class), then the co-mention and story switches."""
    counts: dict[str, int] = {}
    for n in nodes:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    entries = [(k, c, s) for k, (c, s) in KINDS.items() if k != "Date"]
    if "Other" in counts:
        entries.append(("Other", *OTHER))
    items = "".join(
        f'<li><label><input type="checkbox" class="kind" value="{html.escape(kind)}" checked>'
        f'<span class="swatch" style="background:{colour}"></span>'
        f"{html.escape(kind)} <small>({shape}, {counts.get(kind, 0)})</small></label></li>"
        for kind, colour, shape in entries
    )
    why = "" if has_comentions else ' disabled title="no co-mention data: rebuild with kg build"'
    items += (f'<li><label><input type="checkbox" id="comentions"{" checked" * comentions_on}{why}>'
              '<span class="swatch dashed"></span>named together</label></li>'
              '<li><label><input type="checkbox" id="stories">colour by story</label></li>')
    return f'<ul id="legend" aria-label="legend: tick a class to show it">{items}</ul>'


def _options(n_nodes: int, static: bool) -> dict:
    return {
        # vis's improvedLayout (Kamada-Kawai on clusters) stalls the page on mid-size graphs.
        "layout": {"randomSeed": 0, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": not static,
            "solver": "forceAtlas2Based",
            # Roomier than vis's defaults, so labels have space; co-mention edges are
            # longer springs than facts (_comention_edges), so facts pull closest.
            "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.008,
                                 "springLength": 90, "avoidOverlap": 0.6},
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                              "updateInterval": 25, "fit": True},
        },
        "nodes": {"borderWidth": 1, "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD}}},
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


def _layout(graph, node_ids: list[str], core: list[str], pairs: list[tuple[str, str]]) -> dict:
    """Positions of every node: the CORE (drawn when the page opens) laid out among
    themselves, so they fill the screen; each other node next to the nodes it is linked or
    co-mentioned with (PAIRS), and clusters of them that touch no core node on a ring outside."""
    keep = set(core)
    pos = _positions(graph.subgraph(core).copy(), core, [(a, b) for a, b in pairs if a in keep and b in keep])
    near: dict[str, list[str]] = {}
    for u, v in [*((str(a), str(b)) for a, b in graph.edges()), *pairs]:
        near.setdefault(u, []).append(v)
        near.setdefault(v, []).append(u)
    pending = [n for n in node_ids if n not in keep]
    _place_beside(pos, pending, near)
    _place_on_ring(pos, [n for n in pending if n not in pos], near)
    return pos


def _place_beside(pos: dict, pending: list[str], near: dict[str, list[str]]) -> None:
    """Put each PENDING node at the mean of its placed neighbours, a little off it; a node
    placed this way anchors the next, until no pending node touches a placed one."""
    import numpy as np

    golden = math.pi * (3 - math.sqrt(5))
    count, grew = 0, True
    while grew:
        grew = False
        for n in pending:
            anchors = [pos[m] for m in near.get(n, ()) if m in pos] if n not in pos else []
            if anchors:
                x, y = np.mean(anchors, axis=0)
                pos[n] = (round(float(x) + 40 * math.cos(count * golden), 1),
                          round(float(y) + 40 * math.sin(count * golden), 1))
                count, grew = count + 1, True


def _place_on_ring(pos: dict, pending: list[str], near: dict[str, list[str]]) -> None:
    """Put each cluster of PENDING nodes (linked among themselves only) together, the
    clusters on a ring around everything placed so far."""
    if not pending:
        return
    radius = max((math.hypot(x, y) for x, y in pos.values()), default=100.0)
    index = {n: i for i, n in enumerate(pending)}
    links = [(index[n], index[m]) for n in pending for m in near.get(n, ()) if m in index]
    clusters = _clusters(len(pending), links)
    golden = math.pi * (3 - math.sqrt(5))
    for c, members in enumerate(clusters):
        r = radius * (1.15 + 0.35 * math.sqrt((c + 0.5) / len(clusters)))
        cx, cy = r * math.cos(c * golden), r * math.sin(c * golden)
        for j, i in enumerate(members):
            d = 30 * math.sqrt(j)
            pos[pending[i]] = (round(cx + d * math.cos(j * golden), 1), round(cy + d * math.sin(j * golden), 1))


def _positions(graph, node_ids: list[str], extra: list[tuple[str, str]] = ()) -> dict[str, tuple[float, float]]:
    """A force-directed layout computed here, so a big page paints at once without physics.

    Fruchterman-Reingold in numpy with the repulsion of a random sample of nodes standing
    in for all of them (O(n * sample) a step instead of O(n^2); networkx's own layout takes
    ~25 s at 5,000 nodes). Starts from the sunflower spiral; seeded, so deterministic.
    EXTRA pairs (co-mentions) pull like edges.
    """
    import numpy as np

    if not node_ids:
        return {}
    index = {n: i for i, n in enumerate(node_ids)}
    pairs = sorted({(index[str(u)], index[str(v)]) for u, v in [*graph.edges(), *extra] if u != v})
    pos = _sunflower(node_ids, pairs)
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    dst = np.array([p[1] for p in pairs], dtype=np.int64)
    _relax(pos, src, dst)
    # Spread to ~100 px a node whatever the forces did: vis's fit then zooms far enough out
    # that labels (costly to draw by the thousand) are skipped until the reader zooms in.
    n = len(node_ids)
    pos -= pos.mean(axis=0)
    radius = float(np.quantile(np.sqrt(np.einsum("ij,ij->i", pos, pos)), 0.95)) or 1.0
    scale = 60.0 * math.sqrt(n) / radius
    return {node_ids[i]: (round(float(x) * scale, 1), round(float(y) * scale, 1))
            for i, (x, y) in enumerate(pos)}


def _sunflower(node_ids: list[str], pairs: list[tuple[int, int]]):
    """Starting positions in the unit disc (an (n, 2) numpy array): each connected cluster
    of nodes as a small sunflower around its own centre, so the forces start from
    clusters that stay together; the biggest cluster at the centre, the others on the
    sunflower spiral around it, best-connected nodes in the middle of each."""
    import numpy as np

    n = len(node_ids)
    degree = np.zeros(n)
    for u, v in pairs:
        degree[u] += 1
        degree[v] += 1
    pos = np.zeros((n, 2))
    golden = math.pi * (3 - math.sqrt(5))
    placed = 0
    for members in _clusters(n, pairs):
        members.sort(key=lambda i: (-degree[i], node_ids[i]))
        rank = placed + len(members) / 2 if placed else 0.0
        centre = math.sqrt(rank / n) * np.array((math.cos(rank * golden), math.sin(rank * golden)))
        for j, i in enumerate(members):
            r = 0.5 * math.sqrt((j + 0.5) / n)
            pos[i] = centre + (r * math.cos(j * golden), r * math.sin(j * golden))
        placed += len(members)
    return pos


def _clusters(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """The connected clusters of nodes 0..n-1 joined by PAIRS, biggest first (ties by
    their first node)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for u, v in pairs:
        parent[root(u)] = root(v)
    found: dict[int, list[int]] = {}
    for i in range(n):
        found.setdefault(root(i), []).append(i)
    return sorted(found.values(), key=lambda c: (-len(c), c[0]))


def _relax(pos, src, dst) -> None:
    """LAYOUT_ITERATIONS cooling steps of sampled repulsion, pull along the edges SRC ->
    DST and gravity, moving POS in place."""
    import numpy as np

    n = len(pos)
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


@lru_cache(maxsize=1)
def _templates() -> tuple[Template, str, Template]:
    """(page.html, page.css, page.js) of kg/export/templates, read as package data so a
    non-editable install finds them too (setup.cfg declares them).

    >>> page, style, script = _templates(); sorted(script.get_identifiers())[-4:]
    ['max_label_px', 'nodes', 'options', 'timeline']
    """
    folder = resources.files("kg.export") / "templates"
    page, style, script = (folder.joinpath(f"page.{ext}").read_text(encoding="utf-8")
                           for ext in ("html", "css", "js"))
    return Template(page), style, Template(script)
