"""Errors a user can cause. Each message names the culprit and says how to fix it."""

from __future__ import annotations

import click


class KGError(click.ClickException):
    """Base of every error a user can cause; click prints it and exits 1, no traceback."""


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
