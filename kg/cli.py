"""The `kg` command: a thin layer over the library (kg.build, kg.query, kg.stats, ...).

Each command is a function `<name>_command` registered as `kg <name>`: it parses the
options, calls one library function of the same plain name (kg.build.build,
kg.query.run, kg.stats.stats, ...) and prints. This is the only module that imports click:
library errors (kg.errors.KGError) become click's in Group.invoke, exit 1 with their
message and no traceback; usage errors exit 2 (click's own).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import CorpusError, KGError
from kg.push import DEFAULT_GRAPH_IRI
from kg.settings import DEFAULT_BASE_IRI, DEFAULT_MAX_BYTES, DEFAULT_MODEL, Settings

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
max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True, envvar="KG_MAX_BYTES",
    help="Skip (with a warning) any corpus file larger than this many bytes (for PDF and Word: of text).",
)
aliases_option = click.option(
    "--aliases", type=click.Path(dir_okay=False, path_type=Path), default=None,
    show_default="ontology/aliases.ttl beside the corpus folder", envvar="KG_ALIASES",
    help="Turtle file of your merges (owl:sameAs) and splits (owl:differentFrom); ignored if missing.",
)


class Group(click.Group):
    """The one place where library errors become click's: a KGError exits 1 with its
    message and no traceback; Ctrl-C exits 130 with one line; any other exception is a
    bug and keeps its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            raise click.ClickException(exc.message) from None
        except KeyboardInterrupt:
            # Exports are only ever renamed into place whole (kg.export.atomic).
            click.echo("interrupted — exports unchanged", err=True)
            _exit_now(130)
            ctx.exit(130)


def _exit_now(code: int) -> None:
    """End a real process at once (not a test's CliRunner): tearing down the interpreter
    frees a build's million objects and spaCy's model one by one, a second or more at
    1,000 documents, after the exports are written, the locks released and the workers
    stopped: nothing is left to do but flush what was printed."""
    if sys.stdout is sys.__stdout__:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe ("kg build | head") or stream
                pass
        os._exit(code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
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


@cli.command("init")
@click.argument("folder", default=".", type=click.Path(path_type=Path))
def init_command(folder: Path) -> None:
    """Make a project in FOLDER (default: here): corpus/ for your articles, exports/,
    ontology/aliases.ttl (a commented example of merges and splits) and a .gitignore for
    kg's caches. A folder that already holds a project is left alone (exit 1).

    \b
    Example:
      kg init news && cd news     # then copy articles into corpus/ and run: kg build
    """
    from kg.api import init_project

    init_project(folder)
    click.echo(f"made a kg project in {folder}: put .txt or .md articles into "
               f"{folder / 'corpus'}, then run `kg build`" + ("" if folder == Path(".") else f" in {folder}"))


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


def _run_build(quiet: bool, **options) -> None:
    from kg.api import build_corpus

    report = build_corpus(progress=_progress_bar() if not quiet and sys.stderr.isatty() else None, **options)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary())
    _exit_now(0)


html_max_nodes_option = click.option(
    "--html-max-nodes", type=click.IntRange(1), default=5000, show_default=True, envvar="KG_HTML_MAX_NODES",
    help="graph.html draws only the N best-connected entities and says what it left out.",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(1), default=lambda: os.cpu_count() or 1, envvar="KG_JOBS",
    show_default="number of cores", help="Processes that parse documents.",
)
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Parse every document again (the cache is neither read nor written), "
                                     "and rebuild even when nothing changed since the last build.",
)
executor_option = click.option(
    "--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True, envvar="KG_EXECUTOR",
    help="Where documents are parsed: local processes, or Dask workers (pip install 'kg[dask]').",
)
scheduler_option = click.option(
    "--scheduler", metavar="ADDRESS", envvar="KG_DASK_SCHEDULER",
    help="Dask scheduler for --executor dask, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster of --jobs workers).",
)


min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None, envvar="KG_MIN_CONFIDENCE",
    help="Assert only facts whose measured confidence (the share of such facts that were right "
         "on labelled data, README 'Relations and confidence') is at least this: higher means "
         "fewer, surer facts, lower more facts and more wrong ones. Default: every rule's fact, "
         "and the classifier's where such facts were right at least 60% of the time.")


def build_options(command):
    """The options every command that builds shares (build, add)."""
    for option in reversed((corpus_option, out_option, model_option, base_option, quiet_option,
                            max_bytes_option, aliases_option, jobs_option)):
        command = option(command)
    return command


@cli.command("build")
@build_options
@min_confidence_option
@html_max_nodes_option
@no_cache_option
@executor_option
@scheduler_option
def build_command(corpus: Path, out: Path, model: str, base_iri: str, quiet: bool, max_bytes: int,
                  aliases: Path, min_confidence: float, html_max_nodes: int, jobs: int, no_cache: bool,
                  executor: str, scheduler: str | None) -> None:
    """Extract entities and facts from CORPUS and write the exports into OUT.

    Prints documents, entities per class, facts, statements and where the time went;
    shows a progress bar on stderr while parsing. A file that is empty, binary, too big or
    unreadable is skipped with a warning on stderr naming it; a failed build leaves the
    previous exports as they were. Only one build at a time may write to OUT. Only new or
    changed documents are parsed: the others' results come from the cache (OUT/.kg/cache/).
    Ctrl-C stops it within seconds and leaves the previous exports as they were (exit 130).

    \b
    Example:
      kg build --corpus corpus --out exports
      kg build --model en_core_web_md --base-iri https://example.com/news/
      kg build --html-max-nodes 500
      kg build --min-confidence 0.7
      kg build --jobs 4 --no-cache
      kg build --executor dask --scheduler tcp://10.0.0.5:8786
    """
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    _run_build(quiet, corpus=corpus, out=out, model=model, base_iri=base_iri, max_bytes=max_bytes,
               aliases=aliases, html_max_nodes=html_max_nodes, jobs=jobs, use_cache=not no_cache,
               executor=executor, scheduler=scheduler, min_confidence=min_confidence)


@cli.command("query")
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a .rq file (- for stdin).")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output of SELECT queries (csv, tsv, json: the W3C result formats).")
@click.option("--endpoint", metavar="URL", envvar="KG_QUERY_ENDPOINT",
              help="Query a SPARQL server instead, e.g. http://localhost:7878/query (where `kg push` wrote).")
@click.option("--graph-iri", default=DEFAULT_GRAPH_IRI, show_default=True, envvar="KG_GRAPH_IRI", metavar="IRI",
              help="With --endpoint: the named graph to query, as `kg push` wrote it ('' for the default graph).")
@click.option("--user", envvar="KG_PUSH_USER", help="With --endpoint: user for HTTP Basic auth.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="With --endpoint: password (better: KG_PUSH_PASSWORD).")
@base_option
def query_command(query: str | None, query_file, graph: Path, fmt: str, endpoint: str | None, graph_iri: str,
                  user: str | None, password: str | None, base_iri: str) -> None:
    """Run a SPARQL QUERY against the export (or a server's store with --endpoint).

    The prefixes kg:, kgr:, person:, org:, place:, event:, date:, doc:, quote:,
    statement:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd:, owl:, schema:, foaf: and time:
    are predeclared, so a name kg prints (person:jane-doe) pastes back as it is.
    schema:/foaf: classes and properties the ontology aligns are read as their kg: terms.
    SELECT prints rows, ASK prints true/false, CONSTRUCT and DESCRIBE print Turtle.
    Updates are refused; a term the ontology lacks gets a warning on stderr.

    \b
    Example:
      kg query 'SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name'
      kg query 'SELECT ?role WHERE { person:jane-doe kg:hasRole ?role }'
      kg query -f my-query.rq --format csv > out.csv
      kg query --endpoint http://localhost:7878/query 'ASK { ?p a schema:Person }'
    """
    from kg.api import query_text

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -f FILE (one of them)")
    if endpoint and click.get_current_context().get_parameter_source("graph").name != "DEFAULT":
        raise click.UsageError("give --graph FILE or --endpoint URL, not both")
    text = query if query is not None else query_file.read()

    def warn(message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    if endpoint:
        from kg import endpoint as remote

        out = remote.run(endpoint, text, fmt, graph_iri or None, base_iri, user, password, warn=warn)
    else:
        out = query_text(text, graph, fmt, base_iri, warn=warn)
    click.echo(out, nl=not out.endswith("\n"))


@cli.command("add")
@click.argument("sources", nargs=-1, required=True, metavar="FILE_OR_URL...")
@build_options
def add_command(sources: tuple[str, ...], corpus: Path, out: Path, model: str, base_iri: str, quiet: bool,
                max_bytes: int, aliases: Path, jobs: int) -> None:
    """Copy files, or fetch web articles, into the corpus folder and rebuild.

    A file (.txt, .md, .html, .pdf, .docx) is copied as it is; a file whose name is
    already taken by a different file in the corpus is refused (rename it first). A URL
    is fetched, its article text, title, date and author extracted, and saved as
    Markdown with front matter, named after its title.

    \b
    Example:
      kg add ~/new-article.txt ~/report.pdf
      kg add https://example.org/news/2024/harbor-vote
    """
    from kg import fetch
    from kg.corpus import check_addable

    files = [Path(s) for s in sources if not fetch.is_url(s)]
    for path in files:
        if not path.is_file():
            raise CorpusError(f"{path}: no such file; check the path (a web address starts with https://)")
        check_addable(path)  # refuse what the corpus could not read before it enters the corpus
        target = corpus / path.name
        if target.exists() and not filecmp.cmp(path, target, shallow=False):
            raise CorpusError(f"{target} already exists with different content; rename {path.name} and add it again")
    articles = [fetch.article(s) for s in sources if fetch.is_url(s)]
    corpus.mkdir(parents=True, exist_ok=True)
    for path in files:
        target = corpus / path.name
        if target.exists():
            click.echo(f"{target} is already in the corpus")
        else:
            shutil.copyfile(path, target)
            click.echo(f"added {target}")
    for found in articles:
        target, status = fetch.save(found, corpus)
        click.echo({"added": f"added {target}", "updated": f"updated {target}",
                    "already": f"{target} is already in the corpus"}[status])
    _run_build(quiet, corpus=corpus, out=out, model=model, base_iri=base_iri, max_bytes=max_bytes,
               aliases=aliases, jobs=jobs)


@cli.command("stats")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to describe.")
@click.option("--top", type=click.IntRange(0), default=10, show_default=True,
              help="How many of the most mentioned entities to list.")
def stats_command(graph: Path, top: int) -> None:
    """Count the export's nodes per class and triples per property, and list the most
    mentioned entities.

    \b
    Example:
      kg stats --top 20
    """
    from kg.api import export_stats
    from kg.stats import format_stats

    click.echo(format_stats(export_stats(graph, top)))


@cli.command("quotes")
@click.option("--speaker", help="Only quotations of speakers whose name contains this (any case).")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to read.")
def quotes_command(speaker: str | None, graph: Path) -> None:
    """Print who said what: each quotation with its speaker and source document.

    Quotations whose speaker was not found are listed last (without --speaker);
    reported speech ("X said that ...") is marked "(reported)".

    \b
    Example:
      kg quotes --speaker holt
    """
    from kg.api import list_quotes
    from kg.quotelist import format_quotes

    rows = list_quotes(graph, speaker)
    if not rows:
        click.echo(f"no quotation attributed to {speaker!r}" if speaker else "no quotations in the export")
        return
    click.echo(format_quotes(rows))


@cli.command("validate")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to check.")
def validate_command(graph: Path) -> None:
    """Check the export against the SHACL shapes of ontology/shapes.ttl (one label and one
    class per entity, a statement with evidence and a document for every fact, well-formed
    date values, quotes with text). Prints one line per violation; exit 1 if there are any.

    \b
    Example:
      kg validate
      kg validate --graph other/graph.ttl
    """
    from kg.api import validate_export
    from kg.errors import ValidationError

    violations = validate_export(graph)
    for violation in violations:
        click.echo(str(violation))
    if violations:
        raise ValidationError(f"{graph} does not conform to ontology/shapes.ttl: "
                              f"{len(violations)} violation{'s' if len(violations) != 1 else ''}; "
                              "rebuild it with `kg build`, or fix the lines above")
    click.echo(f"{graph} conforms to ontology/shapes.ttl")


@cli.command("entities")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to list.")
@click.option("--type", "kind", type=click.Choice(["person", "organization", "organisation", "place", "event"],
                                                  case_sensitive=False),
              help="Only entities of this class.")
@click.option("--min-mentions", type=click.IntRange(1), default=1, show_default=True,
              help="Only entities named at least this many times.")
@base_option
def entities_command(graph: Path, kind: str | None, min_mentions: int, base_iri: str) -> None:
    """List the entities of the export with every name merged into them and how often the
    corpus names them, most mentioned first, so that merges can be checked. Each line ends
    with the entity's IRI, as ontology/aliases.ttl names it to force a merge or a split.

    \b
    Example:
      kg entities --type person --min-mentions 2
    """
    from kg.api import list_entities
    from kg.entities import format_entities

    from kg.query import load

    export = load(graph)
    rows = list_entities(export, kind, min_mentions)
    base = str(dict(export.namespaces()).get("kgr", base_iri))  # the base the export was built with
    click.echo(format_entities(rows, base) if rows else "no entities match")


@cli.command("html")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to draw.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default="exports/graph.html",
              show_default=True, help="The HTML page to write.")
@click.option("--type", "types", default="", metavar="KINDS",
              help="Comma-separated classes to draw: person,organization,place,event.")
@click.option("--document", default=None, metavar="NAME",
              help="Draw only what one document states (file name, stem or title).")
@click.option("--max-nodes", type=click.IntRange(1), default=5000, show_default=True,
              help="Draw only the N best-connected entities.")
def html_command(graph: Path, out: Path, types: str, document: str | None, max_nodes: int) -> None:
    """Draw the graph (or a focused part of it) as an offline HTML page, without rebuilding.

    \b
    Example:
      kg html --type person,organization --out people.html
      kg html --document my-article.txt --max-nodes 200
    """
    from kg.export.html import write_focused
    from kg.export.view import load_comentions
    from kg.query import load

    note = write_focused(load(graph), out, kinds=tuple(t for t in types.split(",") if t.strip()),
                         document=document, max_nodes=max_nodes, comentions=load_comentions(graph.parent))
    click.echo(f"wrote {out}" + (f"\n{note}" if note else ""))


@cli.command("clean")
@corpus_option
@out_option
def clean_command(corpus: Path, out: Path) -> None:
    """Delete the build cache (OUT/.kg/cache/, and a .kg-cache/ beside CORPUS that older
    versions kept) and the query stores kept beside the exports in OUT; the next build
    parses every document again.

    \b
    Example:
      kg clean --corpus corpus
    """
    from kg.cache import clean
    from kg.query import clean_stores

    settings = Settings(corpus=corpus, out=out)
    removed = clean(settings.cache_dir)
    stores = clean_stores(out)
    click.echo(f"removed {settings.cache_dir}" if removed else f"no cache at {settings.cache_dir}")
    if clean(settings.legacy_cache_dir):
        click.echo(f"removed {settings.legacy_cache_dir}")
    if stores:
        click.echo(f"removed {stores} query store(s) in {out}")


@cli.command("push")
@click.option("--endpoint", required=True, envvar="KG_PUSH_ENDPOINT", metavar="URL",
              help="The server's SPARQL 1.1 Graph Store endpoint, e.g. http://localhost:7878/store.")
@click.option("--graph-iri", default=DEFAULT_GRAPH_IRI, show_default=True, envvar="KG_GRAPH_IRI",
              metavar="IRI", help="The named graph to replace with the export.")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=str(GRAPH),
              show_default=True, help="The Turtle export to upload.")
@click.option("--user", envvar="KG_PUSH_USER", help="User for HTTP Basic auth (also KG_PUSH_USER).")
@click.option("--password", envvar="KG_PUSH_PASSWORD",
              help="Password for HTTP Basic auth (better: KG_PUSH_PASSWORD, kept out of shell history).")
@click.option("--retries", type=click.IntRange(0), default=3, show_default=True,
              help="Retries on connection errors, timeouts and HTTP 5xx/429.")
def push_command(endpoint: str, graph_iri: str, graph: Path, user: str | None, password: str | None,
                 retries: int) -> None:
    """Upload the export to a SPARQL server, replacing the named graph GRAPH_IRI (an HTTP
    PUT of the SPARQL 1.1 Graph Store Protocol: a push after a rebuild leaves no stale
    triples). Works with Oxigraph server, Apache Jena Fuseki and GraphDB.

    \b
    Example:
      kg push --endpoint http://localhost:7878/store
      kg push --endpoint http://localhost:3030/news/data --user admin   # password from KG_PUSH_PASSWORD
      kg push --endpoint http://localhost:7200/repositories/news/rdf-graphs/service
    """
    from kg.push import push

    click.echo(push(graph, endpoint, graph_iri, user, password, retries=retries).summary())
