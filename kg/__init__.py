"""kg: an offline knowledge-graph builder for folders of news articles.

The library API mirrors the CLI::

    from kg.settings import Settings
    from kg.build import build
    report = build(Settings(corpus=Path("corpus"), out=Path("exports")))
    print(report.summary())

Errors a user can cause are kg.errors.KGError, with a message that says how to fix it;
only the `kg` command (kg.cli) knows click.
"""

__version__ = "0.1.0"
