"""Files kg reads at run time, shipped inside the package and read with importlib.resources,
so an installed kg (a wheel, not a clone) finds them:

    kg.ttl        the ontology (a copy of the repository's ontology/kg.ttl)
    shapes.ttl    the SHACL shapes `kg validate` checks (ontology/shapes.ttl)
    aliases.ttl   the commented example `kg init` writes (ontology/aliases.ttl)
    *.json        model weights and tables the extractor loads: json.loads(text("name.json"))

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


def binary(name: str) -> bytes:
    """The bytes of the package data file NAME (model weights that are not text).

    >>> binary("kg.ttl")[:7]
    b'@prefix'
    """
    return resources.files(__name__).joinpath(name).read_bytes()
