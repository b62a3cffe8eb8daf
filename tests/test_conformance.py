"""The interpreter's soundness contract, checked against CPython itself.

Hypothesis writes module-level programs from the constructs workspaces use: constants,
containers and their in-place changes, functions with defaults, closures, `global` and
`nonlocal`, decorators that register, classes with methods, properties, class methods
and `super()`, enums, dataclasses, named tuples, loops with `break`/`else`,
comprehensions, generators consumed by builtins, `try`/`except`, `match`, string
formatting. Each program is run by CPython (it is the test's own code: `exec` here runs
what this file generated, never a workspace) and by the interpreter. Every name CPython
binds to plain data must be, in the interpreter, equal or Unknown — never different; a
program CPython fails must be reported as failing, or as failing maybe (a notice): an
Unknown value that nothing reads is not enough, as it prints a manifest.

The number of programs is `CONFORMANCE_EXAMPLES` (default 1,500 in CI).
"""

from __future__ import annotations

import dataclasses
import enum
import os
import sys
import tempfile
import textwrap
import types
from pathlib import Path

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.python.values import Instance, Raised, Unknown, deep_poison
from dlt_manifest.source.workspace import Workspace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("CONFORMANCE_EXAMPLES", "1500"))

NAMES = ["a", "b", "c", "items", "table", "label", "count", "flag"]
WORDS = ["eu", "us", "daily", "x", "orders", "Load", "0 8 * * *", ""]


# --- building programs ----------------------------------------------------------------------


@st.composite
def literal(draw):
    kind = draw(st.sampled_from(["int", "str", "float", "bool", "none", "list", "dict", "tuple"]))
    if kind == "int":
        return repr(draw(st.integers(-5, 20)))
    if kind == "str":
        return repr(draw(st.sampled_from(WORDS)))
    if kind == "float":
        return repr(draw(st.sampled_from([0.5, 1.0, 2.25, -3.0])))
    if kind == "bool":
        return draw(st.sampled_from(["True", "False"]))
    if kind == "none":
        return "None"
    if kind == "list":
        return "[" + ", ".join(draw(st.lists(st.sampled_from(["1", "2", "'a'", "'b'", "3"]), max_size=4))) + "]"
    if kind == "tuple":
        return "(" + "".join(f"{x}, " for x in draw(st.lists(st.sampled_from(["1", "'a'", "2"]), max_size=3))) + ")"
    keys = draw(st.lists(st.sampled_from(["'k'", "'m'", "'n'"]), max_size=3, unique=True))
    return "{" + ", ".join(f"{k}: {draw(st.integers(0, 9))}" for k in keys) + "}"


def expression(names):
    """An expression over the names bound so far."""
    simple = st.one_of(literal(), st.sampled_from(names)) if names else literal()
    return st.one_of(
        simple,
        st.builds(lambda x, y, op: f"({x} {op} {y})", simple, simple, st.sampled_from(["+", "*", "-", "==", "<", "and", "or", "in"])),
        st.builds(lambda x: f"len({x})", simple),
        st.builds(lambda x: f"str({x})", simple),
        st.builds(lambda x: f"f'<{{{x}!r}}>'", simple),
        st.builds(lambda x: f"[v for v in {x} if v]", simple),
        st.builds(lambda x: f"sorted({x}, key=str)", simple),
        st.builds(lambda x, y: f"({x} if {y} else {x})", simple, simple),
        st.builds(lambda x: f"list(reversed({x}))", simple),
        st.builds(lambda x: f"any(v for v in {x})", simple),
        st.builds(lambda x: f"'-'.join(str(v) for v in {x})", simple),
        st.builds(lambda x: f"'%s/%r' % ({x}, {x})", simple),
    )


@st.composite
def statement(draw, names):
    """One module-level statement (possibly compound) and the names it binds."""
    kind = draw(st.sampled_from([
        "assign", "assign", "augment", "append", "function", "closure", "registry", "class",
        "enum", "dataclass", "namedtuple", "loop", "while", "try", "match", "global", "mutate",
        "unpack", "generator", "property",
    ]))  # fmt: skip
    target = draw(st.sampled_from(NAMES))
    value = draw(expression(names))
    if kind == "assign":
        return f"{target} = {value}\n", [target]
    if kind == "augment" and names:
        other = draw(st.sampled_from(names))
        return f"{other} += {value}\n", [other]
    if kind == "append" and names:
        other = draw(st.sampled_from(names))
        return f"{other}.append({value})\n", []
    if kind == "function":
        return (
            f"def f_{target}(p, q={draw(literal())}, *rest, **kw):\n"
            f"    r = [p, q, len(rest), sorted(kw)]\n"
            f"    return r\n"
            f"{target} = f_{target}({value}, k=1)\n"
        ), [target]
    if kind == "closure":
        return (
            f"def make_{target}(base):\n"
            f"    seen = []\n"
            f"    def add(x):\n"
            f"        nonlocal base\n"
            f"        base = base + 1 if isinstance(base, int) else base\n"
            f"        seen.append(x)\n"
            f"        return (base, list(seen))\n"
            f"    return add\n"
            f"_{target}_add = make_{target}({draw(st.integers(0, 5))})\n"
            f"_{target}_add({value})\n"
            f"{target} = _{target}_add('z')\n"
        ), [target]
    if kind == "registry":
        return (
            f"REG_{target} = []\n"
            f"def reg_{target}(fn):\n"
            f"    REG_{target}.append(fn.__name__)\n"
            f"    return fn\n"
            f"@reg_{target}\n"
            f"def job_{target}():\n"
            f"    '''doc'''\n"
            f"{target} = (REG_{target}, job_{target}.__doc__, job_{target}.__name__)\n"
        ), [target]
    if kind == "class":
        return (
            f"class Base_{target}:\n"
            f"    kind = 'base'\n"
            f"    def __init__(self, v):\n"
            f"        self.v = v\n"
            f"    def show(self):\n"
            f"        return f'{{self.kind}}:{{self.v!r}}'\n"
            f"    @classmethod\n"
            f"    def make(cls):\n"
            f"        return cls({value})\n"
            f"class Child_{target}(Base_{target}):\n"
            f"    kind = 'child'\n"
            f"    def show(self):\n"
            f"        return super().show() + '!'\n"
            f"{target} = [Child_{target}.make().show(), Base_{target}(1).show(), Child_{target}.__mro__[1].__name__]\n"
        ), [target]
    if kind == "enum":
        mixin = draw(st.sampled_from(["", "str, ", "int, "]))
        values = ["'a'", "'b'"] if mixin != "int, " else ["1", "2"]
        return (
            f"import enum\n"
            f"class E_{target}({mixin}enum.Enum):\n"
            f"    ONE = {values[0]}\n"
            f"    TWO = {values[1]}\n"
            f"    def label(self):\n"
            f"        return self.name.lower()\n"
            f"{target} = [E_{target}.ONE.value, E_{target}.TWO.name, [m.label() for m in E_{target}],"
            f" str(E_{target}.ONE), E_{target}({values[1]}).name, repr(E_{target}.TWO)]\n"
        ), [target]
    if kind == "dataclass":
        return (
            f"import dataclasses\n"
            f"@dataclasses.dataclass\n"
            f"class D_{target}:\n"
            f"    name: str\n"
            f"    tags: list = dataclasses.field(default_factory=list)\n"
            f"    n: int = 3\n"
            f"    def __post_init__(self):\n"
            f"        self.tags.append(self.name)\n"
            f"_d_{target} = D_{target}('x', n=4)\n"
            f"{target} = [repr(_d_{target}), dataclasses.asdict(dataclasses.replace(_d_{target}, n=5)),"
            f" _d_{target} == D_{target}('x', ['x'], 4)]\n"
        ), [target]
    if kind == "namedtuple":
        return (
            f"from typing import NamedTuple\n"
            f"class T_{target}(NamedTuple):\n"
            f"    x: int\n"
            f"    y: str = 'd'\n"
            f"_t_{target} = T_{target}(1)\n"
            f"{target} = [_t_{target}.y, list(_t_{target}), repr(_t_{target}), _t_{target}._replace(x=2)[0], isinstance(_t_{target}, tuple)]\n"
        ), [target]
    if kind == "loop":
        return (
            f"{target} = []\n"
            f"for i, w in enumerate({draw(literal())} if False else ['a', 'b', 'c', 'd']):\n"
            f"    if i == {draw(st.integers(0, 4))}:\n"
            f"        break\n"
            f"    if w == 'b':\n"
            f"        continue\n"
            f"    {target}.append((i, w))\n"
            f"else:\n"
            f"    {target}.append('done')\n"
        ), [target]
    if kind == "while":
        return (
            f"{target} = 0\n"
            f"_n_{target} = {draw(st.integers(0, 6))}\n"
            f"while _n_{target} > 0:\n"
            f"    {target} += _n_{target}\n"
            f"    _n_{target} -= 2\n"
        ), [target]
    if kind == "try":
        key = draw(st.sampled_from(["'k'", "'zz'"]))
        handler = draw(st.sampled_from(["KeyError", "LookupError", "Exception", "(ValueError, KeyError)"]))
        return (
            f"try:\n"
            f"    {target} = {{'k': 1}}[{key}]\n"
            f"except {handler} as e:\n"
            f"    {target} = str(e)\n"
            f"else:\n"
            f"    {target} = ({target}, 'else')\n"
            f"finally:\n"
            f"    _f_{target} = 1\n"
        ), [target]
    if kind == "match":
        subject = draw(st.sampled_from(["[1, 2, 3]", "{'k': 1, 'm': 2}", "'x'", "(1, 'a')", "5"]))
        return (
            f"match {subject}:\n"
            f"    case [first, *rest]:\n"
            f"        {target} = (first, rest)\n"
            f"    case {{'k': v, **others}}:\n"
            f"        {target} = (v, others)\n"
            f"    case str() as s if s:\n"
            f"        {target} = s * 2\n"
            f"    case int(n) | float(n):\n"
            f"        {target} = n + 1\n"
            f"    case _:\n"
            f"        {target} = None\n"
        ), [target]
    if kind == "global":
        return (
            f"{target} = 0\n"
            f"def bump_{target}(k):\n"
            f"    global {target}\n"
            f"    {target} += k\n"
            f"    return {target}\n"
            f"bump_{target}(2)\n"
            f"bump_{target}(3)\n"
        ), [target]
    if kind == "mutate":
        return (
            f"{target} = {{'tags': ['a']}}\n"
            f"def add_{target}(d, tag):\n"
            f"    d.setdefault('tags', []).append(tag)\n"
            f"    d['n'] = len(d['tags'])\n"
            f"add_{target}({target}, {value!s})\n"
        ), [target]
    if kind == "unpack":
        return f"{target}, *_rest_{target} = ({value}, 1, 2)\n", [target]
    if kind == "generator":
        return (
            f"_g_{target} = (v * 2 for v in [1, 2, 3, 4])\n"
            f"_first_{target} = next(_g_{target})\n"
            f"{target} = (_first_{target}, sum(_g_{target}), list(_g_{target}))\n"
        ), [target]
    return (
        f"class P_{target}:\n"
        f"    def __init__(self):\n"
        f"        self._v = {value}\n"
        f"    @property\n"
        f"    def v(self):\n"
        f"        return [self._v]\n"
        f"    @v.setter\n"
        f"    def v(self, value):\n"
        f"        self._v = value\n"
        f"_p_{target} = P_{target}()\n"
        f"_p_{target}.v = 'set'\n"
        f"{target} = _p_{target}.v\n"
    ), [target]


@st.composite
def program(draw):
    names: list = []
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        code, bound = draw(statement(names))
        lines.append(code)
        names.extend(n for n in bound if n not in names)
    return "".join(lines)


# --- comparing ----------------------------------------------------------------------------------


class _Skip(Exception):
    """A value the comparison does not look at (functions, objects of classes)."""


def canonical(value, depth: int = 0):
    """Plain data in a form both runs can be compared in (enum members and named tuples by
    what they show, objects of classes skipped)."""
    if depth > 20:
        raise _Skip
    if isinstance(value, enum.Enum):
        return ("enum", type(value).__name__, value.name, canonical(value.value, depth + 1))
    if isinstance(value, tuple) and type(value) is not tuple:
        return ("namedtuple", type(value).__name__, tuple(canonical(v, depth + 1) for v in value))
    if isinstance(value, (str, int, float, bool, type(None), bytes)):
        return (type(value).__name__, value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(canonical(v, depth + 1) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((canonical(k, depth + 1), canonical(v, depth + 1)) for k, v in value.items()))
    raise _Skip


def run_cpython(source: str):
    """The program run as the runtime imports it: its own `__future__` imports only, and
    its module in `sys.modules` while it runs (dataclasses read it)."""
    module = types.ModuleType("__deployment__")
    namespace = module.__dict__
    sys.modules["__deployment__"] = module
    try:
        exec(compile(source, "<generated>", "exec", dont_inherit=True), namespace)  # the test's own program
    except Exception as ex:  # noqa: BLE001  (any failure of the generated program)
        return None, type(ex).__name__
    finally:
        sys.modules.pop("__deployment__", None)
    return namespace, None


def run_interpreter(source: str):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "__deployment__.py").write_text(source)
        interp = Interpreter(Workspace(folder))
        module = interp.run_deployment()
        return module.namespace, interp


CHECKED = {"programs": 0, "values": 0, "unknown": 0, "failing": 0}


# derandomized: CI checks the same programs every run (CONFORMANCE_RANDOM=1 explores)
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("CONFORMANCE_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(program())
def test_values_equal_cpythons_or_unknown(source: str) -> None:
    expected, error = run_cpython(source)
    namespace, interp = run_interpreter(source)
    CHECKED["programs"] += 1
    if error is not None:
        # CPython fails: the interpreter must say the import fails or that it cannot know
        CHECKED["failing"] += 1
        assert interp.failures or interp.notices, (
            f"CPython raises {error} but the interpreter finds no failure:\n{source}"
        )
        return
    assert not interp.failures, f"the interpreter reports {interp.failures[0].exc}: {interp.failures[0].message}\n{source}"
    for name, value in expected.items():
        if name.startswith("__") or name not in NAMES:
            continue
        try:
            wanted = canonical(value)
        except _Skip:
            continue
        mine = namespace.get(name)
        if deep_poison(mine) is not None or isinstance(mine, Unknown):
            CHECKED["unknown"] += 1
            continue
        assert not isinstance(mine, (Raised, Instance)), (name, mine, source)
        assert canonical(mine) == wanted, f"{name}: interpreter {mine!r} != CPython {value!r}\n{source}"
        CHECKED["values"] += 1


def test_zz_report_counts() -> None:
    """How much the suite checked (printed with -s; runs after the property test)."""
    print(f"\nconformance: {CHECKED}")


def test_a_known_difference_is_caught() -> None:
    """The comparison is not vacuous: a value the interpreter got wrong would fail it."""
    source = textwrap.dedent(
        """
        a = [3, 1, 2]
        a.sort()
        """
    )
    expected, _ = run_cpython(source)
    assert canonical(expected["a"]) != canonical([3, 1, 2])


_ = dataclasses  # the generated programs import it themselves
