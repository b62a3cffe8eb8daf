"""The persistent cache of whole runs (issue 8): an unchanged workspace is answered from it.

A run of `generate` or `check` is keyed by everything its output depends on: the
analyzer's own code (a hash of its sources, not just its version), the Python running
it, the command line and the folder it runs in, the environment variables the output
reads, whether the output goes to a terminal, the `.git` folders above each workspace
(report paths) and the `pyproject.toml` files above it (settings: `[tool.dlt-manifest]`
is searched upward), and the content of each workspace — every file's path and bytes (files
over 16 MiB: size and modification time), every symlink's target; hidden folders other
than `.dlt` hold nothing a module can be, and are listed by name only. A hit replays what
the run wrote (standard output and error in order, `-o` files) and its exit code, with a
fresh `created_at` in the manifest. A run whose only changes since the last run of the
same setup (command line, configuration, the same files by name) are edits inside
function bodies that run neither parsed nor ran is answered from it too (`_near_miss`:
each changed module screened again and compared with what that analysis took from it,
`analysis.marks_of`).

Entries live in `.dlt_manifest_cache/` at the workspace root (with `CACHEDIR.TAG` and a
`.gitignore`, as ruff and mypy do), or in the user cache folder when the workspace is not
writable. An entry is plain JSON with a format version, its key and a hash of its
payload: one that does not match is ignored (and rewritten), never trusted. `--no-cache`
or `DLT_MANIFEST_NO_CACHE=1` turns the cache off: nothing is read or written (the mode to
analyze code nobody reviewed; `tests/test_audit.py` runs it). Writing `--update` files
and reading standard input are never cached.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import sys
from typing import Callable, Optional

CACHE_DIR = ".dlt_manifest_cache"
FORMAT = 1
_BIG_FILE = 16 * 1024 * 1024
_ENV = ("SOURCE_DATE_EPOCH", "NO_COLOR", "FORCE_COLOR", "TERM")
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by dlt-manifest.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_recording: Optional[list] = None  # the writes of the run being recorded
_marks: Optional[dict] = None  # root -> relpath -> `analysis.marks_of` of the run being recorded


def enabled(args) -> bool:
    if getattr(args, "no_cache", False) or os.environ.get("DLT_MANIFEST_NO_CACHE", "") not in ("", "0"):
        return False
    if args.command not in ("generate", "check") or getattr(args, "update", None) or getattr(args, "fix", False):
        return False  # runs that write files (--update, --fix) always run
    return "-" not in args.paths and not args.stdin_filename


def run(args, command: Callable, roots: list) -> int:
    """`command(args)`, or what it printed last time the same inputs were analyzed (or
    inputs that differ only where that analysis did not look: `_near_miss`)."""
    from dlt_manifest.manifest.emit import created_at

    key, setup, files = _key(args, roots)
    folder = _folder(roots[0])
    path = _entry_path(folder, key)
    entry = _load(path, key)
    if entry is None and not getattr(args, "diff", False):  # a diff shows lines around the fixes
        entry = _near_miss(folder, setup, files, key)
    if entry is not None:
        return _replay(entry, created_at())
    args.created_at = created_at()
    global _recording, _marks
    log: list = []
    _recording, _marks = log, {}
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Tee(sys.stdout, "out", log), _Tee(sys.stderr, "err", log)
    try:
        code = command(args)
    finally:
        sys.stdout, sys.stderr = streams
        _recording, marks = None, _marks
        _marks = None
    if code in (0, 1):
        payload = {"exit": code, "created_at": args.created_at, "writes": log}
        _save(folder, path, key, payload)
        _save(folder, _entry_path(folder, setup, "last"), setup, {"key": key, "files": files, "marks": marks})
    return code


def note_result(root: str, result) -> None:
    """The analysis of `root` in the run being recorded: what tells, next time, whether a
    module edited since would give the same result (`analysis.marks_of`), by path."""
    if _marks is None or result.deployment is None:
        return
    from dlt_manifest.analysis import finding_lines, marks_of

    lines = finding_lines(result)
    marks = _marks.setdefault(root, {})
    for path in result.deployment.interp.workspace._sources:
        made = marks_of(result, path, lines)
        if made is not None:
            marks[made["relpath"]] = made


def wants_marks() -> bool:
    """Whether a run is being recorded (its analyses keep what `note_result` needs)."""
    return _marks is not None


def _near_miss(folder: str, setup: str, files: dict, key: str) -> Optional[dict]:
    """What the last run with the same command line, configuration and files (by name)
    printed, when every file changed since is a module that run analyzed and the change is
    one it could not see (inside function bodies it neither parsed nor ran: see
    `analysis.same_text`): one file edited in a job's body is answered without analyzing.
    The answer is stored under this run's key too."""
    from dlt_manifest.analysis import same_text

    last = _load(_entry_path(folder, setup, "last"), setup, check=False)
    try:
        if last is None or set(last["files"]) != set(files):
            return None
        for root, digests in files.items():
            before, marks = last["files"][root], last["marks"].get(root, {})
            if set(before) != set(digests):
                return None
            for relpath, digest in digests.items():
                if before[relpath] == digest:
                    continue
                if relpath not in marks:
                    return None
                with open(os.path.join(root, relpath), "rb") as f:
                    content = f.read()
                if _hash(content) != digest or same_text(marks[relpath], os.path.join(root, relpath), content) is None:
                    return None
        payload = _load(_entry_path(folder, last["key"]), last["key"])
    except (OSError, KeyError, TypeError, AttributeError, ValueError):
        return None
    if payload is not None:
        _save(folder, _entry_path(folder, key), key, payload)
    return payload


def note_file(target: str, data: bytes) -> None:
    """`-o FILE` was written: a hit writes it again."""
    if _recording is not None and target != "-":
        _recording.append(["file", target, base64.b64encode(data).decode()])


class _Tee:
    """A text stream that writes through and records (text, and bytes of `.buffer`)."""

    def __init__(self, real, name: str, log: list, binary: bool = False):
        self._real, self._name, self._log, self._binary = real, name, log, binary

    def write(self, data):
        if self._binary:
            self._log.append([self._name, "b", base64.b64encode(bytes(data)).decode()])
        else:
            self._log.append([self._name, "t", data])
        return self._real.write(data)

    @property
    def buffer(self):
        return _Tee(self._real.buffer, self._name, self._log, binary=True)

    def __getattr__(self, name):
        return getattr(self._real, name)


def _replay(payload: dict, now: str) -> int:
    import json

    from dlt_manifest.output import write_output

    old, new = payload["created_at"], now
    before = ('"created_at": ' + json.dumps(old)).encode()
    after = ('"created_at": ' + json.dumps(new)).encode()

    def fresh(data: bytes) -> bytes:
        return data.replace(before, after) if old != new else data

    for item in payload["writes"]:
        if item[0] == "file":
            write_output(item[1], fresh(base64.b64decode(item[2])))
            continue
        stream = sys.stdout if item[0] == "out" else sys.stderr
        if item[1] == "b":
            stream.flush()
            stream.buffer.write(fresh(base64.b64decode(item[2])))
            stream.buffer.flush()
        else:
            stream.write(fresh(item[2].encode("utf-8", "surrogateescape")).decode("utf-8", "surrogateescape"))
    sys.stdout.flush()
    return payload["exit"]


# --- the key ---------------------------------------------------------------------------------


def _key(args, roots: list) -> tuple:
    """(the run's key, the key of its setup: the same without the content of the regular
    files, those contents' digests by root and path)."""
    digest = hashlib.sha256()

    def add(*parts) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogateescape")
            digest.update(len(data).to_bytes(8, "little") + data)

    options = {k: v for k, v in sorted(vars(args).items()) if k not in ("created_at", "daemon")}
    add(FORMAT, own_code(), sys.version, sys.platform, os.getcwd(), options)
    add([(name, os.environ.get(name)) for name in _ENV], sys.stdout.isatty(), sys.stderr.isatty())
    files = {}
    for root in roots:
        structure, files[root] = _tree(root)
        add(root, _repositories(root), structure, _configs_above(root))
    setup = digest.hexdigest()
    add(sorted((root, sorted(digests.items())) for root, digests in files.items()))
    return digest.hexdigest(), setup, files


@functools.lru_cache(maxsize=1)
def own_code() -> str:
    """A hash of the analyzer's own sources and its dependencies' versions. The rules are
    a folder of their own in the source tree (an editable install), inside the package
    once installed: each file is hashed once. Computed once a process: the code that runs
    is what was read when it started (a daemon whose files changed since stops at the
    next request, which brings another hash: `daemon`)."""
    from importlib import metadata, util

    package = os.path.dirname(os.path.abspath(__file__))
    rules = util.find_spec("dlt_manifest.rules").submodule_search_locations  # (imports no rule)
    digest = hashlib.sha256()
    seen: set = set()
    for top in (package, *rules):
        for folder, dirs, files in sorted(os.walk(top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.realpath(os.path.join(folder, name))
                if name.endswith(".py") and path not in seen:
                    seen.add(path)
                    with open(path, "rb") as f:
                        digest.update(os.path.relpath(path, top).encode() + b"\0" + f.read())
    for dependency in ("libcst", "croniter", "attrs", "orjson", "tzdata"):
        try:
            digest.update(f"{dependency}={metadata.version(dependency)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(dependency.encode())
    return digest.hexdigest()


def _repositories(root: str) -> list:
    """The folders at and above `root` that have a `.git` (report paths depend on them)."""
    found = []
    folder = root
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            found.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            return found
        folder = parent


def _configs_above(root: str) -> list:
    """The `pyproject.toml` files above `root` and their contents' digests: the settings
    may come from one of them (`rules.config.find_config` searches upward)."""
    found = []
    folder = os.path.dirname(os.path.abspath(root))
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        try:
            found.append((candidate, _content(candidate) if os.path.isfile(candidate) else None))
        except OSError as ex:
            found.append((candidate, ex.errno))
        parent = os.path.dirname(folder)
        if parent == folder:
            return found
        folder = parent


def _tree(root: str) -> tuple:
    """(a digest of the folders, names, symlinks and anything not a regular file below
    `root`, the digest of each regular file's content by path)."""
    digest = hashlib.sha256()
    files: dict = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as ex:
            digest.update(f"E{folder}:{ex.errno}".encode())
            continue
        for entry in entries:
            if entry.name == CACHE_DIR and folder == root:
                continue
            name = os.path.relpath(entry.path, root).encode("utf-8", "surrogateescape")
            try:
                if entry.is_symlink():
                    digest.update(b"L" + name + b"\0" + os.fsencode(os.readlink(entry.path)) + b"\0")
                    if entry.is_file():  # a file inside the root is read through it
                        digest.update(_content(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    digest.update(b"D" + name + b"\0")
                    hidden = entry.name.startswith(".") and entry.name != ".dlt"
                    if not hidden:
                        stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    digest.update(b"F" + name + b"\0")
                    files[name.decode("utf-8", "surrogateescape")] = _content(entry.path, entry.stat(follow_symlinks=False)).hex()
                else:
                    digest.update(b"O" + name + b"\0")
            except OSError as ex:
                digest.update(b"E" + name + f":{ex.errno}".encode())
    return digest.hexdigest(), files


def _content(path: str, info: Optional[os.stat_result] = None) -> bytes:
    info = info or os.stat(path)
    if info.st_size > _BIG_FILE:
        return f"big:{info.st_size}:{info.st_mtime_ns}".encode()
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# --- storage -----------------------------------------------------------------------------------


def _folder(root: str) -> Optional[str]:
    """`.dlt_manifest_cache` at the root when it can be written, else the user cache."""
    local = os.path.join(root, CACHE_DIR)
    if os.path.isdir(local) and os.access(local, os.W_OK) or os.access(root, os.W_OK):
        return local
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if sys.platform == "darwin":
        base = os.path.join(os.path.expanduser("~"), "Library", "Caches")
    elif os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or base
    user = os.path.join(base, "dlt-manifest", hashlib.sha256(root.encode("utf-8", "surrogateescape")).hexdigest()[:16])
    return user


def _entry_path(folder: Optional[str], key: str, kind: str = "runs") -> Optional[str]:
    return os.path.join(folder, kind, key[:2], key + ".json") if folder else None


def _save(folder: Optional[str], path: Optional[str], key: str, payload: dict) -> None:
    import orjson

    if path is not None:
        body = orjson.dumps(payload)
        _store(folder, path, orjson.dumps({"format": FORMAT, "key": key, "hash": _hash(body), "payload": body.decode()}))


def _load(path: Optional[str], key: str, check: bool = True) -> Optional[dict]:
    """The entry's payload when it is well formed and its own; else None (never trusted).
    `check`: a run's output (its exit code and writes)."""
    import orjson

    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            entry = orjson.loads(f.read())
        body = entry["payload"].encode()
        if entry["format"] != FORMAT or entry["key"] != key or entry["hash"] != _hash(body):
            return None
        payload = orjson.loads(body)
        if check and (payload["exit"] not in (0, 1) or not isinstance(payload["writes"], list)):
            return None
        return payload if isinstance(payload, dict) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _store(folder: str, path: str, data: bytes) -> None:
    """Writes the entry atomically; a cache that cannot be written is no cache."""
    try:
        fresh = not os.path.isdir(folder)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if fresh or not os.path.exists(os.path.join(folder, "CACHEDIR.TAG")):
            _write(os.path.join(folder, "CACHEDIR.TAG"), _TAG.encode())
            _write(os.path.join(folder, ".gitignore"), b"# created by dlt-manifest\n*\n")
        _write(path, data)
    except OSError:
        pass


def _write(path: str, data: bytes) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
