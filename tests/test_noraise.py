"""`noraise` against CPython: an expression proven unable to raise never raises when
CPython evaluates it (this file's own generated expressions, with the values the proof
was given), and it reads no name `free_names` did not list. The proofs must also happen:
the realistic shapes are proven, and enough generated ones are."""

from __future__ import annotations

import ast
import builtins
import warnings

import pytest
from dlt_manifest.source import noraise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

VALUES = [
    "x", "-ab", "", "ß", "a,b", 0, 5, -3, True, False, 1.5, float("nan"), None, (), ("a", "b"), (1, 2),
    ("a", 1), ((1, 2), (3,)), b"x", 10**100, 1j, ("created-at",), range,
]  # fmt: skip
NAMES = ["a", "b", "c"]
SPECS = ["", ">5", "02d", "05", ".2f", "x", "s", "=5", "+d", "<3s", "*^7", ",", "e", "%", ".1", "#x", "0>4", "d", "-<9"]
CALLS = ["len", "str", "repr", "sorted", "tuple", "list"]
TEMPLATES = {
    "add": "(@ + @)", "mul": "(@ * @)", "attr": "(@).real", "subscript": "(@)[0]", "ifexp": "(@ if @ else @)",
    "tuple": "(@, @)", "set": "{@, @}", "dict": "{@: @}",
}  # fmt: skip
_seen = {"proven": 0, "tried": 0}


@st.composite
def iterable(draw, depth):
    choice = draw(st.sampled_from(["name", "tuple", "range", "range2", "str", "call", "list"]))
    if choice == "name":
        return draw(st.sampled_from(NAMES))
    if choice == "tuple":
        return "(" + "".join(f"{draw(expression(depth + 1))}, " for _ in range(draw(st.integers(0, 3)))) + ")"
    if choice == "list":
        return "[" + ", ".join(draw(expression(depth + 1)) for _ in range(draw(st.integers(0, 3)))) + "]"
    if choice == "range":
        return f"range({draw(st.integers(-2, 5))})"
    if choice == "range2":
        return f"range({draw(st.integers(-3, 3))}, {draw(st.integers(-3, 6))}, {draw(st.sampled_from([1, 2, -1, 0]))})"
    if choice == "str":
        return repr(draw(st.sampled_from(["abc", ""])))
    return f"{draw(st.sampled_from(['sorted', 'tuple', 'list']))}({draw(st.sampled_from(NAMES))})"


@st.composite
def expression(draw, depth=0):
    if depth > 3:
        return draw(st.sampled_from(NAMES + ["1", "'s'", "''", "None", "2.5", "(1, 'x')", "b'q'", "-1", "True"]))
    kind = draw(st.sampled_from([
        "atom", "atom", "fstring", "comp", "setcomp", "dictcomp", "call", "method", "add", "compare",
        "ifexp", "boolop", "unary", "tuple", "set", "dict", "mul", "attr", "callcall", "subscript",
    ]))  # fmt: skip
    sub = expression(depth + 1)
    if kind == "atom":
        return draw(expression(depth=4))
    if kind == "fstring":
        parts = []
        for _ in range(draw(st.integers(1, 3))):
            conversion = draw(st.sampled_from(["", "!r", "!s", "!a"]))
            spec = draw(st.sampled_from(SPECS))
            parts.append("{" + draw(sub) + conversion + (":" + spec if spec else "") + "}" + draw(st.sampled_from(["", "_p", "-"])))
        return "f" + repr("".join(parts)).replace("\\\\", "\\")
    if kind in ("comp", "setcomp", "dictcomp"):
        clauses = f"for v in {draw(iterable(depth + 1))}"
        if draw(st.booleans()):
            clauses += f" for w in {draw(iterable(depth + 1))}"
        if draw(st.booleans()):
            clauses += f" if {draw(sub)}"
        element = draw(st.sampled_from(["v", "w", draw(sub)]))
        if kind == "comp":
            return f"[{element} {clauses}]"
        if kind == "setcomp":
            return "{" + f"{element} {clauses}" + "}"
        return "{" + f"{element}: {draw(st.sampled_from(['v', draw(sub)]))} {clauses}" + "}"
    if kind == "call":
        name = draw(st.sampled_from(CALLS + ["range", "abs"]))
        if name == "range":
            return draw(iterable(depth + 1))
        return f"{name}({draw(sub)})"
    if kind == "method":
        method = draw(st.sampled_from([
            "upper()", "strip()", "replace({}, {})", "split(',')", "split('')", "join({})", "startswith({})",
            "lower()", "isdigit()", "rstrip({})", "title()", "zfill(3)", "split()",
        ]))  # fmt: skip
        while "{}" in method:
            method = method.replace("{}", draw(sub), 1)
        return f"({draw(sub)}).{method}"
    if kind == "compare":
        op = draw(st.sampled_from(["==", "!=", "<", ">=", "in", "not in", "is"]))
        return f"({draw(sub)} {op} {draw(sub)})"
    if kind == "boolop":
        return f"({draw(sub)} {draw(st.sampled_from(['and', 'or']))} {draw(sub)})"
    if kind == "unary":
        return f"({draw(st.sampled_from(['not ', '-', '+']))}{draw(sub)})"
    if kind == "callcall":
        return f"{draw(st.sampled_from(CALLS))}({draw(sub)})({draw(sub)})"
    template = TEMPLATES[kind]  # each `@` an expression
    while "@" in template:
        template = template.replace("@", draw(sub), 1)
    return template


def _plain(value):
    return noraise.Builtin(value.__name__) if value is range else value


@settings(max_examples=3000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(expression(), st.lists(st.sampled_from(VALUES), min_size=3, max_size=3))
def test_what_is_proven_never_raises(text: str, picked: list) -> None:
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return
    names = noraise.free_names(node, costly_only=False)
    if names is None:
        return
    values = dict(zip(NAMES, picked))
    for name in CALLS + ["range", "abs"]:
        values[name] = getattr(builtins, name)
    given_values = {name: _plain(values[name]) for name in names if name in values}
    if len(given_values) != len(names):
        return  # a name nothing holds: no proof is asked for
    _seen["tried"] += 1
    if not noraise.cannot_raise(node, given_values):
        return
    _seen["proven"] += 1
    scope = {"__builtins__": {}, **{name: values[name] for name in names}}  # only the names it reads
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eval(compile(text, "<generated>", "eval"), scope)  # this test's own expression: must not raise


def test_zz_proofs_were_exercised() -> None:
    if not _seen["tried"]:
        pytest.skip("the generated expressions ran in another process (pytest-xdist)")
    assert _seen["tried"] > 1000, _seen
    assert _seen["proven"] > 150, _seen


def _proven(text: str, **values) -> bool:
    node = ast.parse(text, mode="eval").body
    names = noraise.free_names(node, costly_only=False)
    assert names is not None, text
    for name in ("range", "len", "sorted"):
        values.setdefault(name, noraise.Builtin(name))
    return noraise.cannot_raise(node, {name: values[name] for name in names})


def test_the_realistic_shapes_are_proven() -> None:
    tables = ("accounts", "accounts_items", "accounts_history")
    assert _proven('[f"{table}_p{n:02d}" for table in TABLES for n in range(4)]', TABLES=tables)
    assert _proven('{name: name.replace("-", "_") for name in ("created-at", "updated-at", "customer-id")}')
    assert _proven("sorted({'data-platform', 'analytics'})")
    assert _proven("{name: days for name in NAMES for days in (30, 7)}", NAMES=("raw", "staging"))


def test_what_may_raise_is_not_proven() -> None:
    assert not _proven('[f"{n:02d}" for n in T]', T=(1, "a"))  # format(str, "02d") raises
    assert not _proven("[x for x in range(10**6)]")  # too much work: the runtime's memory
    assert not _proven("sorted(T)", T=(1, "a"))  # int < str raises
    assert not _proven("'a' + 1")
    assert not _proven("(1, 2) + (3,)")  # only str + str and int + int are known
    assert not _proven('f"{x}"', x=10**5000)  # str() of it raises (CPython's digit limit)
    assert not _proven('[x for x in T]', T=print)  # a value it knows nothing of
    assert noraise.free_names(ast.parse("[y := 1]", mode="eval").body) is None  # binds a name
    assert noraise.free_names(ast.parse("f(**a)", mode="eval").body) is None
    # calls that are never proven are no deferred statement (parsed alone for nothing)
    assert noraise.free_names(ast.parse("dlt.pipeline(pipeline_name='x')", mode="eval").body) is None
    assert noraise.free_names(ast.parse("_Cache()", mode="eval").body) is None
    assert noraise.free_names(ast.parse("run.job(trigger='x')(f)", mode="eval").body) is None
    assert noraise.free_names(ast.parse("[str][0](1)", mode="eval").body) is None
    assert noraise.free_names(ast.parse("OTHER", mode="eval").body) is None  # cheaper in order
    assert noraise.free_names(ast.parse("OTHER", mode="eval").body, costly_only=False) == ["OTHER"]
