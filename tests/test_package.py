"""kg as a package: its data files are the repository's ontology/, setup.cfg ships them,
`kg init` makes a project, the public API (kg.api, re-exported by kg) answers as the CLI
does, and `import kg` stays light. .ci/smoke checks the same on a wheel installed outside
the clone."""

from __future__ import annotations

import configparser
import fnmatch
import importlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
from kg import api, data
from kg.cli import cli
from kg.errors import KGError, QueryError

ROOT = Path(__file__).resolve().parents[1]
COPIES = ("kg.ttl", "shapes.ttl", "aliases.ttl")


@pytest.mark.parametrize("name", COPIES)
def test_package_copy_is_the_ontology_folder_s(name):
    assert data.text(name) == (ROOT / "ontology" / name).read_text(encoding="utf-8"), (
        f"kg/data/{name} differs from ontology/{name}: run `cp ontology/{name} kg/data/{name}`")


def test_setup_cfg_ships_every_data_file():
    """A data file that no package_data pattern matches would be missing from the wheel."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    patterns = [p.strip() for p in config["options.package_data"]["kg.data"].split(",")]
    files = [p.name for p in (ROOT / "kg" / "data").iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")]
    assert set(COPIES) <= set(files)
    unshipped = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert unshipped == [], f"add a pattern for {unshipped} to [options.package_data] kg.data in setup.cfg"
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    assert "graft ontology" in manifest


def test_init_makes_a_project_and_refuses_to_overwrite_one(project):
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "news"], catch_exceptions=False)
    assert result.exit_code == 0 and "news/corpus" in result.output
    made = sorted(p.relative_to(project / "news").as_posix() for p in (project / "news").rglob("*"))
    assert made == [".gitignore", "corpus", "corpus/README", "exports", "ontology", "ontology/aliases.ttl"]
    assert (project / "news/ontology/aliases.ttl").read_text(encoding="utf-8") == data.text("aliases.ttl")
    assert "exports/.kg/" in (project / "news/.gitignore").read_text(encoding="utf-8").splitlines()
    (project / "news/corpus/a.txt").write_text("An article.\n", encoding="utf-8")

    again = runner.invoke(cli, ["init", "news"], catch_exceptions=False)
    assert again.exit_code == 1 and "Traceback" not in again.output
    assert again.output.startswith("Error: news already holds a kg project (found corpus, exports, "
                                   "ontology/aliases.ttl)")
    assert (project / "news/corpus/a.txt").read_text(encoding="utf-8") == "An article.\n"


def test_init_in_an_existing_folder_keeps_its_gitignore(project):
    (project / ".gitignore").write_text("*.log\nexports/.kg/", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init"], catch_exceptions=False)
    assert result.exit_code == 0 and (project / "corpus").is_dir()
    lines = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["*.log", "exports/.kg/"] and lines.count("exports/.kg/") == 1
    assert "exports/.*.oxigraph/" in lines


def test_init_refuses_a_file(project):
    (project / "notes").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", "notes"], catch_exceptions=False)
    assert result.exit_code == 1 and "notes is a file, not a folder" in result.output


ARTICLE = """Rowing Club Picks a Captain

Brill Harbor, May 3, 2021 - Odile Marchetti, the coach of the Brill Harbor Rowing Club, named \
Tomas Venn captain on Monday. "We row as one crew," Marchetti said. Venn joined the club in 2015.
"""
TWO_NAMES_ONE_PERSON = """@base <https://example.org/kg/resource/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<person/odile-marchetti> owl:sameAs <person/tomas-venn> .
"""


@pytest.fixture(scope="module")
def projects(tmp_path_factory, nlp):
    """Two builds of one article from outside the project folders: one project whose
    ontology/aliases.ttl merges its two people, one without the file."""
    root = tmp_path_factory.mktemp("projects")
    reports = {}
    for name, aliases in (("merged", TWO_NAMES_ONE_PERSON), ("plain", None)):
        api.init_project(root / name)
        (root / name / "corpus" / "crew.txt").write_text(ARTICLE, encoding="utf-8")
        if aliases:
            (root / name / "ontology" / "aliases.ttl").write_text(aliases, encoding="utf-8")
        else:
            (root / name / "ontology" / "aliases.ttl").unlink()
        reports[name] = api.build_corpus(root / name / "corpus", root / name / "exports", use_cache=False)
    return root, reports


def test_build_reads_the_project_s_aliases_beside_the_corpus(projects):
    root, reports = projects
    assert reports["plain"].entities["Person"] == reports["merged"].entities["Person"] + 1
    people = [{e.label, *e.aliases} for e in api.list_entities(root / "merged/exports/graph.ttl", kind="person")]
    assert len(people) == 1 and {"Odile Marchetti", "Tomas Venn"} <= people[0], people


def test_query_rows_gives_python_values(projects):
    root, _ = projects
    graph = root / "plain/exports/graph.ttl"
    rows = kg.query_rows("SELECT ?name ?n ?missing WHERE { ?p a kg:Person ; rdfs:label ?name ; "
                         "kg:mentionCount ?n } ORDER BY ?name", graph)
    assert [r["name"] for r in rows] == ["Odile Marchetti", "Tomas Venn"]
    assert all(isinstance(r["n"], int) and r["n"] >= 1 and r["missing"] is None for r in rows)
    dates = kg.query_rows("SELECT ?v WHERE { ?d a kg:Date ; kg:value ?v } ORDER BY ?v", graph)
    assert {"v": date(2021, 5, 3)} in dates
    assert kg.query_text("ASK { ?p a kg:Person }", graph) == "true"
    with pytest.raises(QueryError, match="query_rows reads the rows of a SELECT query"):
        kg.query_rows("ASK { ?p a kg:Person }", graph)


def test_query_frame_has_one_column_per_variable(projects):
    pandas = pytest.importorskip("pandas")
    root, _ = projects
    frame = kg.query_frame("SELECT ?name ?n WHERE { ?p a kg:Person ; rdfs:label ?name ; kg:mentionCount ?n } "
                           "ORDER BY ?name", root / "plain/exports/graph.ttl")
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == ["name", "n"]
    assert list(frame["name"]) == ["Odile Marchetti", "Tomas Venn"] and frame["n"].dtype.kind == "i"


def test_query_frame_without_pandas_says_how_to_install_it(projects, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KGError, match=r"pip install 'kg\[pandas\]'"):
        kg.query_frame("SELECT ?s WHERE { ?s ?p ?o }", projects[0] / "plain/exports/graph.ttl")


def test_readers_take_a_path_or_a_graph(projects):
    path = projects[0] / "plain/exports/graph.ttl"
    graph = Graph().parse(path, format="turtle")
    for source in (path, str(path), graph):
        assert [e.label for e in kg.list_entities(source, kind="Person")] == ["Odile Marchetti", "Tomas Venn"]
        assert [(q.speaker, q.text) for q in kg.list_quotes(source, speaker="marchetti")] == [
            ("Odile Marchetti", "We row as one crew")]
        assert kg.list_quotes(source, speaker="venn") == []
        assert kg.export_stats(source)["classes"]["Person"] == 2
        assert kg.validate_export(source) == []
    with pytest.raises(KGError, match="unknown kind 'people'"):
        kg.list_entities(path, kind="people")


def test_public_names_are_exported_and_never_shadowed_by_a_module():
    """`import kg.build` sets the attribute kg.build to the module: no API name may be one."""
    public = [name for name in kg.__all__ if not name.startswith("_")]
    assert set(public) >= {"build_corpus", "query_rows", "query_frame", "list_entities", "list_quotes"}
    modules = {p.stem for p in (ROOT / "kg").iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()}
    assert set(public) & modules == set()
    for module in sorted(modules - {"__init__", "__main__", "dask_executor"}):
        importlib.import_module(f"kg.{module}")
    assert all(getattr(kg, name) is getattr(api, name) for name in public if hasattr(api, name))


def test_import_kg_is_light_and_python_m_kg_prints_the_version():
    """`import kg` (which kg.cli does) loads neither spaCy, pySHACL nor pandas."""
    code = ("import sys, kg; heavy = [m for m in ('spacy', 'pyshacl', 'pandas', 'pyoxigraph') if m in sys.modules]; "
            "print(kg.__version__, heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout == f"{kg.__version__} []\n"
    version = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True,
                             check=True, cwd=ROOT)
    assert version.stdout == f"kg, version {kg.__version__}\n"
