"""The interactive HTML export: offline, escaped, deterministic, atomic."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.build import write_exports
from kg.cli import cli
from kg.errors import ExportError
from kg import vocab
from kg.export import html as html_export
from kg.export.view import Evidence, evidence, focus, to_networkx
from kg.query import load

KG = "https://example.org/kg/resource/"
XSS_LABEL = "</script><script>alert(1)</script>"
XSS_ALIAS = "<img src=x onerror=alert(1)>"
KINDS = list(vocab.KINDS)


def _graph(reverse: bool = False) -> nx.MultiDiGraph:
    nodes = [
        ("Lee_Harvey_Oswald", "Lee Harvey Oswald", "Person", "Oswald | Lee Oswald", 12),
        ("John_F_Kennedy", "John F. Kennedy", "Person", "JFK | Kennedy", 30),
        ("Democratic_Party", "Democratic Party", "Organization", "", 4),
        ("Dallas", "Dallas", "Place", "Dallas, Texas", 7),
        ("Kennedy_assassination", "Kennedy assassination", "Event", "", 3),
        ("1963-11-22", "1963-11-22", "Date", "", 0),
        ("Evil", XSS_LABEL, "Person", XSS_ALIAS, 1),
    ]
    edges = [
        ("John_F_Kennedy", "Democratic_Party", "memberOf", "memberOf"),
        ("John_F_Kennedy", "Democratic_Party", "leaderOf", "leaderOf"),
        ("Lee_Harvey_Oswald", "John_F_Kennedy", "assassinate", "relatedTo"),
        ("Lee_Harvey_Oswald", "Kennedy_assassination", "participatedIn", "participatedIn"),
        ("Kennedy_assassination", "Dallas", "location", "location"),
        ("Kennedy_assassination", "1963-11-22", "onDate", "onDate"),
        ("Evil", "Dallas", XSS_ALIAS, "relatedTo"),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    g = nx.MultiDiGraph()
    for key, label, kind, aliases, mentions in nodes:
        g.add_node(KG + key, label=label, kind=kind, aliases=aliases, mentions=mentions)
    for u, v, label, predicate in edges:
        g.add_edge(KG + u, KG + v, label=label, predicate=predicate)
    return g


class _Page(HTMLParser):
    """Collects every tag's attributes, script bodies and the legend's items."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.legend: list[str] = []
        self._in_script = self._in_legend_item = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "li" and any(t == "ul" and a.get("id") == "legend" for t, a in self.tags):
            self._in_legend_item = True
            self.legend.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "li":
            self._in_legend_item = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif self._in_legend_item:
            self.legend[-1] += data


def _data(text: str) -> dict:
    """The nodes/edges/options literals of the page's own script, decoded as JS would."""
    script = _Page(text).scripts[-1]
    found = {}
    for line in script.splitlines():
        line = line.strip()
        for name in ("nodes", "edges", "options", "timeline"):
            if line.startswith(f"var {name} = "):
                found[name] = json.loads(line[len(f"var {name} = ") : -1])
    return found


@pytest.fixture(scope="module")
def page() -> str:
    return html_export.render(_graph(), title="Test <b>graph</b>")


def test_no_remote_resources(page):
    for tag, attrs in _Page(page).tags:
        for name in ("src", "href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
            # pyvis's "local" mode points at a lib/ folder next to the page.
            assert not value.startswith("lib/"), (tag, attrs)


def test_vis_network_is_inlined(page):
    parsed = _Page(page)
    assert "new vis.Network(" in page
    assert max(len(s) for s in parsed.scripts) > 100_000
    assert all(a.get("src") is None for t, a in parsed.tags if t == "script")
    assert any(t == "style" for t, _ in parsed.tags)


def test_every_node_label_and_edge_label_is_in_the_data(page):
    data = _data(page)
    g = _graph()
    assert sorted(n["label"] for n in data["nodes"]) == sorted(a["label"] for _, a in g.nodes(data=True)
                                                               if a["kind"] != "Date")
    assert sorted(e["label"] for e in data["edges"]) == sorted(d["label"] for *_, d in g.edges(data=True)
                                                               if d["predicate"] != "onDate")
    for label in ("Lee Harvey Oswald", "John F. Kennedy", "Democratic Party"):
        assert json.dumps(label) in page


def test_dates_are_not_drawn_but_shown_on_their_event():
    """A date is no node: its value goes on the event's label, its panel and the timeline;
    a date without a value ("Friday") is never drawn, nor put on a timeline."""
    g = _graph()
    g.add_node(KG + "Trial", label="Oswald trial", kind="Event", aliases="", mentions=2)
    g.add_edge(KG + "Lee_Harvey_Oswald", KG + "Trial", label="participatedIn", predicate="participatedIn")
    when = {KG + "Kennedy_assassination": [("1963-11-22", "November 22, 1963", KG + "1963-11-22")],
            KG + "Trial": [("", "Friday", KG + "date/friday")]}
    data = _data(html_export.render(g, evidence=Evidence(when=when)))
    assert not any(n["kind"] == "Date" for n in data["nodes"])
    assert not any(e["predicate"] == "onDate" for e in data["edges"])
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[KG + "Kennedy_assassination"]["label"] == "Kennedy assassination\n22 Nov 1963"
    assert nodes[KG + "Trial"]["label"] == "Oswald trial" and "Friday" not in json.dumps(data["timeline"])
    [item] = data["timeline"]
    assert item["event"] == KG + "Kennedy_assassination" and item["date"] == "1963-11-22"
    assert item["who"] == [KG + "Lee_Harvey_Oswald"] and item["where"] == [KG + "Dallas"]


def test_timeline_is_in_date_order_with_dayless_dates_last():
    g = nx.MultiDiGraph()
    values = {"a": "2021-05-06", "b": "--03-01", "c": "2019", "d": "2021-05"}
    for key in values:
        g.add_node(KG + key, label=f"event {key}", kind="Event", aliases="", mentions=1)
    when = {KG + k: [(v, v, KG + "date/" + v)] for k, v in values.items()}
    data = _data(html_export.render(g, evidence=Evidence(when=when)))
    assert [t["date"] for t in data["timeline"]] == ["2019", "2021-05", "2021-05-06", "--03-01"]


def _comentioned() -> tuple[nx.MultiDiGraph, dict]:
    """Two stories: a, b, c named together (a and b also linked by a fact), d and e
    together in another article, and f alone, mentioned most."""
    g = nx.MultiDiGraph()
    for key, mentions in (("person/a", 3), ("person/b", 2), ("org/c", 2), ("person/d", 1),
                          ("place/e", 1), ("person/f", 9)):
        g.add_node(KG + key, label=key, kind="Person", aliases="", mentions=mentions)
    g.add_edge(KG + "person/a", KG + "person/b", key="relatedTo:meet", label="meet", predicate="relatedTo")
    g.add_edge(KG + "person/d", KG + "place/e", key="location:location", label="location", predicate="location")
    data = {"version": 1, "pairs": [["person/a", "person/b", 4, ["document/one"]],
                                    ["org/c", "person/a", 2, ["document/one"]],
                                    ["org/c", "person/b", 1, ["document/one"]],
                                    ["person/d", "place/e", 1, ["document/two"]],
                                    ["person/x", "person/a", 5, ["document/one"]]]}
    return g, data


def test_comention_edges_are_faint_and_never_double_a_fact():
    g, co = _comentioned()
    found = Evidence(documents={KG + "document/one": {"title": "One", "source": "one.txt", "date": ""}},
                     mentioned_in={KG + "person/a": (KG + "document/one",)})
    data = _data(html_export.render(g, evidence=found, comentions=co))
    named = sorted((e["from"][len(KG):], e["to"][len(KG):], e["weight"]) for e in data["edges"]
                   if e["kind"] == "comention")
    # a-b has a fact, d-e too, x is not drawn: only c's pairs remain, with their weights
    assert named == [("org/c", "person/a", 2), ("org/c", "person/b", 1)]
    assert all(not e["label"] and e["docs"] == [0] and e["width"] < 3 and "0.3)" in e["color"]["color"]
               for e in data["edges"] if e["kind"] == "comention")
    assert not any(e["kind"] == "comention" for e in _data(html_export.render(g, evidence=found))["edges"])


def test_default_view_is_linked_entities_and_at_most_a_fifth_unlinked():
    g = nx.MultiDiGraph()
    for i in range(40):
        g.add_node(f"{KG}person/n{i:02}", label=f"n{i}", kind="Person", aliases="", mentions=40 - i)
    for i in range(0, 16, 2):
        g.add_edge(f"{KG}person/n{i + 20:02}", f"{KG}person/n{i + 21:02}", label="meet", predicate="relatedTo")
    g.add_node(f"{KG}event/talks", label="talks", kind="Event", aliases="", mentions=1)
    when = {f"{KG}event/talks": [("2020-05", "May 2020", f"{KG}date/2020-05")]}
    nodes = _data(html_export.render(g, evidence=Evidence(when=when)))["nodes"]
    core = [n["id"][len(KG):] for n in nodes if n["core"]]
    # the 16 linked ones, the dated event and the 3 most mentioned of the rest
    assert core == ["event/talks", *(f"person/n{i:02}" for i in [0, 1, 2, *range(20, 36)])]


def test_stories_group_what_is_linked_or_named_together():
    g, co = _comentioned()
    nodes = {n["id"][len(KG):]: n for n in _data(html_export.render(g, comentions=co))["nodes"]}
    assert nodes["person/a"]["story"] == nodes["person/b"]["story"] == nodes["org/c"]["story"] == 0
    assert nodes["person/d"]["story"] == nodes["place/e"]["story"] == 1
    assert nodes["person/f"]["story"] == -1 and nodes["person/a"]["storyColor"] != nodes["person/d"]["storyColor"]


def test_resources_are_printed_in_the_prefixed_form():
    assert [html_export.curie(KG + p) for p in ("person/jane-doe", "organization/acme", "place/x",
                                                "event/e", "date/2020-01", "document/memo", "quote/q")] == [
        "person:jane-doe", "org:acme", "place:x", "event:e", "date:2020-01", "doc:memo", "quote:q"]  # as kg query prints them (kg.vocab.curie)


def test_nodes_are_styled_by_kind_and_sized_by_mentions(page):
    nodes = {n["id"]: n for n in _data(page)["nodes"]}
    jfk, oswald = nodes[KG + "John_F_Kennedy"], nodes[KG + "Lee_Harvey_Oswald"]
    assert jfk["color"] == oswald["color"] != nodes[KG + "Dallas"]["color"]
    assert len({n["shape"] for n in nodes.values()}) == 4
    assert all(10 <= n["size"] <= 40 for n in nodes.values())
    assert jfk["size"] == 40 and oswald["size"] > nodes[KG + "Democratic_Party"]["size"]
    assert jfk["rank"] == 0 and oswald["rank"] == 1 and nodes[KG + "Evil"]["rank"] == len(nodes) - 1
    assert oswald["aliases"] == ["Oswald", "Lee Oswald"] and oswald["mentions"] == 12
    assert oswald["curie"] == KG + "Lee_Harvey_Oswald"  # no type folder, so no prefix


def test_edges_have_labels_arrows_and_parallel_edges_are_bent(page):
    data = _data(page)
    assert data["options"]["edges"]["arrows"]["to"]["enabled"] is True
    assert data["options"]["edges"]["font"]["size"] <= 12
    pair = [e for e in data["edges"] if e["from"] == KG + "John_F_Kennedy" and e["to"] == KG + "Democratic_Party"]
    assert len(pair) == 2 and sum("smooth" in e for e in pair) == 1


def test_legend_lists_the_drawn_kinds_and_the_switches(page):
    legend = _Page(page).legend
    assert [item.split()[0] for item in legend] == [*KINDS[:4], "named", "colour"]
    assert 'id="comentions" checked disabled' in page  # no co-mention data given


def test_corpus_text_cannot_inject_markup(page):
    assert "</script><script>alert(1)" not in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>graph</b>" not in page and "Test &lt;b&gt;graph&lt;/b&gt;" in page
    # Exactly our two scripts, whatever the labels contain.
    assert sum(t == "script" for t, _ in _Page(page).tags) == 2
    evil = next(n for n in _data(page)["nodes"] if n["id"] == KG + "Evil")
    assert evil["label"] == XSS_LABEL  # shown verbatim on the canvas, as text
    assert evil["aliases"] == [XSS_ALIAS]  # the page's tooltips and panel put it on screen as text
    assert not any("title" in n for n in _data(page)["nodes"])  # no prebuilt HTML tooltips


def test_physics_is_bounded_then_switched_off(page):
    physics = _data(page)["options"]["physics"]
    assert physics["enabled"] is True
    assert physics["stabilization"]["iterations"] <= 500
    assert '"stabilizationIterationsDone"' in page and "physics: {enabled: false}" in page


def test_render_is_deterministic(page):
    assert html_export.render(_graph(), title="Test <b>graph</b>") == page
    assert html_export.render(_graph(reverse=True), title="Test <b>graph</b>") == page


def test_empty_graph_renders_a_message():
    text = html_export.render(nx.MultiDiGraph())
    assert "graph is empty" in text
    assert not any(a.get("id") == "graph" for _, a in _Page(text).tags)
    assert _data(text)["nodes"] == []


def test_write_is_atomic_and_leaves_cwd_clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "exports" / "graph.html"
    out.parent.mkdir()
    out.write_text("old")
    html_export.write(_graph(), out, title="t")
    assert out.read_bytes() == html_export.render(_graph(), title="t").encode("utf-8")
    assert sorted(os.listdir(tmp_path)) == ["exports"]  # no lib/ next to us
    assert os.listdir(out.parent) == ["graph.html"]  # no temp file left over
    assert not any(p.name == "lib" for p in tmp_path.rglob("*"))


def test_write_into_missing_folder_creates_it(tmp_path):
    html_export.write(_graph(), tmp_path / "missing" / "graph.html")
    assert (tmp_path / "missing" / "graph.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_into_unwritable_place_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="graph.html"):
        html_export.write(_graph(), blocker / "graph.html")


def test_big_graph_is_laid_out_in_python(monkeypatch):
    monkeypatch.setattr(html_export, "STATIC_LAYOUT_ABOVE", 50)
    g = nx.MultiDiGraph()
    for i in range(60):
        g.add_node(f"{KG}n{i:03}", label=f"n{i}", kind=KINDS[i % 4], aliases="", mentions=i)
        if i:
            g.add_edge(f"{KG}n{i:03}", f"{KG}n{i // 2:03}", label="memberOf", predicate="memberOf")
    text = html_export.render(g)
    data = _data(text)
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 60
    assert html_export.render(g) == text


def test_past_the_threshold_renders_without_physics():
    g = nx.MultiDiGraph()
    for i in range(html_export.STATIC_LAYOUT_ABOVE + 100):
        g.add_node(f"{KG}n{i:04}", label=f"n{i}", kind="Person", aliases="", mentions=1)
        if i:
            g.add_edge(f"{KG}n{i:04}", f"{KG}n{i // 3:04}", label="memberOf", predicate="memberOf")
    data = _data(html_export.render(g))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_module_import_and_render_do_not_import_pyvis():
    code = (
        "import sys, networkx as nx; import kg.export.html as h; "
        "assert 'pyvis' not in sys.modules; h.render(nx.MultiDiGraph()); "
        "assert 'pyvis' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


# ---- the evidence behind the page, focused views, `kg html` and --html-max-nodes ----



@pytest.fixture(scope="module")
def bundled_rdf(bundled_build):
    project, _ = bundled_build
    return load(project / "exports" / "graph.ttl")


def test_every_drawn_relation_carries_its_sentences_and_document(bundled_rdf):
    view, found = to_networkx(bundled_rdf), evidence(bundled_rdf)
    assert view.number_of_edges() > 10
    for u, v, key in view.edges(keys=True):
        rows = found.facts[(u, key, v)]
        assert rows and all(doc in found.documents and sentence.strip() for doc, sentence, *_ in rows)
    assert all(found.documents[d]["title"] for docs in found.mentioned_in.values() for d in docs)
    page = _data(html_export.render(view, evidence=found))
    assert all(e["ev"] and all(r[0] >= 0 and r[1] for r in e["ev"]) for e in page["edges"])
    roles = [r for n in page["nodes"] for r in n["roles"]]
    assert roles and all(r[1] >= 0 and r[0].lower() in r[2].lower() for r in roles if r[2])


def _star() -> nx.MultiDiGraph:
    """A hub n0 with spokes n1..n9 (n9 the most mentioned), and a pair n10-n11 off to the
    side; n12 a date, which is never drawn."""
    g = nx.MultiDiGraph()
    for i in range(12):
        g.add_node(f"{KG}n{i}", label=f"n{i}", kind=KINDS[i % 4], aliases="", mentions=i if i < 10 else 0)
    g.add_node(f"{KG}n12", label="n12", kind="Date", aliases="", mentions=20)
    for i in range(1, 10):
        g.add_edge(f"{KG}n{i}", f"{KG}n0", key="memberOf:memberOf", label="memberOf", predicate="memberOf")
    g.add_edge(f"{KG}n10", f"{KG}n11", key="relatedTo:meet", label="meet", predicate="relatedTo")
    return g


def test_max_nodes_keeps_the_best_connected_and_says_what_it_left_out():
    g = _star()
    sub, note = focus(g, max_nodes=4)
    assert sorted(sub) == [f"{KG}n{i}" for i in (0, 7, 8, 9)]  # hub first, then ties by mentions
    assert sub.number_of_edges() == 3
    assert note == ("Showing 4 of 12 entities; left out 1 person, 2 organizations, 3 places, 2 events "
                    "and 7 relations (only the 4 most connected).")
    assert focus(g, max_nodes=12)[1] == "" and len(focus(g, max_nodes=12)[0]) == 12
    assert html_export.html.escape(note) in html_export.render(sub, note=note)


def test_focus_by_type_and_by_document(bundled_rdf):
    view, found = to_networkx(bundled_rdf), evidence(bundled_rdf)
    people, note = focus(view, found, kinds=["Person", " organization"])
    assert {a["kind"] for _, a in people.nodes(data=True)} == {"Person", "Organization"}
    assert "left out" in note and "places" in note and "dates" not in note
    doc = sorted(found.documents)[0]
    source = found.documents[doc]["source"].rsplit("/", 1)[-1]
    one, note = focus(view, found, document=source)
    assert 0 < len(one) < len(view) and found.documents[doc]["title"] in note
    assert all(doc in found.mentioned_in[n] for n in one)
    assert all(any(r[0] == doc for r in found.facts[(u, k, v)]) for u, v, k in one.edges(keys=True))
    with pytest.raises(ExportError, match="unknown type robot"):
        focus(view, found, kinds=["robot"])
    with pytest.raises(ExportError, match="unknown type date.*dates are not drawn"):
        focus(view, found, kinds=["date"])
    with pytest.raises(ExportError, match="no document 'nope'.*choose one of"):
        focus(view, found, document="nope")


def test_html_command_renders_a_focused_view(bundled_build, tmp_path, monkeypatch):
    project, _ = bundled_build
    monkeypatch.chdir(project)
    out = tmp_path / "people.html"
    result = CliRunner().invoke(cli, ["html", "--type", "person", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and "left out" in result.output
    nodes = _data(out.read_text(encoding="utf-8"))["nodes"]
    assert nodes and {n["kind"] for n in nodes} == {"Person"}
    bad = CliRunner().invoke(cli, ["html", "--document", "nope", "--out", str(out)])
    assert bad.exit_code == 1 and "no document 'nope'" in bad.output
    missing = CliRunner().invoke(cli, ["html", "--graph", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 1 and "kg build" in missing.output
    assert CliRunner().invoke(cli, ["html", "--max-nodes", "0"]).exit_code == 2


def test_build_html_max_nodes(bundled_rdf, tmp_path):
    write_exports(bundled_rdf, tmp_path, html_max_nodes=10)
    text = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert len(_data(text)["nodes"]) == 10
    assert "Showing 10 of " in text
    # The Turtle and GraphML keep everything.
    assert len(to_networkx(load(tmp_path / "graph.ttl"))) > 10
    assert "--html-max-nodes" in CliRunner().invoke(cli, ["build", "--help"]).output


def test_python_layout_pulls_linked_nodes_together(monkeypatch):
    """Six communities: after the layout an edge is much shorter than an average pair,
    and far shorter than in the starting spiral (networkx's spring_layout scores ~the same)."""
    blocks = nx.planted_partition_graph(6, 100, 0.08, 0.002, seed=0)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"{KG}n{i:04}" for i in blocks)
    g.add_edges_from((f"{KG}n{u:04}", f"{KG}n{v:04}") for u, v in blocks.edges())

    def edge_ratio() -> float:
        pos = html_export._positions(g, sorted(g))
        dist = lambda a, b: ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5  # noqa: E731
        ids = sorted(g)
        pairs = sum(dist(a, b) for a, b in zip(ids, ids[::-1])) / len(ids)
        return sum(dist(u, v) for u, v in g.edges()) / g.number_of_edges() / pairs

    laid_out = edge_ratio()
    monkeypatch.setattr(html_export, "LAYOUT_ITERATIONS", 0)
    spiral = edge_ratio()
    assert laid_out < 0.5 and laid_out < 0.6 * spiral


def test_page_template_is_package_data():
    """The page is read from kg/export/templates through importlib.resources, and setup.cfg
    ships those files, so a non-editable install renders the same page."""
    folder = resources.files("kg.export") / "templates"
    names = sorted(f.name for f in folder.iterdir() if f.is_file())
    assert names == ["page.css", "page.html", "page.js"]
    page = html_export.render(_graph())
    style = folder.joinpath("page.css").read_text(encoding="utf-8")
    script = folder.joinpath("page.js").read_text(encoding="utf-8")
    assert f"<style>\n{style}</style>" in page
    assert script.split("$nodes")[0] in page and "new vis.Network" in script
    setup = configparser.ConfigParser()
    setup.read(Path(__file__).resolve().parents[1] / "setup.cfg")
    declared = setup["options.package_data"]["kg"].split()
    assert "export/templates/*" in declared


def test_every_kind_has_a_colour_and_shape():
    assert list(html_export.KINDS) == list(vocab.KINDS)


def test_comentions_count_the_sentences_two_entities_share(nlp):
    from kg import comention, corpus, executor
    from kg.model import AliasRules
    from kg.resolve import cluster
    from kg.settings import Settings

    text = ("Nora Vell met Otto Brask in Lindmoor on Monday. Vell and Brask later signed the pact. "
            "Ivo Sarn stayed in Kettering.")
    results, _ = executor.run([corpus.document_from_text(corpus.clean(text), "memo", "memo.txt")], Settings())
    data = comention.comentions(results, cluster(results, AliasRules()))
    pairs = {(a, b): (w, docs) for a, b, w, docs in data["pairs"]}
    assert pairs[("person/nora-vell", "person/otto-brask")] == (2, ["document/memo"])
    assert pairs[("person/nora-vell", "place/lindmoor")][0] == 1
    assert [p for p in pairs if "ivo-sarn" in p[0] + p[1]] == [("person/ivo-sarn", "place/kettering")]
    assert not any("date/" in a + b for a, b in pairs)  # "Monday" is named with them, but no date is drawn


def test_build_keeps_comentions_for_kg_html_which_draws_without_them_too(built, tmp_path):
    stored = json.loads((built / "exports" / "comentions.json").read_text(encoding="utf-8"))
    assert stored["version"] == 1 and len(stored["pairs"]) > 20
    ttl = (built / "exports" / "graph.ttl").read_text(encoding="utf-8")
    assert "comention" not in ttl.lower()  # a reading aid of the page, never a fact of the graph
    out = tmp_path / "page.html"
    assert CliRunner().invoke(cli, ["html", "--out", str(out)]).exit_code == 0
    with_them = _data(out.read_text(encoding="utf-8"))["edges"]
    assert any(e["kind"] == "comention" for e in with_them)
    (built / "exports" / "comentions.json").unlink()
    assert CliRunner().invoke(cli, ["html", "--out", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert not any(e["kind"] == "comention" for e in _data(text)["edges"]) and "rebuild with kg build" in text
    assert len(_data(text)["edges"]) == sum(e["kind"] == "fact" for e in with_them)


@pytest.mark.parametrize("trial", range(12))
def test_label_propagation_finds_networkx_communities(trial):
    """The page's own label propagation is networkx's asyn_lpa_communities, draw for draw."""
    import random

    from kg.export.html import _induced, _label_propagation

    r = random.Random(trial)
    names = [f"https://example.org/kg/resource/person/p{i:03d}" for i in range(r.randrange(5, 150))]
    g = nx.Graph()
    g.add_nodes_from(r.sample(names, len(names)))
    for _ in range(r.randrange(5, 500)):
        a, b = r.choice(names), r.choice(names)
        if a != b:
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {}).get("weight", 0) + r.choice([1, 2, 0.5]))
    for part in nx.connected_components(g):
        mine = sorted(sorted(c) for c in _label_propagation(g, part))
        theirs = sorted(sorted(c) for c in nx.community.asyn_lpa_communities(_induced(g, part), weight="weight", seed=0))
        assert mine == theirs
