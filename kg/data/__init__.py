"""Files kg reads at run time, shipped inside the package and read with importlib.resources,
so an installed kg (a wheel, not a clone) finds them:

    kg.ttl        the ontology (a copy of the repository's ontology/kg.ttl)
    shapes.ttl    the SHACL shapes `kg validate` checks (ontology/shapes.ttl)
    aliases.ttl   the commented example `kg init` writes (ontology/aliases.ttl)
    *.json        model weights and tables the extractor loads

The repository's ontology/ folder is the readable copy people edit; tests/test_package.py
fails, naming the `cp` to run, when a file here differs from it.
"""

from __future__ import annotations

from importlib import resources


def text(name: str) -> str:
    """The text of the package data file NAME.

    >>> "sh:NodeShape" in text("shapes.ttl")
    True
    """
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def names() -> list[str]:
    """The package's data files (not its Python modules), sorted.

    >>> {"kg.ttl", "shapes.ttl", "aliases.ttl"} <= set(names())
    True
    """
    return sorted(f.name for f in resources.files(__name__).iterdir()
                  if f.is_file() and not f.name.endswith((".py", ".pyc")))
