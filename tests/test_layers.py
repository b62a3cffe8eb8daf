"""The layers import downward only and no module of a package imports a sibling that
imports it back: import-linter's contracts in pyproject.toml, checked on the source tree
(`analyzer/` as `dlt_manifest`, `rules/` as `dlt_manifest.rules`, as they install)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(tmp_path: Path, package_entries: dict) -> subprocess.CompletedProcess:
    package = tmp_path / "dlt_manifest"
    package.mkdir()
    for name, target in package_entries.items():
        (package / name).symlink_to(target)
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(exe) if exe.exists() else "lint-imports", str(ROOT / "pyproject.toml")],
        capture_output=True, text=True, cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(tmp_path)), timeout=300,
    )


def _source_tree() -> dict:
    entries = {p.name: p for p in (ROOT / "analyzer").iterdir() if p.name != "__pycache__"}
    entries["rules"] = ROOT / "rules"
    return entries


def test_layers_and_no_cycles(tmp_path) -> None:
    result = _lint_imports(tmp_path, _source_tree())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_lower_layer_importing_a_higher_one_is_caught(tmp_path) -> None:
    """The contracts are not vacuous: a source-layer module importing the dlt layer breaks
    the layers contract."""
    entries = _source_tree()
    source = tmp_path / "source"
    source.mkdir()
    for path in (ROOT / "analyzer" / "source").glob("*.py"):
        (source / path.name).symlink_to(path)
    (source / "bad.py").write_text("from dlt_manifest.dlt import triggers\n")
    entries["source"] = source
    (tmp_path / "tree").mkdir()
    result = _lint_imports(tmp_path / "tree", entries)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
