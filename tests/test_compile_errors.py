"""A module CPython's parser accepts and its compiler rejects fails its import: the
SyntaxError (message, line, column) is CPython's own, and finding it opens no file."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap

import pytest
from dlt_manifest.source.files import load_source

# each is accepted by `ast.parse` and rejected by `compile` (symtable, future or codegen)
REJECTED = [
    "x = 1\nreturn 5\n",
    "for x in ():\n    pass\nbreak\n",
    "def f():\n    continue\n",
    "x = 1\nfrom __future__ import annotations\n",
    "from __future__ import braces\n",
    "def f(a, a):\n    pass\n",
    "nonlocal x\n",
    "def f():\n    x = 1\n    global x\n",
    "await x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "match v:\n    case x:\n        pass\n    case 1:\n        pass\n",
    "*a = 1\n",
    "def f():\n    def g():\n        nonlocal y\n",
    "class A:\n    def m(self):\n        return [(yield) for _ in ()]\n",
]


def _cpython(text: str) -> SyntaxError:
    try:
        compile(text, "m.py", "exec", dont_inherit=True)  # the test's own text, never run
    except SyntaxError as ex:
        return ex
    raise AssertionError(f"CPython compiles {text!r}")


@pytest.mark.parametrize("text", REJECTED)
def test_compiler_errors_are_cpythons(tmp_path, text: str) -> None:
    ast.parse(text)  # the parser accepts it: only the compiler can tell
    expected = _cpython(text)
    path = tmp_path / "m.py"
    path.write_text(text)
    source = load_source(str(path), "m.py", root=str(tmp_path), defer=True)
    assert source.problem_kind == "syntax", (text, source.problem)
    assert source.problem == f"SyntaxError: {expected.msg}"
    span = source.problem_span
    assert (span.line, span.col) == (expected.lineno, expected.offset), text


_CHILD = """
import json, os, sys
opened = []
sys.addaudithook(lambda e, a: opened.append(a[0]) if e == "open" and isinstance(a[0], str) else None)
from dlt_manifest.source.files import load_source
root = sys.argv[1]
source = load_source(os.path.join(root, "m.py"), "m.py", root=root, defer=True)
print(json.dumps({"problem": source.problem, "opened": [p for p in opened if not p.endswith((".py", ".pyc")) or "m.py" in p]}))
"""


def test_finding_a_compiler_error_opens_no_file(tmp_path) -> None:
    """CPython quotes the line of a compiler error by opening the file it was told the
    text came from, relative to the working directory: a file outside the workspace (a
    FIFO there would block). The check names no file."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "m.py").write_text("x = 1\nreturn 5\n")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    (elsewhere / "m.py").write_text("return 5\nreturn 5\n")  # what a relative open would read
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_CHILD), str(root)],
        cwd=elsewhere, capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["problem"] == "SyntaxError: 'return' outside function"
    # the one file read is the module, in the workspace ("" is no file: that open fails)
    assert [p for p in report["opened"] if p] == [str(root / "m.py")], report["opened"]
