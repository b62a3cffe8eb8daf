"""`dlt-manifest daemon`: a process that keeps each workspace's parsed files and modules'
runs between runs of `check --daemon` and `generate --daemon` (as dmypy does for mypy).

A run given `--daemon` sends its command line, folder, environment and standard input to
the daemon, which runs the same command there and streams back what it writes to
standard output and error, then its exit code: the output is the run's own. The daemon
analyzes with the workspace's `SourceMemo` of its last run (`python.reuse`: an edited
module is run again, the modules it cannot change are put back), so one edited file of a
1,000-module workspace is answered in about the time the language server takes.

When no daemon answers (none started, a stale socket, a daemon of other code: the
analyzer's sources changed since it started, in which case it stops), the run is made
in its own process as without `--daemon`: the flag can sit in a pre-commit hook.

The socket lives in a folder only its user can enter (`DLT_MANIFEST_DAEMON_SOCKET`, else
`$XDG_RUNTIME_DIR/dlt-manifest/daemon.sock`, else `dlt-manifest-UID/daemon.sock` in the
temporary folder); a folder another user could write to, or owned by another user, is
refused, and on Linux the daemon also refuses a peer of another user. The daemon starts
no process and runs in the foreground: start it in a terminal, or as a service.

Messages are frames: one kind byte, a 4-byte big-endian length, the payload (bounded).
"""

from __future__ import annotations

import base64
import collections
import gc
import io
import os
import socket
import stat
import struct
import sys
import time
from typing import Callable, Optional

SOCKET_ENV = "DLT_MANIFEST_DAEMON_SOCKET"
MAX_REQUEST = 64 * 1024 * 1024  # standard input (at most `files.MAX_FILE_BYTES`), base64, and the environment
MAX_WORKSPACES = 4  # workspaces kept (the least recently used is forgotten)
COLLECT_AFTER = 2.0  # seconds without a request before the garbage is collected

_HEADER = struct.Struct(">cI")
_MAX_STDIN = MAX_REQUEST // 2  # standard input a request carries (base64 makes it 4/3)
_CHUNK = 1 << 20  # output is sent in frames of at most this many bytes
_STALLED = 60.0  # seconds a client may take to send its request or to read the answer
_REQUEST, _OUT, _ERR, _EXIT, _STALE, _REPLY = b"q", b"o", b"e", b"x", b"s", b"r"

# root -> SourceMemo, in the daemon only (`kept`); None in every other process
_memos: Optional[collections.OrderedDict] = None
_max_workspaces = MAX_WORKSPACES


class DaemonError(Exception):
    pass


# --- where ---------------------------------------------------------------------------------------


def available() -> bool:
    """Unix sockets and user ids: not on Windows, where `--daemon` runs here."""
    return hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def socket_path() -> str:
    explicit = os.environ.get(SOCKET_ENV)
    if explicit:
        return os.path.abspath(explicit)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "dlt-manifest", "daemon.sock")
    import tempfile  # (only here: a run without --daemon does not pay for its import)

    return os.path.join(tempfile.gettempdir(), f"dlt-manifest-{os.getuid()}", "daemon.sock")


def _private_folder(folder: str, create: bool) -> None:
    """`folder` exists (made if `create`), is a real folder of this user that no one else
    can enter or write to; else DaemonError."""
    if create and not os.path.lexists(folder):
        try:
            os.makedirs(folder, mode=0o700)
        except FileExistsError:
            pass
    try:
        info = os.lstat(folder)
    except OSError as ex:
        raise DaemonError(f"{folder}: {ex.strerror}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise DaemonError(f"{folder} is not a folder (a symlink is refused)")
    if info.st_uid != os.getuid():
        raise DaemonError(f"{folder} belongs to another user")
    if info.st_mode & 0o077:
        raise DaemonError(f"{folder} is open to other users (mode {stat.S_IMODE(info.st_mode):o}; it must be 700)")


# --- frames --------------------------------------------------------------------------------------


def _send(conn: socket.socket, kind: bytes, payload: bytes) -> None:
    conn.sendall(_HEADER.pack(kind, len(payload)) + payload)


def _receive(conn: socket.socket, limit: int) -> tuple:
    """(kind, payload) of the next frame; DaemonError at the end of the stream or over `limit`."""
    kind, size = _HEADER.unpack(_exactly(conn, _HEADER.size))
    if size > limit:
        raise DaemonError(f"a message of {size} bytes (at most {limit})")
    return kind, _exactly(conn, size)


def _exactly(conn: socket.socket, size: int) -> bytes:
    parts, left = [], size
    while left:
        part = conn.recv(min(left, 1 << 20))
        if not part:
            raise DaemonError("the connection closed")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _json(value) -> bytes:
    import orjson

    return orjson.dumps(value)


def _unjson(data: bytes):
    import orjson

    return orjson.loads(data)


# --- the client ----------------------------------------------------------------------------------


def _connect() -> socket.socket:
    """A connection to the daemon, through a folder only this user can enter."""
    path = socket_path()
    _private_folder(os.path.dirname(path), create=False)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        raise
    return conn


def forward(argv: list, code: Callable[[], str], reads_stdin: bool) -> Optional[int]:
    """Runs `dlt-manifest ARGV` in the daemon, writing what it writes; its exit code, or
    None when no daemon ran it (nothing was written: run it here). `code()` is the hash
    of this analyzer's code; `reads_stdin`: the command reads standard input (sent, and
    kept readable for a run here)."""
    if not available():
        return None
    try:
        conn = _connect()
    except (OSError, DaemonError):
        return None
    with conn:
        stdin = b""
        if reads_stdin:
            stdin = sys.stdin.buffer.read(_MAX_STDIN + 1)
            # for a run here, after all: what was read, then the rest
            sys.stdin = io.TextIOWrapper(io.BufferedReader(_Chain(stdin, sys.stdin)))
            if len(stdin) > _MAX_STDIN:
                return None  # more than a request carries: the run reads it here
        streams = [
            {"tty": s.isatty(), "encoding": getattr(s, "encoding", None) or "utf-8", "errors": getattr(s, "errors", None) or "strict"}
            for s in (sys.stdout, sys.stderr)
        ]
        request = {
            "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "streams": streams, "code": code(),
            "stdin": base64.b64encode(stdin).decode(),
        }
        wrote = False
        try:
            _send(conn, _REQUEST, _json(request))
            kind, payload = _receive(conn, MAX_REQUEST)
            if kind == _STALE:
                return None
            while kind != _EXIT:
                stream = sys.stdout if kind == _OUT else sys.stderr
                stream.flush()
                stream.buffer.write(payload)
                stream.buffer.flush()
                wrote = True
                kind, payload = _receive(conn, MAX_REQUEST)
            return int(_unjson(payload)["exit"])
        except (OSError, DaemonError, ValueError, KeyError, TypeError):
            if wrote:  # half an answer: say so rather than print it twice
                print("dlt-manifest: error: the daemon stopped while answering", file=sys.stderr)
                return 2
            return None


class _Chain(io.RawIOBase):
    """`first`, then what the text stream `rest` holds in its buffer (`rest` itself is
    kept: a text stream closes its buffer when it is freed)."""

    def __init__(self, first: bytes, rest):
        self._first, self._rest = memoryview(first), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            return n
        data = self._rest.buffer.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def control(action: str) -> int:
    """`dlt-manifest daemon status|stop`: asks the running daemon."""
    if not available():
        print("no daemon: it needs Unix sockets", file=sys.stderr)
        return 1
    try:
        with _connect() as conn:
            _send(conn, _REQUEST, _json({"control": action}))
            kind, payload = _receive(conn, MAX_REQUEST)
    except (OSError, DaemonError) as ex:
        print(f"no daemon answers at {socket_path()} ({ex})", file=sys.stderr)
        return 1
    print(payload.decode("utf-8", "replace"))
    return 0


# --- the daemon ----------------------------------------------------------------------------------


def serving() -> bool:
    """Whether this process is the daemon."""
    return _memos is not None


def kept(root: str):
    """The `SourceMemo` this daemon keeps for `root`, or None outside a daemon."""
    if _memos is None:
        return None
    from dlt_manifest.source.workspace import SourceMemo

    memo = _memos.pop(root, None) or SourceMemo()
    _memos[root] = memo  # the most recently used last
    while len(_memos) > _max_workspaces:
        _memos.popitem(last=False)
    return memo


def serve(run: Callable[[list], int], code: str, timeout: Optional[float], workspaces: int = MAX_WORKSPACES) -> int:
    """Answers requests one at a time until stopped (`control("stop")`), idle for
    `timeout` seconds, or sent a request of other code than `code`; `run(argv)` is the
    command line's `main`."""
    global _memos, _max_workspaces
    if not available():
        raise DaemonError("the daemon needs Unix sockets (not on this system: runs with --daemon are made here)")
    path = socket_path()
    _private_folder(os.path.dirname(path), create=True)
    if os.path.lexists(path):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(path)
            except OSError:  # nobody listens: a daemon that died left it
                os.unlink(path)
            else:
                raise DaemonError(f"a daemon already answers at {path}")
    _memos, _max_workspaces = collections.OrderedDict(), max(1, workspaces)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            listener.bind(path)
        except OSError as ex:  # another daemon started at the same moment: the socket is its
            raise DaemonError(f"cannot answer at {path}: {ex.strerror}") from None
        try:
            os.chmod(path, 0o600)
            listener.listen(16)
            print(f"dlt-manifest daemon: answering at {path} (pid {os.getpid()})", file=sys.stderr, flush=True)
            return _loop(listener, run, code, timeout)
        finally:
            if os.path.lexists(path):
                os.unlink(path)
    finally:
        listener.close()
        _memos = None


def _loop(listener: socket.socket, run: Callable[[list], int], code: str, timeout: Optional[float]) -> int:
    """Requests, one at a time. The garbage of the analyses is collected once no request
    came for `COLLECT_AFTER` seconds: a full collection walks every object kept (1.3 s at
    1,000 modules), so it runs while no one waits, and what survives it is frozen
    (`gc.freeze`) so that the collections during a request walk only that request's
    objects."""
    idle_since, collected = time.monotonic(), True
    while True:
        now = time.monotonic()
        if timeout is not None and now - idle_since >= timeout:
            print("dlt-manifest daemon: idle, stopping", file=sys.stderr, flush=True)
            return 0
        waits = [timeout - (now - idle_since)] if timeout is not None else []
        if not collected:
            waits.append(max(0.0, COLLECT_AFTER - (now - idle_since)))
        listener.settimeout(max(0.01, min(waits)) if waits else None)
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            if not collected and time.monotonic() - idle_since >= COLLECT_AFTER:
                gc.unfreeze()
                gc.collect()
                gc.freeze()
                collected = True
            continue
        conn.settimeout(_STALLED)  # a client that stalls is dropped, not waited for
        start = time.perf_counter()
        with conn:
            go_on = _answer(conn, run, code)
        print(f"dlt-manifest daemon: answered in {time.perf_counter() - start:.2f} s", file=sys.stderr, flush=True)
        if not go_on:
            return 0
        idle_since, collected = time.monotonic(), False


def _answer(conn: socket.socket, run: Callable[[list], int], code: str) -> bool:
    """One request; False when the daemon should stop."""
    try:
        if not _same_user(conn):
            return True
        kind, payload = _receive(conn, MAX_REQUEST)
        request = _unjson(payload)
        if kind != _REQUEST or not isinstance(request, dict):
            return True
        if "control" in request:
            if request["control"] == "stop":
                _send(conn, _REPLY, b"stopping")
                return False
            _send(conn, _REPLY, _json(_status(code)))
            return True
        if request.get("code") != code:
            _send(conn, _STALE, b"")
            print("dlt-manifest daemon: a client of other code (the analyzer changed): stopping", file=sys.stderr, flush=True)
            return False
        _send(conn, _EXIT, _json({"exit": _run(conn, run, request)}))
    except (OSError, DaemonError, ValueError, KeyError, TypeError) as ex:
        print(f"dlt-manifest daemon: a request failed: {type(ex).__name__}: {ex}", file=sys.stderr, flush=True)
    return True


def _same_user(conn: socket.socket) -> bool:
    peer = getattr(socket, "SO_PEERCRED", None)
    if peer is None:  # not Linux: the folder's permissions keep others out
        return True
    _, uid, _ = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, peer, struct.calcsize("3i")))
    return uid == os.getuid()


def _run(conn: socket.socket, run: Callable[[list], int], request: dict) -> int:
    """The command of `request` run here, in its folder and environment, its standard
    streams sent back as written."""
    saved = os.getcwd(), dict(os.environ), sys.stdin, sys.stdout, sys.stderr
    streams = [_stream(conn, kind, s) for kind, s in zip((_OUT, _ERR), request["streams"])]
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdin = io.TextIOWrapper(io.BytesIO(base64.b64decode(request["stdin"])))
        sys.stdout, sys.stderr = streams
        try:
            code = run(list(request["argv"]))
        except SystemExit as ex:  # (argparse's --help: the client answers it before asking)
            code = ex.code if isinstance(ex.code, int) else 2
        for s in streams:
            s.flush()
        return code
    finally:
        os.chdir(saved[0])
        os.environ.clear()
        os.environ.update(saved[1])
        sys.stdin, sys.stdout, sys.stderr = saved[2:]


class _Frames(io.BufferedIOBase):
    """Bytes written become frames of one kind on the connection, at once (no buffer: the
    order of standard output and error is kept)."""

    def __init__(self, conn: socket.socket, kind: bytes, tty: bool):
        self._conn, self._kind, self._tty = conn, kind, tty

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._tty

    def write(self, data) -> int:
        data = bytes(data)
        for start in range(0, len(data), _CHUNK):
            _send(self._conn, self._kind, data[start : start + _CHUNK])
        return len(data)


def _stream(conn: socket.socket, kind: bytes, client: dict) -> io.TextIOWrapper:
    """A text stream like the client's (its encoding, its errors, a terminal or not)."""
    frames = _Frames(conn, kind, bool(client["tty"]))
    return io.TextIOWrapper(frames, encoding=client["encoding"], errors=client["errors"], write_through=True)


def _status(code: str) -> dict:
    return {
        "pid": os.getpid(), "socket": socket_path(), "code": code,
        "workspaces": [
            {"root": root, "files": len(memo._entries), "modules": len(memo.modules.entries) if memo.modules is not None else 0}
            for root, memo in (_memos or {}).items()
        ],
    }
