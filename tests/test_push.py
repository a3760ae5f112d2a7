"""`kg push` against a real Oxigraph server (the `oxigraph` package's binary) on
127.0.0.1: upload, query over HTTP, re-push after a rebuild with no stale triples; and
the failures a user meets (404, connection refused, 401, a transient 503)."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.push import PushError, push
from kg.settings import Settings

GRAPH_IRI = "https://example.org/kg/test-graph"
TEXTS = {
    "council.txt": "Council Approves Budget\n\nMayor Linda Park met the city council in Springfield on "
                   "Monday. Park said the budget would fund new schools.\n",
    "harbour.txt": "Harbour Strike Ends\n\nWorkers at the Port of Halden ended their strike on 3 March 2021. "
                   "The union leader, Tomas Berg, thanked the port authority.\n",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the test extra installs the oxigraph package (its server binary)"
    return found


@pytest.fixture(scope="module")
def server():
    """A fresh in-memory Oxigraph server for the module: its base URL."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {process.stderr.read().decode()}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def select(server: str, query: str) -> list[dict]:
    request = urllib.request.Request(server + "/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["results"]["bindings"]


def count(server: str, graph: str = GRAPH_IRI) -> int:
    rows = select(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"])


def labels(server: str) -> set[str]:
    rows = select(server, f"SELECT ?name WHERE {{ GRAPH <{GRAPH_IRI}> "
                          f"{{ ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name }} }}")
    return {row["name"]["value"] for row in rows}


@pytest.fixture
def project(tmp_path, nlp):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def rebuild(project: Path) -> int:
    report = build(Settings(corpus=project / "corpus", out=project / "exports", progress=False))
    return report.triples


def test_push_then_repush_after_a_rebuild_leaves_no_stale_triples(server, project, monkeypatch):
    triples = rebuild(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["push", "--endpoint", server + "/store", "--graph-iri", GRAPH_IRI])
    assert result.exit_code == 0, result.output
    assert f"graph <{GRAPH_IRI}>" in result.output
    assert count(server) == triples
    assert {"Linda Park", "Tomas Berg"} <= labels(server)

    (project / "corpus" / "harbour.txt").unlink()
    (project / "corpus" / "council.txt").write_text(TEXTS["council.txt"].replace("Linda Park", "Grace Mbeki")
                                                    .replace("Park said", "Mbeki said"), encoding="utf-8")
    triples = rebuild(project)
    report = push(project / "exports" / "graph.ttl", server + "/store", GRAPH_IRI)
    assert report.status in (200, 201, 204) and report.attempts == 1
    assert count(server) == triples
    names = labels(server)
    assert "Grace Mbeki" in names and "Linda Park" not in names and "Tomas Berg" not in names


def test_other_named_graphs_are_left_alone(server, project):
    rebuild(project)
    push(project / "exports" / "graph.ttl", server + "/store", "urn:kg:other")
    before = count(server, "urn:kg:other")
    push(project / "exports" / "graph.ttl", server + "/store", GRAPH_IRI)
    assert before > 0 and count(server, "urn:kg:other") == before


def test_a_wrong_path_is_a_404_with_the_url_forms(server, project):
    rebuild(project)
    with pytest.raises(PushError, match=r"not found \(HTTP 404\); check the endpoint's path.*Fuseki"):
        push(project / "exports" / "graph.ttl", server + "/no-such-store", GRAPH_IRI)


def test_connection_refused_is_retried_then_explained(project):
    rebuild(project)
    pauses: list[float] = []
    with pytest.raises(PushError, match="after 3 attempts: connection refused; is the SPARQL server running"):
        push(project / "exports" / "graph.ttl", f"http://127.0.0.1:{free_port()}/store", GRAPH_IRI,
             retries=2, backoff=0.5, sleep=pauses.append)
    assert pauses == [0.5, 1.0]


def test_a_missing_export_says_to_build(tmp_path):
    with pytest.raises(PushError, match="run `kg build` first"):
        push(tmp_path / "graph.ttl", "http://127.0.0.1:1/store")


class Guarded(BaseHTTPRequestHandler):
    """A graph store that wants user kg / password s3cret, and answers 503 to the first
    request it sees after `flaky` is set."""

    flaky = False
    received: list[tuple[str, bytes]] = []

    def do_PUT(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Guarded.flaky:
            Guarded.flaky = False
            self.send_response(503)
            self.end_headers()
            return
        expected = "Basic " + base64.b64encode(b"kg:s3cret").decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.end_headers()
            return
        Guarded.received.append((self.path, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def guarded():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Guarded)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Guarded.received, Guarded.flaky = [], False
    yield f"http://127.0.0.1:{httpd.server_address[1]}/store"
    httpd.shutdown()
    httpd.server_close()


def test_401_says_to_give_credentials_and_env_credentials_work_without_being_printed(guarded, tmp_path, monkeypatch):
    ttl = tmp_path / "exports" / "graph.ttl"
    ttl.parent.mkdir()
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["push", "--endpoint", guarded])
    assert result.exit_code == 1 and "HTTP 401" in result.output and "--user and --password" in result.output
    result = runner.invoke(cli, ["push", "--endpoint", guarded, "--user", "kg", "--password", "wrong"])
    assert result.exit_code == 1 and "check the user name and password" in result.output
    assert "wrong" not in result.output
    monkeypatch.setenv("KG_PUSH_USER", "kg")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret")
    result = runner.invoke(cli, ["push", "--endpoint", guarded])
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output and "HTTP 204" in result.output
    path, body = Guarded.received[-1]
    assert body == ttl.read_bytes()
    assert path == "/store?graph=" + urllib.parse.quote("https://example.org/kg/graph", safe="")


def test_credentials_in_the_url_are_used_and_hidden_and_a_503_is_retried(guarded, tmp_path):
    ttl = tmp_path / "graph.ttl"
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    Guarded.flaky = True
    endpoint = guarded.replace("http://", "http://kg:s3cret@")
    report = push(ttl, endpoint, "urn:g", backoff=0.01)
    assert report.attempts == 2 and report.status == 204
    assert "s3cret" not in report.summary() and "urn%3Ag" in report.url


def test_kg_query_endpoint_answers_as_the_export_does(server, project, monkeypatch):
    rebuild(project)
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(cli, ["push", "--endpoint", server + "/store", "--graph-iri", GRAPH_IRI]).exit_code == 0
    names = "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
    for fmt in ("table", "csv", "tsv"):
        local = runner.invoke(cli, ["query", names, "--format", fmt])
        remote = runner.invoke(cli, ["query", "--endpoint", server + "/query", "--graph-iri", GRAPH_IRI,
                                     names, "--format", fmt])
        assert remote.exit_code == 0 and remote.stdout_bytes == local.stdout_bytes, remote.output
    person = local.output.splitlines()[1].split("\t")[0]  # the TSV's first <IRI>
    name = runner.invoke(cli, ["query", f"SELECT ?p WHERE {{ BIND({person} AS ?p) }}"]).output.splitlines()[2]
    asked = runner.invoke(cli, ["query", "--endpoint", server + "/query", "--graph-iri", GRAPH_IRI,
                                f"ASK {{ {name} a foaf:Person }}"])
    assert name.startswith("person:") and asked.output == "true\n"
    built = runner.invoke(cli, ["query", "--endpoint", server + "/query", "--graph-iri", GRAPH_IRI,
                                f"CONSTRUCT {{ {name} a schema:Person }} WHERE {{ {name} a schema:Person }}"])
    assert built.output.rstrip().endswith(f"{name} a schema:Person .")


@pytest.mark.parametrize("path,query,message", [
    ("/query", "SELECT ?t WHERE { ?d dc:title ?t }", "undeclared prefix dc: at line 1, column 22"),
    ("/query", "SELECT ?p WHERE { ?p a kg:Person", "expected } to close the { at line 1, column 17"),
    ("/store", "ASK { ?s ?p ?o }", "is not a SPARQL query endpoint (HTTP 4"),
])
def test_kg_query_endpoint_errors_name_the_problem(server, query, path, message):
    result = CliRunner().invoke(cli, ["query", "--endpoint", server + path, query])
    assert result.exit_code == 1 and message in result.output and len(result.output.splitlines()) <= 3


def test_kg_query_endpoint_refused_connection_and_both_sources():
    runner = CliRunner()
    refused = runner.invoke(cli, ["query", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "ASK {}"])
    assert refused.exit_code == 1 and "is the SPARQL server running there" in refused.output
    both = runner.invoke(cli, ["query", "--endpoint", "http://127.0.0.1:1/query", "--graph", "g.ttl", "ASK {}"])
    assert both.exit_code == 2 and "not both" in both.output
