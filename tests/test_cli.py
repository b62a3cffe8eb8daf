"""The command line: exit codes, stdout/stderr, atomic `-o`, usage errors."""

from __future__ import annotations

import json
import os
import subprocess

from corpus_util import command, pinned
from workspace_util import write_workspace

GOOD = {"__deployment__.py": "from dlt.hub import run\n\n@run.job(trigger='0 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"}
BAD = {"__deployment__.py": "from dlt.hub import run\n\n@run.job(trigger='61 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"}


def run(*args, cwd=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    return subprocess.run(command() + pinned(args), capture_output=True, text=True, cwd=cwd, env=env)


def test_generate_prints_the_manifest(tmp_path) -> None:
    write_workspace(tmp_path, GOOD)
    out = run("generate", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == "Manifest of . for dlt 1.27.2, Python 3.11, manifest engine 1: 2 jobs.\n"
    manifest = json.loads(out.stdout)
    assert manifest["created_at"] == "2026-01-01T00:00:00+00:00"
    assert [j["job_ref"] for j in manifest["jobs"]] == ["jobs.__deployment__.load", "jobs.workspace.dashboard"]


def test_default_workspace_is_the_current_folder(tmp_path) -> None:
    write_workspace(tmp_path, GOOD)
    assert run("generate", cwd=tmp_path).returncode == 0


def test_errors_exit_1_with_nothing_on_stdout(tmp_path) -> None:
    write_workspace(tmp_path, BAD)
    out = run("generate", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == (
        "__deployment__.py:3:18: DM101 [error] Invalid trigger '61 8 * * *': cannot normalize"
        " (InvalidTrigger at import)\n"
        "Found 1 error. No manifest (dlt 1.27.2, Python 3.11, manifest engine 1).\n"
    )
    assert run("generate", str(tmp_path), "--quiet", cwd=tmp_path).stderr.splitlines() == out.stderr.splitlines()[:1]


def test_output_file_is_written_atomically_and_only_without_errors(tmp_path) -> None:
    ws = write_workspace(tmp_path / "ws", GOOD)
    target = tmp_path / "manifest.json"
    out = run("generate", str(ws), "-o", str(target))
    assert out.returncode == 0 and out.stdout == ""
    assert json.loads(target.read_text())["deployment_module"] == "__deployment__"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dlt-manifest-")] == []
    before = target.read_text()
    write_workspace(ws, BAD)
    assert run("generate", str(ws), "-o", str(target)).returncode == 1
    assert target.read_text() == before  # the previous manifest is left as it was


def test_usage_errors_exit_2_without_traceback(tmp_path) -> None:
    for args in (["generate", str(tmp_path)], ["generate", str(tmp_path / "missing")],
                 ["generate", "--bogus"], ["nonsense"], []):
        out = run(*args)
        assert out.returncode == 2, args
        assert "Traceback" not in out.stderr and out.stdout == ""
        assert "dlt-manifest" in out.stderr


def test_unwritable_output_is_an_error_not_a_traceback(tmp_path) -> None:
    write_workspace(tmp_path, GOOD)
    out = run("generate", str(tmp_path), "-o", str(tmp_path / "no" / "such" / "dir" / "m.json"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_python_api(tmp_path) -> None:
    from dlt_manifest import analyze

    result = analyze(str(write_workspace(tmp_path, BAD)), dlt_version="1.27.2", python_version=(3, 11))
    assert result.manifest is None and not result.ok
    assert result.target.release.name == "1.27.2" and result.target.python == (3, 11)
    [diagnostic] = result.diagnostics
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.col) == ("DM101", 3, 18)


def test_descriptions_follow_the_target_python(tmp_path) -> None:
    write_workspace(tmp_path, {"__deployment__.py": (
        "from dlt.hub import run\n\n@run.job\ndef load():\n"
        "    '''Loads.\n\n        Indented more.\n    Back.\n    '''\n\n__all__ = ['load']\n"
    )})
    old = json.loads(run("generate", str(tmp_path), "--python-version", "3.11").stdout)
    new = json.loads(run("generate", str(tmp_path), "--python-version", "3.13").stdout)
    assert old["jobs"][0]["description"] == "Loads.\n\n        Indented more.\n    Back."
    assert new["jobs"][0]["description"] == "Loads.\n\n    Indented more.\nBack."
    assert run("generate", str(tmp_path), "--python-version", "two").returncode == 2
