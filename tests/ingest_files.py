"""Fixture files for the ingest tests, made here rather than committed: a PDF with a text
layer, a Word document, a long report, all on made-up people."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds LINES (Helvetica, one line each)."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Secret minutes."]))))
    writer.encrypt(user_password="letmein", algorithm="RC4-128")
    writer.write(path)


def blank_pdf(path: Path) -> None:
    """A PDF of one page with no text layer, as a scan without OCR is."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.write(path)


def docx_file(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)


def xlsx_file(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")


FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Irene", "Jonas"]
LAST = ["Marsh", "Novak", "Okafor", "Petrov", "Quist", "Rahman", "Sorensen", "Tamura", "Ulloa"]
ORGS = ["the Northfield Rowing Club", "the Baltic Grain Company", "the Riverside Choir", "Helix Robotics Inc."]
PLACES = ["Lindenport", "Karsk", "Vellmar", "Port Elna", "Greywater"]
SENTENCES = [
    "{p}, the chairman of {o}, visited {c} on Tuesday.",
    "{p} joined {o} in {y} after years as a teacher in {c}.",
    "\"We will build a new harbour,\" said {p}, who leads {o}.",
    "The festival in {c} drew {n} visitors, according to {p}.",
    "{p} met {q} in {c} to discuss the budget of {o}.",
]


def long_report(size: int, seed: int = 7) -> str:
    """A report of about SIZE characters: a headline, then paragraphs of two to six
    sentences about made-up people, clubs and towns."""
    rng = random.Random(seed)
    parts = ["Annual Report of the Northern Guilds\n\n"]
    length = len(parts[0])
    while length < size:
        paragraph = " ".join(
            rng.choice(SENTENCES).format(p=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                                         q=f"{rng.choice(FIRST)} {rng.choice(LAST)}", o=rng.choice(ORGS),
                                         c=rng.choice(PLACES), y=rng.randint(1990, 2020), n=rng.randint(100, 9000))
            for _ in range(rng.randint(2, 6)))
        parts.append(paragraph + "\n\n")
        length += len(paragraph) + 2
    return "".join(parts)
