"""kg: an offline knowledge-graph builder for folders of news articles.

The public API (kg.api, re-exported here) mirrors the CLI::

    import kg
    report = kg.build_corpus("corpus", "exports")
    print(report.summary())
    kg.query_rows("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")

Errors a user can cause are kg.errors.KGError, with a message that says how to fix it;
only the `kg` command (kg.cli) knows click.
"""

from importlib import metadata

try:
    __version__ = metadata.version("kg")
except metadata.PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"

from kg.api import (  # noqa: E402  (after __version__, which kg.cli imports)
    build_corpus,
    export_stats,
    graph_from_texts,
    init_project,
    list_entities,
    list_quotes,
    query_frame,
    query_rows,
    query_text,
    validate_export,
)
from kg.errors import KGError  # noqa: E402

__all__ = ["KGError", "__version__", "build_corpus", "export_stats", "graph_from_texts", "init_project",
           "list_entities", "list_quotes", "query_frame", "query_rows", "query_text", "validate_export"]
