"""Safety: the analyzer never runs, imports or writes anything of the workspace, and
starts no process.

An audit hook (PEP 578) sees every code execution, compilation, import, file open,
process and socket of the interpreter. It is installed in a child process (hooks cannot
be removed) before anything of dlt_manifest or its dependencies is imported, and the CLI
then runs in-process over the whole corpus (tests/audit_child.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from corpus_util import cases

CHILD = Path(__file__).with_name("audit_child.py")


def test_no_execution_no_import_no_write_over_the_corpus() -> None:
    out = subprocess.run([sys.executable, str(CHILD)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["analyzed"] == len(cases())
    assert report["violations"] == []
    assert set(report["exit_codes"]) <= {0, 1}


def test_the_hook_catches_violations(tmp_path) -> None:
    """The same hook flags a process started through a dependency (platform.architecture
    runs `file`, as croniter's import did), workspace code compiled and executed, and a
    write."""
    env = dict(os.environ, AUDIT_SELF_TEST=str(tmp_path))
    out = subprocess.run([sys.executable, str(CHILD)], capture_output=True, text=True, timeout=120, env=env)
    violations = json.loads(out.stdout)["violations"]
    assert any(v.startswith("subprocess.Popen") and "'file'" in v for v in violations), violations
    assert any(v.startswith("compile of") and "corpus" in v for v in violations), violations
    assert any(v.startswith("exec of") and "corpus" in v for v in violations), violations
    assert any(v.startswith("open for writing") for v in violations), violations


def test_croniter_is_imported_without_a_process() -> None:
    """Issue 13.1: importing croniter ran `file` through PATH; through dlt_manifest.dlt.cron
    it starts nothing (checked in a fresh interpreter, hook first)."""
    script = (
        "import sys\nseen = []\n"
        "sys.addaudithook(lambda e, a: seen.append(e) if e.startswith(('subprocess', 'os.posix_spawn', 'os.exec', 'os.fork')) else None)\n"
        "from dlt_manifest.dlt.cron import croniter\n"
        "assert croniter.is_valid('0 8 * * *')\n"
        "print(seen)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
