"""Small workspaces written to a temporary folder for tests."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path
from typing import Optional

from dlt_manifest import analyze
from dlt_manifest.source.span import source_lines


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


_RAISE = '; raise ValueError("edited")'


def body_edits(source) -> Optional[bytes]:
    """The module's text with `_RAISE` appended to the last line of every function body
    (at any depth) that `function_at` did not read (None when there is none): run, it
    would change the answer; the lines stay where they are."""
    lines = source_lines(source.text)
    read = {last for first, last in source.read_regions}
    functions = (f for f in ast.walk(ast.parse(source.text)) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)))
    ends = {f.body[-1].end_lineno for f in functions} - read
    if not ends:
        return None
    for line in ends:
        lines[line - 1] += _RAISE
    return ("\n".join(lines) + "\n").encode("utf-8")
