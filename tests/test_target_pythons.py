"""What the standard library of the target Python has, not the running one's: names,
modules and methods added or removed after 3.8, the parsers that changed (`fromisoformat`
took more formats from 3.11 on), operators that came (`dict | dict` in 3.9), options
(`dataclass(slots=True)` in 3.10). Each statement below runs at the top of a module the
deployment imports, with each CPython from 3.8 on that this machine has, and in the
interpreter targeting that release: where CPython raises, the analysis must fail or
refuse; where it does not, the analysis must accept most of them."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
import pytest
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.source.workspace import Workspace

from cpython_util import pythons, run_programs

# `\n` stands for a line break
STATEMENTS = r"""
from datetime import datetime\nX = datetime.fromisoformat("2024-01-01T00:00:00Z")
from datetime import datetime\nX = datetime.fromisoformat("2024-01-01T00:00:00.123+00:00")
from datetime import datetime\nX = datetime.fromisoformat("2024-01-01 10:30")
from datetime import datetime\nX = datetime.fromisoformat("2024-01-01T10:30:00+01:00")
from datetime import date\nX = date.fromisoformat("20240101")
from datetime import date\nX = date.fromisoformat("2024-01-01")
from datetime import UTC
import datetime\nX = datetime.UTC
import datetime\nX = datetime.timezone.utc
from enum import StrEnum
from enum import Enum, auto\nclass E(Enum):\n    A = auto()\nX = E.A.value
import zoneinfo
from zoneinfo import ZoneInfo\nX = ZoneInfo("UTC")
import tomllib
import graphlib
import imp
import asyncore
X = "abc".removeprefix("a")
X = b"abc".removesuffix(b"c")
X = "abc".upper()
X = (5).bit_count()
X = (5).bit_length()
X = {"a": 1} | {"b": 2}
X = {"a": 1}\nX |= {"b": 2}
X = {"a": 1}\nX.update({"b": 2})
from functools import cache
from functools import lru_cache
from typing import Self
from typing import TypeAlias
from typing import ParamSpec
from typing import Optional
from typing import override
import typing\nX = typing.TypeIs
from dataclasses import dataclass\n@dataclass(slots=True)\nclass D:\n    x: int = 1
from dataclasses import dataclass\n@dataclass(frozen=True)\nclass D:\n    x: int = 1
from dataclasses import dataclass, KW_ONLY
X = list(zip([1], [2], strict=True))
X = list(zip([1], [2]))
X = str(10 ** 5000)
X = f"{10 ** 5000}"
X = str(10 ** 100)
from enum import Flag\nclass F(Flag):\n    A = 1\n    B = 2\nX = list(F.A | F.B)
from itertools import pairwise
from itertools import batched
import math\nX = math.lcm(2, 3)
from os import nonexistent_name
from typing import Lsit
import json\nX = json.bogus
import os\nX = os.getcwd
from collections import Mapping
from collections import OrderedDict
import string\nX = string.ascii_letters
from functools import reduce
"""


PYTHONS = pythons()


@pytest.mark.parametrize("version", sorted(PYTHONS), ids=lambda v: f"{v[0]}.{v[1]}")
def test_the_targets_standard_library(version: tuple) -> None:
    statements = [line.replace("\\n", "\n") for line in STATEMENTS.splitlines() if line.strip()]
    programs = [f"{statement}\nY = 1\n" for statement in statements]
    truth = run_programs(PYTHONS[version], programs)
    wrong, accepted, succeeded = [], 0, 0
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "__deployment__.py"), "w") as handle:
            handle.write("from m import Y\n")
        for statement, program, raised in zip(statements, programs, truth):
            with open(os.path.join(folder, "m.py"), "w") as handle:
                handle.write(program)
            interp = Interpreter(Workspace(folder), version)
            interp.run_deployment()
            ok = not interp.failures and not interp.notices
            if raised is not None and ok:
                wrong.append(f"{statement!r} ({raised})")
            succeeded += raised is None
            accepted += raised is None and ok
    assert not wrong, f"Python {version}: CPython raises, the analysis does not:\n" + "\n".join(wrong)
    assert accepted >= 0.75 * succeeded, (accepted, succeeded)


@pytest.mark.parametrize("version", sorted(PYTHONS), ids=lambda v: f"{v[0]}.{v[1]}")
def test_every_builtin_name_of_the_target(version: tuple) -> None:
    """Each name of that CPython's `builtins` reads without a NameError, as there."""
    names = _builtin_names(PYTHONS[version])
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "__deployment__.py"), "w") as handle:
            handle.write("from m import Y\n")
        with open(os.path.join(folder, "m.py"), "w") as handle:
            handle.write("".join(f"X = {name}\n" for name in names) + "Y = 1\n")
        interp = Interpreter(Workspace(folder), version)
        interp.run_deployment()
    assert len(names) > 100 and not interp.failures, [f.message for f in interp.failures]


def _builtin_names(python: str) -> list:
    code = (
        "import builtins, json, keyword\n"
        "print(json.dumps([n for n in dir(builtins) if not n.startswith('_') and not keyword.iskeyword(n)]))"
    )
    return json.loads(subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout)
