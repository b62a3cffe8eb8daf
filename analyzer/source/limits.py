"""The budgets of one analysis (README, "Resource model"): every loop of the analyzer over
its input is bounded by one of these, and exceeding one is a DM904 refusal at the file,
statement or expression that caused it — never a hang, a signal or an internal error.

The defaults keep a run well inside a 512 MiB address space (the thread stack, the
interpreter and its libraries take ~160 MiB; the rest is for trees and values) and are
far above what real workspaces need (a realistic 1,000-module workspace peaks at ~340 MB). `--limit
NAME=VALUE` and `[tool.dlt-manifest.limits]` change them; `current()` is the set in
force for the analysis running in this thread (`use`).
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

import attrs

KIB = 1024
MIB = 1024 * KIB


@attrs.frozen
class Limits:
    # --- files (source layer) ---
    # bytes of a module (a 2 MiB module is ~50,000 lines) and of a TOML file
    file_bytes: int = 2 * MIB
    toml_bytes: int = 1 * MIB
    # tokens of a module before CPython's parser sees it: `ast.parse` takes ~1 KiB per
    # token (a 2 MiB list literal: 600,000 tokens, 300 MB); a 20,000-line module has ~150,000
    file_tokens: int = 200_000
    # LibCST's memory, in estimated KiB. `parse_cost`: what parsing one file takes while it
    # runs (~4 KiB a node, 30-120 KiB a nested lambda; function bodies are not parsed) —
    # never more than what `total_parse_cost` has left; `total_parse_cost`: what the
    # parsed files keep for the whole analysis (`files._retained`: ~0.4 KiB a node, 0.2 a
    # line, the text twice; an upper bound of what tracemalloc measures). A realistic
    # module of ~240 lines keeps ~350 KiB (with what it parses later): 1,000 of them fit
    # and peak at ~335 MB (the estimate is ~1.3x what they keep); 1,300 fit and peak at
    # ~425 MB, 1,500 are refused in part (DM904) at ~435 MB, both under a 512 MiB
    # address-space limit.
    parse_cost: int = 128_000
    total_parse_cost: int = 440_000
    # nesting of expressions, counted as LibCST nests them (LibCST 1.9 parses ~2,000)
    nesting: int = 1_500
    # nested lambdas: LibCST's memory grows faster than their number (2,000: 750 MB)
    lambda_nesting: int = 100
    # modules interpreted (each keeps at least 4 KiB of `total_parse_cost`), and names
    # one folder listing may hold
    modules: int = 20_000
    listing: int = 100_000
    # names in `__all__` (each is a job to check; real workspaces list tens)
    jobs: int = 10_000
    # --- evaluation (python layer) ---
    # statements, loop and comprehension iterations, and elements consumed by modeled
    # builtins, together, in one analysis (CPython does ~10^7 a second; we ~10^5)
    steps: int = 1_000_000
    # elements or characters of one computed value
    sequence: int = 1_000_000
    # elements and characters of all computed values together (each costs >= 8 bytes)
    total_cells: int = 16_000_000
    # decimal digits of an integer that is printed (CPython's own limit: 4,300)
    int_digits: int = 4_300
    # --- reporting (rules) ---
    diagnostics_per_rule: int = 200

    @classmethod
    def names(cls) -> list:
        return [field.name for field in attrs.fields(cls)]

    def with_values(self, values: dict) -> "Limits":
        """These limits with `values` ({name: positive int}) in place; ValueError names
        an unknown limit or a bad value."""
        for name, value in values.items():
            if name not in self.names():
                raise ValueError(f"unknown limit {name!r} (limits: {', '.join(self.names())})")
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"limit {name!r} must be a positive integer, not {value!r}")
        return attrs.evolve(self, **values)


DEFAULT = Limits()
_current: contextvars.ContextVar = contextvars.ContextVar("dlt_manifest_limits", default=DEFAULT)


def current() -> Limits:
    return _current.get()


@contextlib.contextmanager
def use(limits: Limits) -> Iterator[Limits]:
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)
