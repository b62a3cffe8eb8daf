"""The workspace: which files are its modules, the way CPython's path finder sees them.

The runtime imports `__deployment__` with the workspace root first on `sys.path`, so a
top-level module `x` is the root's `x/__init__.py` (a package), else `x.py`, else a folder
`x/` (a namespace package). Only files below the root are read; a symlink that leaves the
root is refused. Parsed files are cached by path.
"""

from __future__ import annotations

import os
import tomllib
from typing import Optional

import attrs
from dlt_manifest.source.files import SourceFile, load_source

DEPLOYMENT_MODULE = "__deployment__"
MAX_MODULES = 5000

# dlt's `is_local_module` rejects files whose path has one of these parts
_VENV_PATH_MARKERS = ("site-packages", ".venv", "venv", ".tox", ".nox")
_EXTENSION_SUFFIXES = (".so", ".pyd")


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


class Workspace:
    def __init__(self, root: str):
        self.root = os.path.realpath(root)
        self._sources: dict[str, SourceFile] = {}
        self._listings: dict[str, list] = {}

    @property
    def deployment_path(self) -> str:
        return os.path.join(self.root, DEPLOYMENT_MODULE + ".py")

    def text_of(self, relpath: str) -> str:
        """The text of an analyzed file (for code frames and `# noqa`), else ''."""
        for source in self._sources.values():
            if source.relpath == relpath:
                return source.text
        return ""

    def destination_type(self, name: str) -> tuple:
        """Where `[destination.<name>] destination_type` is configured in the workspace's
        `.dlt/`: ("always", type) from config.toml/secrets.toml (loaded whatever the
        profile), ("profile", [files]) from profile files only, or ("none", None)."""
        folder = os.path.join(self.root, ".dlt")
        profiles = []
        for file in sorted(self._listdir(folder)):
            if not file.endswith(".toml"):
                continue
            try:
                with open(os.path.join(folder, file), "rb") as f:
                    data = tomllib.load(f)
            except (OSError, tomllib.TOMLDecodeError):
                continue
            section = data.get("destination", {})
            value = section.get(name, {}).get("destination_type") if isinstance(section, dict) else None
            if not value:
                continue
            if file in ("config.toml", "secrets.toml"):
                return ("always", value)
            profiles.append(file)
        return ("profile", profiles) if profiles else ("none", None)

    def dependency_groups(self) -> Optional[set]:
        """The groups of `[dependency-groups]` in the workspace's pyproject.toml; None when
        there is no readable pyproject.toml (nothing to compare with)."""
        path = os.path.join(self.root, "pyproject.toml")
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError):
            return None
        groups = data.get("dependency-groups", {})
        return set(groups) if isinstance(groups, dict) else set()

    def relpath(self, path: str) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def source(self, path: str) -> SourceFile:
        cached = self._sources.get(path)
        if cached is None:
            if len(self._sources) >= MAX_MODULES:
                raise Unanalyzable(f"more than {MAX_MODULES} modules; the rest is not analyzed")
            cached = self._sources[path] = load_source(path, self.relpath(path))
        return cached

    def find_module(self, name: str, search_dir: Optional[str] = None) -> Optional[ModuleLocation]:
        """Finds `name` (dotted) in `search_dir` (a package's folder; the root for top-level
        modules). None when the workspace does not have it (an installed module, then)."""
        last = name.rsplit(".", 1)[-1]
        base = search_dir or self.root
        candidate_dir = os.path.join(base, last)
        is_namespace = False
        if os.path.isdir(candidate_dir):
            init = os.path.join(candidate_dir, "__init__.py")
            if os.path.isfile(init):
                return self._located(name, init, candidate_dir)
            is_namespace = True
        for entry in self._listdir(base):
            if entry.startswith(last + ".") and entry.endswith(_EXTENSION_SUFFIXES):
                raise Unanalyzable(f"module {name!r} is a compiled extension ({entry})")
        module_file = os.path.join(base, last + ".py")
        if os.path.isfile(module_file):
            return self._located(name, module_file, None)
        if is_namespace:
            self._check_inside(candidate_dir)
            return ModuleLocation(name, None, candidate_dir)
        return None

    def _listdir(self, path: str) -> list:
        entries = self._listings.get(path)
        if entries is None:
            entries = self._listings[path] = _listdir(path)
        return entries

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
        real = os.path.realpath(path)
        if os.path.commonpath([self.root, real]) != self.root:
            raise OutsideRoot(f"{self.relpath(path)} resolves to {real}, outside the workspace")


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []
