"""`-o` replaces only regular files, atomically, with ordinary modes and no temporary
file left behind; SIGINT and SIGTERM stop a run at once with 130 / 143 (issue 13,
items 6 and "Signals")."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_util import command, pinned
from dlt_manifest import output
from workspace_util import write_workspace

GOOD = {"__deployment__.py": "from dlt.hub import run\n\n@run.job(trigger='0 8 * * *')\ndef load(): ...\n__all__ = ['load']\n"}
BENCH = Path(__file__).resolve().parent.parent / "bench" / "make_workspace.py"


def run(*args, cwd=None):
    return subprocess.run(command() + pinned(args), capture_output=True, text=True, cwd=cwd, timeout=120)


def leftovers(folder: Path) -> list:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_symlinks_devices_and_fifos_are_refused(tmp_path) -> None:
    ws = write_workspace(tmp_path / "ws", GOOD)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    link = tmp_path / "manifest.json"
    link.symlink_to(precious)
    out = run("generate", str(ws), "-o", str(link))
    assert out.returncode == 2 and "is a symbolic link; refusing to replace it" in out.stderr
    assert link.is_symlink() and precious.read_text() == "keep me\n"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in ("/dev/null", str(fifo), str(tmp_path)):
        out = run("check", str(ws), "-o", target)
        assert out.returncode == 2 and "is not a regular file; refusing to replace it" in out.stderr, target
    assert Path("/dev/null").is_char_device() and fifo.is_fifo()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_no_temporary_file_survives_a_failed_write(tmp_path, monkeypatch, failure) -> None:
    target = tmp_path / "m.json"
    target.write_text("old\n")

    def fail(*args):
        raise failure

    monkeypatch.setattr(output.os, "fsync", fail)
    with pytest.raises(output.OutputError if isinstance(failure, OSError) else KeyboardInterrupt):
        output.write_output(str(target), b"new\n")
    assert target.read_text() == "old\n" and leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def slow_workspace(tmp_path_factory) -> Path:
    """A workspace that takes seconds to analyze (a thousand realistic modules)."""
    folder = tmp_path_factory.mktemp("slow") / "ws"
    subprocess.run([sys.executable, str(BENCH), "1000", str(folder)], check=True, capture_output=True)
    return folder


def _wait_until_caught(pid: int, signum: int) -> None:
    """Waits until the process has its handler for `signum` (the caught-signals mask in
    /proc): on a loaded machine, startup alone can take seconds."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = int(re.search(r"^SigCgt:\s*([0-9a-f]+)", status, re.M).group(1), 16)
        if caught >> (signum - 1) & 1:
            return
        time.sleep(0.05)
    raise AssertionError("the process never installed its signal handler")


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signals_stop_a_run_at_once(slow_workspace, tmp_path, signum, code) -> None:
    target = tmp_path / "manifest.json"
    target.write_text("previous\n")
    process = subprocess.Popen(command() + pinned(["generate", str(slow_workspace), "-o", str(target)]),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_caught(process.pid, signal.SIGTERM)  # installed by main(), after every import
    time.sleep(1)  # well into the analysis (it takes far longer than this)
    assert process.poll() is None
    sent = time.monotonic()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert time.monotonic() - sent < 2.5, "the run did not stop promptly"
    assert stderr == "dlt-manifest: interrupted\n"
    assert target.read_text() == "previous\n" and leftovers(tmp_path) == []
