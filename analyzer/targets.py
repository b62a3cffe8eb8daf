"""From the paths on the command line to the workspaces to analyze, each once.

A workspace is a folder holding `__deployment__.py`. A path stands for:

- a file or folder inside a workspace: that workspace (the nearest `__deployment__.py`
  upward, as ruff finds the nearest configuration): so pre-commit can pass the files a
  commit touches (`.py`, `.dlt/*.toml`, `pyproject.toml`);
- a folder that is in no workspace: every workspace below it (hidden folders, virtual
  environments, `node_modules` and the other folders ruff skips aside) —
  `dlt-manifest check .` at a monorepo's root;
- a `pyproject.toml` in no workspace: the workspaces below its folder (its
  `[tool.dlt-manifest]` table configures them);
- any other file in no workspace: nothing (reported by `Targets.unclaimed`).
"""

from __future__ import annotations

import os
from typing import Optional

import attrs

DEPLOYMENT_FILE = "__deployment__.py"
# as ruff's default excludes (hidden folders are skipped too, and any virtual environment)
_SKIPPED_FOLDERS = {"__pycache__", "__pypackages__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv"}


class TargetError(Exception):
    """A path on the command line that cannot be analyzed (a usage error)."""


@attrs.frozen
class Targets:
    workspaces: list  # real paths of workspace roots, in the order first named
    unclaimed: list  # files that belong to no workspace


def find_targets(paths: list) -> Targets:
    workspaces: list = []
    unclaimed: list = []
    for path in paths:
        if not os.path.exists(path):
            raise TargetError(f"no such file or folder: {path}")
        found = _workspace_above(path)
        if found is not None:
            found = [found]
        elif os.path.isdir(path) or os.path.basename(path) == "pyproject.toml":
            folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
            found = workspaces_below(folder)
            if not found and os.path.isdir(path):
                raise TargetError(f"no {DEPLOYMENT_FILE} in {path}, above it or below it")
        else:
            unclaimed.append(path)
            found = []
        for root in found:
            if root not in workspaces:
                workspaces.append(root)
    return Targets(workspaces, unclaimed)


def workspace_of(path: str) -> Optional[str]:
    """The workspace `path` belongs to (it need not exist: `--stdin-filename`)."""
    return _workspace_above(path)


def _workspace_above(path: str) -> Optional[str]:
    folder = os.path.realpath(path)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        if os.path.isfile(os.path.join(folder, DEPLOYMENT_FILE)):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def workspaces_below(folder: str) -> list:
    """Workspace roots under `folder`, sorted; symlinked folders are not followed."""
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(
            f for f in folders
            if not f.startswith(".") and f not in _SKIPPED_FOLDERS
            and not os.path.isfile(os.path.join(current, f, "pyvenv.cfg"))
        )
        if DEPLOYMENT_FILE in files and os.path.isfile(os.path.join(current, DEPLOYMENT_FILE)):
            found.append(os.path.realpath(current))
    return sorted(found)
