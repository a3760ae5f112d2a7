"""The HTML export in a real browser (headless Chromium): it draws, stays offline, reports
no error, its search, filters and evidence panel work, and corpus text cannot run."""

from __future__ import annotations

import networkx as nx
import pytest

import browser
from kg.export import html as html_export
from kg.export.view import Evidence, evidence, to_networkx
from kg.query import load

pytestmark = pytest.mark.skipif(browser.unavailable() is not None, reason=str(browser.unavailable()))

KG = "https://example.org/kg/resource/"
DOC = KG + "document/evil"


@pytest.fixture(scope="module")
def chromium():
    with browser.launch() as b:
        yield b


@pytest.fixture(scope="module")
def bundled(bundled_build):
    project, _ = bundled_build
    rdf = load(project / "exports" / "graph.ttl")
    return project / "exports" / "graph.html", to_networkx(rdf), evidence(rdf)


def _count(page, what: str = "nodes") -> int:
    return page.page.evaluate(f"window.kgNetwork.body.data.{what}.length")


def _entities(view) -> list[str]:
    """The nodes the page can draw: every one but the dates."""
    return sorted(n for n, a in view.nodes(data=True) if a["kind"] != "Date")


def _unlinked_share(page) -> float:
    """The share of drawn nodes that no drawn fact edge touches."""
    return page.page.evaluate("""() => { const g = window.kgGraph;
        const linked = new Set(g.edges.filter(e => e.kind === "fact").flatMap(e => [e.from, e.to]));
        return g.nodes.filter(n => !linked.has(n.id)).length / g.nodes.length; }""")


def test_bundled_graph_draws_its_linked_entities_offline_without_errors(chromium, bundled):
    path, view, _ = bundled
    page = browser.Page(chromium, path)
    page.open()
    assert page.page.locator("#graph canvas").count() == 1
    drawn = page.page.evaluate("window.kgGraph.nodes")
    assert len(drawn) == _count(page) > 20 and not any(n["kind"] == "Date" for n in drawn)
    assert _unlinked_share(page) <= 0.2
    assert page.page.locator("#timeline [data-event]").count() >= 5
    page.page.click("#more")  # everything else is one click away
    assert _count(page) == len(_entities(view)) > len(drawn)
    facts = [e for e in page.page.evaluate("window.kgGraph.edges") if e["kind"] == "fact"]
    assert len(facts) == view.subgraph(_entities(view)).number_of_edges() > 10
    page.page.wait_for_function("!window.kgNetwork.physics.options.enabled")
    assert page.page.evaluate("Object.keys(window.kgNetwork.getPositions()).length") == len(_entities(view))
    assert page.errors == []
    assert page.requests == [page.url]  # the page itself and nothing else
    legend = page.page.locator("#legend label").all_inner_texts()
    assert [t.split()[0] for t in legend][:4] == ["Person", "Organization", "Place", "Event"]
    page.page.close()


def test_search_by_alias_focuses_the_node_and_shows_its_evidence(chromium, bundled):
    path, view, found = bundled
    # An entity with an alias and a fact: searching the alias must open its panel.
    node = next(n for n, a in sorted(view.nodes(data=True))
                if a["aliases"] and any(s == n for s, _, _ in found.facts))
    alias = view.nodes[node]["aliases"].split(" | ")[0]
    (s, key, o), rows = next((k, v) for k, v in sorted(found.facts.items()) if k[0] == node)
    page = browser.Page(chromium, path)
    page.open()
    page.page.fill("#search", alias.lower())
    assert view.nodes[node]["label"] in page.page.locator("#matches").inner_text()
    page.page.press("#search", "Enter")
    panel = page.page.locator("#panel")
    assert panel.is_visible()
    assert panel.locator("h2").inner_text() == view.nodes[node]["label"]
    text = panel.inner_text()
    assert alias in text
    doc, sentence = rows[0][0], rows[0][1]
    assert " ".join(sentence.split()) in " ".join(text.split())
    assert found.documents[doc]["title"] in text
    assert page.page.evaluate("window.kgNetwork.getSelectedNodes()") == [node]
    # Neighbourhood highlight: the selected node keeps its colour, a stranger is dimmed.
    colours = page.page.evaluate("Object.fromEntries(window.kgNetwork.body.data.nodes.get()"
                                 ".map(n => [n.id, String(n.color)]))")
    neighbours = set(view.predecessors(node)) | set(view.successors(node)) | {node}
    stranger = next(n for n in sorted(colours) if n not in neighbours)
    assert colours[node].startswith("#") and colours[stranger].startswith("rgba")
    assert page.errors == []
    page.page.close()


def test_clicking_an_edge_and_a_node_opens_the_panel(chromium, bundled):
    path, view, found = bundled
    page = browser.Page(chromium, path)
    page.open()
    node = max(_entities(view), key=lambda n: (view.degree(n), n))
    page.page.evaluate("id => window.kgNetwork.focus(id, {scale: 1.5})", node)
    page.page.wait_for_timeout(200)
    page.click_node(node)
    assert page.page.locator("#panel h2").inner_text() == view.nodes[node]["label"]
    assert "Relations (" in page.page.locator("#panel").inner_text()
    page.page.click("#panel .close")
    assert not page.page.locator("#panel").is_visible()
    page.page.close()


def test_class_and_document_filters_hide_nodes(chromium, bundled):
    path, view, found = bundled
    page = browser.Page(chromium, path)
    page.open()
    drawn = [n["id"] for n in page.page.evaluate("window.kgGraph.nodes")]
    people = sum(view.nodes[n]["kind"] == "Person" for n in drawn)
    page.page.locator("#legend input[value=Person]").uncheck()
    assert _count(page) == len(drawn) - people
    page.page.locator("#legend input[value=Person]").check()
    assert _count(page) == len(drawn)
    doc = sorted(found.documents)[0]
    in_doc = sum(doc in found.mentioned_in.get(n, ()) for n in drawn)
    page.page.select_option("#document", label=found.documents[doc]["title"])
    assert 0 < _count(page) == in_doc < len(drawn)
    page.page.select_option("#document", value="")
    assert _count(page) == len(drawn)
    assert page.errors == []
    page.page.close()


def test_script_in_corpus_text_does_not_run(chromium, tmp_path):
    evil = "<script>window.pwned = 1</script>"
    img = '<img src="x" onerror="window.pwned = 2">'
    g = nx.MultiDiGraph()
    g.add_node(KG + "a", label=evil, kind="Person", aliases=img, mentions=2, roles="")
    g.add_node(KG + "b", label="Acme", kind="Organization", aliases="", mentions=1, roles="")
    g.add_edge(KG + "a", KG + "b", key="memberOf:memberOf", label="memberOf", predicate="memberOf")
    found = Evidence(
        documents={DOC: {"title": f"News {evil}", "source": "corpus/evil.txt", "date": ""}},
        facts={(KG + "a", "memberOf:memberOf", KG + "b"): [(DOC, f"She joined Acme. {img}{evil}", "test", 0.5)]},
        roles={KG + "a": [(img, DOC, evil)]},
        quotes={KG + "a": [(evil, DOC)]},
        mentioned_in={KG + "a": (DOC,), KG + "b": (DOC,)},
    )
    path = tmp_path / "evil.html"
    html_export.write(g, path, title=evil, evidence=found, note=img)
    page = browser.Page(chromium, path)
    page.open()
    page.page.fill("#search", "img src")
    page.page.press("#search", "Enter")
    panel = page.page.locator("#panel")
    assert panel.locator("h2").inner_text() == evil  # shown as text
    assert "She joined Acme." in panel.inner_text() and img in panel.inner_text()
    page.page.evaluate("window.kgNetwork.selectEdges(['e0'])")
    page.click_node(KG + "a")
    page.page.wait_for_function("Math.abs(window.kgNetwork.getScale() - 1.2) < 0.001")  # the focus has landed
    x, y = page.page.evaluate("""id => { const n = window.kgNetwork, p = n.canvasToDOM(n.getPositions([id])[id]),
                       r = document.querySelector('#graph canvas').getBoundingClientRect();
                       return [r.left + p.x, r.top + p.y]; }""", KG + "a")
    page.page.mouse.move(5, 5)
    page.page.mouse.move(x + 1, y + 1, steps=4)
    page.page.wait_for_selector("#tip", state="visible")
    assert evil in page.page.locator("#tip").inner_text() and img in page.page.locator("#tip").inner_text()
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.pwned") is None
    assert page.page.locator("img").count() == 0 and page.page.locator("script").count() == 2
    assert page.requests == [page.url]
    page.page.close()


def test_large_graph_is_laid_out_before_the_first_paint(chromium, tmp_path, monkeypatch):
    monkeypatch.setattr(html_export, "STATIC_LAYOUT_ABOVE", 100)
    g = nx.MultiDiGraph()
    for i in range(300):
        g.add_node(f"{KG}n{i:04}", label=f"n{i}", kind="Person", aliases="", mentions=1)
        if i:
            g.add_edge(f"{KG}n{i:04}", f"{KG}n{i // 3:04}", label="memberOf", predicate="memberOf")
    path = tmp_path / "big.html"
    html_export.write(g, path)
    page = browser.Page(chromium, path)
    page.open()
    assert _count(page) == 300
    assert page.page.evaluate("window.kgNetwork.physics.options.enabled") is False
    # Drawn where Python put them: no simulation moved anything.
    pos = page.page.evaluate(f"window.kgNetwork.getPositions(['{KG}n0000'])")
    data = html_export._positions(g, sorted(g.nodes))[f"{KG}n0000"]
    assert abs(pos[f"{KG}n0000"]["x"] - data[0]) <= 1 and abs(pos[f"{KG}n0000"]["y"] - data[1]) <= 1
    assert page.errors == []
    page.page.close()


def test_a_name_after_hash_opens_its_panel(chromium, bundled, tmp_path):
    path, view, _ = bundled
    node = max(_entities(view), key=lambda n: (view.degree(n), n))
    label = view.nodes[node]["label"]
    page = browser.Page(chromium, path)
    page.url = path.resolve().as_uri() + "#" + label.replace(" ", "%20")
    page.open()
    page.page.wait_for_selector("#panel h2", state="visible")
    assert page.page.locator("#panel h2").inner_text() == label
    assert page.page.evaluate("window.kgNetwork.getSelectedNodes()") == [node]
    assert page.errors == []
    page.page.close()


# ---- a corpus of my own: three short articles on other topics ----

NEWS = {
    "harbour.txt": (
        "Talven signs port deal with Brightwater Shipping\n\n"
        "Mirela Vostok, the mayor of Talven, met Daniel Okonjo, the chief executive of Brightwater "
        "Shipping, in Talven on 4 May 2021.\n\n"
        "The Talven port agreement was signed on 6 May 2021 by Vostok and Okonjo. \"This deal will "
        "bring hundreds of jobs to our harbour,\" Vostok said.\n\n"
        "On Friday, Okonjo toured the Brightwater Shipping yard with Petra Lind, an engineer at "
        "Brightwater Shipping. Lind said the new cranes would arrive in the autumn.\n"),
    "election.txt": (
        "Prentiss wins the Kessary election\n\n"
        "The Kessary general election was held on 14 October 2022. Aldo Prentiss, the leader of the "
        "Green Harbour Party, won the election with 41 percent of the vote.\n\n"
        "Prentiss thanked Lena Marsh, the campaign director of the Green Harbour Party, in a speech in "
        "Port Ulva. Tomas Greer of the Union League conceded on Tuesday.\n\n"
        "\"The voters have chosen a new direction,\" Prentiss said. Greer and Marsh met in Port Ulva "
        "after the count.\n"),
    "flood.txt": (
        "Floods strike Port Ulva\n\n"
        "The Ulva flood of March 2020 struck Port Ulva and the villages along the Ulva river. Ines "
        "Varga, the head of the Red Anchor Society, led the rescue teams.\n\n"
        "Varga said that 300 families had lost their homes. The Red Anchor Society opened shelters in "
        "Port Ulva and in Talven.\n\n"
        "Mirela Vostok, the mayor of Talven, sent buses to Port Ulva last week. Varga and Vostok "
        "visited the shelters together.\n"),
}


@pytest.fixture(scope="module")
def news(tmp_path_factory, nlp):
    """The three articles built into a project: (graph.html, view, evidence, the labels of
    the dates without a value)."""
    from conftest import write_corpus
    from kg.build import build
    from kg.settings import Settings

    project = tmp_path_factory.mktemp("news")
    build(Settings(corpus=write_corpus(project / "corpus", NEWS), out=project / "exports", progress=False))
    rdf = load(project / "exports" / "graph.ttl")
    valueless = {str(r[0]) for r in rdf.query(
        "SELECT ?l WHERE { ?d a kg:Date ; rdfs:label ?l . FILTER NOT EXISTS { ?d kg:value ?v } }")}
    return project / "exports" / "graph.html", to_networkx(rdf), evidence(rdf), valueless


@pytest.fixture
def news_page(chromium, news):
    page = browser.Page(chromium, news[0])
    page.open()
    page.page.wait_for_function("!window.kgNetwork.physics.options.enabled")
    yield page
    assert page.errors == [] and page.requests == [page.url]
    page.page.close()


def test_no_date_is_drawn_and_an_event_shows_its_date(news, news_page):
    _, view, found, valueless = news
    assert {"Friday", "Tuesday"} <= valueless and any(a["kind"] == "Date" for _, a in view.nodes(data=True))
    nodes = news_page.page.evaluate("window.kgGraph.nodes")
    assert nodes and not any(n["kind"] == "Date" for n in nodes)
    assert not any(line in valueless for n in nodes for line in n["label"].split("\n"))
    events = {n["name"]: n for n in nodes if n["kind"] == "Event"}
    assert events["Talven port agreement"]["label"] == "Talven port agreement\n6 May 2021"
    assert _unlinked_share(news_page) <= 0.2


def test_timeline_lists_dated_events_in_order_and_focuses_them(news, news_page):
    _, view, found, _ = news
    items = news_page.page.locator("#timeline [data-event]")
    dated = sorted((v[0][0], e) for e, v in found.when.items() if v[0][0] and e in view)
    assert [items.nth(i).get_attribute("data-event") for i in range(items.count())] == [e for _, e in dated]
    assert len(dated) >= 3
    election = next(e for _, e in dated if "election" in e)
    item = news_page.page.locator(f'#timeline [data-event="{election}"]')
    assert "14 Oct 2022" in item.inner_text() and "Aldo Prentiss" in item.inner_text()
    item.click()
    assert news_page.page.evaluate("window.kgNetwork.getSelectedNodes()") == [election]
    assert news_page.page.locator("#panel h2").inner_text() == view.nodes[election]["label"]
    assert "event:" in news_page.page.locator("#panel code").inner_text()
    # A selected event is marked; a selected entity narrows the timeline to its events,
    # a document to the events it names.
    assert news_page.page.locator("#timeline [data-event]:visible").count() == len(dated)
    assert news_page.page.locator("#timeline li.active").get_attribute("data-event") == election
    news_page.page.fill("#search", "Aldo Prentiss")
    news_page.page.press("#search", "Enter")
    assert news_page.page.locator("#timeline [data-event]:visible").count() == 1
    assert "of Aldo Prentiss" in news_page.page.locator("#timeline-scope").inner_text()
    news_page.page.click("#reset")
    assert news_page.page.locator("#timeline [data-event]:visible").count() == len(dated)
    news_page.page.select_option("#document", label="Floods strike Port Ulva")
    shown = news_page.page.locator("#timeline [data-event]:visible")
    assert shown.count() == 1 and "flood" in shown.first.get_attribute("data-event")


def test_comention_edges_link_each_article_cast_and_can_be_hidden(news, news_page):
    _, view, found, _ = news
    edges = news_page.page.evaluate("window.kgGraph.edges")
    named = [e for e in edges if e["kind"] == "comention"]
    facts = [e for e in edges if e["kind"] == "fact"]
    assert named and facts and all(e["weight"] >= 1 for e in named)
    # Never a fact: no co-mention edge joins two entities that a fact of the graph joins.
    linked = {frozenset((u, v)) for u, v in view.edges()}
    assert not any(frozenset((e["from"], e["to"])) in linked for e in named)
    # Two people of one article are named together; two of different articles never are.
    ids = {view.nodes[n]["label"]: n for n in view}
    pairs = {frozenset((e["from"], e["to"])) for e in named}
    docs = {n: set(found.mentioned_in.get(n, ())) for n in view}
    assert all(docs[a] & docs[b] for a, b in map(tuple, pairs))
    hidden = news_page.page.locator("#more").is_visible()  # none hidden when all are linked
    if hidden:
        news_page.page.click("#more")  # "Varga and Vostok visited the shelters together."
        news_page.page.wait_for_function("!window.kgNetwork.physics.options.enabled")
    every = {frozenset((e["from"], e["to"])) for e in news_page.page.evaluate("window.kgGraph.edges")}
    assert frozenset((ids["Ines Varga"], ids["Mirela Vostok"])) in every
    if hidden:
        news_page.page.click("#more")
    news_page.page.locator("#comentions").uncheck()
    after = news_page.page.evaluate("window.kgGraph.edges")
    assert [e for e in after if e["kind"] == "comention"] == [] and len(after) == len(facts)
    news_page.page.locator("#comentions").check()
    assert len(news_page.page.evaluate("window.kgGraph.edges")) == len(edges)


def test_more_shows_everything_reset_and_fit_restore_the_opening_view(news, news_page):
    _, view, _, _ = news
    first = news_page.page.evaluate("window.kgGraph.nodes.length")
    if news_page.page.locator("#more").is_visible():  # hidden when the opening view holds them all
        news_page.page.click("#more")
        news_page.page.wait_for_function("!window.kgNetwork.physics.options.enabled")
    else:
        assert first == len(_entities(view))
    assert news_page.page.evaluate("window.kgGraph.nodes.length") == len(_entities(view)) >= first
    news_page.page.evaluate("window.kgNetwork.moveTo({scale: 4})")
    news_page.page.click("#fit")
    assert news_page.page.evaluate("window.kgNetwork.getScale()") < 4
    news_page.page.locator("#stories").check()
    colours = news_page.page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => n.color)")
    assert len(set(colours)) > 1
    news_page.page.click("#reset")
    assert news_page.page.evaluate("window.kgGraph.nodes.length") == first
    assert not news_page.page.locator("#stories").is_checked()
