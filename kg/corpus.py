"""Stage 1: find the corpus's files, read them as text (kg.formats: PDF, Word, web pages,
Markdown front matter), strip web boilerplate.

    read_corpus(Path("corpus")) -> list[Document]
    scan_corpus(Path("corpus")) -> CorpusScan(documents, warnings)

Users point kg at folders they did not curate, so one bad file never stops a build:
empty, binary, oversized or unreadable files are skipped with a warning that names
the file and says what to do; text in a legacy encoding is decoded with a warning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg import formats
from kg.analysis.dates import document_date, split_dateline
from kg.errors import CorpusError
from kg.formats import READABLE
from kg.model import Document
from kg.settings import DEFAULT_MAX_BYTES

# Formats that arrive renamed as .txt: their first bytes say what they are.
_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx/.odt)",
    b"\x1f\x8b": "gzip archive",
    b"{\\rtf": "RTF document",
    b"\xd0\xcf\x11\xe0": "Office document",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Single-byte Western code pages that charset-normalizer confuses with one another on
# short texts; Windows-1252 is by far the most common of them and a superset of Latin-1's
# printable characters, so it is the reading we pick for all of them.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp850",
            "cp437", "iso8859_9", "cp1254", "mac_latin2", "cp1257", "iso8859_13"}

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
    """Every file under ROOT, recursively, hidden files and folders excluded; reading a
    file of a kind kg does not read warns about it (kg.formats.KINDS). Broken symlinks
    and symlink loops are kept, so that reading them warns about them.

    >>> discover(Path("corpus"))[:1]  # doctest: +SKIP
    [PosixPath('corpus/000_439010555b33e329.txt')]
    """
    if not root.is_dir():
        raise CorpusError(f"no documents in {root}: add {READABLE} files (the folder does not exist; "
                          "create it, or point --corpus at your folder)")
    found = [
        path
        for path in root.rglob("*")
        if (path.is_file() or (path.is_symlink() and not path.is_dir()))
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    if not found:
        raise CorpusError(f"no documents in {root}: add {READABLE} files")
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def sniff(data: bytes, path: Path) -> tuple[str, str | None]:
    """Decode a file's bytes as text: (text, a warning or None), or raise a CorpusError
    for a file that is not text at all.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as they are. Other
    bytes are decoded with the encoding charset-normalizer detects (Windows-1252 for
    the Western code pages it cannot tell apart), with a warning naming it.

    >>> sniff("Café".encode("cp1252"), Path("a.txt"))
    ('Café', 'a.txt: not UTF-8; read as Windows-1252 (cp1252); if characters look wrong, re-save it as UTF-8')
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}: broken {codec.upper()} text ({exc.reason}); "
                                  "re-save it as UTF-8") from None
    kind = next((name for magic, name in _MAGIC.items() if data.startswith(magic)), None)
    kind = kind or ("NUL bytes" if b"\x00" in data else "control bytes" if _control_share(data) > 0.1 else None)
    if kind:
        raise CorpusError(f"{path}: binary file ({kind}), not text; "
                          "convert it to plain text or remove it from the corpus")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    codec = guess.encoding if guess is not None else "cp1252"
    if codec in _WESTERN or codec.startswith("utf"):
        codec = "cp1252"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; Latin-1 maps every byte.
        codec, text = "latin_1", data.decode("latin_1")
    name = {"cp1252": "Windows-1252 (cp1252)", "latin_1": "Latin-1"}.get(codec, codec)
    return text, f"{path}: not UTF-8; read as {name}; if characters look wrong, re-save it as UTF-8"


def _control_share(data: bytes) -> float:
    head = data[:4096]
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head) if head else 0.0


def decode(data: bytes, path: Path) -> str:
    """Decode a file's bytes as text (see `sniff`), or raise a CorpusError saying what to do.

    >>> decode(b"\\xef\\xbb\\xbfJane", Path("a.txt"))
    'Jane'
    """
    return sniff(data, path)[0]


DATELINE_LINES = 10  # lines from the top where a dateline may open the story


def clean(raw: str) -> str:
    """Normalise line ends and drop boilerplate lines: ad sizes, bare URLs, page chrome,
    a breadcrumb line that ends with the next line, and repeats of short caption lines.

    >>> clean("728 x 90\\n\\nTitle here\\nA caption\\nText.\\nA caption\\nhttp://x.y/z\\n")
    'Title here\\nA caption\\nText.\\n'
    """
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    # Form feeds and Unicode line separators end lines; other control characters are
    # noise that Turtle would have to escape and spaCy would tokenise.
    text = re.sub("[\f\u2028\u2029\x85]", "\n", text)
    text = _CONTROL.sub(" ", text)
    # No-break and thin spaces split names for NER ("Council of\u00a0Chile"); tabs too.
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
    # A dateline opens one of the first paragraphs; NER reads it better on a line of its own.
    for i, line in enumerate(kept[:DATELINE_LINES]):
        kept[i] = split_dateline(line)
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


def read_document(path: Path, root: Path, project: Path | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document, tuple[str, ...]]:
    """Read one file into a Document and its warnings, or raise a CorpusError naming the
    file and saying what to do. A text file over MAX_BYTES is not read; a PDF or Word
    file is read, and its text must stay under MAX_BYTES."""
    if path.suffix.lower() not in formats.KINDS:
        raise formats.unreadable(path)
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() not in (".pdf", ".docx"):
            raise _too_big(path, size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc}); check the file, its "
                          "permissions and any symlink it points through") from None
    found = formats.extract(path, data, sniff)
    if len(found.text.encode("utf-8")) > max_bytes:
        raise _too_big(path, len(found.text.encode("utf-8")), max_bytes, " of text")
    text = clean(found.text)
    if not text.strip():
        raise CorpusError(f"{path}: empty file; add text to it or remove it from the corpus")
    relative = path.relative_to(root)
    base = project or Path.cwd()
    try:
        # The link's own path, not its target's: a symlinked file is part of the corpus.
        source = (path.parent.resolve() / path.name).relative_to(base.resolve()).as_posix()
    except ValueError:
        source = (Path(root.name) / relative).as_posix()
    document = document_from_text(text, doc_id_of(relative), source, fallback_title=path.stem,
                                  title=found.title, date=found.date, url=found.url, authors=found.authors)
    return document, found.warnings


def check_addable(path: Path) -> None:
    """Raise a CorpusError unless PATH is a file the corpus can read (`kg add` checks a
    file before copying it in).

    >>> check_addable(Path("sales.xlsx"))  # doctest: +SKIP
    Traceback (most recent call last):
    kg.errors.CorpusError: sales.xlsx: kg does not read .xlsx files; ...
    """
    if path.suffix.lower() not in formats.KINDS:
        raise formats.unreadable(path)
    if not clean(formats.extract(path, path.read_bytes(), sniff).text).strip():
        raise CorpusError(f"{path}: empty file; add text to it first")


def _too_big(path: Path, size: int, limit: int, what: str = "") -> CorpusError:
    return CorpusError(f"{path}: {size:,} bytes{what}, over the {limit:,}-byte limit; split it, "
                       f"or raise the limit with --max-bytes {size}")


def document_from_text(text: str, doc_id: str, source: str, fallback_title: str = "", *,
                       title: str | None = None, date: str | None = None, url: str | None = None,
                       authors: tuple[str, ...] = ()) -> Document:
    """A Document from text that is already cleaned (or clean enough), for files and tests;
    TITLE and DATE, when a file's metadata states them, win over the headline and dateline.

    >>> document_from_text("Big news\\nParis, June 30, 2018 - It rained.\\n", "d", "d.txt").date
    '2018-06-30'
    """
    return Document(
        doc_id=doc_id,
        source=source,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title or title_of(text, fallback_title or doc_id),
        date=date or document_date(text.split("\n")),
        url=url,
        authors=authors,
    )


@dataclass(frozen=True, slots=True)
class CorpusScan:
    """The documents of a corpus and one warning line per file skipped or read with a guess."""

    documents: list[Document]
    warnings: tuple[str, ...] = ()


def scan_corpus(root: Path, project: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                read: Callable[..., tuple[Document, tuple[str, ...]]] | None = None) -> CorpusScan:
    """Read every document under ROOT. A file that cannot be read as text is skipped with a
    warning naming it; only a corpus with no readable document at all is an error. READ
    stands in for `read_document` (kg.incremental's reuses the last build's reading).

    >>> scan_corpus(Path("corpus")).warnings  # doctest: +SKIP
    ()
    """
    documents: list[Document] = []
    warnings: list[str] = []
    for path in discover(root):
        try:
            document, found = (read or read_document)(path, root, project, max_bytes)
        except CorpusError as exc:
            warnings.append(f"{exc.message} (skipped)")
            continue
        documents.append(document)
        warnings.extend(found)
    if not documents:
        shown = " | ".join(warnings[:3]) + (f" | and {len(warnings) - 3} more" if len(warnings) > 3 else "")
        raise CorpusError(f"no documents in {root}: add {READABLE} files (skipped {len(warnings)}: {shown})")
    ids = [d.doc_id for d in documents]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})[0]
        raise CorpusError(f"two files in {root} map to the same document name '{dup}'; rename one of them")
    return CorpusScan(documents, tuple(warnings))


def read_corpus(root: Path, project: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """The documents of `scan_corpus`, without its warnings.

    >>> [d.doc_id for d in read_corpus(Path("corpus"))][:1]  # doctest: +SKIP
    ['000-439010555b33e329']
    """
    return scan_corpus(root, project, max_bytes).documents
