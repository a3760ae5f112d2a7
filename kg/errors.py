"""Errors a user can cause. Each message names the culprit and says how to fix it.

    KGError(message)          the base; kg.cli turns it into exit 1 and its message, no traceback
    CorpusError, ModelError, QueryError, ExportError, LockError, ValidationError,
    AliasError, ExecutorError

The library knows nothing of click: only kg.cli translates these (as sqlite-utils turns
its AlterError into a click.ClickException).
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error a user can cause; the message says how to fix it.

    >>> str(KGError("corpus/ is empty; add .txt files"))
    'corpus/ is empty; add .txt files'
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CorpusError(KGError):
    """A corpus folder or file that cannot be read as text."""


class ModelError(KGError):
    """A spaCy pipeline that is not installed or cannot be loaded."""


class QueryError(KGError):
    """A SPARQL query that does not parse, or that is not allowed."""


class ExportError(KGError):
    """An export that cannot be written or read."""


class LockError(KGError):
    """Another build holds the exports folder."""


class ValidationError(KGError):
    """An export that does not conform to the SHACL shapes of ontology/shapes.ttl."""


class AliasError(KGError):
    """A user alias file (ontology/aliases.ttl) that cannot be read."""


class ExecutorError(KGError):
    """Dask is missing, the scheduler cannot be reached, or a worker runs another kg."""
