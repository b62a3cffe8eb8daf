"""Related places (the first definition of a duplicate, each step of a cycle) in text,
concise, JSON, SARIF and GitHub annotations; SARIF's helpUri, help text and
partialFingerprints (issue 10)."""

from __future__ import annotations

import json
import os
import subprocess

import jsonschema
from corpus_util import command, pinned
from test_check import SCHEMA
from workspace_util import write_workspace

HEAD = "from dlt.hub import run\nfrom dlt.hub.run import trigger\n\n"
DUPLICATE = {"__deployment__.py": HEAD + '@run.job(name="x")\ndef a(): ...\n\n@run.job(name="x")\ndef b(): ...\n__all__ = ["a", "b"]\n'}
CYCLE = {"__deployment__.py": HEAD + (
    '@run.job(trigger=trigger.job_success("__deployment__.c"))\ndef a(): ...\n'
    "@run.job(trigger=a.success)\ndef b(): ...\n"
    "@run.job(trigger=b.success)\ndef c(): ...\n"
    '__all__ = ["a", "b", "c"]\n'
)}


def check(workspace, *args):
    return subprocess.run(command() + pinned(["check", *args]), capture_output=True, text=True, cwd=workspace,
                          env=dict(os.environ, NO_COLOR="1"))


def test_duplicate_names_its_first_definition_in_every_format(tmp_path) -> None:
    write_workspace(tmp_path, DUPLICATE)
    text = check(tmp_path).stdout.splitlines()
    assert text[:5] == [
        "__deployment__.py:7:15: DM210 [error] duplicate job_ref: 'jobs.__deployment__.x'",
        "   |",
        ' 7 | @run.job(name="x")',
        "   |               ^^^ error",
        "   = note: __deployment__.py:4:15: 'jobs.__deployment__.x' is first defined here",
    ]
    concise = check(tmp_path, "--output-format", "concise").stdout.splitlines()
    assert concise[:2] == [
        "__deployment__.py:7:15: DM210 [error] duplicate job_ref: 'jobs.__deployment__.x'",
        "__deployment__.py:4:15: note: 'jobs.__deployment__.x' is first defined here",
    ]
    [row] = [r for r in json.loads(check(tmp_path, "--output-format", "json").stdout) if r["code"] == "DM210"]
    assert row["related"] == [{"message": "'jobs.__deployment__.x' is first defined here", "path": "__deployment__.py",
                               "line": 4, "column": 15, "end_line": 4, "end_column": 18}]
    doc = json.loads(check(tmp_path, "--output-format", "sarif").stdout)
    jsonschema.validate(doc, SCHEMA)
    [result] = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "DM210"]
    [related] = result["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 4
    assert related["message"]["text"] == "'jobs.__deployment__.x' is first defined here"
    github = check(tmp_path, "--output-format", "github").stdout
    assert "(note: __deployment__.py:4:15: 'jobs.__deployment__.x' is first defined here)" in github


def test_cycle_links_each_step(tmp_path) -> None:
    write_workspace(tmp_path, CYCLE)
    lines = check(tmp_path, "--output-format", "concise").stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if " DM220 " in line)
    assert lines[start:start + 3] == [
        "__deployment__.py:4:18: DM220 [warning] follow-up cycle: jobs.__deployment__.a ->"
        " jobs.__deployment__.b -> jobs.__deployment__.c -> jobs.__deployment__.a",
        "__deployment__.py:6:18: note: jobs.__deployment__.b runs when jobs.__deployment__.a ends",
        "__deployment__.py:8:18: note: jobs.__deployment__.c runs when jobs.__deployment__.b ends",
    ]


def test_sarif_help_and_fingerprints(tmp_path) -> None:
    write_workspace(tmp_path, DUPLICATE)
    run = json.loads(check(tmp_path, "--output-format", "sarif").stdout)["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["DM210"]["helpUri"].endswith("/docs/rules.md#dm210")
    help_text = rules["DM220"]["help"]["text"]
    assert "\n    " not in help_text and "\nWhy: once started" in help_text  # no docstring indentation
    before = {r["ruleId"]: r["partialFingerprints"] for r in run["results"]}
    # lines added above: the findings move, their fingerprints do not
    source = DUPLICATE["__deployment__.py"]
    write_workspace(tmp_path, {"__deployment__.py": "# a comment\n\n" + source})
    moved = json.loads(check(tmp_path, "--output-format", "sarif").stdout)["runs"][0]["results"]
    assert {r["ruleId"]: r["partialFingerprints"] for r in moved} == before
    assert moved[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    # an edit of the reported line makes it another finding
    edited_source = source.replace('@run.job(name="x")\ndef b', '@run.job(name = "x")\ndef b')
    write_workspace(tmp_path, {"__deployment__.py": edited_source})
    edited = json.loads(check(tmp_path, "--output-format", "sarif").stdout)["runs"][0]["results"]
    assert edited[0]["ruleId"] == "DM210" and edited[0]["partialFingerprints"] != before["DM210"]
