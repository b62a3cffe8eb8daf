"""`for` and `while` loops, run as CPython runs them (a list is read as the loop goes, a
dict or set changed during the loop raises), each iteration on the analysis' step
budget; a loop over a value not known statically is not followed. A part of
`interpreter.Interpreter`."""

from __future__ import annotations

from typing import Optional

import libcst as cst
from dlt_manifest.python import flow, syntax
from dlt_manifest.python.budget import meter
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import (
    Raised,
    Unknown,
    is_poison,
)

RAISES = "DM411"
LIMIT = "DM904"
UNKNOWN_EXCEPTION = "?"  # the class of an exception raised by an unknown value
MAX_LOOP = 1_000_000  # iterations of one loop


class Loops:
    """`for` and `while` (a part of `interpreter.Interpreter`)."""

    def _for(self, node: cst.For, scope: Scope) -> bool:
        site = self.site(scope, node.iter)
        iterable = self.eval(node.iter, scope)
        if isinstance(iterable, Raised):
            self.fail(iterable)
            return False
        if node.asynchronous is not None:
            return self._not_executed(node, scope, None, "bound in an `async for` loop")
        items = self.noted(self.iterate(iterable, site))
        if is_poison(items):
            if isinstance(items, Raised):
                self.fail(items)
                return False
            return self._not_executed(node, scope, None, f"bound in a `for` loop over a value not known statically ({items.reason})", items)

        def steps():
            if isinstance(iterable, list):
                index = 0  # a list is read as the loop goes: items appended are seen
                while index < len(iterable):
                    yield iterable[index]
                    index += 1
            elif isinstance(iterable, (dict, set)):
                size = len(iterable)
                for item in items:
                    if len(iterable) != size:
                        what = "dictionary" if isinstance(iterable, dict) else "Set"
                        yield Raised("RuntimeError", f"{what} changed size during iteration", site, RAISES)
                        return
                    yield item
            else:
                yield from items

        def bind(item) -> Optional[Raised]:
            problem = self.assign(node.target, item, scope)
            return problem if isinstance(problem, Raised) else None

        return self._loop_body(node, scope, steps(), bind)

    def _while(self, node: cst.While, scope: Scope) -> bool:
        def steps():
            while True:
                test = self.truth(self.eval(node.test, scope), self.site(scope, node.test))
                if is_poison(test):
                    yield test
                    return
                if not test:
                    return
                yield None

        return self._loop_body(node, scope, steps(), lambda _: None)

    def _loop_body(self, node, scope: Scope, steps, bind) -> bool:
        """Runs a loop's body for each step (a step that is poison: the loop is not
        followed from there), then its `else` unless it was left by `break`."""
        collector = self._collectors[-1] if self._collectors else None
        before = len(collector) if collector is not None else 0
        certain = True
        count = 0
        steps_meter = meter()  # loop iterations count against the analysis' step budget
        try:
            for step in steps:
                count += 1
                if count > MAX_LOOP:
                    raise flow.Budget(Unknown(f"a loop runs more than {MAX_LOOP:,} times", self.site(scope, node), LIMIT))
                steps_meter.step(self.site(scope, node))
                if isinstance(step, Raised):
                    self.fail(step)
                    return False
                if is_poison(step):
                    return self._not_executed(node, scope, None, f"bound in a `while` loop whose condition is not known statically ({step.reason})", step)
                problem = bind(step)
                if problem is not None:
                    self.fail(problem)
                    return False
                try:
                    certain = self.exec_block(syntax.block(node.body), scope) and certain
                except flow.Continue:
                    pass
                if collector is not None and len(collector) > before:
                    return False  # the body raised
            else:
                if node.orelse is not None:
                    certain = self.exec_block(syntax.block(node.orelse.body), scope) and certain
        except flow.Break:
            pass
        except flow.Diverged as diverged:
            kinds = set(diverged.kinds) | self.taint_code([node], scope, diverged.unknown)
            kinds -= {"break", "continue", "yield"}
            if kinds:
                raise flow.Diverged(frozenset(kinds), diverged.unknown)
            return False
        return certain
