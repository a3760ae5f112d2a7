"""Check an export against the SHACL shapes of ontology/shapes.ttl with pySHACL.

    validate(Path("exports/graph.ttl")) -> list[Violation]

The shapes are read from the package (kg/data/shapes.ttl, the repository's
ontology/shapes.ttl shipped inside kg), so an installed kg validates anywhere.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF

from kg.data import text as data_text
from kg.vocab import PREFIXES
from kg.query import load, short_term
from kg.settings import DEFAULT_BASE_IRI

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed constraint: the node, the property path, the message and the bad value."""

    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


def shapes_graph(path: Path | None = None) -> Graph:
    """The shapes graph: kg's own (ontology/shapes.ttl, as the package ships it), or PATH's.

    >>> len(shapes_graph()) > 0
    True
    """
    if path is not None:
        return Graph().parse(path, format="turtle")
    return Graph().parse(data=data_text("shapes.ttl"), format="turtle")


def validate_graph(graph: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Every violation of the shapes in GRAPH, sorted; empty when it conforms.

    >>> validate_graph(Graph())
    []
    """
    from pyshacl import validate as run_shacl

    _conforms, report, _text = run_shacl(graph, shacl_graph=shapes if shapes is not None else shapes_graph(),
                                         inference="none", advanced=True, allow_warnings=False)
    if not isinstance(report, Graph):  # pySHACL could not run the shapes: a bug in shapes.ttl
        raise RuntimeError(f"SHACL validation failed to run: {report}")
    names = {**{p: str(ns) for p, ns in PREFIXES.items()},
             "kgr": str(dict(graph.namespaces()).get("kgr", DEFAULT_BASE_IRI))}
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.append(Violation(
            focus=_short(report.value(result, SH.focusNode), names),
            path=_short(report.value(result, SH.resultPath), names),
            message=str(report.value(result, SH.resultMessage) or report.value(result, SH.sourceConstraintComponent)),
            value=_short(report.value(result, SH.value), names),
        ))
    return sorted(set(found), key=lambda v: (v.focus, v.path, v.message, v.value))


def validate(path: Path) -> list[Violation]:
    """Every violation in the Turtle export at PATH (an ExportError if it is not Turtle).

    >>> validate(Path("exports/graph.ttl"))  # doctest: +SKIP
    []
    """
    # rdflib logs a traceback for each ill-formed literal; the shapes report them readably.
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return validate_graph(load(path))
    finally:
        logger.setLevel(level)


def _short(term, names: dict[str, str]) -> str:
    if isinstance(term, Literal):
        text = str(term)
        text = text if len(text) <= 60 else text[:59] + "…"
        return repr(text) + (f"^^{_short(term.datatype, names)}" if term.datatype else "")
    return short_term(term, names)
