"""SPARQL on a server: `kg query --endpoint URL`, on the store that `kg push` wrote to.

    run(endpoint, query_text, fmt, graph_iri=..., base_iri=...) -> str

The query is checked and read (errors, warnings, aligned terms) exactly as kg.query does
for a file, then sent by the SPARQL 1.1 Protocol (an URL-encoded POST) with the
predeclared prefixes written out and `default-graph-uri` set to the named graph `kg
push` replaced, so the same query gives the same rows as on graph.ttl. The answer
(SPARQL results JSON, or N-Triples for CONSTRUCT and DESCRIBE) is read back with
pyoxigraph and printed by kg.query.render. Standard library HTTP only.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

import pyoxigraph as ox

import kg.query as query
from kg.errors import QueryError
from kg.push import DEFAULT_GRAPH_IRI, split_credentials
from kg.settings import DEFAULT_BASE_IRI

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
URL_FORMS = ("http://HOST:7878/query (Oxigraph), http://HOST:3030/DATASET/sparql (Fuseki), "
             "http://HOST:7200/repositories/REPO (GraphDB)")


def request(endpoint: str, text: str, graph_iri: str | None, user: str | None = None,
            password: str | None = None) -> tuple[urllib.request.Request, str]:
    """The POST that asks ENDPOINT the query TEXT over the named graph GRAPH_IRI (None or
    "": the server's default graph), and the URL to name in messages (no credentials).

    >>> req, url = request("http://u:pw@h:7878/query", "ASK {}", "urn:g")
    >>> url, req.data.decode(), req.get_header("Authorization")
    ('http://h:7878/query', 'query=ASK+%7B%7D&default-graph-uri=urn%3Ag', 'Basic dTpwdw==')
    """
    try:
        url, url_user, url_password = split_credentials(endpoint)
    except ValueError:
        raise QueryError(f"--endpoint {endpoint.split('@')[-1]!r} is not an http(s) URL; give the server's "
                         f"query endpoint, e.g. {URL_FORMS}") from None
    user, password = user if user is not None else url_user, password if password is not None else url_password
    fields = [("query", text)] + ([("default-graph-uri", graph_iri)] if graph_iri else [])
    headers = {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"}
    if user is not None or password is not None:
        token = base64.b64encode(f"{user or ''}:{password or ''}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode("utf-8"),
                                  headers=headers, method="POST"), url


def _answer(req: urllib.request.Request, url: str, timeout: float):
    """The server's answer as a pyoxigraph result, or a QueryError saying what to check."""
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            data = response.read()
    except urllib.error.HTTPError as exc:
        raise QueryError(_refusal(exc, url)) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        hint = "; is the SPARQL server running there, and is the host and port right?" \
            if "refused" in str(reason).lower() else ""
        raise QueryError(f"could not query {url}: {reason}{hint}") from None
    if kind == "application/sparql-results+json":
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}
    if kind not in formats:
        raise QueryError(f"{url} answered {kind or 'without a content type'}, not SPARQL results; "
                         f"is it the server's query endpoint, e.g. {URL_FORMS}?")
    return list(ox.parse(data, format=formats[kind]))


def _refusal(exc: urllib.error.HTTPError, url: str) -> str:
    detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
    detail = f": {detail[0]}" if detail else ""
    if exc.code in (401, 403):
        return (f"{url} refused the query (HTTP {exc.code} {exc.reason}); give or check --user and --password "
                "(or KG_PUSH_USER / KG_PUSH_PASSWORD)")
    if exc.code in (404, 405, 415):
        return (f"{url} is not a SPARQL query endpoint (HTTP {exc.code} {exc.reason}); give the server's query "
                f"endpoint, not its graph store: {URL_FORMS}")
    return f"{url} could not answer the query (HTTP {exc.code} {exc.reason}){detail}"


def run(endpoint: str, text: str, fmt: str = "table", graph_iri: str | None = DEFAULT_GRAPH_IRI,
        base_iri: str = DEFAULT_BASE_IRI, user: str | None = None, password: str | None = None,
        warn: Callable[[str], None] | None = None, timeout: float = 300.0) -> str:
    """Run the SPARQL query TEXT on the server's query ENDPOINT, over the named graph
    GRAPH_IRI that `kg push` wrote; return it formatted as kg.query.run does.

    >>> print(run("http://localhost:7878/query", "ASK { ?p a kg:Person }"))  # doctest: +SKIP
    true
    """
    namespaces = query.prefixes(base_iri)
    query.check(text, namespaces)
    expanded = query.prepare(text, namespaces, warn)
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in namespaces.items())
    req, url = request(endpoint, declared + expanded, graph_iri, user, password)
    return query.render(_answer(req, url, timeout), fmt, namespaces)
