"""A rebuild reuses what did not change (kg.incremental, kg.fragments) and still writes,
after any sequence of adds, changes and deletions, exactly what a build from scratch
writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import corpus as corpus_module
from kg.api import build_corpus
from kg.fragments import Fragments
from kg.incremental import PACK, _load

from conftest import write_corpus

EXPORTS = ("graph.ttl", "graph.graphml", "graph.html", "comentions.json")
PORT = ("Harbour Terminal Opens\n\nLena Marsh, the director of the Vellmar Port Authority, opened a ferry "
        "terminal in Karsk on Monday. Marsh said the terminal would serve 3,000 passengers a day.\n")
MILL = ("Engineer Hired\n\nThe Ostrava Textile Cooperative hired Tomas Brek as its chief engineer on "
        "Tuesday. Brek previously worked for Dalen Industries in Fenwick.\n")
QUAY = ("Quay Repairs\n\nThe VPA began repairs on the old quay in Karsk on Wednesday, its spokesman Ivo "
        "Grant said. The VPA hired Grant in 2019.\n")
# Added later: it defines the acronym QUAY uses, so QUAY's "VPA" joins the Vellmar Port
# Authority (QUAY's triples must be assembled again, not reused), and parts again when
# it is deleted.
TALKS = ("Port Talks\n\nPaul Marsh, a councillor in Karsk, met Tomas Brek on Friday. The Vellmar Port "
         "Authority (VPA) signed an agreement with Dalen Industries. \"The VPA will grow,\" Paul Marsh said.\n")
BEFORE = {"port.txt": PORT, "quay.txt": QUAY, "mill.txt": MILL}


def _same_as_fresh(project: Path, name: str) -> None:
    """The exports in PROJECT/exports equal those of a build from scratch into another folder."""
    fresh = project / f"fresh-{name}"
    build_corpus(project / "corpus", fresh, use_cache=False, progress=None, jobs=1)
    assert not (fresh / ".kg" / "cache").exists()  # --no-cache neither reads nor writes any store
    for export in EXPORTS:
        assert (project / "exports" / export).read_bytes() == (fresh / export).read_bytes(), (name, export)


def _build(project: Path):
    return build_corpus(project / "corpus", project / "exports", jobs=1)


def test_add_change_delete_equal_a_fresh_build(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus", BEFORE)
    assert _build(tmp_path).parsed == 3
    fragments = tmp_path / "exports" / ".kg" / "cache" / "fragments"
    assert len(list(fragments.glob("*.pickle"))) == 3
    organisation = "org:vellmar-port-authority"

    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    added = _build(tmp_path)
    assert added.parsed == 1 and added.documents == 4
    _same_as_fresh(tmp_path, "add")
    ttl = (tmp_path / "exports" / "graph.ttl").read_text(encoding="utf-8")
    assert "Paul Marsh" in ttl and "org:vpa" not in ttl and organisation in ttl

    (corpus / "mill.txt").write_text(MILL.replace("Dalen Industries", "Dalen Industries and Harlow Mills"),
                                     encoding="utf-8")
    changed = _build(tmp_path)
    assert changed.parsed == 1
    _same_as_fresh(tmp_path, "change")
    assert "Harlow Mills" in (tmp_path / "exports" / "graph.ttl").read_text(encoding="utf-8")

    (corpus / "talks.txt").unlink()
    deleted = _build(tmp_path)
    assert deleted.parsed == 0 and deleted.documents == 3
    _same_as_fresh(tmp_path, "delete")
    ttl = (tmp_path / "exports" / "graph.ttl").read_text(encoding="utf-8")
    assert "Paul Marsh" not in ttl and "talks.txt" not in ttl and "org:vpa" in ttl
    # The deleted and the replaced documents' fragments and slim results are gone.
    assert len(list(fragments.glob("*.pickle"))) == 3
    assert len(_load(tmp_path / "exports" / ".kg" / "cache" / PACK)) == 3


def test_unchanged_documents_are_not_assembled_again(tmp_path, nlp, monkeypatch):
    write_corpus(tmp_path / "corpus", BEFORE)
    _build(tmp_path)
    reused = []
    prune = Fragments.prune

    def counting(self):
        reused.append(self.reused)
        prune(self)

    monkeypatch.setattr(Fragments, "prune", counting)
    (tmp_path / "corpus" / "note.txt").write_text(
        "Weather Note\n\nHeavy rain fell on Oslo on Sunday, said Ida Varg.\n", encoding="utf-8")
    _build(tmp_path)
    assert reused == [3]  # the three earlier documents' entities did not change
    _same_as_fresh(tmp_path, "unrelated")


@pytest.mark.parametrize("damage", ["pack", "fragments", "cache"])
def test_a_damaged_store_is_rebuilt(tmp_path, nlp, damage):
    write_corpus(tmp_path / "corpus", BEFORE)
    _build(tmp_path)
    state = tmp_path / "exports" / ".kg" / "cache"
    if damage == "pack":
        (state / PACK).write_bytes(b"not a pickle")
    elif damage == "fragments":
        for path in (state / "fragments").glob("*.pickle"):
            path.write_bytes(path.read_bytes()[:10])
    else:
        for path in state.glob("??/*.pickle"):
            path.unlink()
    (tmp_path / "corpus" / "talks.txt").write_text(TALKS, encoding="utf-8")
    _build(tmp_path)
    _same_as_fresh(tmp_path, damage)


def test_a_file_is_read_again_only_when_it_changed(tmp_path, nlp, monkeypatch):
    note = "---\ntitle: {title}\ndate: 2022-04-02\n---\n\nThe Karsk ferry resumed service, said Ida Varg.\n"
    corpus = write_corpus(tmp_path / "corpus", {"port.txt": PORT, "note.md": note.format(title="Ferry Back")})
    _build(tmp_path)
    read = []
    real = corpus_module.read_document
    monkeypatch.setattr(corpus_module, "read_document", lambda path, *args: read.append(path.name) or real(path, *args))
    (corpus / "note.md").write_text(note.format(title="Ferry Service Resumes"), encoding="utf-8")
    _build(tmp_path)
    assert read == ["note.md"]  # port.txt's reading was reused
    assert "Ferry Service Resumes" in (tmp_path / "exports" / "graph.ttl").read_text(encoding="utf-8")
    _same_as_fresh(tmp_path, "reread")


def test_fragments_made_by_forked_workers_give_the_same_exports(tmp_path, nlp, monkeypatch):
    """With two jobs the documents' triples are assembled in two forked processes
    (Fragments.fill) and read back: the exports are a one-job build's, byte for byte."""
    from kg import forked
    from kg import fragments as fragments_module

    monkeypatch.setattr(forked, "MIN_SHARE", 1)
    made = []
    fill = fragments_module.Fragments.fill
    monkeypatch.setattr(fragments_module.Fragments, "fill", lambda self, *a: made.append(fill(self, *a)) or made[-1])
    write_corpus(tmp_path / "corpus", {**BEFORE, "talks.txt": TALKS})
    build_corpus(tmp_path / "corpus", tmp_path / "exports", jobs=2)
    assert made == [4]
    _same_as_fresh(tmp_path, "forked")
    assert build_corpus(tmp_path / "corpus", tmp_path / "exports", jobs=2).__class__.__name__ == "UpToDate"
    (tmp_path / "corpus" / "talks.txt").unlink()  # only QUAY's fragment changes: one is made in process
    build_corpus(tmp_path / "corpus", tmp_path / "exports", jobs=2)
    assert made[-1] == 0
    _same_as_fresh(tmp_path, "forked-delete")


def test_a_no_cache_build_assembles_in_forks_too(tmp_path, nlp, monkeypatch):
    from kg import forked

    monkeypatch.setattr(forked, "MIN_SHARE", 1)
    calls = []
    in_forks = forked.in_forks
    monkeypatch.setattr(forked, "in_forks", lambda items, make, jobs: calls.append(jobs) or in_forks(items, make, jobs))
    write_corpus(tmp_path / "corpus", {**BEFORE, "talks.txt": TALKS})
    build_corpus(tmp_path / "corpus", tmp_path / "exports", jobs=2, use_cache=False)
    assert calls == [2]
    _same_as_fresh(tmp_path, "no-cache-forked")
