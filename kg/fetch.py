"""`kg add URL`: fetch a web article and keep it in the corpus as Markdown with front matter.

    fetch(url) -> (html, final url)              one HTTP GET, standard library only
    article(url) -> kg.formats.Extracted         its main text, title, date, authors (trafilatura)
    to_markdown(article) -> str                  front matter (title, date, source, author) + text
    save(article, corpus) -> (path, status)      file name from the title; "added", "updated" or "already"

The only network access kg makes, and only when asked: a build never fetches anything.
Every failure (no network, an HTTP error, a page that is no article) is a FetchError
whose message says what to check.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg import __version__
from kg.errors import KGError
from kg.formats import Extracted, from_html, from_markdown

TIMEOUT = 30.0
MAX_PAGE = 20_000_000  # bytes; a page bigger than this is no article
_PAGES = ("text/html", "application/xhtml+xml")


class FetchError(KGError):
    """A web article that could not be fetched or holds no article text."""


def is_url(text: str) -> bool:
    """True for an http(s) address (what `kg add` fetches rather than copies).

    >>> is_url("https://example.org/a"), is_url("notes/a.txt")
    (True, False)
    """
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT) -> tuple[str, str]:
    """The HTML of the page at URL and the address it was found at (after redirects)."""
    request = urllib.request.Request(url, headers={"User-Agent": f"kg/{__version__}",
                                                   "Accept": "text/html,application/xhtml+xml"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in _PAGES:
                raise FetchError(f"{url}: not a web page ({kind}); give the address of an article, "
                                 "or download the file and kg add it")
            data = response.read(MAX_PAGE + 1)
            charset = response.headers.get_content_charset() or "utf-8"
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}; check the address") from None
    except urllib.error.URLError as exc:
        host = urllib.parse.urlsplit(url).netloc
        raise FetchError(f"{url}: cannot reach {host} ({getattr(exc.reason, 'strerror', None) or exc.reason}); "
                         "check the address and your network connection") from None
    except (TimeoutError, OSError) as exc:
        raise FetchError(f"{url}: no answer ({exc}); check the address and your network connection, "
                         "then try again") from None
    if len(data) > MAX_PAGE:
        raise FetchError(f"{url}: over {MAX_PAGE:,} bytes, no article; download it and kg add the file")
    try:
        return data.decode(charset, errors="replace"), final
    except LookupError:  # a charset Python does not know
        return data.decode("utf-8", errors="replace"), final


def article(url: str, timeout: float = TIMEOUT) -> Extracted:
    """The article at URL: its main text and the title, date, authors and address it states."""
    html, final = fetch(url, timeout)
    found = from_html(html, final)
    if found is None:
        raise FetchError(f"{url}: no article text on the page (a list, a form or a script-only page?); "
                         "copy the text into a .txt file and kg add that")
    return found


def to_markdown(found: Extracted) -> str:
    """The article as Markdown with YAML front matter, as kg reads it back.

    >>> print(to_markdown(Extracted("It rained.", title="Rain", date="2024-03-05", url="https://x.org/r")))
    ---
    title: Rain
    date: 2024-03-05
    source: https://x.org/r
    ---
    <BLANKLINE>
    It rained.
    <BLANKLINE>
    """
    import yaml

    meta = {"title": found.title, "date": found.date, "source": found.url,
            "author": list(found.authors) if len(found.authors) > 1 else (found.authors or [None])[0]}
    lines = yaml.safe_dump({k: v for k, v in meta.items() if v}, sort_keys=False, allow_unicode=True, width=10_000)
    # PyYAML quotes a date string; kg reads either, a bare date reads better.
    lines = lines.replace(f"date: '{found.date}'", f"date: {found.date}")
    return f"---\n{lines}---\n\n{found.text.strip()}\n"


def save(found: Extracted, corpus: Path) -> tuple[Path, str]:
    """Write FOUND into CORPUS as <slug of its title>.md: "added"; the same address saved
    before is rewritten ("updated") or left as it is ("already"); another article with
    that title gets -2, -3, ...
    """
    from kg.slug import slugify

    stem = slugify(found.title or Path(urllib.parse.urlsplit(found.url or "").path).stem or "article")[:80]
    text = to_markdown(found)
    corpus.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        target = corpus / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        if not target.exists():
            target.write_text(text, encoding="utf-8")
            return target, "added"
        old = target.read_text(encoding="utf-8", errors="replace")
        if old == text:
            return target, "already"
        try:
            same_source = from_markdown(old, target).url == found.url
        except KGError:  # a file whose front matter is broken is someone else's
            same_source = False
        if same_source:
            target.write_text(text, encoding="utf-8")
            return target, "updated"
    raise FetchError(f"{corpus}: too many articles named {stem}; rename some of them")
