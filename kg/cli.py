"""The `kg` command: a thin layer over the library (kg.build, kg.query, kg.stats)."""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import CorpusError
from kg.settings import DEFAULT_BASE_IRI, DEFAULT_MODEL, Settings

GRAPH = Path("exports") / "graph.ttl"

corpus_option = click.option(
    "--corpus", type=click.Path(file_okay=False, path_type=Path), default="corpus", show_default=True,
    envvar="KG_CORPUS", help="Folder of .txt/.md articles (searched recursively).",
)
out_option = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default="exports", show_default=True,
    envvar="KG_OUT", help="Folder for graph.ttl, graph.html and graph.graphml.",
)
model_option = click.option(
    "--model", default=DEFAULT_MODEL, show_default=True, envvar="KG_MODEL",
    help="Name of an installed spaCy pipeline, e.g. en_core_web_md.",
)
base_option = click.option(
    "--base-iri", default=DEFAULT_BASE_IRI, show_default=True, envvar="KG_BASE_IRI",
    help="Base IRI of the graph's resources (the kgr: prefix).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph of people, organisations, places, events and dates from a
    folder of articles, with every fact traced to the sentence it came from.

    \b
    Example:
      kg build                      # corpus/ -> exports/graph.ttl, graph.html, graph.graphml
      kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
      kg add ~/new-article.txt      # copy into corpus/ and rebuild
    """


def _progress_bar():
    """A one-line progress report on stderr: documents and words per second."""
    import time

    started = time.perf_counter()
    last = 0.0

    def progress(done: int, total: int, words: int) -> None:
        nonlocal last, started
        now = time.perf_counter()
        if done == 0:  # parsing starts now (after the model has loaded)
            started = now
        if now - last < 0.2 and 0 < done < total:
            return
        last = now
        elapsed = max(now - started, 1e-6)
        width = 24
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\rparsing [{'#' * filled}{'-' * (width - filled)}] {done}/{total} documents, "
                         f"{done / elapsed:.1f} docs/s, {words / elapsed:,.0f} words/s ")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress


def _run_build(settings: Settings) -> None:
    from kg.build import build as run_build

    show = settings.progress and sys.stderr.isatty()
    report = run_build(settings, _progress_bar() if show else None)
    click.echo(report.summary())


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(1), default=lambda: os.cpu_count() or 1, envvar="KG_JOBS",
    show_default="number of cores", help="Processes that parse documents.",
)
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Parse every document again (the cache is neither read nor written).",
)


@cli.command()
@corpus_option
@out_option
@model_option
@base_option
@quiet_option
@jobs_option
@no_cache_option
def build(corpus: Path, out: Path, model: str, base_iri: str, quiet: bool, jobs: int, no_cache: bool) -> None:
    """Extract entities and facts from CORPUS and write the exports into OUT.

    Prints documents, entities per class, facts, statements and where the time went;
    shows a progress bar on stderr while parsing. A bad file stops the build with its
    name and the previous exports stay as they were. Only new or changed documents are
    parsed: the others' results come from the cache (.kg-cache/ beside the corpus).

    \b
    Example:
      kg build --corpus corpus --out exports
      kg build --model en_core_web_md --base-iri https://example.com/news/
      kg build --jobs 4 --no-cache
    """
    _run_build(Settings(corpus=corpus, out=out, model=model, base_iri=base_iri, progress=not quiet,
                        jobs=jobs, use_cache=not no_cache))


@cli.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a .rq file (- for stdin).")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output of SELECT queries.")
def query(query: str | None, query_file, graph: Path, fmt: str) -> None:
    """Run a SPARQL QUERY against the export.

    The prefixes kg:, kgr:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd:, owl:, schema:,
    foaf: and time: are predeclared. SELECT prints rows, ASK prints true/false,
    CONSTRUCT and DESCRIBE print Turtle. Updates are refused.

    \b
    Example:
      kg query 'SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name'
      kg query -f my-query.rq --format csv > out.csv
    """
    from kg.query import run

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -f FILE (one of them)")
    text = query if query is not None else query_file.read()
    click.echo(run(graph, text, fmt))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@corpus_option
@out_option
@model_option
@base_option
@quiet_option
@jobs_option
def add(files: tuple[Path, ...], corpus: Path, out: Path, model: str, base_iri: str, quiet: bool, jobs: int) -> None:
    """Copy FILES into the corpus folder and rebuild.

    A file whose name is already taken by a different file in the corpus is refused
    (rename it first); the same file added twice is left as it is.

    \b
    Example:
      kg add ~/new-article.txt ~/another.md
    """
    from kg.corpus import SUFFIXES, decode

    corpus.mkdir(parents=True, exist_ok=True)
    for path in files:
        if path.suffix.lower() not in SUFFIXES:
            raise CorpusError(f"{path}: only .txt and .md files can be added; save it as plain text first")
        decode(path.read_bytes(), path)  # refuse binary or non-UTF-8 before it enters the corpus
        target = corpus / path.name
        if target.exists() and not filecmp.cmp(path, target, shallow=False):
            raise CorpusError(f"{target} already exists with different content; rename {path.name} and add it again")
    for path in files:
        target = corpus / path.name
        if target.exists():
            click.echo(f"{target} is already in the corpus")
        else:
            shutil.copyfile(path, target)
            click.echo(f"added {target}")
    _run_build(Settings(corpus=corpus, out=out, model=model, base_iri=base_iri, progress=not quiet, jobs=jobs))


@cli.command()
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to describe.")
@click.option("--top", type=click.IntRange(0), default=10, show_default=True,
              help="How many of the most mentioned entities to list.")
def stats(graph: Path, top: int) -> None:
    """Count the export's nodes per class and triples per property, and list the most
    mentioned entities.

    \b
    Example:
      kg stats --top 20
    """
    from kg.query import load
    from kg.stats import format_stats, stats as compute

    click.echo(format_stats(compute(load(graph), top)))


@cli.command()
@corpus_option
@out_option
def clean(corpus: Path, out: Path) -> None:
    """Delete the build cache (.kg-cache/ beside CORPUS) and the query stores kept beside
    the exports in OUT; the next build parses every document again.

    \b
    Example:
      kg clean --corpus corpus
    """
    from kg.cache import clean as clean_cache
    from kg.query import clean_stores

    settings = Settings(corpus=corpus, out=out)
    removed = clean_cache(settings.cache_dir)
    stores = clean_stores(out)
    click.echo(f"removed {settings.cache_dir}" if removed else f"no cache at {settings.cache_dir}")
    if stores:
        click.echo(f"removed {stores} query store(s) in {out}")
