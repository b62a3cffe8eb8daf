"""Fixes (`check --fix`, `--diff`, `--unsafe-fixes`, and `fix` in JSON / SARIF output).

On copies of the corpus cases with fixable findings: after `check --fix`, no finding of a
fixed rule is left that had a fix, the files differ from the originals exactly by the
edits the JSON output announced, and for some cases dlt's own generator (the oracle's
document of the fixed copy, committed in tests/data/fixed/) gives our manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from corpus_util import CORPUS, canonical, command, pinned
from dlt_manifest.fixes import FIXABLE, apply_edits
from dlt_manifest.rules import ALL_RULES
from workspace_util import write_workspace

HEAD = "from dlt.hub import run\nfrom dlt.hub.run import trigger\n\n"
FIXED = Path(__file__).parent / "data" / "fixed"
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text())


def run(workspace, *args):
    return subprocess.run(
        command() + pinned(["check", *args, str(workspace)]),
        capture_output=True, text=True, cwd=workspace, env=dict(os.environ, NO_COLOR="1"),
    )


def findings(workspace) -> list:
    return json.loads(run(workspace, "--output-format", "json").stdout)


def _files(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.py"))}


def _fixable_cases() -> list:
    return sorted(
        case.name for case in CORPUS.iterdir()
        if (case / "expected.diagnostics").is_file()
        and any(f" {code} " in (case / "expected.diagnostics").read_text() for code in FIXABLE)
    )  # fmt: skip


def test_rule_metadata_matches_the_fixes() -> None:
    assert {r.code for r in ALL_RULES if r.fixable} == FIXABLE
    doc = (Path(__file__).parent.parent / "docs" / "rules.md").read_text()
    assert doc.count("· fixable") == len(FIXABLE)


@pytest.mark.parametrize("case", _fixable_cases())
def test_fix_corpus_case(case: str, tmp_path) -> None:
    shutil.copytree(CORPUS / case, tmp_path / case)
    workspace = tmp_path / case
    before = _files(workspace)
    rows = findings(workspace)
    announced = [r for r in rows if r["fix"] is not None]
    assert all(r["code"] in FIXABLE for r in announced)
    edits: dict = {}
    for row in announced:
        for e in row["fix"]["edits"]:
            edits.setdefault(e["path"], []).append(e)

    out = run(workspace, "--fix")
    assert "internal error" not in out.stderr
    after = _files(workspace)
    # the files differ exactly by the announced edits (none of them overlap on the corpus)
    expected = dict(before)
    for path, file_edits in edits.items():
        expected[path] = apply_edits(before[path], [_edit(e) for e in file_edits])
    assert after == expected
    assert (after != before) == bool(announced)
    # no finding that had a fix is left; what is left of the fixable rules had none
    left = findings(workspace)
    fixed_places = {(r["code"], r["path"], r["line"], r["column"]) for r in announced}
    assert not [r for r in left if r["fix"] is not None]
    unfixed = [r for r in rows if r["code"] in FIXABLE and r["fix"] is None]
    assert sorted((r["code"], r["message"]) for r in left if r["code"] in FIXABLE) == sorted(
        (r["code"], r["message"]) for r in unfixed
    )
    assert len(fixed_places) == len(announced)
    # a second run has nothing to do
    assert run(workspace, "--fix").stderr.count("fixed") == 0
    document = FIXED / f"{case}.json"
    if document.is_file():  # dlt's own manifest of the fixed workspace
        oracle = json.loads(document.read_text())
        generated = subprocess.run(command() + pinned(["generate", str(workspace)]), capture_output=True, text=True)
        assert oracle["ok"] and generated.returncode == 0, generated.stderr
        assert canonical(json.loads(generated.stdout)) == canonical(oracle["manifest"])


def _edit(row: dict):
    from dlt_manifest.fixes import Edit

    return Edit(row["path"], row["line"], row["column"], row["end_line"], row["end_column"], row["content"])


def test_oracle_documents_of_fixed_cases_exist() -> None:
    assert len(list(FIXED.glob("*.json"))) >= 3


# --- each fix, and where it is refused ----------------------------------------------------------


def _fixed(tmp_path, files: dict, *args) -> dict:
    write_workspace(tmp_path, files)
    run(tmp_path, "--fix", *args)
    return _files(tmp_path)


def test_duplicate_trigger_keeps_format_and_comments(tmp_path) -> None:
    source = HEAD + (
        "# the jobs\n@run.job(\n    trigger=[\n        \"0 8 * * *\",  # morning\n        \"deployment\",\n"
        "        trigger.schedule('0 8 * * *'),\n    ],  # end\n)\ndef j(): ...\n__all__ = ['j']  # listed\n"
    )
    fixed = _fixed(tmp_path, {"__deployment__.py": source})["__deployment__.py"]
    assert fixed == source.replace("        trigger.schedule('0 8 * * *'),\n", "")


def test_duplicate_trigger_in_a_shared_variable_is_not_fixed(tmp_path) -> None:
    source = HEAD + "T = ['deployment', 'deployment']\n@run.job(trigger=T)\ndef j(): ...\n__all__ = ['j']\n"
    assert _fixed(tmp_path, {"__deployment__.py": source})["__deployment__.py"] == source
    assert [r["code"] for r in findings(tmp_path)] == ["DM121"]


def test_duplicate_with_a_comment_or_side_effect_is_not_fixed(tmp_path) -> None:
    source = HEAD + (
        "def t(): return 'deployment'\n"
        "@run.job(trigger=['deployment', t()])\ndef j(): ...\n"
        "@run.job(trigger=['deployment',\n    'deployment',  # again\n    'webhook:/x',\n])\ndef k(): ...\n__all__ = ['j', 'k']\n"
    )
    assert _fixed(tmp_path, {"__deployment__.py": source})["__deployment__.py"] == source


def test_duplicate_trigger_in_a_tuple(tmp_path) -> None:
    source = HEAD + "@run.job(trigger=('deployment', 'deployment'))\ndef j(): ...\n__all__ = ['j']\n"
    fixed = _fixed(tmp_path, {"__deployment__.py": source})["__deployment__.py"]
    assert fixed == source.replace("('deployment', 'deployment')", "('deployment',)")


def test_duplicate_tag(tmp_path) -> None:
    source = HEAD + "@run.job(expose={'tags': ['ops', 'daily', 'ops']})\ndef j(): ...\n__all__ = ['j']\n"
    fixed = _fixed(tmp_path, {"__deployment__.py": source})["__deployment__.py"]
    assert fixed == source.replace("['ops', 'daily', 'ops']", "['ops', 'daily']")


def test_all_gains_jobs_and_loses_missing_names(tmp_path) -> None:
    files = {
        "__deployment__.py": "from jobs import a, b, c\n\n__all__ = [\n    'a',\n    'gone',\n]\n",
        "jobs.py": HEAD + "@run.job\ndef a(): ...\n@run.job\ndef b(): ...\n@run.job\ndef c(): ...\n",
    }
    fixed = _fixed(tmp_path, files)["__deployment__.py"]
    assert fixed == "from jobs import a, b, c\n\n__all__ = [\n    'a',\n    'b',\n    'c',\n]\n"
    assert findings(tmp_path) == []


def test_all_changed_by_code_is_not_fixed(tmp_path) -> None:
    files = {
        "__deployment__.py": "from jobs import a, b\n\n__all__ = ['a']\n__all__ += []\n",
        "jobs.py": HEAD + "@run.job\ndef a(): ...\n@run.job\ndef b(): ...\n",
    }
    assert _fixed(tmp_path, files)["__deployment__.py"] == files["__deployment__.py"]


@pytest.mark.parametrize(
    ("start", "snapped"),
    [
        ("2026-01-01T06:30:00Z", "2026-01-01T06:00:00Z"),
        ("2026-01-01 06:30:00+02:00", "2025-12-31 08:00:00+02:00"),  # 04:30 UTC: the tick of the day before
        ("2026-01-02", "2026-01-01T06:00:00"),
    ],
)
def test_interval_start_snapped_as_written(tmp_path, start: str, snapped: str) -> None:
    source = HEAD + f'@run.job(trigger="0 6 * * *", interval={{"start": "{start}"}})\ndef j(): ...\n__all__ = ["j"]\n'
    fixed = _fixed(tmp_path, {"__deployment__.py": source})["__deployment__.py"]
    assert fixed == source.replace(start, snapped)
    assert findings(tmp_path) == []


def test_unsafe_fixes_write_triggers_as_stored(tmp_path) -> None:
    files = {
        "__deployment__.py": "from jobs import a, b\n__all__ = ['a', 'b']\n",
        "jobs.py": HEAD + "@run.job(trigger='0 8 * * *')\ndef a(): ...\n@run.job(trigger=[\"deployment\", a.success])\ndef b(): ...\n",
    }
    write_workspace(tmp_path, files)
    diff = run(tmp_path, "--diff")
    assert diff.returncode == 0 and diff.stdout == ""
    diff = run(tmp_path, "--diff", "--unsafe-fixes")
    assert diff.returncode == 1
    assert "-@run.job(trigger='0 8 * * *')\n+@run.job(trigger='schedule:0 8 * * *')\n" in diff.stdout
    assert '+@run.job(trigger=["deployment:", a.success])' in diff.stdout
    assert _files(tmp_path) == files  # --diff writes nothing
    generate = subprocess.run(command() + pinned(["generate", str(tmp_path)]), capture_output=True, text=True)
    run(tmp_path, "--fix", "--unsafe-fixes")
    again = subprocess.run(command() + pinned(["generate", str(tmp_path)]), capture_output=True, text=True)
    assert json.loads(again.stdout)["jobs"] == json.loads(generate.stdout)["jobs"]  # the same manifest


def test_sarif_results_carry_fixes(tmp_path) -> None:
    write_workspace(tmp_path, {"__deployment__.py": HEAD + "@run.job(expose={'tags': ['a', 'a']})\ndef j(): ...\n__all__ = ['j']\n"})
    document = json.loads(run(tmp_path, "--output-format", "sarif").stdout)
    jsonschema.validate(document, SCHEMA)
    (result,) = document["runs"][0]["results"]
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"].endswith("__deployment__.py")
    assert change["replacements"] == [
        {"deletedRegion": {"startLine": 4, "startColumn": 30, "endLine": 4, "endColumn": 35}, "insertedContent": {"text": ""}}
    ]


def test_usage_errors(tmp_path) -> None:
    write_workspace(tmp_path, {"__deployment__.py": "__all__ = []\n"})
    assert run(tmp_path, "--unsafe-fixes").returncode == 2
    assert run(tmp_path, "--fix", "--diff").returncode == 2
