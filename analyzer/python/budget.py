"""The evaluation budgets of one analysis, shared by all the code that evaluates (README,
"Resource model"; the numbers are in `source.limits`).

One meter per analysis counts evaluation steps — comprehension iterations and the
elements modeled builtins consume (`sum(range(10**12))` is 10^12 steps, refused before it
runs) — and the cells of the values made (elements and characters: 600 strings of a
million characters are 600 million cells, refused long before they take 600 MB). A budget
that runs out is `flow.Budget`, a DM904 refusal at the expression: the interpreter stops
following the code there (everything not yet known stays unknown).
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Any, Iterator, Optional

from dlt_manifest.python import flow
from dlt_manifest.python.values import Unknown
from dlt_manifest.source.limits import Limits, current
from dlt_manifest.source.span import Site

TOO_LARGE = "DM904"
_SIZED = (str, bytes, list, tuple, set, frozenset, dict, range)


class Meter:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.steps = 0
        self.cells = 0

    def step(self, site: Any, count: int = 1) -> None:
        """`count` evaluation steps at `site`; `flow.Budget` past the budget."""
        self.steps += count
        if self.steps > self.limits.steps:
            raise flow.Budget(
                Unknown(
                    f"more than {self.limits.steps:,} evaluation steps (loop and comprehension"
                    " iterations, elements consumed by builtins) in one analysis",
                    site,
                    TOO_LARGE,
                )
            )

    def made(self, value: Any, site: Any) -> None:
        """A value of `size(value)` cells was made at `site`; `flow.Budget` past the
        budget of all values together."""
        self.cells += size(value)
        if self.cells > self.limits.total_cells:
            raise flow.Budget(
                Unknown(
                    f"the values computed take more than {self.limits.total_cells:,} elements and"
                    " characters together (the analyzer's memory budget)",
                    site,
                    TOO_LARGE,
                )
            )


def size(value: Any) -> int:
    """Cells of a value at its top level (elements or characters; 1 for a scalar)."""
    if isinstance(value, _SIZED):
        try:
            return max(len(value), 1)
        except OverflowError:  # a range longer than sys.maxsize
            return 1 << 62
    return 1


_meter: contextvars.ContextVar = contextvars.ContextVar("dlt_manifest_meter", default=None)


def meter() -> Meter:
    """The meter of the analysis running here (a fresh one outside `metering`)."""
    found = _meter.get()
    if found is None:
        found = Meter(current())
        _meter.set(found)
    return found


@contextlib.contextmanager
def metering(limits: Optional[Limits] = None) -> Iterator[Meter]:
    token = _meter.set(Meter(limits or current()))
    try:
        yield _meter.get()
    finally:
        _meter.reset(token)


def consume(values: Any, site: Any) -> Optional[Unknown]:
    """Charges the elements a builtin is about to consume from `values` (its arguments)
    as steps; an Unknown (DM904) when one argument alone is longer than a computed value
    may be (then nothing is consumed)."""
    limit = current().sequence
    total = 0
    for value in values:
        if isinstance(value, _SIZED):
            count = size(value)
            if count > limit:
                return Unknown(f"an argument of {count:,} elements is too large to evaluate (limit {limit:,})", site, TOO_LARGE)
            total += count
    if total:
        meter().step(site, total)
    return None


def stop_interpretation(interp: Any, reason: str) -> Any:
    """After a RecursionError (values nested deeper than Python can walk: a loop that
    wraps a list in a list a million times): a DM904 refusal at the statement of the
    innermost module running, and every module still running is unknown from there on,
    as when a budget runs out. Returns the deployment module."""
    running = [m for m in interp.modules.values() if m.state == "running"]
    where = running[-1] if running else None
    site = None
    if where is not None and where.source is not None:
        statement = getattr(where, "current_statement", None)
        site = Site(where.source, statement, None, statement)
    unknown = Unknown(f"{reason}; the rest is not analyzed", site, TOO_LARGE)
    interp.notices.append(unknown)
    for module in running:
        module.state = "done"
        interp.open_namespace(module, site, unknown.reason)
    return interp.modules.get("__deployment__")
