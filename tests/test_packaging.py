"""What a user installs and reads first (issue 10): one distinct import name, the license,
the project's links, and a README whose setup commands are the ones CI runs."""

from __future__ import annotations

import os
import subprocess
from importlib.metadata import metadata
from pathlib import Path

from corpus_util import command, pinned
from workspace_util import write_workspace

ROOT = Path(__file__).resolve().parent.parent
SETUP = ["pip install . && dlt-manifest generate examples/demo", "pip install '.[test]' && python -m pytest"]


def test_unrelated_packages_named_rules_or_analyzer_do_not_matter(tmp_path) -> None:
    shadow = tmp_path / "shadow"
    for name in ("rules", "analyzer"):
        (shadow / name).mkdir(parents=True)
        (shadow / name / "__init__.py").write_text("raise ImportError('an unrelated package')\n")
    ws = write_workspace(tmp_path / "ws", {"__deployment__.py": "from dlt.hub import run\n\n@run.job\ndef j(): ...\n__all__ = ['j']\n"})
    out = subprocess.run(command() + pinned(["check", str(ws)]), capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(shadow)))
    assert out.returncode == 0 and out.stdout == "No problems found. Target: dlt 1.27.2, Python 3.11.\n", out.stderr


def test_license_and_links() -> None:
    assert (ROOT / "LICENSE").read_text().split()[:4] == ["Apache", "License", "Version", "2.0,"]
    meta = metadata("dlt-manifest")
    assert meta["License"] == "Apache-2.0"
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL"))
    assert {"Homepage", "Documentation", "Rules", "Issues"} <= set(urls)


def test_readme_setup_is_what_ci_runs_and_says_where_to_install() -> None:
    readme = (ROOT / "README.md").read_text()
    for line in SETUP:
        assert f"\n    {line}\n" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert [line for line in ci.splitlines() if line.startswith("pip ")] == [
        SETUP[0] + " > /dev/null", SETUP[1]
    ]
    first_screen = readme.split("## Usage", 1)[0]
    for needed in ("python -m venv", "pipx install", ".pre-commit-config.yaml", "security-events: write",
                   "--output-format json", "secrets.toml", "Exit codes", "Runs nothing"):
        assert needed in first_screen, needed
