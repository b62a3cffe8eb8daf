"""Every corpus case through the installed `dlt-manifest generate`, under every dlt release
the case has an oracle document for (`--dlt-version`), against that release's oracle.

- The oracle accepts the workspace: the printed manifest equals its manifest (canonical
  key order, `created_at` aside, numbers keep their type) and the exit code is 0 — or the
  tool refuses with static-limit errors only (DM9xx: it cannot know without running code).
- The oracle fails: exit code 1, nothing on stdout, at least one diagnostic.
- stderr equals the reviewed snapshot of that release
  (DLT_MANIFEST_UPDATE_SNAPSHOTS=1 rewrites snapshots; review the diff before committing).

The releases of one case run concurrently (the machine has more than one core).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from corpus_util import canonical, case_releases, expected, finish, releases_of, snapshot_path, start_generate

UPDATE = os.environ.get("DLT_MANIFEST_UPDATE_SNAPSHOTS") == "1"
_CODE = re.compile(r"^\S+:\d+:\d+: (DM\d{3}) ", re.M)
_RUNS: dict = {}  # case -> {release: CompletedProcess}


def _result(case: str, release: str):
    if case not in _RUNS:
        _RUNS.clear()  # cases run in order: keep one case's runs at a time
        started = {r: start_generate(case, r) for r in releases_of(case)}
        _RUNS[case] = {r: finish(p) for r, p in started.items()}
    return _RUNS[case][release]


@pytest.mark.parametrize("case,release", case_releases())
def test_case(case: str, release: str) -> None:
    oracle = expected(case, release)
    result = _result(case, release)
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, result.stderr
    codes = _CODE.findall(result.stderr)
    if oracle["ok"]:
        if result.returncode == 0:
            assert canonical(json.loads(result.stdout)) == canonical(oracle["manifest"])
            # the warnings dlt itself gives, word for word
            assert sorted(_runtime_warnings(result.stderr)) == sorted(oracle["warnings"])
        else:
            assert result.returncode == 1 and result.stdout == ""
            errors = [c for c in codes if _is_error_line(result.stderr, c)]
            assert errors and all(c.startswith("DM9") for c in errors), result.stderr
    else:
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        assert codes, "a failing workspace must be explained by at least one diagnostic"
    snapshot = snapshot_path(case, release)
    if UPDATE:
        snapshot.write_text(result.stderr)
    assert snapshot.is_file(), f"no reviewed snapshot for {case} under {release}"
    assert result.stderr == snapshot.read_text()


def _runtime_warnings(stderr: str) -> list:
    from dlt_manifest.rules import BY_CODE

    out = []
    for line in stderr.splitlines():
        match = re.match(r"^\S+:\d+:\d+: (DM\d{3}) \[(?:error|warning)\] (.*)$", line)
        if match and BY_CODE[match.group(1)].runtime and BY_CODE[match.group(1)].severity.value == "warning":
            out.append(match.group(2))
    return out


def _is_error_line(stderr: str, code: str) -> bool:
    from dlt_manifest.rules import BY_CODE
    from dlt_manifest.rules.diagnostics import Severity

    return BY_CODE[code].severity is Severity.ERROR
