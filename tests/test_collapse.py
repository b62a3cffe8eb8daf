"""Positions found without LibCST's position codegen. LibCST does not see the blank and
comment-only lines between top-level statements (`files._collapse`), yet every position the
analysis reports is the file's: each name LibCST parsed spans, in the file as written,
exactly that name's text — through a statement's positions and through the whole module's
(the two ways `span_of` finds one). And a function's `def` line is found by order
(`SourceFile.def_line`), the line its span gives."""

from __future__ import annotations

import libcst as cst
import pytest
from dlt_manifest.source import files

MODULES = {
    "blanked bodies and comments": '''#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Doc."""

import os


# a comment between statements

def helper(rows, size=10):
    """Kept docstring."""
    out = []

    for row in rows:
        out.append(row)

    return out


@decorate(name="x",
          tags=["a", "b"])
def job(limit: int = 5):


    return limit



class Client:
    """A class: its method bodies are blanked inside its own lines."""

    def get(self, key):
        value = key

        return value

    def put(self, key, value):

        self.key = value

total = helper([1, 2]) + size
''',
    "a backslash continued onto a blank line": """x = 1 \\

y = x\\
# a comment line ends the statement above
z = y


def f():
    return 1 \\

w = z
""",
    "deferred statements": """A = 1


B = "two"

def f(v=A):
    return v

C = f()
""",
}


class _Names(cst.CSTVisitor):
    def __init__(self):
        super().__init__()
        self.found = []

    def visit_Name(self, node: cst.Name) -> None:
        self.found.append(node)


def _names(module: cst.Module):
    """(module-level statement, a Name node in it) for every name LibCST parsed."""
    for statement in module.body:
        names = _Names()
        statement.visit(names)
        yield from ((statement, name) for name in names.found)


@pytest.mark.parametrize("name", sorted(MODULES))
@pytest.mark.parametrize("defer", [False, True])
def test_positions_are_the_files(tmp_path, name, defer):
    path = tmp_path / "m.py"
    path.write_text(MODULES[name])
    source = files.load_source(str(path), "m.py", defer=defer)
    assert source.problem is None, source.problem
    assert source._line_map is not None  # lines were left out
    lines = MODULES[name].splitlines()
    checked = 0
    for statement, node in _names(source.module):
        for span in (source.span_of(node, statement), source.span_of(node)):
            assert span.line == span.end_line
            text = lines[span.line - 1][span.col - 1 : span.end_col - 1]
            assert text == node.value, (span, node.value)
            checked += 1
    assert checked >= 4


def test_what_libcst_sees_is_shorter(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(MODULES["blanked bodies and comments"])
    source = files.load_source(str(path), "m.py")
    assert len(source._line_map) == 23 < len(MODULES["blanked bodies and comments"].splitlines()) == 41


DEFS = '''import sys


@decorate
def top(a=1):
    x = 1
    return x


class C:
    def a(self):
        return 1

    if sys.version_info >= (3, 8):
        def b(self):
            return 2
    elif True:
        def b(self):
            return 3
    else:
        def b(self):
            pass

    try:
        def c(self):
            global G
            def inner():
                return 4
            return inner
    except ImportError:
        def c(self): return 5
    else:
        @staticmethod
        def d():
            return 6
    finally:
        class D:
            async def e(self):
                return 7

    match sys.platform:
        case "linux":
            def f(self):
                return 8
        case _:
            def f(self):
                return 9


def last(): pass
'''


def test_def_lines_are_the_span_lines(tmp_path):
    """`def_line` (CPython's line of each `def`, found by order) is the line its span
    gives (found by generating the statement's code), for every def LibCST sees."""
    path = tmp_path / "m.py"
    path.write_text(DEFS)
    source = files.load_source(str(path), "m.py")
    assert source.problem is None, source.problem
    checked = 0
    for statement in source.module.body:
        for node in files._cst_functions(statement):
            line = source.def_line(node, statement)
            assert line == source.span_of(node, statement).line, cst.Module([]).code_for_node(node)
            assert DEFS.splitlines()[line - 1].lstrip().startswith(("def ", "async def "))
            checked += 1
    assert checked == 13
