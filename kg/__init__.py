"""kg: an offline knowledge-graph builder for folders of news articles.

The library API mirrors the CLI::

    from kg.settings import Settings
    from kg.build import build
    report = build(Settings(corpus=Path("corpus"), out=Path("exports")))
    print(report.summary())
"""

__version__ = "0.1.0"
