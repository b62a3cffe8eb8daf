"""Comprehensions and generator expressions, as CPython runs them: their own scope (the
first iterable evaluated where they are written), items made one at a time, a
generator's items made when it is consumed (once). When the analysis cannot follow one to
its end, what its remaining steps may do is tainted. A part of `evaluate.Evaluator`."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst

from dlt_manifest.python import plain, syntax
from dlt_manifest.python.budget import meter
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import Class, Function, GeneratorValue, Raised, Unknown, describe, is_poison

TOO_LARGE = "DM904"
MAX_ITERATIONS = 100_000  # steps of one comprehension


class Comprehensions:
    """Comprehensions and generators (a part of `evaluate.Evaluator`)."""

    def _comprehension(self, node, scope: Scope) -> Any:
        first = self.iterate(self.eval(node.for_in.iter, scope), self.site(scope, node.for_in.iter))
        if isinstance(node, cst.GeneratorExp):
            return GeneratorValue(node, scope, first)
        return self._comprehension_items(node, scope, first)

    def _comprehension_items(self, node, scope: Scope, first: Any) -> Any:
        """The comprehension's value; `first`: the items of its first iterable, which is
        evaluated in the enclosing scope (when the comprehension is made)."""
        site = self.site(scope, node)
        results = self.drain(self._comprehension_stream(node, scope, first), node, scope)
        if is_poison(results):
            return results
        if isinstance(node, cst.ListComp):
            return results
        if isinstance(node, cst.SetComp):
            return self.make_set(results, site)
        if isinstance(node, cst.DictComp):
            out = {}
            for key, value in results:
                if plain.unhashable(key):
                    return Raised("TypeError", plain.unhashable(key), site, "DM411")
                if not plain.is_hashable_plain(key):
                    return Unknown(f"a dict key of {describe(key)} is not evaluated", site)
                out[key] = value
            return out
        return results  # a generator's items, as a list (see `iterate`)

    def drain(self, stream, node, scope: Scope) -> Any:
        """All items of a comprehension's stream, or the poison that ended it. When the
        analysis cannot follow it to its end, what its remaining steps may do is tainted."""
        results: list = []
        for item in stream:
            if is_poison(item):
                if isinstance(item, Unknown) and node is not None:
                    self.taint_code(node, scope, item)
                elif isinstance(item, Unknown) and isinstance(scope, (Function, Class)):
                    self._taint_callable(scope, item, set(), arguments_known=False)  # an iterator's callable
                return item
            results.append(item)
        return results

    def _comprehension_stream(self, node, scope: Scope, first: Any):
        """The comprehension's items, made one at a time as CPython makes them ((key,
        value) pairs for a dict); a poison item ends it."""
        site = self.site(scope, node)
        kind = {cst.ListComp: "<listcomp>", cst.SetComp: "<setcomp>", cst.DictComp: "<dictcomp>"}
        inner = scope.child({}, syntax.comprehension_info(node), kind.get(type(node), "<genexpr>"))
        budget = [MAX_ITERATIONS]
        steps = meter()  # shared by every comprehension of the analysis

        def run(clause: Optional[cst.CompFor], current: Scope):
            if clause is None:
                if isinstance(node, cst.DictComp):
                    key = self.eval(node.key, current)
                    value = self.eval(node.value, current)
                    poison = key if is_poison(key) else (value if isinstance(value, Raised) else None)
                    yield poison if poison is not None else (key, value)
                else:
                    value = self.eval(node.elt, current)
                    yield value
                return
            if clause is node.for_in:
                items = first
            else:
                items = self.iterate(self.eval(clause.iter, current), self.site(scope, clause.iter))
            if is_poison(items):
                yield items
                return
            for item in items:
                steps.step(site)
                budget[0] -= 1
                if budget[0] < 0:
                    yield Unknown("comprehension too long to evaluate", site, TOO_LARGE)
                    return
                problem = self.assign(clause.target, item, current)
                if problem is not None:
                    yield problem
                    return
                keep = True
                for condition in clause.ifs:
                    test = self.truth(self.eval(condition.test, current), site)
                    if is_poison(test):
                        yield test
                        return
                    if not test:
                        keep = False
                        break
                if keep:
                    yield from run(clause.inner_for_in, current)

        return run(node.for_in, inner)

    def generator_stream(self, value: "GeneratorValue"):
        """The items of a generator expression as they are consumed (once)."""
        if value.stream is None:
            value.stream = self._comprehension_stream(value.node, value.scope, value.first)
        return value.stream
