"""Re-DocRED documents as plain text, for the benchmarks in bench/.

The data (MIT, Tan et al. 2022) is not shipped with kg: the scripts read it from
../shared/bench/re-docred/ or from the folder named by $KG_REDOCRED, which must hold
dev_revised.json and test_revised.json from https://github.com/tonytan48/Re-DocRED
(data/ folder).

>>> detokenise(["He", "said", ",", "\\"", "yes", "\\"", "(", "in", "1990", ")", "."])
'He said, "yes" (in 1990).'
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "re-docred"
FILES = {"dev": "dev_revised.json", "test": "test_revised.json"}

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}


@dataclass(frozen=True, slots=True)
class RedocDoc:
    """One benchmark document: its text, entities (mention names + type) and gold relations."""

    title: str
    text: str
    entities: tuple[tuple[frozenset[str], str], ...]  # (mention names, PER/ORG/LOC/TIME/NUM/MISC)
    relations: tuple[tuple[int, str, int], ...]  # (head entity index, Wikidata P-id, tail index)


def data_dir() -> Path:
    return Path(os.environ.get("KG_REDOCRED", DEFAULT_DIR))


def detokenise(tokens: list[str]) -> str:
    """Join benchmark tokens into readable text: no space before closing punctuation,
    none after opening brackets, straight double quotes alternate open/close."""
    out: list[str] = []
    glue_next = False
    open_quote = False
    for token in tokens:
        glue = glue_next or not out or token in NO_SPACE_BEFORE
        glue_next = token in NO_SPACE_AFTER
        if token == '"':
            glue = glue or open_quote
            glue_next = not open_quote
            open_quote = not open_quote
        out.append(token if glue else " " + token)
    return "".join(out)


def load(split: str = "dev", limit: int | None = None) -> list[RedocDoc]:
    """The SPLIT ("dev" or "test") documents, the first LIMIT of them if given.

    Exits with a message saying how to get the data when it is absent."""
    path = data_dir() / FILES[split]
    if not path.exists():
        sys.exit(f"Re-DocRED data not found at {path}: download data/{FILES[split]} from "
                 "https://github.com/tonytan48/Re-DocRED and set KG_REDOCRED to its folder.")
    raw = json.loads(path.read_text(encoding="utf-8"))[:limit]
    return [_document(d) for d in raw]


def _document(d: dict) -> RedocDoc:
    text = "\n".join(detokenise(sent) for sent in d["sents"])
    entities = tuple((frozenset(detokenise(d["sents"][m["sent_id"]][m["pos"][0]:m["pos"][1]]) for m in mentions),
                      mentions[0]["type"]) for mentions in d["vertexSet"])
    relations = tuple((label["h"], label["r"], label["t"]) for label in d["labels"])
    return RedocDoc(d["title"], d["title"] + "\n\n" + text, entities, relations)


def write_corpus(docs: list[RedocDoc], folder: Path, copies: int = 1) -> int:
    """Write DOCS as .txt files into FOLDER (COPIES times, renamed); returns bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for copy in range(copies):
        for i, doc in enumerate(docs):
            data = doc.text.encode("utf-8")
            (folder / f"doc{copy:02d}-{i:04d}.txt").write_bytes(data)
            total += len(data)
    return total
