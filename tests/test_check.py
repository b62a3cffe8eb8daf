"""`dlt-manifest check`: formats, selection, configuration, noqa, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest
from corpus_util import CORPUS, cases, command, expected, pinned
from dlt_manifest.rules import ALL_RULES
from workspace_util import write_workspace

HEAD = "from dlt.hub import run\n\n"
# one error (DM101) on line 3, one warning (DM404) on line 6
MIXED = {
    "__deployment__.py": HEAD
    + "@run.job(trigger='61 8 * * *')\ndef load(): ...\n\nCRON = 'x'\n__all__ = ['load', 'CRON']\n"
}
WARNING_ONLY = {"__deployment__.py": HEAD + "@run.job\ndef load(): ...\n\nCRON = 'x'\n__all__ = ['load', 'CRON']\n"}
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text())


def check(workspace, *args, env=None):
    return subprocess.run(
        command() + pinned(["check", str(workspace), *args]),
        capture_output=True, text=True, cwd=workspace,
        env=dict(os.environ, NO_COLOR="1", **(env or {})),
    )


def test_text_format_with_code_frame_and_summary(tmp_path) -> None:
    write_workspace(tmp_path, MIXED)
    out = check(tmp_path)
    assert out.returncode == 1
    assert out.stdout.splitlines()[:4] == [
        "__deployment__.py:3:18: DM101 [error] Invalid trigger '61 8 * * *': cannot normalize (InvalidTrigger at import)",
        "   |",
        " 3 | @run.job(trigger='61 8 * * *')",
        "   |                  ^^^^^^^^^^^^ error",
    ]
    assert out.stdout.rstrip().endswith("Found 1 error, 1 warning. Target: dlt 1.27.2, Python 3.11.")
    assert "\x1b[" not in out.stdout  # NO_COLOR


def test_colors_only_when_forced_or_on_a_terminal(tmp_path) -> None:
    write_workspace(tmp_path, MIXED)
    assert "\x1b[" not in check(tmp_path).stdout  # a pipe
    forced = subprocess.run(command() + pinned(["check", str(tmp_path)]), capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout


def test_concise_and_exit_codes(tmp_path) -> None:
    write_workspace(tmp_path, WARNING_ONLY)
    out = check(tmp_path, "--output-format", "concise")
    assert out.returncode == 0  # warnings only
    assert out.stdout == (
        "__deployment__.py:7:20: DM404 [warning] name 'CRON' is not a recognized job or framework module\n"
        "Found 1 warning. Target: dlt 1.27.2, Python 3.11.\n"
    )
    assert check(tmp_path, "--strict").returncode == 1
    write_workspace(tmp_path, MIXED)
    assert check(tmp_path).returncode == 1
    assert check(tmp_path, "--exit-zero").returncode == 0


def test_json_format_is_stable(tmp_path) -> None:
    write_workspace(tmp_path, MIXED)
    rows = json.loads(check(tmp_path, "--output-format", "json").stdout)
    assert [set(r) for r in rows] == [
        {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "related", "fix"}
    ] * 2
    assert (rows[0]["code"], rows[0]["severity"], rows[0]["line"], rows[0]["column"], rows[0]["end_column"]) == (
        "DM101", "error", 3, 18, 30,
    )
    assert rows[1]["name"] == "not-a-job" and rows[1]["severity"] == "warning"


def test_sarif_validates_against_the_official_schema(tmp_path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    ws = write_workspace(repo / "deploy", MIXED)
    doc = json.loads(check(ws, "--output-format", "sarif").stdout)
    jsonschema.validate(doc, SCHEMA)
    run = doc["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {r.code for r in ALL_RULES}
    result = run["results"][0]
    assert result["ruleId"] == "DM101" and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "DM101"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "deploy/__deployment__.py"  # repository-relative
    assert location["region"] == {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 30}


def test_sarif_of_every_corpus_case_validates(tmp_path) -> None:
    for case in cases()[::7]:
        doc = json.loads(check(CORPUS / case, "--output-format", "sarif").stdout)
        jsonschema.validate(doc, SCHEMA)


def test_github_annotations_escape_as_the_toolkit_does(tmp_path) -> None:
    from dlt_manifest.report import Paths, Reported, github
    from dlt_manifest.rules.diagnostics import Diagnostic, Severity
    from dlt_manifest.source.span import Span

    d = Diagnostic("DM101", Severity.ERROR, "50% bad, really: yes", Span("a,b:c.py", 2, 3, 2, 9))
    line = github(Reported(d, Paths(str(tmp_path), str(tmp_path)), lambda path: ""))
    assert line == (
        "::error file=a%2Cb%3Ac.py,line=2,col=3,endLine=2,endColumn=9,title=DM101"
        "::50%25 bad, really: yes"
    )
    write_workspace(tmp_path, MIXED)
    out = check(tmp_path, "--output-format", "github").stdout.splitlines()
    assert out[0].startswith("::error file=__deployment__.py,line=3,col=18,endLine=3,endColumn=30,title=DM101::")
    assert out[1].startswith("::warning file=__deployment__.py,line=7,")


def test_select_and_ignore_by_code_and_prefix(tmp_path) -> None:
    write_workspace(tmp_path, MIXED)
    only_warning = check(tmp_path, "--select", "DM4", "--output-format", "json")
    assert [r["code"] for r in json.loads(only_warning.stdout)] == ["DM404"]
    assert only_warning.returncode == 0
    rest = json.loads(check(tmp_path, "--ignore", "DM404", "--output-format", "json").stdout)
    assert [r["code"] for r in rest] == ["DM101"]
    assert check(tmp_path, "--select", "DM999").returncode == 2
    assert check(tmp_path, "--ignore", "XY1").returncode == 2


def test_pyproject_configuration(tmp_path) -> None:
    write_workspace(tmp_path, WARNING_ONLY)
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest]\n[tool.dlt-manifest.severity]\nDM404 = "error"\n')
    out = check(tmp_path, "--output-format", "json")
    assert out.returncode == 1 and json.loads(out.stdout)[0]["severity"] == "error"
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest]\nignore = ["DM4"]\n')
    assert json.loads(check(tmp_path, "--output-format", "json").stdout) == []
    for bad in ('[tool.dlt-manifest]\nignore = ["DM4O4"]\n', '[tool.dlt-manifest]\nselekt = ["DM1"]\n',
                '[tool.dlt-manifest.severity]\nDM404 = "fatal"\n'):
        (tmp_path / "pyproject.toml").write_text(bad)
        out = check(tmp_path)
        assert out.returncode == 2 and "Traceback" not in out.stderr and "dlt-manifest: error" in out.stderr


def test_configuration_is_found_in_a_parent_folder(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest]\nstrict = true\n')
    ws = write_workspace(tmp_path / "deploy", WARNING_ONLY)
    assert check(ws).returncode == 1


def test_noqa_comments(tmp_path) -> None:
    source = MIXED["__deployment__.py"].replace("__all__ = ['load', 'CRON']", "__all__ = ['load', 'CRON']  # noqa: DM404")
    write_workspace(tmp_path, {"__deployment__.py": source})
    assert [r["code"] for r in json.loads(check(tmp_path, "--output-format", "json").stdout)] == ["DM101"]
    # a warning's noqa works; a bare `# noqa` on an error dlt raises cannot: DM001 says so
    source = source.replace("@run.job(trigger='61 8 * * *')", "@run.job(trigger='61 8 * * *')  # noqa")
    write_workspace(tmp_path, {"__deployment__.py": source})
    out = check(tmp_path, "--output-format", "concise")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "__deployment__.py:3:18: DM001 [error] `# noqa` cannot silence DM101 (Invalid trigger '61 8 * * *':"
        " cannot normalize (InvalidTrigger at import)): `generate` still fails on it, as dlt does; fix the code instead",
        "Found 1 error. Target: dlt 1.27.2, Python 3.11.",
    ]
    generate = subprocess.run(command() + pinned(["generate", str(tmp_path)]), capture_output=True, text=True, cwd=tmp_path)
    assert generate.returncode == 1 and "DM001" in generate.stderr and "DM101" in generate.stderr
    # a `# noqa` inside a string is not a comment
    write_workspace(tmp_path, {"__deployment__.py": HEAD + "@run.job(trigger='61 8 * * * # noqa')\ndef load(): ...\n__all__ = ['load']\n"})
    assert check(tmp_path).returncode == 1


def test_generate_cannot_be_silenced_into_a_wrong_manifest(tmp_path) -> None:
    source = MIXED["__deployment__.py"].replace("@run.job(trigger='61 8 * * *')", "@run.job(trigger='61 8 * * *')  # noqa")
    write_workspace(tmp_path, {"__deployment__.py": source})
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest]\nignore = ["DM1"]\n')
    assert check(tmp_path).returncode == 0  # the linter obeys
    out = subprocess.run(command() + pinned(["generate", str(tmp_path)]), capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 1 and "DM101" in out.stderr and out.stdout == ""


def test_generate_honours_raised_severities(tmp_path) -> None:
    write_workspace(tmp_path, WARNING_ONLY)
    ok = subprocess.run(command() + pinned(["generate", str(tmp_path)]), capture_output=True, text=True)
    assert ok.returncode == 0
    (tmp_path / "pyproject.toml").write_text('[tool.dlt-manifest.severity]\nDM404 = "error"\n')
    out = subprocess.run(command() + pinned(["generate", str(tmp_path)]), capture_output=True, text=True)
    assert out.returncode == 1 and out.stdout == ""


def test_check_reports_no_error_on_valid_corpus_workspaces() -> None:
    for case in cases():
        if expected(case)["ok"] and not case.startswith("static-"):
            out = check(CORPUS / case, "--output-format", "json")
            errors = [r for r in json.loads(out.stdout) if r["severity"] == "error"]
            assert errors == [], case


def test_rules_and_rule_commands() -> None:
    out = subprocess.run(command() + ["rules"], capture_output=True, text=True)
    assert out.returncode == 0 and len(out.stdout.splitlines()) == len(ALL_RULES)
    assert out.stdout.splitlines()[0].startswith("DM001  error")
    rows = json.loads(subprocess.run(command() + ["rules", "--output-format", "json"], capture_output=True, text=True).stdout)
    assert {r["code"] for r in rows} == {r.code for r in ALL_RULES}
    doc = subprocess.run(command() + ["rule", "DM220"], capture_output=True, text=True)
    assert doc.returncode == 0 and "followup-cycle" in doc.stdout and "Fails:" in doc.stdout
    assert subprocess.run(command() + ["rule", "DM000"], capture_output=True, text=True).returncode == 2


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_every_format_on_a_clean_workspace(tmp_path, fmt) -> None:
    write_workspace(tmp_path, {"__deployment__.py": HEAD + "@run.job\ndef load(): ...\n__all__ = ['load']\n"})
    out = check(tmp_path, "--output-format", fmt)
    assert out.returncode == 0 and "Traceback" not in out.stderr
