"""`kg add URL` against a web server on 127.0.0.1 (no test touches the internet), and
what a build leaves where: nothing outside --out, the cache removed by `kg clean`."""

from __future__ import annotations

import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.cli import cli
from test_ingest import PAGE


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".json": "application/json"}

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site(tmp_path):
    """A web server on 127.0.0.1 serving a news article, a JSON file and an empty page."""
    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    (root / "news" / "harbor-vote.html").write_text(PAGE, encoding="utf-8")
    (root / "data.json").write_text("{}")
    (root / "blank.html").write_text("<html><body><script>x()</script></body></html>")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def invoke(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_add_url_saves_markdown_with_front_matter_and_rebuilds(project, site, nlp):
    url = f"{site}/news/harbor-vote.html"
    result = invoke("add", url, "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.output
    saved = project / "corpus" / "harbor-town-elects-a-mayor.md"
    assert result.stdout.startswith("added corpus/harbor-town-elects-a-mayor.md\n1 documents: ")
    assert saved.read_text(encoding="utf-8").startswith(
        f"---\ntitle: Harbor Town Elects a Mayor\ndate: 2021-03-04\nsource: {url}\nauthor: Mia Park\n---\n\n")
    graph = Graph().parse(project / "exports" / "graph.ttl", format="turtle")
    document = graph.value(predicate=DCTERMS.source, object=URIRef(url))
    assert graph.value(document, DCTERMS.title) == Literal("Harbor Town Elects a Mayor")
    assert graph.value(document, DCTERMS.date) == Literal("2021-03-04", datatype=XSD.date)
    assert graph.value(document, DCTERMS.creator) == Literal("Mia Park")
    again = invoke("add", url, "--quiet", "--jobs", "1")
    assert again.exit_code == 0 and again.stdout.startswith(f"{Path('corpus/harbor-town-elects-a-mayor.md')} is "
                                                            "already in the corpus")
    assert sorted(p.name for p in (project / "corpus").iterdir()) == ["harbor-town-elects-a-mayor.md"]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("path,message", [
    ("/missing.html", "the server answered HTTP 404 File not found; check the address"),
    ("/data.json", "not a web page (application/json); give the address of an article, or download the file "
                   "and kg add it"),
    ("/blank.html", "no article text on the page (a list, a form or a script-only page?); copy the text into "
                    "a .txt file and kg add that"),
    (None, "cannot reach 127.0.0.1:{port} (Connection refused); check the address and your network connection"),
])
def test_add_url_errors_are_one_line_and_write_nothing(project, site, path, message):
    port = _closed_port()
    url = f"{site}{path}" if path else f"http://127.0.0.1:{port}/a.html"
    result = invoke("add", url)
    assert result.exit_code == 1
    assert result.output == f"Error: {url}: {message.format(port=port)}\n"
    assert not (project / "exports").exists() and not (project / "corpus").exists()


def test_no_litter_missing_corpus_clean_and_html_out(project, bundled_build):
    result = invoke("build", "--corpus", "nowhere")
    assert result.exit_code == 1 and list(project.iterdir()) == []  # no exports/ before a corpus is found
    exports = project / "exports"
    cache = exports / ".kg" / "cache"
    cache.mkdir(parents=True)
    (cache / "entry.pickle").write_bytes(b"x")
    (project / ".kg-cache").mkdir()  # where older versions kept it
    result = invoke("clean")
    assert result.exit_code == 0
    assert result.output.splitlines()[:1] == [f"removed {Path('exports/.kg/cache')}"]
    assert not cache.exists() and not (project / ".kg-cache").exists()
    graph = bundled_build[0] / "exports" / "graph.ttl"
    (project / "sub").mkdir()
    result = invoke("html", "--graph", str(graph), "--out", "sub/page.html", "--max-nodes", "5")
    assert result.exit_code == 0 and (project / "sub" / "page.html").is_file()
