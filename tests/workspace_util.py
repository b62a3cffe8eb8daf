"""Small workspaces written to a temporary folder for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dlt_manifest import analyze


def write_workspace(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text)
    return root


def analyze_files(tmp_path: Path, files: dict, **kwargs):
    """The analysis of `files`, for dlt 1.27.2 on Python 3.11 unless `kwargs` say otherwise
    (None: the targets the workspace declares)."""
    kwargs.setdefault("dlt_version", "1.27.2")
    kwargs.setdefault("python_version", (3, 11))
    return analyze(str(write_workspace(tmp_path, files)), created_at="2026-01-01T00:00:00+00:00", **kwargs)


def codes(result) -> list:
    return [d.code for d in result.diagnostics]
