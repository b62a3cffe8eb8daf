"""The ruff-like command line (issue 10): --version, --quiet, --statistics, -o for both
commands, `-o -`, severities in every line, the summary of `generate`, its JSON
document for platforms, and `--update` (a committed manifest file kept up to date)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from corpus_util import command, pinned
from workspace_util import write_workspace

HEAD = "from dlt.hub import run\n\n"
GOOD = {"__deployment__.py": HEAD + "@run.job(trigger='0 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"}
WARNING = {"__deployment__.py": HEAD + "@run.job\ndef load(): ...\nCRON = 'x'\n__all__ = ['load', 'CRON']\n"}
BAD = {"__deployment__.py": HEAD + "@run.job(trigger='61 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"}
ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None, env=None, umask=0o022):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(command() + pinned(args), capture_output=True, text=True, cwd=cwd, env=env,
                          preexec_fn=lambda: os.umask(umask))


def test_version_is_written_once() -> None:
    import dlt_manifest
    from importlib.metadata import version

    out = run("--version")
    assert out.returncode == 0 and out.stdout == f"dlt-manifest {dlt_manifest.__version__}\n"
    assert version("dlt-manifest") == dlt_manifest.__version__
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "dynamic = [\"version\"]" in pyproject and "\nversion = \"" not in pyproject


def test_quiet_prints_diagnostics_only(tmp_path) -> None:
    write_workspace(tmp_path, WARNING)
    out = run("check", "--quiet", "--output-format", "concise", cwd=tmp_path)
    assert out.stdout == "__deployment__.py:6:20: DM404 [warning] name 'CRON' is not a recognized job or framework module\n"
    write_workspace(tmp_path, GOOD)
    assert run("check", "-q", cwd=tmp_path).stdout == ""
    assert run("generate", "-q", cwd=tmp_path).stderr == ""


def test_statistics(tmp_path) -> None:
    write_workspace(tmp_path, {"__deployment__.py": HEAD + "@run.job(trigger='61 8 * * *')\ndef a(): ...\n"
                               "@run.job(trigger='62 8 * * *')\ndef b(): ...\nX = 1\n__all__ = ['a', 'b', 'X']\n"})
    out = run("check", "--statistics", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout == (
        "    2  DM101  error    invalid-trigger\n"
        "    1  DM404  warning  not-a-job\n"
        "Found 2 errors, 1 warning.\n"
    )
    rows = json.loads(run("check", "--statistics", "--output-format", "json", cwd=tmp_path).stdout)
    assert rows[0] == {"code": "DM101", "name": "invalid-trigger", "severity": "error", "count": 2}


def test_check_writes_its_report_to_a_file(tmp_path) -> None:
    ws = write_workspace(tmp_path / "ws", BAD)
    report = tmp_path / "report.sarif"
    out = run("check", str(ws), "--output-format", "sarif", "-o", str(report))
    assert out.returncode == 1 and out.stdout == ""
    assert json.loads(report.read_text())["runs"][0]["results"][0]["ruleId"] == "DM101"
    dash = run("check", str(ws), "--output-format", "json", "-o", "-")
    assert json.loads(dash.stdout)[0]["code"] == "DM101"
    assert not (Path.cwd() / "-").exists()


def test_generate_dash_is_stdout_and_files_get_ordinary_modes(tmp_path) -> None:
    ws = write_workspace(tmp_path / "ws", GOOD)
    out = run("generate", str(ws), "-o", "-", cwd=tmp_path)
    assert json.loads(out.stdout)["jobs"] and not (tmp_path / "-").exists()
    target = tmp_path / "m.json"
    out = run("generate", str(ws), "-o", str(target), cwd=tmp_path)
    assert out.stderr == f"Manifest of ws for dlt 1.27.2, Python 3.11, manifest engine 1: 2 jobs, written to {target}.\n"
    assert target.stat().st_mode & 0o777 == 0o644  # 0666 under the umask, as a redirect gives
    os.unlink(target)
    run("generate", str(ws), "-o", str(target), umask=0o027)
    assert target.stat().st_mode & 0o777 == 0o640
    os.chmod(target, 0o600)
    run("generate", str(ws), "-o", str(target))
    assert target.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its mode


def test_every_line_says_error_or_warning_and_generate_sums_up(tmp_path) -> None:
    write_workspace(tmp_path, WARNING)
    out = run("generate", cwd=tmp_path)
    assert out.returncode == 0
    assert out.stderr.splitlines() == [
        "__deployment__.py:6:20: DM404 [warning] name 'CRON' is not a recognized job or framework module",
        "Found 1 warning. Manifest of . for dlt 1.27.2, Python 3.11, manifest engine 1: 2 jobs.",
    ]
    write_workspace(tmp_path, BAD)
    out = run("generate", cwd=tmp_path)
    assert out.stderr.splitlines()[-1] == "Found 1 error. No manifest (dlt 1.27.2, Python 3.11, manifest engine 1)."
    for fmt in ("text", "concise"):
        assert "DM101 [error] " in run("check", "--output-format", fmt, cwd=tmp_path).stdout


def test_generate_json_is_one_document_for_platforms(tmp_path) -> None:
    write_workspace(tmp_path, WARNING)
    out = run("generate", "--output-format", "json", cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == ""
    doc = json.loads(out.stdout)
    assert list(doc) == ["workspace", "ok", "manifest", "diagnostics", "summary", "target"]
    assert doc["target"] == {"dlt_version": "1.27.2", "profile": "1.27.2", "python_version": "3.11", "engine_version": 1}
    assert doc["ok"] is True and doc["manifest"]["created_at"] == "2026-01-01T00:00:00+00:00"
    assert [d["code"] for d in doc["diagnostics"]] == ["DM404"] and doc["summary"] == "Found 1 warning."
    write_workspace(tmp_path, BAD)
    out = run("generate", "--output-format", "json", cwd=tmp_path)
    doc = json.loads(out.stdout)
    assert out.returncode == 1 and doc["ok"] is False and doc["manifest"] is None
    assert doc["diagnostics"][0]["code"] == "DM101" and doc["diagnostics"][0]["severity"] == "error"


def test_update_keeps_a_manifest_file_up_to_date(tmp_path) -> None:
    ws = write_workspace(tmp_path, GOOD)
    target = ws / "deployment-manifest.json"
    first = run("generate", "--update", "deployment-manifest.json", cwd=tmp_path)
    assert first.returncode == 1, first.stderr  # it changed (it did not exist): a hook fails
    assert first.stderr.splitlines() == ["Updated deployment-manifest.json", "1 manifest file updated, 0 unchanged."]
    written = target.read_bytes()
    # the same manifest an hour later: created_at differs, the file is left alone
    again = run("generate", "--update", "deployment-manifest.json", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1767229200"})
    assert again.returncode == 0 and target.read_bytes() == written
    write_workspace(ws, {"__deployment__.py": GOOD["__deployment__.py"].replace("0 8", "0 9")})
    changed = run("generate", "--update", "deployment-manifest.json", cwd=tmp_path)
    assert changed.returncode == 1 and '"schedule:0 9 * * *"' in target.read_text()
    write_workspace(ws, BAD)
    broken = run("generate", "--update", "deployment-manifest.json", cwd=tmp_path)
    assert broken.returncode == 1 and "DM101" in broken.stderr and '"schedule:0 9 * * *"' in target.read_text()
    assert run("generate", "--update", "/abs.json", cwd=tmp_path).returncode == 2
