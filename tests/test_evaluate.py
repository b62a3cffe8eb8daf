"""The evaluator: exact values where Python's are computable, Unknown/Raised otherwise."""

from __future__ import annotations

import datetime

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
import pytest
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.python.values import Raised, Unknown
from dlt_manifest.source.workspace import Workspace
from hypothesis import given, settings
from hypothesis import strategies as st
from workspace_util import write_workspace


def evaluate(tmp_path, source: str, files: dict | None = None, name: str = "X"):
    write_workspace(tmp_path, {"__deployment__.py": source, **(files or {})})
    interp = Interpreter(Workspace(str(tmp_path)))
    module = interp.run_deployment()
    return module.namespace.get(name), interp


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("'a' 'b' \"c\"", "abc"),
        ("f'{1 + 1:03d}-{\"x\"!r}-{{lit}}'", "002-'x'-{lit}"),
        ("f'{3.14159:.2f}|{\"ab\":>4}|{10:x}'", "3.14|  ab|a"),
        ("rf'\\d{2}'", "\\d2"),
        ("2 ** 10 - 3 * (4 + 1) // 2 % 5", 1022),
        ("1 < 2 <= 2 != 3", True),
        ("0 or '' or 'x'", "x"),
        ("1 and 0", 0),
        ("'a' if None else 'b'", "b"),
        ("[1, *[2, 3], *(4,)]", [1, 2, 3, 4]),
        ("{'a': 1, **{'b': 2}, 'a': 3}", {"a": 3, "b": 2}),
        ("{'a': 1} | {'b': 2}", {"a": 1, "b": 2}),
        ("(1, 2, 3)[::-1]", (3, 2, 1)),
        ("'Hello'.upper().replace('L', 'l')", "HEllO"),
        ("', '.join(['a', 'b'])", "a, b"),
        ("[x * 2 for x in range(4) if x % 2]", [2, 6]),
        ("{k: v for k, v in [('a', 1), ('b', 2)]}", {"a": 1, "b": 2}),
        ("sorted({3, 1, 2})", [1, 2, 3]),
        ("len('abc') + int('4') + round(2.5)", 9),
        ("str(1.0) + str(None)", "1.0None"),
        ("'%s-%d' % ('a', 3)", "a-3"),
        ("10 / 4", 2.5),
        ("-(-(-(3)))", -3),
        ("not not []", False),
        ("{'k': [1, 2]}['k'][-1]", 2),
    ],
)
def test_constant_expressions(tmp_path, expr: str, expected) -> None:
    value, _ = evaluate(tmp_path, f"X = {expr}\n")
    assert value == expected and type(value) is type(expected)


def test_in_place_changes_are_followed_in_straight_line_code(tmp_path) -> None:
    source = (
        "TAGS = ['a']\nEXPOSE = {'tags': TAGS}\nTAGS.append('b')\nEXPOSE['starred'] = True\n"
        "EXPOSE.update(manual=False)\nLIST = [3, 1, 2]\nLIST.sort()\ndel LIST[0]\n"
        "COUNTS = {'x': 1}\nCOUNTS['x'] += 1\nX = (EXPOSE, LIST, COUNTS)\n"
    )
    value, interp = evaluate(tmp_path, source)
    assert not interp.failures
    assert value == ({"tags": ["a", "b"], "starred": True, "manual": False}, [2, 3], {"x": 2})


def test_datetime_values(tmp_path) -> None:
    source = (
        "import datetime as dt\nfrom datetime import timezone, timedelta\n"
        "X = [dt.datetime(2026, 1, 2, 3, tzinfo=timezone.utc), dt.date(2026, 1, 1),"
        " dt.datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=2))) + timedelta(days=1)]\n"
    )
    value, _ = evaluate(tmp_path, source)
    assert value == [
        datetime.datetime(2026, 1, 2, 3, tzinfo=datetime.timezone.utc),
        datetime.date(2026, 1, 1),
        datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    ]


def test_names_across_modules_and_packages(tmp_path) -> None:
    files = {
        "pkg/__init__.py": "from .consts import BASE as _B\nFULL = _B + ' * * *'\n",
        "pkg/consts.py": "BASE = '0 8'\n",
        "other.py": "import pkg.consts as c\nY = c.BASE\n",
    }
    value, _ = evaluate(tmp_path, "from pkg import FULL\nimport other\nX = (FULL, other.Y)\n", files)
    assert value == ("0 8 * * *", "0 8")


@pytest.mark.parametrize(
    "source, code",
    [
        ("import os\nX = os.environ['HOME']\n", "DM906"),
        ("import os\nX = os.getenv('HOME', 'x')\n", "DM906"),
        ("import os\ndef f():\n    if os.getenv('A'):\n        return 1\n    return 2\nX = f()\n", "DM906"),
        ("import datetime\nX = datetime.datetime.now()\n", "DM905"),
        ("import os\nfor i in os.environ:\n    X = i\n", "DM901"),
        ("import os\nX = [1]\nfor i in os.environ:\n    X.append(i)\n", "DM903"),
        ("import json\nX = {}\njson.load(X)\n", "DM903"),
        ("import json\nX = {}\ndef f(d): json.load(d)\nf(X)\n", "DM903"),
        ("X = open('f').read()\n", "DM901"),
        ("X = 'a' * 10**9\n", "DM904"),
    ],
)
def test_unknowable_values(tmp_path, source: str, code: str) -> None:
    value, _ = evaluate(tmp_path, source)
    if not isinstance(value, Unknown):
        value, interp = evaluate(tmp_path, source + "Y = X\n", name="Y")
    assert isinstance(value, Unknown) and value.code == code, value


@pytest.mark.parametrize(
    "source, expected",
    [
        ("def f(): return 1\nX = f()\n", 1),
        ("for i in range(3):\n    X = i\n", 2),
        ("__all__ = ['a']\n__all__.append('b')\nX = __all__\n", ["a", "b"]),
        ("X = [1]\nfor i in range(2):\n    X.append(i)\n", [1, 0, 1]),
        ("X = {}\ndef f(d): d['k'] = 1\nf(X)\n", {"k": 1}),
        ("T = []\ndef reg(fn):\n    T.append(fn.__name__)\n    return fn\n@reg\ndef a(): pass\nX = T\n", ["a"]),
        ("def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n    inc(); inc()\n    return n\nX = outer()\n", 2),
        ("X = []\ni = 0\nwhile i < 3:\n    i += 1\n    if i == 2:\n        continue\n    X.append(i)\nelse:\n    X.append('done')\n", [1, 3, "done"]),
        ("def f(*a, k=2, **kw): return (a, k, kw)\nX = f(1, 2, k=3, z=4)\n", ((1, 2), 3, {"z": 4})),
        ("try:\n    {}['x']\nexcept KeyError:\n    X = 'caught'\n", "caught"),
    ],
)
def test_code_followed_exactly(tmp_path, source: str, expected) -> None:
    """Calls of workspace functions, closures, loops and handled exceptions are followed."""
    value, interp = evaluate(tmp_path, source)
    assert not interp.failures
    assert value == expected


@pytest.mark.parametrize(
    "source, exc",
    [
        ("X = undefined_name\n", "NameError"),
        ("X = 1 / 0\n", "ZeroDivisionError"),
        ("X = {'a': 1}['b']\n", "KeyError"),
        ("X = 'a' + 1\n", "TypeError"),
        ("from .nothing import X\n", "ImportError"),
        ("import dlt\nX = dlt.hub.run\n", "AttributeError"),
    ],
)
def test_runtime_failures_are_recorded(tmp_path, source: str, exc: str) -> None:
    _, interp = evaluate(tmp_path, source)
    assert [r.exc for r in interp.failures] == [exc]


def test_import_order_decides_whether_dlt_hub_run_is_loaded(tmp_path) -> None:
    files = {"loader.py": "from dlt.hub import run\n"}
    ok, interp = evaluate(tmp_path, "import dlt\nimport loader\nX = dlt.hub.run.job\n", files)
    assert not interp.failures
    bad, interp = evaluate(tmp_path, "import dlt\nX = dlt.hub.run.job\nimport loader\n", files)
    assert isinstance(bad, Raised) and bad.exc == "AttributeError"


# --- properties ------------------------------------------------------------------------------

_ints = st.integers(min_value=-1000, max_value=1000).map(lambda n: (f"({n})", n))
_strs = st.text(alphabet="abcxyz 01", max_size=6).map(lambda s: (repr(s), s))


def _combine(children):
    """(source, value) pairs built together, so the expected value never comes from eval."""
    ints = children.filter(lambda p: type(p[1]) is int)
    strs = children.filter(lambda p: type(p[1]) is str)
    return st.one_of(
        st.tuples(ints, ints).map(lambda p: (f"({p[0][0]} + {p[1][0]})", p[0][1] + p[1][1])),
        st.tuples(ints, ints).map(lambda p: (f"({p[0][0]} * {p[1][0]})", p[0][1] * p[1][1])),
        st.tuples(ints, ints).filter(lambda p: p[1][1] != 0).map(
            lambda p: (f"({p[0][0]} // {p[1][0]})", p[0][1] // p[1][1])
        ),
        st.tuples(strs, strs).map(lambda p: (f"({p[0][0]} + {p[1][0]})", p[0][1] + p[1][1])),
        st.tuples(strs, st.integers(0, 3)).map(lambda p: (f"({p[0][0]} * {p[1]})", p[0][1] * p[1])),
        st.tuples(ints, strs).map(
            lambda p: (f'f"{{{p[0][0]}}}-{{{p[1][0]}}}"', f"{p[0][1]}-{p[1][1]}")
        ).filter(lambda p: '"' not in p[0][3:-1]),
        st.tuples(ints, strs, strs).map(
            lambda p: (f"({p[1][0]} if {p[0][0]} > 0 else {p[2][0]})", p[1][1] if p[0][1] > 0 else p[2][1])
        ),
        st.tuples(strs, strs).map(lambda p: (f"({p[0][0]} or {p[1][0]})", p[0][1] or p[1][1])),
        st.tuples(ints, ints).map(lambda p: (f"[{p[0][0]}, {p[1][0]}][-1]", p[1][1])),
        st.tuples(strs).map(lambda p: (f"{p[0][0]}.upper()", p[0][1].upper())),
    )


_expressions = st.recursive(
    st.one_of(_ints, _strs), lambda c: _combine(c).filter(lambda p: len(p[0]) < 400), max_leaves=12
)


@settings(max_examples=150, deadline=None)
@given(_expressions)
def test_property_evaluator_agrees_with_python(tmp_path_factory, pair) -> None:
    source, expected = pair
    value, interp = evaluate(tmp_path_factory.mktemp("p"), f"X = {source}\n")
    assert not interp.failures
    assert value == expected and type(value) is type(expected)


def test_docstrings_cleaned_as_cpython_313_does() -> None:
    """tests/data/docstrings_313.json was made by CPython 3.13.0 itself."""
    import json
    from pathlib import Path

    from dlt_manifest.source.literals import clean_docstring

    cases = json.loads((Path(__file__).parent / "data" / "docstrings_313.json").read_text())
    assert len(cases) == 400
    assert [clean_docstring(raw) for raw, _ in cases] == [cleaned for _, cleaned in cases]


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("sys.version_info >= (3, 8)", True),
        ("sys.version_info < (3, 12)", True),
        ("sys.version_info >= (3, 11)", True),
        ("sys.version_info > (3, 11)", True),  # (3, 11, micro, ...) is longer
        ("sys.version_info == (3, 11)", False),
        ("(3, 13) > sys.version_info", True),
        ("sys.version_info[:2] == (3, 11)", True),
        ("sys.version_info.minor", 11),
    ],
)
def test_python_version_of_the_target(tmp_path, expr: str, expected) -> None:
    write_workspace(tmp_path, {"__deployment__.py": f"import sys\nX = {expr}\n"})
    interp = Interpreter(Workspace(str(tmp_path)), python_version=(3, 11))
    assert interp.run_deployment().namespace["X"] == expected


def test_micro_version_comparisons_are_unknown(tmp_path) -> None:
    value, _ = evaluate(tmp_path, "import sys\nX = sys.version_info >= (3, 11, 4)\n")
    assert isinstance(value, Unknown)
