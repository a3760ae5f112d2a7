"""Stage 1: find the corpus's files, read them as text, strip web boilerplate.

    read_corpus(Path("corpus")) -> list[Document]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from kg.dates import document_date
from kg.errors import CorpusError
from kg.model import Document

SUFFIXES = (".txt", ".md")

_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_AD_SIZE = re.compile(r"^\d{2,4}\s*[x×]\s*\d{2,4}$")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
# Page chrome that scrapers keep: never prose, never a name.
_CHROME = {
    "advertisement",
    "exit mobile version",
    "skip to content",
    "share this:",
    "share this",
    "related posts",
    "this page references:",
    "read more",
    "print",
    "menu",
}


def discover(root: Path) -> list[Path]:
    """Every .txt and .md file under ROOT, recursively, hidden files and folders excluded.

    >>> discover(Path("corpus"))[:1]  # doctest: +SKIP
    [PosixPath('corpus/000_439010555b33e329.txt')]
    """
    if not root.is_dir():
        raise CorpusError(f"corpus folder {root} does not exist: create it and add .txt or .md files, "
                          "or point --corpus at your folder")
    found = [
        path
        for path in root.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    if not found:
        raise CorpusError(f"no documents in {root}: add .txt or .md files")
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def decode(data: bytes, path: Path) -> str:
    """Decode a file's bytes as text, or raise a CorpusError saying what to do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path}: broken UTF-16 text ({exc.reason}); re-save it as UTF-8") from None
    if b"\x00" in data or data.startswith(b"%PDF"):
        raise CorpusError(f"{path}: binary file, not text; convert it to plain text or remove it from the corpus")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at {exc.start}); "
            "convert it with `iconv -f latin1 -t utf-8` or remove it from the corpus"
        ) from None


def clean(raw: str) -> str:
    """Normalise line ends and drop boilerplate lines: ad sizes, bare URLs, page chrome,
    a breadcrumb line that ends with the next line, and repeats of short caption lines.

    >>> clean("728 x 90\\n\\nTitle here\\nA caption\\nText.\\nA caption\\nhttp://x.y/z\\n")
    'Title here\\nA caption\\nText.\\n'
    """
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    # No-break and thin spaces split names for NER ("Council of\u00a0Iran"); tabs too.
    text = _ODD_SPACES.sub(" ", text)
    lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    seen_captions: set[str] = set()
    for i, line in enumerate(lines):
        bare = line.strip()
        key = bare.lower()
        if _AD_SIZE.match(bare) or _BARE_URL.match(bare) or key in _CHROME:
            continue
        following = next((ln.strip() for ln in lines[i + 1:] if ln.strip()), "")
        if following and bare != following and len(following.split()) >= 3 and bare.endswith(following):
            continue  # "Home News Protests <title>" above "<title>"
        if bare and len(bare.split()) < 15 and not bare.endswith((".", "!", "?", ":", '"', "”")):
            if key in seen_captions:
                continue
            seen_captions.add(key)
        kept.append(line)
    out = "\n".join(kept).strip("\n")
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out + "\n" if out else ""


def title_of(text: str, fallback: str) -> str:
    """The first heading: the first line without sentence-final punctuation, skipping a
    site name of one or two words above it; else the first line; else FALLBACK.

    >>> title_of("Tech Weekly\\n\\nStartup Raises Funds\\n\\nIt did.\\n", "x")
    'Startup Raises Funds'
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    heads = [ln for ln in lines[:5] if len(ln.split()) <= 30 and not ln.endswith((".", "!", "?", ":"))]
    for i, line in enumerate(heads):
        if len(line.split()) >= 3 or i == len(heads) - 1:
            return line
    return lines[0] if lines else fallback


def doc_id_of(relative: Path) -> str:
    """The document's IRI slug: its path under the corpus without suffix, slugged.

    >>> doc_id_of(Path("000_439010555b33e329.txt")), doc_id_of(Path("news/A b.md"))
    ('000-439010555b33e329', 'news-a-b')
    """
    from kg.slug import slugify

    return slugify(relative.with_suffix("").as_posix())


def read_document(path: Path, root: Path, project: Path | None = None) -> Document:
    """Read one file into a Document, or raise a CorpusError naming it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    text = clean(decode(data, path))
    if not text.strip():
        raise CorpusError(f"{path}: empty file; add text to it or remove it from the corpus")
    relative = path.relative_to(root)
    base = project or Path.cwd()
    try:
        source = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        source = (Path(root.name) / relative).as_posix()
    return document_from_text(text, doc_id_of(relative), source, fallback_title=path.stem)


def document_from_text(text: str, doc_id: str, source: str, fallback_title: str = "") -> Document:
    """A Document from text that is already cleaned (or clean enough), for files and tests.

    >>> document_from_text("Big news\\nParis, June 30, 2018 - It rained.\\n", "d", "d.txt").date
    '2018-06-30'
    """
    return Document(
        doc_id=doc_id,
        source=source,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title_of(text, fallback_title or doc_id),
        date=document_date(text.split("\n")),
    )


def read_corpus(root: Path, project: Path | None = None) -> list[Document]:
    """Read every document under ROOT; any unreadable file stops the build with its name.

    >>> [d.doc_id for d in read_corpus(Path("corpus"))][:1]  # doctest: +SKIP
    ['000-439010555b33e329']
    """
    docs = [read_document(path, root, project) for path in discover(root)]
    ids = [d.doc_id for d in docs]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})[0]
        raise CorpusError(f"two files in {root} map to the same document name '{dup}'; rename one of them")
    return docs
