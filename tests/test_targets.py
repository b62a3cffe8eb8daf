"""The target of a run: the dlt release and the Python version, from the command line,
`[tool.dlt-manifest]` or the workspace's own declarations, and reported when assumed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from corpus_util import CORPUS, canonical, command, expected
from workspace_util import analyze_files, codes

JOB = "from dlt.hub import run\n\n@run.job\ndef load(): ...\n__all__ = ['load']\n"
STARTER_CASE = "mod-realistic-apps"  # accepted by every release, different under 1.31.0
UV_LOCK = """version = 1
revision = 2
requires-python = "==3.11.*"

[[package]]
name = "dlt"
version = "1.26.0"
source = { registry = "https://pypi.org/simple" }

[package.optional-dependencies]
hub = [
    { name = "dlthub" },
]
"""


def run(*args, cwd):
    return subprocess.run(command() + list(args), capture_output=True, text=True, cwd=cwd, timeout=120)


def _release(tmp_path, files: dict, **kwargs):
    result = analyze_files(tmp_path, {"__deployment__.py": JOB, **files}, dlt_version=None, python_version=None, **kwargs)
    notes = [d.message for d in result.diagnostics if d.code in ("DM430", "DM909")]
    return result.target.release.name, notes, result


def test_a_starter_pack_lock_gives_its_release_and_the_flag_overrides_it(tmp_path) -> None:
    """The runtime-starter-pack locks dlt 1.26.0 in uv.lock: its manifest is 1.26.0's."""
    ws = tmp_path / "ws"
    shutil.copytree(CORPUS / STARTER_CASE, ws, ignore=shutil.ignore_patterns("expected*", "CASE.md"))
    (ws / "uv.lock").write_text(UV_LOCK)
    locked = run("generate", str(ws), cwd=ws)
    assert locked.returncode == 0, locked.stderr
    assert canonical(json.loads(locked.stdout)) == canonical(expected(STARTER_CASE, "1.26.0")["manifest"])
    assert "DM430" not in locked.stderr and "for dlt 1.26.0, Python 3.11, manifest engine 1" in locked.stderr
    newest = run("generate", str(ws), "--dlt-version", "1.31.0", cwd=ws)
    assert newest.returncode == 0, newest.stderr
    assert canonical(json.loads(newest.stdout)) == canonical(expected(STARTER_CASE, "1.31.0")["manifest"])
    assert json.loads(newest.stdout)["engine_version"] == 2
    assert canonical(json.loads(locked.stdout)) != canonical(json.loads(newest.stdout))


@pytest.mark.parametrize(
    "files,release,note",
    [
        ({"requirements.txt": "requests\ndlt[hub]==1.29.1  # pinned\n"}, "1.29.1", None),
        ({"requirements.txt": "dlt==1.28.1\n"}, "1.27.2", None),
        ({"requirements.txt": "dlt[hub]==1.26.0 \\\n    --hash=sha256:00ff\n"}, "1.26.0", None),
        ({"pyproject.toml": '[project]\nname = "x"\ndependencies = ["dlt[hub]==1.30.0"]\n'}, "1.30.0", None),
        ({"pylock.toml": 'lock-version = "1.0"\n[[packages]]\nname = "dlt"\nversion = "1.26.0"\n'}, "1.26.0", None),
        ({"requirements.txt": "dlt[hub]>=1.26\n"}, "1.31.0", "requirements.txt requires dlt >=1.26, a range: assuming dlt 1.31.0"),
        ({"requirements.txt": "dlt>=1.26,<1.30\n"}, "1.29.1", "requirements.txt requires dlt >=1.26,<1.30, a range: assuming dlt 1.29.1"),
        ({"requirements.txt": "dlt @ git+https://github.com/dlt-hub/dlt@devel\n"}, "1.31.0", "requirements.txt takes dlt from git+https://github.com/dlt-hub/dlt@devel, not from a release"),
        ({"uv.lock": 'version = 1\n[[package]]\nname = "dlt"\nversion = "1.30.0"\nsource = { git = "https://github.com/dlt-hub/dlt" }\n'}, "1.31.0", "uv.lock takes dlt from git https://github.com/dlt-hub/dlt"),
        ({}, "1.31.0", "the workspace declares no dlt version"),
    ],
)
def test_the_release_comes_from_the_workspace(tmp_path, files, release, note) -> None:
    found, notes, _ = _release(tmp_path, {**files, ".python-version": "3.11\n"})
    assert found == release
    if note is None:
        assert notes == []
    else:
        [message] = notes
        assert message.startswith(note), message


def test_the_lock_wins_over_pins_and_the_flag_over_everything(tmp_path) -> None:
    files = {"uv.lock": UV_LOCK, "requirements.txt": "dlt==1.30.0\n"}
    assert _release(tmp_path, files)[0] == "1.26.0"
    result = analyze_files(tmp_path, {"__deployment__.py": JOB, **files}, dlt_version="1.31.0", python_version=None)
    assert result.target.release.name == "1.31.0" and result.manifest["engine_version"] == 2


def test_a_release_without_a_profile_is_refused(tmp_path) -> None:
    for pin, reason in (("1.25.0", "has no deployment manifest generator"), ("1.32.0", "is newer than the newest")):
        _, notes, result = _release(tmp_path, {"requirements.txt": f"dlt=={pin}\n", ".python-version": "3.11\n"})
        assert "DM909" in codes(result) and not result.ok and reason in notes[0]
    _, notes, result = _release(tmp_path, {"requirements.txt": "dlt<1.20\n", ".python-version": "3.11\n"})
    assert "DM909" in codes(result) and "allows no release" in notes[0]
    # the starter pack's uv.lock once locked a pre-release: refused, with the way out
    lock = UV_LOCK.replace('version = "1.26.0"', 'version = "1.26.0a1"')
    _, notes, result = _release(tmp_path, {"uv.lock": lock, ".python-version": "3.11\n"})
    assert "DM909" in codes(result) and not result.ok
    assert "uv.lock locks dlt 1.26.0a1: '1.26.0a1' is a pre-, post- or development release" in notes[0]
    assert "pass --dlt-version" in notes[0]


def test_configuration_and_flags_are_checked(tmp_path) -> None:
    (tmp_path / "__deployment__.py").write_text(JOB)
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest]\ndlt-version = "1.26.0"\npython-version = "3.13"\n')
    out = run("generate", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == "Manifest of . for dlt 1.26.0, Python 3.13, manifest engine 1: 2 jobs.\n"
    out = run("generate", str(tmp_path), "--dlt-version", "1.28.1", "--output-format", "json", cwd=tmp_path)
    target = {"dlt_version": "1.28.1", "profile": "1.27.2", "python_version": "3.13", "engine_version": 1}
    assert json.loads(out.stdout)["target"] == target
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest]\ndlt-version = "1.25.0"\n')
    out = run("check", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 2 and "pyproject.toml:2: [tool.dlt-manifest].dlt-version: dlt 1.25.0 has no" in out.stderr
    out = run("generate", str(tmp_path), "--dlt-version", "2.0", cwd=tmp_path)
    assert out.returncode == 2 and "is newer than the newest release" in out.stderr


def test_the_python_version_comes_from_the_workspace(tmp_path) -> None:
    result = analyze_files(tmp_path, {"__deployment__.py": JOB, ".python-version": "3.13.1\n"}, python_version=None)
    assert result.target.python == (3, 13) and "DM430" not in codes(result)
    (tmp_path / ".python-version").unlink()
    files = {"__deployment__.py": JOB, "pyproject.toml": '[project]\nname = "x"\nrequires-python = ">=3.12"\n'}
    result = analyze_files(tmp_path, files, python_version=None)
    assert result.target.python == (3, 12)
    [note] = [d for d in result.diagnostics if d.code == "DM430"]
    assert note.message.startswith("pyproject.toml requires Python >=3.12, a range: assuming Python 3.12")
    assert (note.span.path, note.span.line) == ("pyproject.toml", 3)


def test_syntax_the_running_python_cannot_parse_is_refused_when_the_target_is_newer(tmp_path) -> None:
    running = sys.version_info[:2]
    newer = (running[0], running[1] + 1)
    files = {"__deployment__.py": "def (:\n"}
    result = analyze_files(tmp_path, files, python_version=newer)
    [diagnostic] = [d for d in result.diagnostics if d.severity.value == "error"]
    assert diagnostic.code == "DM904" and f"the workspace targets Python {newer[0]}.{newer[1]}" in diagnostic.message
    assert f"run dlt-manifest on Python {newer[0]}.{newer[1]} or newer" in diagnostic.message
    result = analyze_files(tmp_path, files, python_version=running)
    assert "DM402" in codes(result) and "DM904" not in codes(result)
