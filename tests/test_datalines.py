"""Data lines that never reach CPython's parser (`source/datalines.py`) change nothing:
generated modules mixing `NAME = literal` lines with everything that makes such a line
mean something else (a string, brackets, a continuation, a block, a decorator, a docstring
after it, a `__future__` import after it) give, with the blanking forced on, the values
CPython gives the module (the tests' own code, run by CPython), or CPython's failure."""

from __future__ import annotations

import tempfile
from pathlib import Path

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
import pytest
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.python.values import Raised, Unknown, deep_poison
from dlt_manifest.source import datalines, files
from dlt_manifest.source.workspace import Workspace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAMES = ["a", "b", "c", "match", "_x"]
LITERALS = ["0", "1", "-7", "12345", "'s'", '"t"', "''", "True", "False", "None"]

data_line = st.builds(
    lambda name, lit, spaces, comment: f"{name}{spaces}={spaces}{lit}{comment}",
    st.sampled_from(NAMES), st.sampled_from(LITERALS), st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["", "  # note", "  # a = 2 \\"]),
)

# each: lines that put a data-like line where it means something else, or plain code
PIECES = [
    lambda d: ['s = """', d, '"""'],
    lambda d: ["s = '''x", d + "'''"],
    lambda d: ["s = dict(", d.split("#")[0].replace(" ", "").replace("\t", ""), ")"],
    lambda d: ["s = [", d, "]"],
    lambda d: ["s = 1 + \\", d],
    lambda d: ["s = 1 + \\", "2"],
    lambda d: ["if True:", d],
    lambda d: ["if True:", "    " + d],
    lambda d: ["@staticmethod", d],
    lambda d: ['"""A docstring?"""'],
    lambda d: ["from __future__ import annotations"],
    lambda d: ["def f():", "    return 1", d],
    lambda d: ["class K:", "    " + d, d],
    lambda d: ["s = a"],
    lambda d: ["a += 1"],
    lambda d: ["a = 1; b = 2"],
    lambda d: ["", "# " + d],
    lambda d: ["s = f(", d, ")"],
    lambda d: ["try:", "    pass", d, "except Exception:", "    pass"],
]


@st.composite
def module(draw) -> str:
    lines: list = [draw(data_line) for _ in range(draw(st.integers(0, 8)))]
    for _ in range(draw(st.integers(0, 2))):  # each may mean something else by a data line
        piece = PIECES[draw(st.integers(0, len(PIECES) - 1))]
        at = draw(st.integers(0, len(lines)))
        lines[at:at] = piece(draw(data_line))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def run_cpython(text: str):
    namespace: dict = {"__name__": "m"}
    try:
        exec(compile(text, "m.py", "exec"), namespace)  # the test's own program
    except Exception as ex:  # noqa: BLE001  (any failure of the generated program)
        return None, type(ex).__name__
    return namespace, None


def run_interpreter(text: str):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "m.py").write_text(text)
        Path(folder, "__deployment__.py").write_text("import m\n")
        interp = Interpreter(Workspace(folder))
        interp.run_deployment()
        module = interp.modules.get("m")
        source = interp.workspace._sources[str(Path(folder, "m.py").resolve())]
        blanked = datalines.blank_data_lines(text.encode()) is not None
        return module, interp, (blanked, any(u.index == -1 for u in source.deferred))


USED = {"programs": 0, "candidates": 0, "blanked": 0}


@pytest.fixture(autouse=True)
def _every_module_is_data(monkeypatch):
    monkeypatch.setattr(datalines, "MIN_LINES", 1)


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(module())
def test_blanked_data_lines_give_cpythons_values(text: str) -> None:
    expected, error = run_cpython(text)
    module, interp, blanked = run_interpreter(text)
    USED["programs"] += 1
    USED["candidates"] += blanked[0]
    USED["blanked"] += blanked[1]
    if error is not None:
        failed = bool(interp.failures) or module is None or module.failure is not None
        assert failed, f"CPython raises {error}:\n{text}"
        return
    assert not interp.failures, f"{interp.failures[0].message}\n{text}"
    for name in NAMES + ["s"]:
        if name not in expected:
            assert name not in module.namespace, (name, text)
            continue
        mine = module.namespace[name]  # binds a pending name
        if isinstance(mine, (Unknown, Raised)) or deep_poison(mine) is not None:
            continue
        assert type(mine) is type(expected[name]) and mine == expected[name], (name, mine, expected[name], text)


def test_zz_blanking_was_exercised() -> None:
    """Not vacuous: many generated modules were blanked and proven, many others had data
    lines the proof rejected (parsed as written)."""
    if USED["programs"]:
        assert USED["blanked"] * 3 > USED["programs"], USED
        assert (USED["candidates"] - USED["blanked"]) * 10 > USED["programs"], USED


def test_a_line_inside_a_string_is_not_blanked() -> None:
    text = 's = """\na = 1\n"""\n' + "".join(f"v{i} = {i}\n" for i in range(3))
    blanked = datalines.blank_data_lines(text.encode())
    assert blanked is not None and (2, "a") in blanked[1]
    import ast

    assert not datalines.proven(ast.parse(blanked[0]), blanked[1])


def test_a_module_of_data_is_not_parsed_whole(tmp_path) -> None:
    """200,000 data lines: within the default budget of tokens (CPython's parser sees none
    of them), one read binds its value."""
    text = "x = 1\n" * 200_000 + "y = 'last'\n"
    (tmp_path / "big.py").write_text(text)
    source = files.load_source(str(tmp_path / "big.py"), "big.py", defer=True)
    assert source.problem is None and len(source.deferred) == 200_001
    (tmp_path / "__deployment__.py").write_text("import big\nY = big.y\n")
    interp = Interpreter(Workspace(str(tmp_path)))
    assert interp.run_deployment().namespace["Y"] == "last"
