"""A build killed mid-write loses nothing; two builds never write one exports folder at once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.errors import LockError
from kg.lock import LOCK_NAME, build_lock

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = "Harbor Town Elects a Mayor\n\nVoters in Harbor Town elected Rosa Diaz, a teacher, as mayor on Sunday.\n"

# A real `kg build` whose export writer stops dead after writing half of its first temp
# file: the moment a power cut or SIGKILL would hurt most.
STALLING_BUILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import kg.export.atomic as atomic

    def stall(handle):
        handle.flush()
        os.ftruncate(handle.fileno(), handle.tell() // 2)
        Path(sys.argv[1]).write_text(os.readlink(f"/proc/self/fd/{handle.fileno()}"))
        time.sleep(300)

    atomic._sync = stall
    from kg.cli import cli
    cli(["build", "--quiet"])
""")


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            pytest.fail(f"the build ended early:\n{proc.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail("the build never reached its export")
        time.sleep(0.1)


def _exports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_killed_build_keeps_exports_and_blocks_a_concurrent_build(project, bundled_build):
    shutil.copytree(bundled_build[0] / "exports", project / "exports")
    (project / "corpus").mkdir()
    (project / "corpus" / "mayor.txt").write_text(ARTICLE)
    before = _exports(project / "exports")
    signal_file = project / "stalled"
    proc = subprocess.Popen([sys.executable, "-c", STALLING_BUILD, str(signal_file)], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(signal_file, proc)
        half_written = Path(signal_file.read_text())
        assert half_written.parent == project / "exports" and half_written.stat().st_size > 0

        # While it runs, a second build is refused and names it.
        second = CliRunner().invoke(cli, ["build", "--quiet"], catch_exceptions=False)
        assert second.exit_code == 1
        assert second.output.strip() == (f"Error: another build is running (pid {proc.pid}) on exports; "
                                         "wait for it to finish and run `kg build` again")
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    assert _exports(project / "exports") == before
    assert len(Graph().parse(project / "exports" / "graph.ttl", format="turtle")) > 100
    assert half_written.exists()  # the killed build's debris is only ever a hidden temp file

    # The dead build's lock is taken over; its temp file is cleaned away.
    third = CliRunner().invoke(cli, ["build", "--quiet"], catch_exceptions=False)
    assert third.exit_code == 0, third.output
    assert third.stdout.startswith("1 documents: ")
    assert not half_written.exists() and not list((project / "exports").glob(".*.tmp"))
    assert _exports(project / "exports")["graph.ttl"] != before["graph.ttl"]


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kg.lock import build_lock
    with build_lock(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(300)
""")


def test_lock_held_by_another_process_and_taken_over_when_it_dies(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(proc.pid)
        with pytest.raises(LockError, match=rf"another build is running \(pid {proc.pid}\)"):
            with build_lock(tmp_path):
                pass
        started = time.monotonic()
        with pytest.raises(LockError):
            with build_lock(tmp_path, wait=0.5):
                pass
        assert time.monotonic() - started >= 0.5
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    # The lock file still names the dead process: a stale lock, taken over.
    assert (tmp_path / LOCK_NAME).read_text().strip() == str(proc.pid)
    with build_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    with build_lock(tmp_path):  # released on exit, so it can be taken again
        pass


def test_stale_lock_file_from_a_dead_pid_does_not_block(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / LOCK_NAME).parent.mkdir()
    (tmp_path / LOCK_NAME).write_text(f"{dead.pid}\n")
    with build_lock(tmp_path) as path:
        assert path.read_text().strip() == str(os.getpid())


def _children(pid: int) -> list[int]:
    """The pids of PID's child processes (Linux)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(p) for p in task.read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_a_build_within_two_seconds_and_keeps_the_exports(tmp_path, bundled_build, jobs):
    from ingest_files import long_report

    out = tmp_path / "exports"
    shutil.copytree(bundled_build[0] / "exports", out)
    before = _exports(out)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):  # three batches, a minute of parsing: the build is surely still at it
        (corpus / f"report-{i}.txt").write_text(long_report(8_000, seed=i), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--corpus", str(corpus), "--out", str(out),
                             "--jobs", str(jobs), "--quiet", "--no-cache"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        deadline = time.monotonic() + 120
        # Parsing has begun when the workers exist (jobs 2), or the model has had time to load.
        while (len(_children(proc.pid)) < jobs if jobs > 1 else not (out / LOCK_NAME).exists()):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            time.sleep(0.1)
        workers = _children(proc.pid)
        time.sleep(1.5)
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _, stderr = proc.communicate(timeout=10)
        stopped = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130 and stopped < 2.0, (proc.returncode, stopped, stderr)
    assert stderr.strip().splitlines()[-1] == "interrupted — exports unchanged" and "Traceback" not in stderr
    assert _exports(out) == before
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text()]
