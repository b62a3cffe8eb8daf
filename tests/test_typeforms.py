"""typing's forms against CPython: generated subscripts and `|` of typing's names,
builtin classes, a workspace class, a function, type variables, strings and constants,
made by each CPython from 3.8 on that this machine has (`python3.X` on PATH or under
pyenv) and by the interpreter targeting that release. Where CPython raises, the analysis
must fail or refuse (never print a manifest); where it does not, the analysis must
accept most of them. Each expression is a value (run at once), a parameter's annotation
of a `def` and of a method (deferred until read, never read here) and, under `from
__future__ import annotations`, an annotation that is never evaluated."""

from __future__ import annotations

import os
import random
import tempfile

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
import pytest
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.source.workspace import Workspace

from cpython_util import pythons, run_programs

HEADER = (
    "from typing import List, Dict, Optional, Union, Tuple, Callable, Any, Literal, ClassVar, Final, Generator,"
    " Type, Generic, TypeVar, Sequence, Mapping, Iterable, Protocol\n"
    "try:\n    from typing import Annotated\nexcept ImportError:\n    pass\n"
    "from dataclasses import InitVar\nT = TypeVar('T')\nU = TypeVar('U')\n"
    "class K:\n    pass\n"
    "def f():\n    pass\n"
)
NAMES = ["List", "Dict", "Optional", "Union", "Tuple", "Callable", "Any", "Literal", "ClassVar", "Final",
         "Generator", "Type", "Generic", "Sequence", "Mapping", "Iterable", "Protocol", "Annotated", "InitVar",
         "list", "dict", "tuple", "type", "int", "str", "K", "f", "T", "U", "None"]  # fmt: skip
ATOMS = ["1", "'Row'", "'a b'", "'x.y'", "...", "None", "int", "str", "K", "T"]
SHAPES = {
    "value": "{header}X = {e}\nY = 1\n",
    "def": "{header}def g(x: {e}) -> None:\n    pass\nY = 1\n",
    "method": "{header}class M:\n    def m(self, x: {e} = None):\n        pass\nY = 1\n",
    "postponed": "from __future__ import annotations\n{header}def g(x: {e}) -> None:\n    pass\nY = 1\n",
}
COUNT = 160


def _expression(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth >= 2 or roll < 0.25:
        return rng.choice(ATOMS + NAMES)
    if roll < 0.35:
        return f"{_expression(rng, depth + 1)} | {_expression(rng, depth + 1)}"
    form = rng.choice(NAMES)
    if form == "Callable" and rng.random() < 0.6:
        params = rng.choice(["...", "[]", f"[{_expression(rng, 2)}]", f"[{_expression(rng, 2)}, {_expression(rng, 2)}]"])
        return f"Callable[{params}, {_expression(rng, depth + 1)}]"
    count = rng.choice([1, 1, 1, 2, 2, 3])
    args = ", ".join(_expression(rng, depth + 1) for _ in range(count))
    return f"{form}[{args}]" if rng.random() > 0.05 else f"{form}[()]"


def _expressions() -> list:
    rng = random.Random(20261203)
    fixed = ["List[int]", "List[1, 2]", "Dict[str]", "Dict[str, Any]", "Optional[int, str]", "Union[()]",
             "List[Optional]", "List[ClassVar[int]]", "Generator[int]", "Generic[T, T]", "Generic[T, U]",
             "Tuple[int, ...]", "Tuple[...]", "Tuple[()]", "List['a b']", "Optional['Row']", "int | None",
             "'Row' | None", "List[int] | None", "list[int]", "Annotated[int]", "Annotated[int, 1]",
             "List[Protocol]", "Any[int]", "Callable[..., int]", "Callable[[int], str]", "Literal[1, 'a']",
             "None | None", "K | None", "f | None", "InitVar[int]", "Type[K]"]  # fmt: skip
    seen = dict.fromkeys(fixed)
    while len(seen) < COUNT:
        seen.setdefault(_expression(rng))
    return list(seen)


def _ours(folder: str, program: str, version: tuple) -> bool:
    """Whether the analysis sees the import of `m` succeed (nothing raised or refused)."""
    with open(os.path.join(folder, "m.py"), "w") as handle:
        handle.write(program)
    interp = Interpreter(Workspace(folder), version)
    interp.run_deployment()
    return not interp.failures and not interp.notices


PYTHONS = pythons()


@pytest.mark.parametrize("version", sorted(PYTHONS), ids=lambda v: f"{v[0]}.{v[1]}")
def test_typing_forms_as_cpython_makes_them(version: tuple) -> None:
    expressions = _expressions()
    programs = [(shape, e, text.format(header=HEADER, e=e)) for e in expressions for shape, text in SHAPES.items()]
    truth = run_programs(PYTHONS[version], [text for _, _, text in programs])
    wrong, accepted, succeeded = [], 0, 0
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "__deployment__.py"), "w") as handle:
            handle.write("from m import Y\n")
        for (shape, expression, text), raised in zip(programs, truth):
            ok = _ours(folder, text, version)
            if raised is not None and ok:
                wrong.append(f"{shape}: {expression} ({raised})")
            succeeded += raised is None
            accepted += raised is None and ok
    assert not wrong, f"Python {version}: CPython raises, the analysis does not:\n" + "\n".join(wrong[:20])
    # the model is not a refusal of everything: most of what CPython makes, it makes
    assert succeeded > 150 and accepted >= 0.8 * succeeded, (accepted, succeeded)
