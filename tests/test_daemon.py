"""`dlt-manifest daemon` (issue 8: one edited file of a large workspace): a run given
`--daemon` prints what the same run prints without it — every corpus case, before and
after a module-level edit (the daemon keeps the workspace's runs: the edit is analyzed
with the modules it cannot reach put back), with standard input, `-o`, a terminal's
colors; with no daemon, or one of other code, the run is made here; the daemon refuses
a socket folder others can enter, and stops when asked.

The daemon is a real process on a real socket; the clients run in this process
(`cli.main`), as the console script would, so that the many runs stay cheap."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from corpus_util import CORPUS, TARGET, cases
from dlt_manifest import daemon
from dlt_manifest.cli import main

DATA = Path(__file__).resolve().parent / "data"


def _run(argv: list, stdin: bytes = b"") -> tuple:
    out, err = io.TextIOWrapper(io.BytesIO()), io.TextIOWrapper(io.BytesIO())
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    out.flush()
    err.flush()
    return code, out.buffer.getvalue(), err.buffer.getvalue()


class Daemon:
    def __init__(self, folder: Path):
        self.folder = folder
        self.socket = folder / "daemon.sock"
        self.log = folder / "daemon.log"
        self.process = None

    def start(self, *options: str) -> None:
        env = dict(os.environ, **{daemon.SOCKET_ENV: str(self.socket)})
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "dlt_manifest.cli", "daemon", *options], env=env, stdout=log, stderr=log,
            )
        deadline = time.monotonic() + 30
        while not self.socket.exists():
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "the daemon did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def status(self) -> dict:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert daemon.control("status") == 0
        return orjson.loads(out.getvalue())


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    folder = tmp_path_factory.mktemp("daemon")
    folder.chmod(0o700)
    served = Daemon(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(daemon.SOCKET_ENV, str(served.socket))
        served.start()
        yield served
        served.stop()


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.delenv("DLT_MANIFEST_NO_CACHE", raising=False)


def _copy(source: Path, tmp_path: Path) -> Path:
    workspace = tmp_path / source.name
    shutil.copytree(source, workspace, symlinks=True)
    return workspace


def _module_level_edit(workspace: Path) -> bool:
    """A statement added at the end of a module other than `__deployment__.py` (its run
    is not the one kept); False when there is none."""
    for path in sorted(workspace.rglob("*.py")):
        if path.name != "__deployment__.py" and not path.is_symlink() and ".dlt" not in path.parts:
            with open(path, "ab") as f:
                f.write(b"\n_EDITED_BY_TEST = 1\n")
            return True
    return False


@pytest.mark.parametrize("case", cases())
def test_the_daemon_prints_what_a_run_here_prints(case, running, tmp_path) -> None:
    workspace = _copy(CORPUS / case, tmp_path)
    commands = (["generate"], ["check", "--output-format", "json"], ["check", "--output-format", "sarif", "--no-cache"])
    for edit in (False, True):
        if edit and not _module_level_edit(workspace):
            break
        for command in commands:
            argv = command + TARGET + [str(workspace)]
            assert _run(argv + ["--daemon"]) == _run(argv + ["--no-cache"]), (command, edit)
    assert str(workspace) in [w["root"] for w in running.status()["workspaces"]]


def test_edits_are_analyzed_with_the_modules_they_cannot_reach_put_back(running, tmp_path) -> None:
    workspace = _copy(DATA / "realistic5", tmp_path)
    argv = ["check", "--output-format", "json", "--no-cache", str(workspace)]
    assert _run(argv + ["--daemon"]) == _run(argv)
    modules = sorted(p for p in workspace.glob("*.py") if p.name != "__deployment__.py")
    for i, path in enumerate(modules):
        text = path.read_text()
        path.write_text(text + f"\nEDITED_{i} = {i}\n")
        assert _run(argv + ["--daemon"]) == _run(argv)
    kept = next(w for w in running.status()["workspaces"] if w["root"] == str(workspace))
    assert kept["modules"] >= len(modules)  # every module's run is kept for the next edit


def test_standard_input_output_files_and_colors(running, tmp_path, monkeypatch) -> None:
    workspace = _copy(DATA / "realistic5", tmp_path)
    deployment = workspace / "__deployment__.py"
    buffer = deployment.read_bytes() + b"\n@run.job(trigger='every 5 minutes')\ndef late(): ...\n"
    argv = ["check", "-", "--stdin-filename", str(deployment), "--no-cache"]
    here = _run(argv, buffer)
    assert b"DM410" in here[1]  # the buffer, not the file, was analyzed
    assert _run(argv + ["--daemon"], buffer) == here
    monkeypatch.setattr(daemon, "_MAX_STDIN", 100)  # more than a request carries: read and run here
    assert _run(argv + ["--daemon"], buffer) == here
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FORCE_COLOR", "1")
    colored = _run(["check", str(workspace), "--no-cache"])
    assert b"\x1b[" in colored[1]
    assert _run(["check", str(workspace), "--no-cache", "--daemon"]) == colored
    monkeypatch.delenv("FORCE_COLOR")
    code, out, err = _run(["generate", str(workspace), "-o", "made.json", "--daemon"])
    assert code == 0 and out == b""
    assert orjson.loads((tmp_path / "made.json").read_bytes()) == orjson.loads(_run(["generate", str(workspace), "--no-cache"])[1])
    assert str(workspace) in [w["root"] for w in running.status()["workspaces"]]  # (answered there)


def test_output_goes_in_bounded_frames_in_order() -> None:
    import socket

    import threading

    ours, theirs = socket.socketpair()
    with ours, theirs:
        out = daemon._stream(ours, daemon._OUT, {"tty": False, "encoding": "utf-8", "errors": "strict"})
        text = "é" * (daemon._CHUNK + 10)  # 2 bytes each: three frames
        frames: list = []
        reader = threading.Thread(target=lambda: frames.extend(daemon._receive(theirs, daemon._CHUNK) for _ in range(3)))
        reader.start()
        out.write(text)
        out.flush()
        reader.join(30)
    assert [kind for kind, _ in frames] == [daemon._OUT] * 3
    assert b"".join(payload for _, payload in frames).decode() == text


def test_with_no_daemon_the_run_is_made_here(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "none"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv(daemon.SOCKET_ENV, str(folder / "daemon.sock"))
    workspace = _copy(DATA / "realistic5", tmp_path)
    argv = ["check", "--output-format", "json", "--no-cache", str(workspace)]
    assert _run(argv + ["--daemon"]) == _run(argv)
    (folder / "daemon.sock").write_bytes(b"")  # a file where the socket would be: nobody answers
    assert _run(argv + ["--daemon"]) == _run(argv)
    monkeypatch.setattr(daemon, "available", lambda: False)  # no Unix sockets (Windows)
    assert _run(argv + ["--daemon"]) == _run(argv)
    code, _, err = _run(["daemon"])
    assert code == 2 and b"needs Unix sockets" in err


def test_a_socket_folder_others_can_enter_is_refused(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o755)
    monkeypatch.setenv(daemon.SOCKET_ENV, str(folder / "daemon.sock"))
    code, out, err = _run(["daemon", "--timeout", "1"])
    assert code == 2 and b"open to other users" in err
    assert not (folder / "daemon.sock").exists()
    with pytest.raises(daemon.DaemonError):
        daemon._private_folder(str(folder), create=False)


@pytest.fixture
def own(tmp_path, monkeypatch):
    """A daemon of this test's own (on a socket of its own), stopped at the end."""
    folder = tmp_path / "own"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv(daemon.SOCKET_ENV, str(folder / "daemon.sock"))
    served = Daemon(folder)
    served.start()
    yield served
    served.stop()


def test_a_daemon_of_other_code_is_not_used_and_stops(own) -> None:
    assert daemon.forward(["rules"], lambda: "other code", reads_stdin=False) is None
    assert own.process.wait(10) == 0
    assert not own.socket.exists()


def test_stop_and_idle_timeout(own, monkeypatch) -> None:
    with pytest.raises(daemon.DaemonError, match="already answers"):
        daemon.serve(main, "code", timeout=1)
    with monkeypatch.context() as patch:  # two started at once: the probe found none, the bind fails
        real, asked = daemon.os.path.lexists, []
        socket = str(own.socket)  # (the probe asks first: it finds none)
        patch.setattr(daemon.os.path, "lexists", lambda path: real(path) if path != socket or asked else asked.append(path))
        with pytest.raises(daemon.DaemonError, match="cannot answer"):
            daemon.serve(main, "code", timeout=1)
    assert own.socket.exists()  # the first one's socket is left alone
    assert daemon.control("stop") == 0
    assert own.process.wait(10) == 0
    assert not own.socket.exists()
    assert daemon.control("status") == 1
    own.start("--timeout", "0.5")
    assert own.process.wait(10) == 0
    assert "idle, stopping" in own.log.read_text()
