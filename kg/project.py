"""A new project folder, as `kg init` makes it:

    init(Path("news")) -> list of the paths it created

    news/corpus/README          one line: put your articles here (not an article: no .txt/.md)
    news/exports/               where `kg build` writes graph.ttl, graph.html, graph.graphml
    news/ontology/aliases.ttl   a commented example of merges, splits and forced classes
    news/.gitignore             the build cache and the query stores, never the corpus
"""

from __future__ import annotations

from pathlib import Path

from kg.data import text as data_text
from kg.errors import KGError

CORPUS_README = ("Put your articles here, one .txt or .md file each (subfolders too); "
                 "then run `kg build` in the folder above.\n")
# The build cache beside the corpus, and what `kg query` and `kg build` keep beside the
# exports (query stores, the build lock); the exports themselves are yours to commit.
GITIGNORE = """# kg's cache and build lock (`kg clean` deletes the cache), and query stores
exports/.kg/
exports/.*.oxigraph/
# uncomment to keep the exports out of git too
# exports/
"""
# What marks a folder as a kg project already: init never writes over any of them.
MARKERS = ("corpus", "exports", "ontology/aliases.ttl")


def init(folder: Path) -> list[Path]:
    """Make a kg project in FOLDER (created if missing): corpus/ with a README line,
    exports/, ontology/aliases.ttl (a commented example) and .gitignore lines for the
    caches. A folder that already holds a project is refused with a KGError; an existing
    .gitignore gets the lines it lacks.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.relative_to(tmp).as_posix() for p in init(Path(tmp) / "news")]
    ['news/corpus/README', 'news/exports', 'news/ontology/aliases.ttl', 'news/.gitignore']
    """
    taken = [name for name in MARKERS if (folder / name).exists()]
    if taken:
        raise KGError(f"{folder} already holds a kg project (found {', '.join(taken)}); kg init "
                      f"overwrites nothing: run kg in {folder}, or give kg init a new folder")
    if folder.exists() and not folder.is_dir():
        raise KGError(f"{folder} is a file, not a folder; give `kg init` a folder name")
    (folder / "corpus").mkdir(parents=True)
    (folder / "corpus" / "README").write_text(CORPUS_README, encoding="utf-8")
    (folder / "exports").mkdir()
    (folder / "ontology").mkdir(exist_ok=True)
    (folder / "ontology" / "aliases.ttl").write_text(data_text("aliases.ttl"), encoding="utf-8")
    _ignore(folder / ".gitignore")
    return [folder / "corpus" / "README", folder / "exports", folder / "ontology" / "aliases.ttl",
            folder / ".gitignore"]


def _ignore(path: Path) -> None:
    """Write GITIGNORE to PATH, or append the lines an existing file lacks."""
    if not path.exists():
        path.write_text(GITIGNORE, encoding="utf-8")
        return
    old = path.read_text(encoding="utf-8")
    have = set(old.splitlines())
    missing = [line for line in GITIGNORE.splitlines() if line and line not in have]
    if missing:
        path.write_text(old + ("" if old.endswith("\n") or not old else "\n") + "\n".join(missing) + "\n",
                        encoding="utf-8")
