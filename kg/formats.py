"""The text and metadata of each kind of file kg reads, through well-kept libraries.

    extract(path, data) -> Extracted           by the file's suffix (KINDS)
    from_pdf(data, path), from_docx(data, path), from_html(text, url), from_markdown(text, path)
    reflow(text) -> text                       PDF lines joined back into paragraphs

PDF through pypdf, Word through python-docx, web pages through trafilatura (the main text,
title, date and author, without navigation and ads), Markdown front matter through
python-frontmatter. Each is imported when a file of its kind turns up. A file that
cannot be read raises a CorpusError naming it and saying what to do.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from kg.errors import CorpusError

# Suffix -> the kind's name in messages. Text files are sniffed for encodings and for
# saved web pages (kg.corpus.sniff); the others are parsed by their library.
KINDS = {
    ".txt": "text", ".md": "Markdown", ".markdown": "Markdown", ".html": "HTML", ".htm": "HTML",
    ".pdf": "PDF", ".docx": "Word",
}
SUFFIXES = tuple(KINDS)
READABLE = ".txt, .md, .html, .pdf and .docx"


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a file says: its text and, when the file states them, its title, date (ISO
    day), source URL and authors; `warnings` are lines about what was guessed or ignored."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def unreadable(path: Path) -> CorpusError:
    """The error for a file of a kind kg does not read.

    >>> unreadable(Path("corpus/sales.xlsx")).message
    'corpus/sales.xlsx: kg does not read .xlsx files; it reads .txt, .md, .html, .pdf and .docx (convert it, or move it out of the corpus)'
    """
    kind = path.suffix.lower() or "suffix-less"
    return CorpusError(f"{path}: kg does not read {kind} files; it reads {READABLE} "
                       "(convert it, or move it out of the corpus)")


def from_pdf(data: bytes, path: Path) -> Extracted:
    """The text of a PDF's text layer, its lines joined back into paragraphs; an
    encrypted PDF or one without text (a scan) is a CorpusError."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file's syntax
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorpusError(f"{path}: encrypted PDF; kg cannot read its text layer without the password; "
                              "save an unencrypted copy, or remove it from the corpus")
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorpusError:
        raise
    except DependencyError:  # AES encryption needs the cryptography package
        raise CorpusError(f"{path}: encrypted PDF; kg cannot read its text layer; save an unencrypted copy, "
                          "or remove it from the corpus") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorpusError(f"{path}: not a readable PDF ({exc}); re-save it, or remove it from the corpus") from None
    text = "\n\n".join(reflow(page) for page in pages if page.strip())
    if not text.strip():
        raise CorpusError(f"{path}: PDF has no text layer (a scanned image?); run OCR on it "
                          "(e.g. ocrmypdf) or remove it from the corpus")
    return Extracted(text)


def reflow(text: str) -> str:
    """A PDF page's lines joined back into paragraphs: a line as long as the page's lines
    go (or ending in a hyphen) runs on into the next; a short line ends its paragraph.

    >>> reflow("Harbor Vote\\nVoters in the town elected Rosa Diaz as\\nmayor on Sunday.\\nShe won it by a wide margin after a race.")
    'Harbor Vote\\n\\nVoters in the town elected Rosa Diaz as mayor on Sunday.\\n\\nShe won it by a wide margin after a race.'
    """
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[str] = []
    last = ""  # the previous line as printed (out[-1] is its whole paragraph)
    for line in lines:
        if not line or not out:
            out.append(line)
        elif last.endswith("-") and line[:1].islower():
            out[-1] = out[-1][:-1] + line
        elif last and len(last) >= 0.7 * width and not last.endswith(":"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last = line
    return "\n\n".join(p for p in out if p)


def from_docx(data: bytes, path: Path) -> Extracted:
    """The paragraphs of a Word (.docx) document and its title property."""
    from zipfile import BadZipFile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (BadZipFile, KeyError, ValueError) as exc:
        raise CorpusError(f"{path}: not a readable Word document ({exc or type(exc).__name__}); "
                          "re-save it as .docx, or remove it from the corpus") from None
    except Exception as exc:  # python-docx's PackageNotFoundError and kin
        raise CorpusError(f"{path}: not a readable Word document ({type(exc).__name__}); "
                          "re-save it as .docx, or remove it from the corpus") from None
    text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    return Extracted(text, title=(document.core_properties.title or "").strip() or None)


def from_html(html: str, url: str | None = None) -> Extracted | None:
    """The main text of a web page and the title, date, author and URL it states, by
    trafilatura (navigation, ads and comments left out); None when it finds no article.

    >>> page = "<html><head><title>T</title></head><body><nav>Home</nav><article><h1>Rain</h1>" \\
    ...        "<p>It rained all day in Harbor Town, and the river rose by a metre.</p></article></body></html>"
    >>> from_html(page).text
    'Rain\\n\\nIt rained all day in Harbor Town, and the river rose by a metre.'
    """
    import logging

    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan"):  # "discarding data: ..." is ours to say
        logging.getLogger(name).setLevel(logging.ERROR)
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True,
                                        date_extraction_params={"extensive_search": False, "original_date": True})
    if found is None or not (found.text or "").strip():
        return None
    authors = tuple(a.strip() for a in (found.author or "").split(";") if a.strip())
    return Extracted(re.sub(r"\n+", "\n\n", found.text.strip()), title=found.title or None,
                     date=_iso_day(found.date), url=found.url or url, authors=authors)


def page_text(html: str) -> str:
    """All the text of a web page that is no article (a list, a form), without markup."""
    import trafilatura

    return re.sub(r"\n+", "\n\n", trafilatura.html2txt(html) or "").strip()


_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


def from_markdown(text: str, path: Path) -> Extracted:
    """A Markdown file's text (heading marks and link targets dropped) and what its YAML
    front matter says: `title`, `date`, `source`/`url`/`link`, `author`/`authors`.

    >>> e = from_markdown("---\\ntitle: Rain\\ndate: 2024-03-05\\nauthor: [Ann Lee, Bo Ng]\\n---\\n# Rain\\n\\nIt [rained](http://x).\\n", Path("a.md"))
    >>> e.title, e.date, e.authors, e.text
    ('Rain', '2024-03-05', ('Ann Lee', 'Bo Ng'), 'Rain\\n\\nIt rained.\\n')
    """
    meta, body = _front_matter(text, path)
    body = _MD_LINK.sub(r"\1", _MD_HEADING.sub(r"\1", body))
    found = Extracted(body, title=_one(meta.get("title")),
                      url=_one(meta.get("source") or meta.get("url") or meta.get("link")),
                      authors=_many(meta.get("authors") or meta.get("author")))
    raw_date = meta.get("date")
    day = _iso_day(raw_date)
    if raw_date is not None and day is None:
        return replace(found, warnings=(f"{path}: front matter date {str(raw_date)!r} is not a day; "
                                        "write it as YYYY-MM-DD (ignored)",))
    return replace(found, date=day)


def _front_matter(text: str, path: Path) -> tuple[dict, str]:
    text = text.removeprefix("\ufeff")
    if not text.startswith("---"):
        return {}, text
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise CorpusError(f"{path}: its front matter is not valid YAML{where}; fix it, "
                          "or remove the lines between the two '---'") from None
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    return {str(k).lower(): v for k, v in meta.items()}, post.content + "\n"


def _one(value) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _many(value) -> tuple[str, ...]:
    values = value if isinstance(value, (list, tuple)) else [value] if value else []
    return tuple(name for name in (_one(v) for v in values) if name)


def _iso_day(value) -> str | None:
    """An ISO day from a YAML date or datetime, or a string that names one day."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    from kg.analysis.dates import normalise

    found = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    day = normalise(found.group(0) if found else value)
    return day if day and len(day) == 10 else None


def extract(path: Path, data: bytes, decode) -> Extracted:
    """What the file PATH (its bytes DATA) says, by its suffix; DECODE turns a text
    file's bytes into (text, warning) (kg.corpus.sniff).

    >>> extract(Path("a.md"), b"---\\ntitle: Rain\\n---\\nIt rained.\\n", lambda d, p: (d.decode(), None)).title
    'Rain'
    """
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        raise unreadable(path)
    if suffix == ".pdf":
        return from_pdf(data, path)
    if suffix == ".docx":
        return from_docx(data, path)
    text, warning = decode(data, path)
    if suffix in (".md", ".markdown"):
        found = from_markdown(text, path)
    elif suffix in (".html", ".htm") or looks_like_html(text):
        found = from_html(text) or Extracted(page_text(text))
    else:
        found = Extracted(text)
    return replace(found, warnings=(warning, *found.warnings)) if warning else found


_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|p|div|span|br|a|script|style|article|section|"
                       r"h[1-6]|li|ul|ol|table|tr|td|meta|title|img|strong|em|b|i)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True for a saved web page: it opens with a tag or doctype, or holds several tags
    and a closing tag.

    >>> looks_like_html("<p>Hi <b>there</b></p>"), looks_like_html("If a < b and c > d, then.")
    (True, False)
    """
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    sample = text[:100_000]
    return len(_HTML_TAG.findall(sample)) >= 2 and bool(re.search(r"</[a-zA-Z][a-zA-Z0-9]*\s*>", sample))
