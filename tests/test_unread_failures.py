"""A statement nobody reads that fails the import still fails it: for each expression
below (bound to a name) and each statement, at the top of a module the deployment
imports (or of the deployment) whose values nothing reads,
CPython (this test's own) either raises or not. Where it raises, the analysis must not
print a manifest (it reports the failure, or that the import may fail there); where it
does not, the analysis must print one for most of them (it is no refusal of everything).

Not listed, as the README's "Assumed" says: calls of installed packages and of the stdlib
modules not modeled (`json.loads("{")`), and operations on values that are not known
statically by design (a path of the file system, `str()` of a class)."""

from __future__ import annotations

import os
import sys
import tempfile

import pytest
from dlt_manifest.analysis import analyze

from cpython_util import run_programs

HEADER = """import collections, datetime, enum, functools, os
from datetime import datetime as dt, timedelta, date
from enum import Enum
from decimal import Decimal
from dataclasses import dataclass
class Color(Enum):
    RED = "red"
    BLUE = "blue"
class K:
    def __init__(self, n=1):
        self.n = n
def f(x=1):
    return x
"""

EXPRESSIONS = """
Color("green")
Color("red")
Color.RED
Color.GREEN
dt(2024, 13, 1)
dt(2024, 1, 1) + 1
timedelta(days="1")
Decimal("abc")
f"{1:q}"
"{x}".format(y=1)
int("abc")
K(1, 2)
K(m=1)
f(1, 2)
len(K())
K() + 1
K() < K()
K() == K()
K()[0]
K().missing
K().n
f.missing
f.__name__
f.__code__
f.__wrapped__
Color.RED + 1
Color.RED < Color.BLUE
os.path.join("a", 1)
functools.partial(1)
functools.partial(f, 1)
dataclass(K)(1)
sorted([1, "a"])
max([])
min(1)
dict([1])
list(1)
tuple(K())
set([[1]])
{[1]: 2}
{(1, [2]): 3}
{"a": 1}["b"]
[1][2]
"abc".index("z")
"a" * K()
isinstance(1, 1)
isinstance(K(), K)
issubclass(K, 1)
getattr(K(), "zz")
getattr(f, "missing", 2)
hasattr(K(), 1)
round("a")
abs("a")
range(1.5)
enumerate(1)
enumerate([1])
zip(1)
zip([1], "a")
map(f, 2)
filter(None, 3)
iter(1)
iter([1])
sum(["a"])
date.fromisoformat("2024-02-30")
[*K()]
{**K()}
f(**1)
f(**{"x": 1})
dict(**{1: 2})
"%d" % "a"
"%s %s" % (1,)
"{0} {1}".format(1)
format(1, "q")
divmod(1, 0)
divmod(7, 2)
1 / 0
pow(2, 3, 0)
int("1", base=1)
chr(-1)
ord("ab")
"a".encode("nope")
"a".encode("utf-8")
b"\\xff".decode()
float("x")
type("X", (), {})(1)
super()
next(iter([]))
frozenset([[1]])
dt(2024, 1, 1).replace(month=13)
date(2024, 1, 1) - 1
"""

# `\n` stands for a line break
STATEMENTS = r"""
class A(K, K): pass
class A(1): pass
class A(f): pass
class A(object, K): pass
class A(K): pass
class E2(Enum):\n    A = 1\n    A = 2
class E2(Enum):\n    A = 1\n    B = 1
class E2(Enum):\n    A = 1\n    def m(self): pass\n    def m(self): return 1
class E3(Color): pass
@dataclass\nclass D:\n    x: int = 1\n    y: int
@dataclass\nclass D:\n    x: list = []
@dataclass\nclass D:\n    x: int\nD()
@dataclass\nclass D:\n    x: int = 1\nD()
@1\ndef g(): pass
def g(x=K() + 1): pass
def g(*, x=[1][5]): pass
class S:\n    __slots__ = ("a",)\n    a = 1
class S:\n    __slots__ = 1
class S:\n    __slots__ = ("a",)
class A(metaclass=1): pass
class A(x=1): pass
for x in 1: pass
for x in K(): pass
for x in [1, 2]: pass
a, b = 1
a, b = [1, 2, 3]
a, *b, c = [1]
a, *b, c = [1, 2]
del undefined_name
x = undefined_name
assert 1 == 2
raise ValueError("x")
raise 1
with K(): pass
try:\n    1 / 0\nexcept ZeroDivisionError:\n    pass
try:\n    1 / 0\nexcept K:\n    pass
x = [i for i in 1]
x = {k: v for k, v in [1]}
x = (lambda: 1)(2)
class A:\n    def m(self): pass\nA.m()
class A:\n    def __init__(self): return 1\nA()
class A:\n    def __init__(self):\n        self.x = 1 / 0\nA()
class A:\n    @property\n    def p(self): return 1 / 0\nA().p
class A:\n    @property\n    def p(self): return 1\nA().p = 2
class A:\n    def __eq__(self, o): return 1 / 0\nA() == A()
class A:\n    def __len__(self): return -1\nlen(A())
class A:\n    def __iter__(self): return 1\nlist(A())
class A:\n    def __getitem__(self, k): return 1 / 0\nA()[0]
class A:\n    def __add__(self, o): return 1 / 0\nA() + 1
class A:\n    def __bool__(self): return 1\nbool(A())
class A:\n    def __hash__(self): return "x"\nhash(A())
class A:\n    def __str__(self): return 1\nstr(A())
class A:\n    def __init_subclass__(cls): 1 / 0\nclass B(A): pass
class A:\n    def __set_name__(self, o, n): 1 / 0\nclass B:\n    a = A()
class A:\n    x = 1 / 0
def g(**kw): pass\ng(**{"a": 1}, a=2)
def g(): yield 1 / 0\nX = list(g())
X = dict.fromkeys([[1]])
X = "%(a)s" % {"b": 1}
X = "{0[1]}".format([1])
X = f"{K():>10}"
X = f"{K()}"
X = -K()
X = list.append(1, 2)
X = list.bogus
X = bytes.fromhex("zz")
X = collections.namedtuple("P", "a a")
X = collections.namedtuple("P", "a _b")
X = collections.namedtuple("P", "a b", defaults=[1, 2, 3])
X = collections.namedtuple("P", "a b", defaults=[1])
class E(ConnectionError): pass
class E(TimeoutError): pass
X = issubclass(K, object)
X = slice(1, 2)
X = Color["RED"]
X = Color["GREEN"]
X = Color["RED"].value + 1
"""


@pytest.mark.parametrize("shape", ["module", "deployment"])
def test_an_unread_failure_fails_the_import(shape: str) -> None:
    expressions = [f"X = {line}" for line in EXPRESSIONS.splitlines() if line.strip()]
    expressions += [line.replace("\\n", "\n") for line in STATEMENTS.splitlines() if line.strip()]
    programs = [f"{HEADER}{expression}\nY = 1\n" for expression in expressions]
    truth = run_programs(sys.executable, programs)
    wrong, printed, succeeded = [], 0, 0
    with tempfile.TemporaryDirectory() as folder:
        deployment = os.path.join(folder, "__deployment__.py")
        for expression, program, raised in zip(expressions, programs, truth):
            if shape == "module":
                with open(os.path.join(folder, "m.py"), "w") as handle:
                    handle.write(program)
                with open(deployment, "w") as handle:
                    handle.write("from m import Y\n__all__ = []\n")
            else:
                with open(deployment, "w") as handle:
                    handle.write(program + "__all__ = []\n")
            result = analyze(folder, python_version=sys.version_info[:2])
            if raised is not None and result.manifest is not None:
                wrong.append(f"{expression}  ({raised})")
            succeeded += raised is None
            printed += raised is None and result.manifest is not None
    assert not wrong, "CPython's import fails, a manifest is printed:\n" + "\n".join(wrong)
    assert succeeded >= 15 and printed >= 0.8 * succeeded, (printed, succeeded)


def test_a_librarys_subscript_is_assumed_to_succeed() -> None:
    """`dlt.sources.incremental[str]` in a resource's signature (as dlt's docs write it):
    an installed package's class takes its own subscript, as its calls are assumed to
    succeed; only the workspace's and CPython's own objects are refused."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "m.py"), "w") as handle:
            handle.write(
                "import dlt\n\n@dlt.resource\n"
                "def orders(updated: dlt.sources.incremental[str] = dlt.sources.incremental('updated_at')):\n"
                "    yield {}\n\nY = 1\n"
            )
        with open(os.path.join(folder, "__deployment__.py"), "w") as handle:
            handle.write("from m import Y\n__all__ = []\n")
        result = analyze(folder, python_version=sys.version_info[:2], dlt_version="1.27.2")
    assert result.manifest is not None, [d.message for d in result.errors]
