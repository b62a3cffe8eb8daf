"""The workspace: which files are its modules, the way CPython's path finder sees them.

The runtime imports `__deployment__` with the workspace root first on `sys.path`, so a
top-level module `x` is the root's `x/__init__.py` (a package), else `x.py`, else a folder
`x/` (a namespace package). Only files below the root are read; a symlink that leaves the
root is refused. Parsed files are cached by path.

An overlay (`overlay={path: bytes}`) stands in for files on disk: an editor's unsaved
buffer (`dlt-manifest check - --stdin-filename FILE`) replaces that file, even one not
yet written. A profile (`profile="prod"`) decides which `.dlt/<profile>.*.toml` files
are loaded, as dlt's workspace run context does.
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import Any, Optional

import attrs
from dlt_manifest.source.files import ParseBudget, SourceFile, load_source
from dlt_manifest.source.limits import DEFAULT, current
from dlt_manifest.source.reading import Refused, read_regular, within
from dlt_manifest.source.tomlfiles import TomlFile, read_text, read_toml

DEPLOYMENT_MODULE = "__deployment__"
MAX_MODULES = DEFAULT.modules

# dlt's `is_local_module` rejects files whose path has one of these parts
_VENV_PATH_MARKERS = ("site-packages", ".venv", "venv", ".tox", ".nox")
_EXTENSION_SUFFIXES = (".so", ".pyd")
_CONFIG_FILES = ("config.toml", "secrets.toml")
_PROFILE_FILES = (".config.toml", ".secrets.toml")


class Overlay(dict):
    """An overlay (absolute path -> bytes) that remembers which buffers' content was read
    (`read`): a change to one no analysis read cannot change what it found (the language
    server does not analyze again for it). Whether a path is in it is not a read: a change
    of which paths are in it is a different overlay."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read: set = set()

    def __getitem__(self, path: str) -> bytes:
        self.read.add(path)
        return super().__getitem__(path)

    def get(self, path: str, default=None):
        if path in self:
            self.read.add(path)
        return super().get(path, default)

    def items(self):
        self.read.update(self)
        return super().items()

    def values(self):
        self.read.update(self)
        return super().values()


@attrs.frozen
class ModuleLocation:
    name: str
    path: Optional[str]  # the .py file; None for a namespace package
    package_dir: Optional[str]  # set for packages: where submodules are found

    @property
    def is_package(self) -> bool:
        return self.package_dir is not None


class OutsideRoot(Exception):
    """A module file is a symlink that leaves the workspace root."""


class Unanalyzable(Exception):
    """A module exists but cannot be read statically (compiled extension, shadowed name)."""


class SourceMemo:
    """Parsed files kept from one analysis of a workspace to the next (the language
    server): a file whose bytes, target Python, deferral and limits are unchanged is not
    read by CPython's parser and LibCST again. It is charged to the new analysis's budget
    as parsing it would be, and parsed again when that budget would not have allowed it:
    the result is the same as without the memo (tests/test_memo.py).

    `keep_runs` keeps the modules' runs too (`python.reuse`): for a process that analyzes
    the workspace again (the language server); a one-shot run (the command line, whose
    memo only serves the cache's marks) would pay for recording them and never use them."""

    def __init__(self, keep_runs: bool = True):
        self._entries: dict = {}
        self._used: set = set()
        self.hits = 0
        self.keep_runs = keep_runs
        self.modules: Any = None  # the modules' runs kept for the next analysis (`python.reuse.Store`)

    def get(self, key: tuple) -> Optional[SourceFile]:
        self._used.add(key)
        return self._entries.get(key)

    def peek(self, key: tuple) -> Optional[SourceFile]:
        """`get` that does not count as asked (the file may not be wanted)."""
        return self._entries.get(key)

    def put(self, key: tuple, source: SourceFile) -> None:
        self._used.add(key)
        self._entries[key] = source

    def prune(self) -> None:
        """Forgets the files no analysis asked for since the last prune."""
        self._entries = {key: source for key, source in self._entries.items() if key in self._used}
        self._used = set()


def _journaled(method):
    """A question the workspace answers from its files: noted in `journal` when one is
    kept (a module's interpretation is reused only where the answers are the same)."""

    @functools.wraps(method)
    def asked(self, *args):
        answer = method(self, *args)
        if self.journal is not None:
            self.journal.append((method.__name__, args, answer))
        return answer

    return asked


class Workspace:
    def __init__(
        self, root: str, overlay: Optional[dict] = None, profile: Optional[str] = None, memo: Optional[SourceMemo] = None,
    ):
        self.root = os.path.realpath(root)
        self.memo = memo
        # absolute path below the root -> bytes; an `Overlay` is kept as is (its reads are
        # recorded for whoever made it), anything else copied
        self.overlay = overlay if isinstance(overlay, Overlay) else dict(overlay or {})
        self.profile = profile
        # the Python the workspace targets: a file it cannot parse on a newer Python is
        # refused rather than called a syntax error
        self.python_version: Optional[tuple] = None
        self._sources: dict[str, SourceFile] = {}
        self._listings: dict[str, Optional[tuple]] = {}  # see `_listing`
        self._real_folders: dict[str, str] = {}  # see `_real`
        self._found: dict[tuple, Optional[ModuleLocation]] = {}  # see `find_module`
        # what the files parsed keep of LibCST's trees (see `limits.total_parse_cost`)
        self.parse_budget = ParseBudget()
        self.limits = current()  # the analysis's
        self._tomls: dict[str, TomlFile] = {}
        # modules other than `__deployment__` leave the statements nothing may read to
        # when something does (`files.deferrable`); off: every statement is parsed
        self.defer = True
        # (method, arguments, answer) of what the workspace was asked, while a module's
        # interpretation is recorded for the next analysis (`python.reuse`); else None
        self.journal: Optional[list] = None

    @property
    def deployment_path(self) -> str:
        return os.path.join(self.root, DEPLOYMENT_MODULE + ".py")

    def text_of(self, relpath: str) -> str:
        """The text of an analyzed file or a TOML file read (for code frames and
        `# noqa`), else ''."""
        for source in self._sources.values():
            if source.relpath == relpath:
                return source.text
        toml = self._tomls.get(os.path.join(self.root, relpath))
        if toml is None or relpath.endswith("secrets.toml"):
            return ""  # secrets are never echoed in code frames
        return toml.text

    @_journaled
    def toml(self, relpath: str) -> Optional[TomlFile]:
        """A TOML file of the workspace, read once (None when there is none)."""
        path = os.path.join(self.root, relpath)
        if path not in self._tomls:
            if path not in self.overlay and not os.path.lexists(path):
                return None
            self._tomls[path] = read_toml(path, relpath, self.overlay.get(path), self.root)
        return self._tomls[path]

    @_journaled
    def text_file(self, relpath: str) -> Optional[str]:
        """A small text file of the workspace root (a regular file inside it), or None."""
        path = os.path.join(self.root, relpath)
        if path in self.overlay:
            return self.overlay[path].decode("utf-8", "replace")
        if not os.path.lexists(path):
            return None
        return read_text(path, self.root)

    @property
    def has_profiles(self) -> bool:
        """dlt loads profile files only in a workspace marked by `.dlt/.workspace`."""
        return self.is_file(os.path.join(self.root, ".dlt", ".workspace"))

    @_journaled
    def config_files(self) -> list:
        """The `.dlt/` files dlt may read (`config.toml`, `secrets.toml` and, in a
        workspace with profiles, `<profile>.config.toml`, `<profile>.secrets.toml`),
        sorted by name."""
        suffixes = _PROFILE_FILES if self.has_profiles else ()
        names = [f for f in self._listdir(os.path.join(self.root, ".dlt")) if f in _CONFIG_FILES or f.endswith(suffixes)]
        return sorted(filter(None, (self.toml(f".dlt/{f}") for f in names)), key=lambda t: t.path)

    @_journaled
    def destination_type(self, name: str) -> tuple:
        """Where `[destination.<name>] destination_type` is configured in the workspace's
        `.dlt/`, as dlt's providers look it up (secrets before config, the active
        profile's file before the shared one): ("always", type) from a file that is
        loaded, ("unreadable", TomlProblem) when a loaded file cannot be read (dlt
        raises), ("profile", [files]) from files of profiles when the active one is not
        known (no `profile` given: dlt takes it from the environment, the pin file
        `.dlt/profile-name` or "dev"), or ("none", None)."""
        loaded = ["secrets.toml", "config.toml"]
        if self.profile and self.has_profiles:
            loaded = [f"{self.profile}.secrets.toml", "secrets.toml", f"{self.profile}.config.toml", "config.toml"]
        found = {toml.path: toml for toml in self.config_files()}
        tomls = [found[f".dlt/{file}"] for file in loaded if f".dlt/{file}" in found]
        for toml in tomls:  # dlt reads every file of its providers at the first lookup
            if toml.problem is not None:
                return ("unreadable", toml.problem)
        for toml in tomls:
            value = _destination_type(toml.data, name)
            if value:
                return ("always", value)
        profiles = []
        if not self.profile:
            for path, toml in found.items():
                file = path.rsplit("/", 1)[-1]
                if file not in loaded and (toml.problem is not None or _destination_type(toml.data, name)):
                    profiles.append(file)
        return ("profile", profiles) if profiles else ("none", None)

    @_journaled
    def dependency_groups(self) -> Optional[set]:
        """The groups of `[dependency-groups]` in the workspace's pyproject.toml; None when
        there is no readable pyproject.toml (nothing to compare with)."""
        toml = self.toml("pyproject.toml")
        if toml is None or toml.data is None:
            return None
        groups = toml.data.get("dependency-groups", {})
        return set(groups) if isinstance(groups, dict) else set()

    def relpath(self, path: str) -> str:
        prefix = self.root.rstrip(os.sep) + os.sep
        if path.startswith(prefix) and os.path.normpath(path) == path:
            return path[len(prefix):].replace(os.sep, "/")
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def source(self, path: str) -> SourceFile:
        """The file parsed, once; `Unanalyzable` past the budget of modules, or of
        LibCST's cost for the whole workspace (a file gets what is left of it)."""
        cached = self._sources.get(path)
        if cached is None:
            limits = current()
            if len(self._sources) >= limits.modules:
                raise Unanalyzable(f"more than {limits.modules:,} modules (the analyzer's budget); the rest is not analyzed")
            if self.parse_budget.left() <= 0:
                raise Unanalyzable(
                    f"the workspace's modules together exceed the analyzer's parsing budget"
                    f" ({limits.total_parse_cost:,} KiB); the rest is not analyzed"
                )
            defer = self.defer and path != self.deployment_path
            content = self._content(path)  # (None: `load_source` reads it again and says why)
            key = None
            if self.memo is not None and content is not None:
                key = self._memo_key(path, content)
                kept = self.memo.get(key)
                if kept is not None and kept.reuse(self.parse_budget):
                    self.memo.hits += 1
                    self._sources[path] = kept
                    return kept
            cached = load_source(  # kept for another analysis: with what tells an edit it cannot see
                path, self.relpath(path), content, self.root, self.parse_budget, self.python_version, defer,
                fingerprint=self.memo is not None,
            )
            if key is not None and cached.problem is None:
                self.memo.put(key, cached)
            self._sources[path] = cached
        return cached

    def kept_source(self, path: str) -> Optional[SourceFile]:
        """The parsed file `source(path)` would hand out from the memo now (the same object
        as the last analysis's when the bytes and settings are unchanged), without reading
        it into this analysis; None when it would parse it."""
        if self.memo is None or path in self._sources:
            return self._sources.get(path)
        content = self._content(path)
        return self.memo.peek(self._memo_key(path, content)) if content is not None else None

    def _content(self, path: str) -> Optional[bytes]:
        """The bytes of module file `path` (an editor's buffer first); None when the file
        is refused (`load_source` says why)."""
        content = self.overlay.get(path)
        if content is None:
            try:
                content = read_regular(path, current().file_bytes, self.root, self._real(path))
            except Refused:
                return None
        return content

    def _memo_key(self, path: str, content: bytes) -> tuple:
        """What a parsed file depends on: its bytes, the target Python, deferral, the limits."""
        defer = self.defer and path != self.deployment_path
        return (path, hashlib.sha256(content).digest(), self.python_version, defer, current())

    def can_keep(self, sources: list) -> bool:
        """Whether `source()` would hand out each of `sources` (kept files, in this order)
        from the memo: the budgets of modules and of parsing allow them all."""
        limits, left, count = current(), self.parse_budget.left(), len(self._sources)
        for source in sources:
            if source.path in self._sources:
                continue
            if count >= limits.modules or left <= 0 or not source.fits(left):
                return False
            left -= source.retained
            count += 1
        return True

    @_journaled
    def find_module(self, name: str, search_dir: Optional[str] = None) -> Optional[ModuleLocation]:
        """Finds `name` (dotted) in `search_dir` (a package's folder; the root for top-level
        modules). None when the workspace does not have it (an installed module, then).
        Asked once per name and folder (the files do not change during an analysis)."""
        key = (name, search_dir)
        if key not in self._found:
            self._found[key] = self._find_module(name, search_dir)
        return self._found[key]

    def _find_module(self, name: str, search_dir: Optional[str]) -> Optional[ModuleLocation]:
        last = name.rsplit(".", 1)[-1]
        base = search_dir or self.root
        candidate_dir = os.path.join(base, last)
        is_namespace = False
        listing = self._listing(base)
        # the folder's names, as CPython's finder matches them (exactly, from one listing):
        # a name not there is not asked of the file system; None: ask it
        present = listing[2] if listing is not None else None
        if (present is None or last in present) and os.path.isdir(candidate_dir):
            init = os.path.join(candidate_dir, "__init__.py")
            if self.is_file(init):
                return self._located(name, init, candidate_dir)
            is_namespace = True
        if listing is None:
            limit = current().listing
            raise Unanalyzable(f"the folder of module {name!r} has more than {limit:,} entries (the analyzer's budget)")
        if last in listing[1]:
            raise Unanalyzable(f"module {name!r} is a compiled extension ({listing[1][last]})")
        module_file = os.path.join(base, last + ".py")
        if self.is_file(module_file, present is None or last + ".py" in present):
            return self._located(name, module_file, None)
        if is_namespace:
            self._check_inside(candidate_dir)
            return ModuleLocation(name, None, candidate_dir)
        return None

    @_journaled
    def is_file(self, path: str, listed: bool = True) -> bool:
        """An editor's buffer, or a file on disk (not asked when its folder's listing does
        not have it: `listed` False)."""
        return path in self.overlay or (listed and os.path.isfile(path))

    def _listdir(self, path: str) -> list:
        """The names in a folder of the workspace (none for a folder that resolves outside
        the root: it is never opened; none past the budget of entries)."""
        listing = self._listing(path)
        return listing[0] if listing is not None else []

    def _listing(self, path: str) -> Optional[tuple]:
        """(the names in a folder, {module name: its compiled extension file}, the names as
        a set — None for a folder outside the root, which is not listed), from one listing;
        None when the folder has more entries than the budget."""
        if path not in self._listings:
            listed = within(self.root, self._real(path))  # a folder outside the root is never opened
            names = _listdir(path, current().listing) if listed else []
            extensions = {n.split(".", 1)[0]: n for n in names or () if n.endswith(_EXTENSION_SUFFIXES)}
            # the names as a set, for a folder that was listed (not one outside the root)
            present = frozenset(names) if listed and names is not None else None
            self._listings[path] = None if names is None else (names, extensions, present)
        return self._listings[path]

    def is_local(self, location: ModuleLocation) -> bool:
        """dlt's `is_local_module`, judged on the path below the root (the part the
        workspace controls): no file (namespace package) or a venv-like folder is not local."""
        if location.path is None:
            return False
        parts = self.relpath(location.path).split("/")
        return not any(marker in parts for marker in _VENV_PATH_MARKERS)

    def _located(self, name: str, path: str, package_dir: Optional[str]) -> ModuleLocation:
        self._check_inside(path)
        return ModuleLocation(name, path, package_dir)

    def _check_inside(self, path: str) -> None:
        real = self._real(path)
        if not within(self.root, real):
            raise OutsideRoot(f"{self.relpath(path)} resolves to {real}, outside the workspace")

    def _real(self, path: str) -> str:
        """`os.path.realpath(path)`, its folder resolved once for all the files in it (a
        folder's realpath is an `lstat` of each of its parents)."""
        folder, name = os.path.split(path)
        real_folder = self._real_folders.get(folder)
        if real_folder is None:
            real_folder = self._real_folders[folder] = os.path.realpath(folder)
        real = os.path.join(real_folder, name)
        return os.path.realpath(real) if os.path.islink(real) or name in ("", ".", "..") else real


def _destination_type(data: dict, name: str):
    """`[destination.<name>] destination_type`, or None (a section that is not a table
    configures nothing: dlt's lookup finds no value there either)."""
    section = data.get("destination")
    entry = section.get(name) if isinstance(section, dict) else None
    return entry.get("destination_type") if isinstance(entry, dict) else None


def _listdir(path: str, limit: int) -> Optional[list]:
    """The names in a folder, or None when it has more than `limit`."""
    names = []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                names.append(entry.name)
                if len(names) > limit:
                    return None
    except OSError:
        return []
    return names
