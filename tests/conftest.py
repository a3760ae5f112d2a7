"""Shared fixtures: the spaCy model is loaded once per session; builds go to tmp dirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    """A corpus folder holding TEXTS ({file name: text})."""
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load

    return load(Settings().model)


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory, nlp):
    """The bundled corpus built once into a temp project: (project dir, report)."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(CORPUS, project / "corpus")
    report = build(Settings(corpus=project / "corpus", out=project / "exports", progress=False))
    return project, report


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def built(project, bundled_build):
    """A project folder (the cwd) holding the bundled corpus and its exports."""
    source, _ = bundled_build
    shutil.copytree(source / "corpus", project / "corpus")
    shutil.copytree(source / "exports", project / "exports")
    return project
