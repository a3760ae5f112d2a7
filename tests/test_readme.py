"""README's promises: every SPARQL example returns rows on the bundled corpus, every `kg`
command and every Python example that imports kg in it runs, and .ci/run runs README's own
test command and the packaging smoke test."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query import run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.S)
SPARQL = [body for lang, body in BLOCKS if lang == "sparql"]
SHELL = [line.strip() for lang, body in BLOCKS if lang == "bash" for line in body.splitlines() if line.strip()]
KG_LINES = [line for line in SHELL if line.startswith("kg ")]
PYTHON = [body for lang, body in BLOCKS if lang == "python" and re.search(r"^import kg$", body, re.M)]


def test_readme_has_examples():
    assert len(SPARQL) >= 5 and len(KG_LINES) >= 4 and len(PYTHON) >= 2


@pytest.mark.parametrize("number", range(len(PYTHON)))
def test_python_example_runs(number, bundled_build, tmp_path, monkeypatch):
    """Each example runs in a built project (its cache too, so a build only re-reads) and
    prints; the packaging smoke test (.ci/smoke) runs the first one on an installed wheel."""
    project, _ = bundled_build
    for name in ("corpus", "exports"):  # the cache is in exports/.kg/
        shutil.copytree(project / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(PYTHON[number], f"README.md python example {number + 1}", "exec"), {"__name__": "__main__"})
    assert printed.getvalue().strip(), "the example printed nothing"


@pytest.mark.parametrize("query", SPARQL, ids=lambda q: " ".join(q.split()[:6]))
def test_sparql_example_returns_rows(bundled_build, query):
    project, _ = bundled_build
    rows = run(project / "exports" / "graph.ttl", query, "csv").splitlines()
    assert len(rows) > 1, f"no rows for:\n{query}"


@pytest.mark.parametrize("line", KG_LINES)
def test_kg_command_runs(line, bundled_build, tmp_path, monkeypatch):
    project, _ = bundled_build
    shutil.copytree(project / "corpus", tmp_path / "corpus")
    shutil.copytree(project / "exports", tmp_path / "exports")
    home = tmp_path / "home"
    home.mkdir()
    (home / "new-article.txt").write_text("Lakeside Council Meets\n\nMayor Ruth Okafor met the Lakeside "
                                          "Farmers Union on Monday.\n")
    (tmp_path / "my-query.rq").write_text("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(home))
    command = line.split(" #")[0]
    target = None
    if " > " in command:
        command, target = command.split(" > ")
    args = [os.path.expanduser(a) for a in shlex.split(command)[1:]]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    if target:
        assert target.strip() and result.output.count("\n") > 1


def test_html_command_opens_an_existing_file():
    opened = [line.split()[1] for line in SHELL if line.startswith("xdg-open")]
    assert opened == ["exports/graph.html"]


def test_ci_runs_the_readme_setup_and_test_commands():
    setup = [ln for ln in SHELL if ln.startswith("python3 -m venv")]
    tests = [ln for ln in SHELL if "-m pytest" in ln]
    assert len(setup) == 1 and len(tests) == 1
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup[0] in ci and tests[0] in ci
    assert "\n.ci/smoke || status=$?\n" in ci and ci.rstrip().endswith('exit "$status"')
