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


def test_bundled_graph_draws_every_entity_offline_without_errors(chromium, bundled):
    path, view, _ = bundled
    page = browser.Page(chromium, path)
    page.open()
    assert page.page.locator("#graph canvas").count() == 1
    assert _count(page) == view.number_of_nodes() > 50
    assert _count(page, "edges") == view.number_of_edges() > 10
    assert page.page.evaluate("Object.keys(window.kgNetwork.getPositions()).length") == view.number_of_nodes()
    assert page.errors == []
    assert page.requests == [page.url]  # the page itself and nothing else
    legend = page.page.locator("#legend label").all_inner_texts()
    assert [t.split()[0] for t in legend] == ["Person", "Organization", "Place", "Event", "Date"]
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
    stranger = next(n for n in sorted(view) if n not in neighbours)
    assert colours[node].startswith("#") and colours[stranger].startswith("rgba")
    assert page.errors == []
    page.page.close()


def test_clicking_an_edge_and_a_node_opens_the_panel(chromium, bundled):
    path, view, found = bundled
    page = browser.Page(chromium, path)
    page.open()
    node = max(view, key=lambda n: (view.degree(n), n))
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
    people = sum(a["kind"] == "Person" for _, a in view.nodes(data=True))
    page.page.locator("#legend input[value=Person]").uncheck()
    assert _count(page) == view.number_of_nodes() - people
    page.page.locator("#legend input[value=Person]").check()
    assert _count(page) == view.number_of_nodes()
    doc = sorted(found.documents)[0]
    in_doc = sum(doc in found.mentioned_in.get(n, ()) for n in view)
    page.page.select_option("#document", label=found.documents[doc]["title"])
    assert 0 < _count(page) == in_doc < view.number_of_nodes()
    page.page.select_option("#document", value="")
    assert _count(page) == view.number_of_nodes()
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
    node = max(view, key=lambda n: (view.degree(n), n))
    label = view.nodes[node]["label"]
    page = browser.Page(chromium, path)
    page.url = path.resolve().as_uri() + "#" + label.replace(" ", "%20")
    page.open()
    page.page.wait_for_selector("#panel h2", state="visible")
    assert page.page.locator("#panel h2").inner_text() == label
    assert page.page.evaluate("window.kgNetwork.getSelectedNodes()") == [node]
    assert page.errors == []
    page.page.close()
