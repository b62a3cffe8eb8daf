"""Generated workspaces and edits for `python.reuse`: modules that import earlier ones, read
and change their objects (for good, or only around an import), rebind their names through
functions, bind pending constants, make classes, enums, dataclasses and taints; a job whose
tags show what the modules hold. After each random edit, an analysis with the memo must
give what a fresh analysis gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from dlt_manifest.analysis import analyze
from dlt_manifest.source.workspace import SourceMemo

CREATED = "2026-01-01T00:00:00+00:00"
MODULES = 5
SEEDS = range(int(__import__("os").environ.get("REUSE_SEEDS", "24")))
EDITS = 6

# statements of module `m{i}`; {p} is an earlier module (imported first), {n} a number
_STATEMENTS = [
    "L = [{n}]",
    "D = {{'k': {n}}}",
    "S = 'v{n}'",
    "PENDING = [x * {n} for x in range(3)]",
    "NAME = f'{{S}}-{n}'",
    "import {p}\n{p}.L.append({n})",
    "import {p}\n{p}.L.append({n})\nimport {q}\n{p}.L.pop()",
    "import {p}\n{p}.D['k'] = {n}",
    "import {p}\nSEEN = list({p}.L)",
    "import {p}\nL = L + list({p}.L)",
    "import {p}\nS = S + {p}.S",
    "import {p}\nD['k'] = {p}.D.get('k')",
    "import {p}\nSEEN = len({p}.PENDING) if hasattr({p}, 'PENDING') else 0",
    "from {p} import L as BORROWED\nBORROWED += [{n}]",
    "import {p}\n{p}.S = 'changed{n}'",
    "import {p}\nsaved = {p}.S\n{p}.S = 't{n}'\nimport {q}\n{p}.S = saved",
    "def bump():\n    global COUNT\n    COUNT = {n}\nbump()",
    "import {p}\nif hasattr({p}, 'bump'):\n    {p}.bump()",
    "class C:\n    items = [{n}]\n    def add(self, x):\n        self.items.append(x)",
    "import {p}\nif hasattr({p}, 'C'):\n    {p}.C().add({n})",
    "import enum\nclass Color(enum.Enum):\n    RED = {n}",
    "import dataclasses\n@dataclasses.dataclass\nclass Point:\n    x: int = {n}",
    "import contextlib\n@contextlib.contextmanager\ndef session():\n    yield {n}",
    "import somelib\nimport {p}\nsomelib.configure({p}.D)",
    "import {p}\nglobals()['G{n}'] = {n}",
    "import {p}\nsetattr({p}, 'D', {{'k': {n}}})",
    "raise_later = {n}\nif {n} > 7:\n    raise ValueError('no')",
]


def _module(rng: random.Random, index: int) -> str:
    lines = ["L = [0]", "D = {'k': 0}", "S = 's'"]
    for _ in range(rng.randint(1, 4)):
        template = rng.choice(_STATEMENTS)
        if "{p}" in template and index == 0:
            continue
        p = f"m{rng.randrange(index)}" if index else "m0"
        q = f"m{rng.randrange(index)}" if index else "m0"
        lines.append(template.format(p=p, q=q, n=rng.randint(1, 9)))
    return "\n".join(lines) + "\n"


def _deployment(rng: random.Random) -> str:
    """Imports some modules in a random order, by name (`__all__` lists them: discovery
    reads their whole namespaces) or `from m import ...`, then a job whose tags show what
    one module holds."""
    order = list(range(MODULES))
    rng.shuffle(order)
    chosen = order[: rng.randint(1, MODULES)]
    by_name = rng.random() < 0.5
    imports = "".join(f"import m{i}\n" if by_name else f"from m{i} import S as S{i}\n" for i in chosen)
    listed = "".join(f", 'm{i}'" for i in chosen) if by_name else ""
    shown = rng.randrange(MODULES)
    return (
        "from dlt.hub import run\n" + imports + f"from m{shown} import L, D, S\n\n"
        "@run.job(expose={'tags': [str(x) for x in L] + [str(D.get('k')), S]}, trigger='every:5m')\n"
        f"def shown():\n    pass\n\n__all__ = ['shown'{listed}]\n"
    )


def _answer(result) -> tuple:
    return (
        result.manifest,
        [(d.code, d.severity, d.message, d.span) for d in result.generation],
        [(d.code, d.severity, d.message, d.span) for d in result.diagnostics],
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_edits(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = {f"m{i}.py": _module(rng, i) for i in range(MODULES)}
    files["__deployment__.py"] = _deployment(rng)
    memo = SourceMemo()
    reused = 0
    for step in range(EDITS + 1):
        if step:
            target = rng.randrange(MODULES + 1)
            if target == MODULES:
                files["__deployment__.py"] = _deployment(rng)
            else:
                files[f"m{target}.py"] = _module(rng, target)
        for relpath, text in files.items():
            (tmp_path / relpath).write_text(text)
        kept = analyze(str(tmp_path), memo=memo, created_at=CREATED)
        fresh = analyze(str(tmp_path), created_at=CREATED)
        assert _answer(kept) == _answer(fresh), (step, files)
        recorder = kept.deployment.interp.reuse  # (None: the analysis ran without deferral)
        reused += len(recorder.reused) if recorder is not None else 0
    if seed == 0:
        assert reused > 0  # (the generated edits leave some modules as they were)
