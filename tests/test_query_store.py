"""kg query on pyoxigraph: a large export gets a persistent store beside it, rebuilt
only when the Turtle changes; answers are the same as from memory."""

from __future__ import annotations

import json
import shutil

from kg import query

SELECT = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


def test_persistent_store_is_built_once_and_follows_the_turtle(bundled_build, tmp_path, monkeypatch):
    project, _ = bundled_build
    graph = tmp_path / "graph.ttl"
    shutil.copyfile(project / "exports" / "graph.ttl", graph)
    in_memory = query.run(graph, SELECT, "csv")
    monkeypatch.setattr(query, "STORE_THRESHOLD", 0)
    query._store_cached.cache_clear()
    assert query.run(graph, SELECT, "csv") == in_memory
    folder = tmp_path / ".graph.ttl.oxigraph"
    stamp = (folder / "kg-stamp").read_text()
    query._store_cached.cache_clear()
    assert query.run(graph, "ASK { ?p a kg:Person }") == "true"
    assert (folder / "kg-stamp").read_text() == stamp
    # A new export (here: one without persons) replaces the store.
    kept = [ln for ln in graph.read_text().splitlines() if ln.startswith("@prefix")]
    graph.write_text("\n".join(kept) + "\nkgr:x a kg:Place .\n")
    query._store_cached.cache_clear()
    assert query.run(graph, "ASK { ?p a kg:Person }") == "false"
    assert query.clean_stores(tmp_path) == 1 and not folder.exists()


def test_results_keep_their_datatypes(bundled_build):
    project, _ = bundled_build
    graph = project / "exports" / "graph.ttl"
    text = query.run(graph, "SELECT ?c WHERE { ?s kg:confidence ?c } LIMIT 1", "json")
    assert json.loads(text)["results"]["bindings"][0]["c"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    rows = query.run(graph, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Person }", "csv").splitlines()
    assert rows[0] == "n" and int(rows[1]) > 5
