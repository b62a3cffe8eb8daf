"""Any number of files and folders, each mapped to its workspace and each workspace
analyzed once; standard input standing in for a file of a workspace (issue 10)."""

from __future__ import annotations

import json
import os
import subprocess

from corpus_util import command, pinned
from workspace_util import write_workspace

HEAD = "from dlt.hub import run\n\n"
GOOD = HEAD + "@run.job(trigger='0 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"
BAD = HEAD + "@run.job(trigger='61 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"


def run(*args, cwd, stdin=None):
    return subprocess.run(command() + pinned(args), capture_output=True, text=True, cwd=cwd, input=stdin,
                          env=dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="0"))


def monorepo(tmp_path):
    """Two workspaces (a: one error, in a module; b: clean) and a file in neither."""
    write_workspace(tmp_path, {
        "pyproject.toml": "[project]\nname = 'mono'\n",
        "tools/lint.py": "x = 1\n",
        "a/__deployment__.py": "from jobs import load\n__all__ = ['load']\n",
        "a/jobs.py": BAD,
        "a/sub/notes.py": "",
        "a/.dlt/config.toml": "[runtime]\nlog_level = 'INFO'\n",
        "b/__deployment__.py": GOOD,
    })
    return tmp_path


def codes_by_path(out) -> list:
    return [(r["path"], r["code"]) for r in json.loads(out.stdout)]


def test_files_map_to_their_workspace_each_checked_once(tmp_path) -> None:
    repo = monorepo(tmp_path)
    out = run("check", "--output-format", "json", "a/jobs.py", "a/sub/notes.py", "a/.dlt/config.toml", "b/__deployment__.py", cwd=repo)
    assert out.returncode == 1, out.stderr
    assert codes_by_path(out) == [("a/jobs.py", "DM101")]
    assert run("check", "b/__deployment__.py", cwd=repo).returncode == 0
    # a subfolder stands for its workspace
    assert codes_by_path(run("check", "--output-format", "json", "a/sub", cwd=repo)) == [("a/jobs.py", "DM101")]


def test_a_folder_in_no_workspace_stands_for_the_workspaces_below(tmp_path) -> None:
    repo = monorepo(tmp_path)
    (repo / ".venv" / "x").mkdir(parents=True)
    (repo / ".venv" / "x" / "__deployment__.py").write_text(BAD)  # hidden folders are skipped
    (repo / "env" / "lib").mkdir(parents=True)  # ... and virtual environments, by their pyvenv.cfg
    (repo / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (repo / "env" / "lib" / "__deployment__.py").write_text(BAD)
    out = run("check", "--output-format", "concise", cwd=repo)
    assert out.stdout.splitlines() == [
        "a/jobs.py:3:18: DM101 [error] Invalid trigger '61 8 * * *': cannot normalize (InvalidTrigger at import)",
        "Found 1 error. Target: dlt 1.27.2, Python 3.11.",
    ]
    # so does a pyproject.toml in no workspace: its configuration applies below it
    assert codes_by_path(run("check", "--output-format", "json", "pyproject.toml", cwd=repo)) == [("a/jobs.py", "DM101")]


def test_files_in_no_workspace_are_skipped_with_a_warning(tmp_path) -> None:
    repo = monorepo(tmp_path)
    out = run("check", "tools/lint.py", cwd=repo)
    assert out.returncode == 0 and out.stdout == "No problems found.\n"
    assert out.stderr == "dlt-manifest: warning: no workspace to check: no __deployment__.py above tools/lint.py\n"
    assert run("check", "-q", "tools/lint.py", cwd=repo).stderr == ""
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = run("check", str(empty), cwd=repo)
    assert refused.returncode == 2 and "no __deployment__.py in" in refused.stderr
    assert run("check", "missing.py", cwd=repo).returncode == 2


def test_generate_makes_one_manifest(tmp_path) -> None:
    repo = monorepo(tmp_path)
    out = run("generate", "a", "b", cwd=repo)
    assert out.returncode == 2 and "2 workspaces (a, b)" in out.stderr
    ok = run("generate", "b/__deployment__.py", cwd=repo)
    assert ok.returncode == 0 and json.loads(ok.stdout)["jobs"][0]["job_ref"] == "jobs.__deployment__.load"


def test_stdin_replaces_the_named_file_in_its_workspace(tmp_path) -> None:
    repo = monorepo(tmp_path)
    # the buffer fixes the module on disk
    fixed = run("check", "-", "--stdin-filename", "a/jobs.py", cwd=repo, stdin=GOOD)
    assert fixed.returncode == 0 and fixed.stdout == "No problems found. Target: dlt 1.27.2, Python 3.11.\n", fixed.stdout + fixed.stderr
    # ... or breaks the deployment module; paths are shown as named
    broken = run("check", "--output-format", "concise", "-", "--stdin-filename", "b/__deployment__.py", cwd=repo, stdin=BAD)
    assert broken.stdout.splitlines()[0].startswith("b/__deployment__.py:3:18: DM101 [error]")
    # a file not yet on disk, imported by a buffer of the deployment module
    (repo / "b" / "__deployment__.py").write_text("from fresh import load\n__all__ = ['load']\n")
    new = run("check", "-", "--stdin-filename", "b/fresh.py", cwd=repo, stdin=BAD)
    assert "b/fresh.py:3:18: DM101" in new.stdout
    generated = run("generate", "-", "--stdin-filename", "b/fresh.py", cwd=repo, stdin=GOOD)
    assert generated.returncode == 0 and json.loads(generated.stdout)["jobs"][0]["job_ref"] == "jobs.fresh.load"


def test_stdin_needs_a_file_name_in_a_workspace(tmp_path) -> None:
    repo = monorepo(tmp_path)
    for args in (["-"], ["-", "--stdin-filename", "tools/lint.py"], ["a", "--stdin-filename", "a/jobs.py"]):
        out = run("check", *args, cwd=repo, stdin=GOOD)
        assert out.returncode == 2 and "Traceback" not in out.stderr, args
