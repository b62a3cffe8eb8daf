"""Assignment targets, as CPython binds them: names, unpacking into tuples and lists
(starred too), attributes, and items of lists and dicts changed in place (every name of
the container sees the change, as at run time). A part of `evaluate.Evaluator`."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst
from dlt_manifest.python import plain
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import Raised, is_poison, raised_from
from dlt_manifest.source.span import Site

RUNTIME_ERROR = "DM411"


class Targets:
    """`target = value` for every kind of target (a part of `evaluate.Evaluator`)."""

    def assign(self, target: cst.BaseExpression, value: Any, scope: Scope) -> Optional[Any]:
        """Binds `target = value` in `scope`; returns a Raised when unpacking fails."""
        site = self.site(scope, target)
        if isinstance(target, cst.Name):
            self.bind(scope, scope.mangle(target.value), value, None)
            return None
        if isinstance(target, (cst.Tuple, cst.List)):
            return self._unpack(target, value, scope, site)
        if isinstance(target, cst.Attribute):
            obj = self.eval(target.value, scope)
            return self.set_attribute(obj, scope.mangle(target.attr.value), value, site)
        if isinstance(target, cst.Subscript):
            obj = self.eval(target.value, scope)
            if isinstance(obj, Raised):
                return obj
            return self.change_item(obj, target, scope, "set", value)
        if isinstance(target, cst.StarredElement):
            return self.assign(target.value, value, scope)
        return None

    def _unpack(self, target, value: Any, scope: Scope, site: Site) -> Optional[Any]:
        names = target.elements
        if is_poison(value):
            for element in names:
                self.assign(element.value, value, scope)
            return value if isinstance(value, Raised) else None
        items = self.iterate(value, site)
        if is_poison(items):
            for element in names:
                self.assign(element.value, items, scope)
            return items if isinstance(items, Raised) else None
        starred = [i for i, e in enumerate(names) if isinstance(e, cst.StarredElement)]
        if starred:
            i = starred[0]
            after = len(names) - i - 1
            if len(items) < len(names) - 1:
                return Raised(
                    "ValueError",
                    f"not enough values to unpack (expected at least {len(names) - 1},"
                    f" got {len(items)})",
                    site,
                    RUNTIME_ERROR,
                )
            parts = items[:i] + [list(items[i : len(items) - after])] + items[len(items) - after :]
        else:
            if len(items) != len(names):
                qualifier = "too many" if len(items) > len(names) else "not enough"
                detail = (
                    f"(expected {len(names)})"
                    if len(items) > len(names)
                    else f"(expected {len(names)}, got {len(items)})"
                )
                return Raised(
                    "ValueError", f"{qualifier} values to unpack {detail}", site, RUNTIME_ERROR
                )
            parts = items
        for element, item in zip(names, parts):
            problem = self.assign(element.value, item, scope)
            if problem is not None:
                return problem
        return None

    def change_item(self, obj: Any, target: cst.Subscript, scope: Scope, action: str, value: Any = None) -> Optional[Any]:
        """`obj[key] = value` (action "set") or `del obj[key]` on a list or dict of the
        workspace, done for real: every name of that container sees the change, as at
        run time. Returns a Raised when Python would raise."""
        site = self.site(scope, target)
        if self.reuse is not None:
            self.reuse.wrote(obj)
        if not isinstance(obj, (list, dict)) or len(target.slice) != 1:
            self.note_mutation(obj, site, "item assignment")
            return None
        key = self._slice_value(target.slice[0].slice, scope)
        if isinstance(obj, dict) and plain.unhashable(key):
            return Raised("TypeError", plain.unhashable(key), site, "DM411")
        if is_poison(key) or not (plain.is_hashable_plain(key) or isinstance(key, slice)):
            self.note_mutation(obj, site, "an item assignment with a key not known statically")
            return None
        try:
            if action == "set":
                obj[key] = value
            else:
                del obj[key]
        except (KeyError, IndexError, TypeError, ValueError) as ex:
            return raised_from(ex, site, RUNTIME_ERROR)
        return None

    def bind(self, scope: Scope, name: str, value: Any, node: Optional[cst.CSTNode]) -> None:
        """`name = value` in `scope` (or where `global` / `nonlocal` send it)."""
        binding = scope.binding_scope(name)
        if self.reuse is not None:
            self.reuse.binds(scope, binding)
        scope = binding
        scope.locals[name] = value
        if scope.is_module:
            if node is None:
                scope.module.binding_sites.pop(name, None)
            else:
                scope.module.binding_sites[name] = self.site(scope, node)
