"""Deferred values (`NAME = value` proven unable to raise, `source/noraise.py`) and
classes that only bind (`files._class_unit`) change nothing: generated modules that bind
such values and classes, rebind or delete what they read, read them at once, later or
never, give the values CPython gives (the module is this test's own code, run by
CPython), or CPython's failure. A name still pending when the module is
done is read last: the value must be the one it would have had in order. The whole
namespace, read first, has CPython's names in CPython's order."""

from __future__ import annotations

import tempfile
from pathlib import Path

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
import pytest
from dlt_manifest.python.deferral import NeedEager
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.python.values import Raised, Unknown, deep_poison
from dlt_manifest.source.workspace import Workspace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "T = ('a', 'b')", "T = ('x-y',)", "T = (1, 2)", "T = ()", "T = ('a', 1)", "S = 'a-b'", "S = 5", "N = 3",
    "X = [t.upper() for t in T]",
    "X = [f'{t}_p{n:02d}' for t in T for n in range(2)]",
    "X = [f'{t:>4}' for t in T if t]",
    "Y = {k: k.replace('-', '_') for k in (S, 'c-d')}",
    "Z = sorted(T)", "W = len(T)", "V = f'{S!r:>8}'", "U = '-'.join(T)", "P = {t for t in T}",
    "T = 5", "del T", "range = len", "S = S + 'x'", "R = X", "Q = (Y, Z)", "K = [X, W]",
    "def f():\n    return X", "F = f()", "globals()['T'] = (9,)", "L = list(T)", "import sys",
    "T = T + ('z',)", "X = 'rebound'",
    "def g() -> Missing:\n    pass", "def h(x: str = S) -> T:\n    return x", "H = h", "Missing = 1",
    # classes that only bind (deferred), and what tells them apart
    "class K:\n    \"\"\"Doc.\"\"\"\n    LIMIT = 3\n    def __init__(self, n: int = N):\n        self.n = n\n"
    "    @property\n    def size(self):\n        return self.n + self.LIMIT",
    "class J:\n    @staticmethod\n    def make(x=T):\n        return x\n    @classmethod\n    def c(cls, v=S) -> str:\n        return v",
    "class D:\n    def m(self, x=Missing):\n        pass", "class E:\n    __slots__ = ('a',)\n    a = 1",
    "property = None", "staticmethod = None", "N = 'n'", "KN = K().n", "KS = K(2).size", "JM = J.make()", "JC = J.c()",
    "KK = K", "del K", "K = 1",
]  # fmt: skip
VALUES = {"X", "Y", "Z", "W", "V", "U", "P", "L", "K", "J"}  # the names bound by values that may be deferred
DATA = (str, int, float, bool, tuple, list, dict, set, type(None))
USED = {"programs": 0, "pending": 0, "generated": 0}


def run_cpython(text: str):
    namespace: dict = {"__name__": "m"}
    try:
        exec(compile(text, "m.py", "exec", dont_inherit=True), namespace)  # the test's own generated program
    except Exception as ex:  # noqa: BLE001  (any failure of the generated program)
        return None, type(ex).__name__
    return namespace, None


def run_interpreter(folder: str, defer: bool):
    interp = Interpreter(Workspace(folder))
    interp.workspace.defer = defer
    interp.run_deployment()
    return interp, interp.modules.get("m")


@settings(max_examples=800, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=9))
def test_deferred_values_and_classes_give_cpythons(pieces: list) -> None:
    USED["generated"] += 1
    _compare("\n".join(pieces) + "\n")


# each: a statement that could be deferred, and what makes it raise unread in CPython
UNREAD = [
    "property = None\nclass K:\n    @property\n    def size(self):\n        return 1\n",
    "staticmethod = None\nclass K:\n    @staticmethod\n    def make():\n        return 1\n",
    "class E:\n    __slots__ = ('a',)\n    a = 1\n",
    "class E:\n    __qualname__ = 1\n",
    "class D:\n    def m(self, x=Missing):\n        pass\n",
    "class D:\n    def m(self) -> Missing:\n        pass\n",
    "def g() -> Missing:\n    pass\n",
    "T = (1, 2)\nU = '-'.join(T)\n",
    "T = ('a', 1)\nX = [f'{t:02d}' for t in T]\n",
    "S = 'x'\nX = [s.upper() for s in S]\n",
    "X = [n for n in range(10**6)]\n",
]


@pytest.mark.parametrize("text", UNREAD)
def test_a_statement_that_raises_unread_fails_the_import(text: str) -> None:
    _compare(text)


def _compare(text: str) -> None:
    expected, error = run_cpython(text)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "m.py").write_text(text)
        Path(folder, "__deployment__.py").write_text("import m\n")
        try:
            interp, module = run_interpreter(folder, True)
            pending = dict(module.namespace._deferrals.pending) if hasattr(module.namespace, "_deferrals") else {}
            order = [name for name in module.namespace if not name.startswith("__")]  # pending names: bound now
            values = {name: module.namespace.get(name) for name in (expected or {})}
        except NeedEager:
            interp, module = run_interpreter(folder, False)
            pending = {}
            order = [name for name in module.namespace if not name.startswith("__")]
            values = {name: module.namespace.get(name) for name in (expected or {})}
    USED["programs"] += 1
    USED["pending"] += bool(set(pending) & VALUES)
    if error is not None:
        assert [f.exc for f in interp.failures][:1] == [error], (text, interp.failures)
        return
    assert not interp.failures, (text, interp.failures)
    if module.open_namespace is None:  # (the whole namespace in CPython's order, pending names among it)
        assert order == [name for name in expected if not name.startswith("__")], (text, order)
    for name, value in expected.items():
        if name.startswith("__") or not isinstance(value, DATA):
            continue
        mine = values[name]
        if isinstance(mine, (Unknown, Raised)) or deep_poison(mine) is not None:
            continue
        assert mine == value and type(mine) is type(value), (text, name, mine, value)


def test_zz_deferral_was_exercised() -> None:
    if not USED["generated"]:
        pytest.skip("the generated modules ran in another process (pytest-xdist)")
    assert USED["programs"] >= 700, USED
    assert USED["pending"] >= 50, USED  # values left pending to the end, then read
