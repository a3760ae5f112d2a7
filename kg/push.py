"""Publish the Turtle export to a SPARQL server with the SPARQL 1.1 Graph Store HTTP
Protocol (`kg push`).

    push(graph_file, endpoint, graph_iri, user, password) -> PushReport

One HTTP PUT of the Turtle to ENDPOINT?graph=GRAPH_IRI replaces that named graph whole,
so a push after a rebuild leaves no stale triples. Transient failures (connection
refused or reset, timeouts, 408, 429, 5xx) are retried with a growing pause; 401/403/404
and the rest fail at once with a message that says what to check. Standard library only.
The password is sent as HTTP Basic auth and never printed: every message names the URL
without its credentials.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

DEFAULT_GRAPH_IRI = "https://example.org/kg/graph"
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


class PushError(KGError):
    """The export could not be uploaded to the SPARQL server."""


@dataclass(frozen=True, slots=True)
class PushReport:
    url: str  # without credentials
    graph_iri: str
    bytes: int
    status: int
    attempts: int
    seconds: float

    def summary(self) -> str:
        return (f"pushed {self.bytes:,} bytes of Turtle to graph <{self.graph_iri}> at {self.url} "
                f"(HTTP {self.status}, {self.attempts} attempt{'s' if self.attempts != 1 else ''}, "
                f"{self.seconds:.1f} s)")


def target(endpoint: str, graph_iri: str) -> tuple[str, str | None, str | None]:
    """The URL to PUT to (ENDPOINT with ?graph=GRAPH_IRI added, its credentials removed)
    and the user and password it carried, if any.

    >>> target("http://u:pw@localhost:7878/store", "https://example.org/kg/graph")
    ('http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fkg%2Fgraph', 'u', 'pw')
    >>> target("http://h:3030/news/data?x=1", "urn:g")[0]
    'http://h:3030/news/data?x=1&graph=urn%3Ag'
    """
    try:
        url, user, password = split_credentials(endpoint)
    except ValueError:
        raise PushError(f"--endpoint {_safe(endpoint)!r} is not an http(s) URL; give the server's graph store "
                        "endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                        "http://localhost:3030/DATASET/data (Fuseki), "
                        "http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB)") from None
    return url + ("&" if "?" in url else "?") + "graph=" + urllib.parse.quote(graph_iri, safe=""), user, password


def split_credentials(endpoint: str) -> tuple[str, str | None, str | None]:
    """ENDPOINT without user and password, and the user and password; ValueError if it is
    not an http(s) URL.

    >>> split_credentials("http://u:p%40ss@[::1]:7878/query")
    ('http://[::1]:7878/query', 'u', 'p@ss')
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(endpoint)
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else None
    return url, user, password


def _safe(endpoint: str) -> str:
    """ENDPOINT without user and password."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.username is None and parts.password is None:
        return endpoint
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[1], parts.path, parts.query, ""))


def _refused(reason: object) -> bool:
    return isinstance(reason, ConnectionRefusedError) or "refused" in str(reason).lower()


def push(graph_file: Path, endpoint: str, graph_iri: str = DEFAULT_GRAPH_IRI, user: str | None = None,
         password: str | None = None, retries: int = 3, backoff: float = 1.0, timeout: float = 300.0,
         sleep: Callable[[float], None] = time.sleep) -> PushReport:
    """PUT GRAPH_FILE (Turtle) as the named graph GRAPH_IRI of the graph store at ENDPOINT.

    Retries RETRIES times on transient errors, pausing BACKOFF, 2*BACKOFF, 4*BACKOFF ...
    seconds. Raises PushError with what to check when it cannot.

    >>> push(Path("exports/graph.ttl"), "http://localhost:7878/store").status  # doctest: +SKIP
    204
    """
    graph_file = Path(graph_file)
    if not graph_file.is_file():
        raise PushError(f"{graph_file} does not exist; run `kg build` first, or pass --graph")
    url, url_user, url_password = target(endpoint, graph_iri)
    size = graph_file.stat().st_size
    headers = _headers(user if user is not None else url_user,
                       password if password is not None else url_password, size)
    started = time.perf_counter()
    attempt = 0
    while True:
        attempt += 1
        try:
            status = _put(url, graph_file, headers, timeout)
            return PushReport(url, graph_iri, size, status, attempt, time.perf_counter() - started)
        except _Transient as exc:
            problem = str(exc)
        if attempt > retries:
            hint = ("; is the SPARQL server running there, and is the host and port right?"
                    if problem == "connection refused" else "")
            raise PushError(f"could not push to {url} after {attempt} attempt"
                            f"{'s' if attempt != 1 else ''}: {problem}{hint}")
        sleep(backoff * 2 ** (attempt - 1))


class _Transient(Exception):
    """A failed attempt worth another one; the message says what went wrong."""


def _headers(user: str | None, password: str | None, size: int) -> dict[str, str]:
    headers = {"Content-Type": "text/turtle; charset=utf-8", "Accept": "*/*"}
    if user is not None or password is not None:
        token = base64.b64encode(f"{user or ''}:{password or ''}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    headers["Content-Length"] = str(size)
    return headers


def _put(url: str, graph_file: Path, headers: dict[str, str], timeout: float) -> int:
    """One PUT of GRAPH_FILE to URL: its HTTP status, _Transient if another attempt may
    work, PushError if none will. URL carries no credentials, so messages may name it."""
    try:
        with graph_file.open("rb") as body:
            request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
                return response.status
    except urllib.error.HTTPError as exc:
        raise _Transient(_refusal(exc, url, "Authorization" in headers)) from None
    except urllib.error.URLError as exc:
        raise _Transient("connection refused" if _refused(exc.reason) else f"{exc.reason}") from None
    except (ConnectionError, TimeoutError) as exc:
        raise _Transient("connection refused" if _refused(exc) else f"{type(exc).__name__}: {exc}") from None


def _refusal(exc: urllib.error.HTTPError, url: str, authorised: bool) -> str:
    """What a transient HTTP error says; PushError for one that retrying will not cure."""
    detail = exc.read(300).decode("utf-8", "replace").strip()
    detail = f": {detail}" if detail else ""
    if exc.code in (401, 403):
        raise PushError(
            f"{url} refused the upload (HTTP {exc.code} {exc.reason}); "
            + ("check the user name and password, and that this user may write to the dataset"
               if authorised else "give --user and --password (or KG_PUSH_USER / KG_PUSH_PASSWORD)")) from None
    if exc.code == 404:
        raise PushError(f"{url} was not found (HTTP 404); check the endpoint's path: the graph store "
                        "of the dataset or repository, e.g. http://HOST:7878/store (Oxigraph), "
                        "http://HOST:3030/DATASET/data (Fuseki), "
                        "http://HOST:7200/repositories/REPO/rdf-graphs/service (GraphDB)") from None
    if exc.code not in TRANSIENT:
        raise PushError(f"{url} rejected the upload (HTTP {exc.code} {exc.reason}){detail}") from None
    return f"HTTP {exc.code} {exc.reason}{detail}"
