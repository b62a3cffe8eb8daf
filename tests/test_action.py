"""action.yml, the reusable GitHub Action: its check step, run as the runner would run
it (bash, the step's environment, $GITHUB_OUTPUT), writes valid SARIF for the upload
step and sets the exit code the last step fails with (issue 10)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from test_check import SCHEMA
from workspace_util import write_workspace

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
GOOD = "from dlt.hub import run\n\n@run.job(trigger='0 8 * * *')\ndef load(): ...\n__all__ = ['load']\n"


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name or s.get("uses", "").startswith(name))


def run_check_step(repo: Path, tmp_path: Path, **inputs) -> tuple:
    """The check step's script with the inputs' defaults (or `inputs`): (exit code
    written to $GITHUB_OUTPUT, the step's log)."""
    step = _step("dlt-manifest check")
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | inputs
    env = dict(os.environ, NO_COLOR="1", GITHUB_OUTPUT=str(tmp_path / "output"))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
    for key, value in step["env"].items():
        env[key] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], value)
    out = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr  # the step itself never fails: the last one does
    outputs = dict(line.split("=", 1) for line in (tmp_path / "output").read_text().splitlines())
    return int(outputs["exit-code"]), out.stdout


def test_the_action_uploads_sarif_and_fails_on_errors(tmp_path) -> None:
    assert ACTION["runs"]["using"] == "composite"
    upload = _step("github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert _step("Fail on errors")["if"] == "steps.check.outputs.exit-code != '0'"
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_workspace(repo / "deploy", {"__deployment__.py": GOOD.replace("0 8", "61 8")})
    code, log = run_check_step(repo, tmp_path)
    assert code == 1
    assert "deploy/__deployment__.py:3:18: DM101 [error]" in log and " 3 | @run.job(trigger='61 8 * * *')" in log
    sarif = json.loads((repo / "dlt-manifest.sarif").read_text())
    jsonschema.validate(sarif, SCHEMA)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "deploy/__deployment__.py"
    # --strict counts the "assumed target" warning too: a pinned workspace passes
    write_workspace(repo / "deploy", {"__deployment__.py": GOOD, "requirements.txt": "dlt[hub]==1.27.2\n", ".python-version": "3.11\n"})
    assert run_check_step(repo, tmp_path, args="--strict")[0] == 0
    assert run_check_step(repo, tmp_path, args="--select DM999")[0] == 2


def test_the_readme_recipe_uses_the_action() -> None:
    readme = (ROOT / "README.md").read_text()
    recipes = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", readme, re.S)]
    workflow = next(r for r in recipes if isinstance(r, dict) and "jobs" in r)
    job = next(iter(workflow["jobs"].values()))
    assert job["permissions"]["security-events"] == "write"
    assert any(step.get("uses", "").startswith("dlt-hub/dlt-manifest@") for step in job["steps"])
