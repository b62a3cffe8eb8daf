"""Safety: the analyzer never runs, imports or writes anything of the workspace.

An audit hook (PEP 578) sees every code execution, compilation, import, file open,
process and socket of the interpreter. It runs in a child process (hooks cannot be
removed) over the whole corpus."""

from __future__ import annotations

import json
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


def test_the_hook_catches_violations(tmp_path) -> None:
    """The hook is not vacuous: the same checks flag a real import and exec."""
    script = (
        "import sys, os\n"
        f"sys.path.insert(0, {str(CHILD.parent)!r})\n"
        "seen = []\n"
        "sys.addaudithook(lambda e, a: seen.append(e))\n"
        "exec('x = 1')\n"
        "open(os.path.join(" + repr(str(tmp_path)) + ", 'f'), 'w').close()\n"
        "print(','.join(sorted(set(e for e in seen if e in ('exec', 'open', 'compile')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert set(out.stdout.strip().split(",")) >= {"exec", "open", "compile"}
