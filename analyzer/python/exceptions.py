"""Exceptions, as CPython raises and handles them: `raise` (builtin exceptions and the
workspace's own classes, re-raise in a handler), `try`/`except`/`else`/`finally` (handlers
matched by the exception's bases; a `return`/`break`/`continue` runs `finally` first),
and `with` (installed libraries' context managers are assumed not to swallow exceptions;
`contextlib.suppress` is followed). A part of `interpreter.Interpreter`."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst
from dlt_manifest.python import builtins, classes, flow, stdtypes, syntax
from dlt_manifest.python.evaluate import Call
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import (
    Class,
    ExceptionValue,
    Instance,
    Modeled,
    Raised,
    Unknown,
    describe,
    is_library,
    is_poison,
)

RAISES = "DM411"
LIMIT = "DM904"
UNKNOWN_EXCEPTION = "?"  # the class of an exception raised by an unknown value
MAX_LOOP = 1_000_000  # iterations of one loop


class Exceptions:
    """Raising and handling exceptions (a part of `interpreter.Interpreter`)."""

    def raised_by(self, node: cst.Raise, scope: Scope) -> Raised:
        """What `raise ...` raises."""
        site = self.site(scope, node)
        if node.exc is None:
            active = self.active_exceptions[-1] if self.active_exceptions else None
            if active is None:
                return Raised("RuntimeError", "No active exception to reraise", site, RAISES)
            return active
        value = self.eval(node.exc, scope)
        if isinstance(value, Raised):
            return value
        if isinstance(value, Modeled) and value.key.split(".", 1)[1] in builtins.EXCEPTION_NAMES:
            value = ExceptionValue(value.key.split(".", 1)[1])
        elif isinstance(value, Class):
            value = self.instantiate(value, [], {}, Call(site, {}, scope))
            if isinstance(value, Raised):
                return value
        if isinstance(value, ExceptionValue):
            exc_class = value.kind if isinstance(value.kind, Class) else None
            return Raised(value.name, value.message, site, RAISES, exc_class, value)
        if isinstance(value, Instance) and classes.is_exception_class(value.cls):
            text = self.text_of(value, "str", site)
            return Raised(value.cls.name, text if isinstance(text, str) else "", site, RAISES, value.cls, value)
        if isinstance(value, Instance):
            return Raised("TypeError", "exceptions must derive from BaseException", site, RAISES)
        what = value.reason if is_poison(value) else f"raising {describe(value)}"
        return Raised(UNKNOWN_EXCEPTION, f"the module raises at import ({what})", site, RAISES)

    def _try(self, node: cst.Try, scope: Scope) -> bool:
        pending: list = []  # raised and not handled: `finally` runs first, and may discard them
        if node.finalbody is not None:
            self._collectors.append(pending)
        try:
            certain = self._try_handlers(node, scope)
        except (flow.Return, flow.Break, flow.Continue):
            if node.finalbody is not None:  # runs, then the transfer goes on
                self._collectors.pop()
                self._finally(node, scope, pending)
            raise
        except flow.Diverged as diverged:
            # which handlers run, and what the rest of the body does, is not known
            kinds = set(diverged.kinds) | self.taint_code([node], scope, diverged.unknown)
            if any(self._catches_everything(h, scope) for h in node.handlers):
                kinds.discard("raise")
            kinds.discard("yield")
            if node.finalbody is not None:  # tainted with the rest of the statement
                self._collectors.pop()
                for item in pending:
                    self.fail(item)
            if kinds:
                raise flow.Diverged(frozenset(kinds), diverged.unknown)
            return False
        if node.finalbody is not None:
            self._collectors.pop()
            certain = self._finally(node, scope, pending) and certain and not pending
        return certain

    def _finally(self, node: cst.Try, scope: Scope, pending: list) -> bool:
        """Runs the `finally` block; the exceptions `pending` go on unless it returns,
        breaks, continues (raising `flow.Return` ...) or raises one of its own."""
        own: list = []
        self._collectors.append(own)
        try:
            certain = self.exec_block(syntax.block(node.finalbody.body), scope)
        finally:
            self._collectors.pop()
        for item in own or pending:
            self.fail(item)
        return certain

    def _try_handlers(self, node: cst.Try, scope: Scope) -> bool:
        collected: list = []
        self._collectors.append(collected)
        try:
            certain = self.exec_block(syntax.block(node.body), scope)
        finally:
            self._collectors.pop()
        if collected:
            raised = collected[0]
            handler = self._matching_handler(node.handlers, raised, scope)
            if handler is None:
                for item in collected:
                    self.fail(item)
                return False
            if handler is False:
                reason = "bound in a `try` statement whose exception handling is not known"
                self._not_executed(node, scope, None, reason)
                return False
            if handler.name is not None:
                caught = raised.value if raised.value is not None else ExceptionValue(raised.exc, None, raised.message)
                self.bind(scope, handler.name.name.value, caught, None)
            self.active_exceptions.append(raised)
            try:
                return self.exec_block(syntax.block(handler.body), scope) and certain
            finally:
                self.active_exceptions.pop()
                if handler.name is not None:  # the compiler's `finally: e = None; del e`
                    name = handler.name.name.value
                    scope.binding_scope(name).locals.pop(name, None)
        if not certain:
            for handler in node.handlers:
                self._not_executed_block(
                    syntax.block(handler.body), scope,
                    "bound in an `except` clause, which runs if the `try` body fails at run time",
                )
        if node.orelse is not None:
            certain = self.exec_block(syntax.block(node.orelse.body), scope) and certain
        return certain

    def _catches_everything(self, handler, scope: Scope) -> bool:
        if handler.type is None:
            return True
        kinds = self.eval(handler.type, scope)
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        return any(isinstance(k, Modeled) and k.key in ("builtins.Exception", "builtins.BaseException") for k in kinds)

    def _matching_handler(self, handlers, raised: Raised, scope: Scope) -> Any:
        """The handler that catches `raised`, None when none does, False when which one
        does is not known."""
        for handler in handlers:
            if handler.type is None:
                return handler
            kinds = self.eval(handler.type, scope)
            kinds = kinds if isinstance(kinds, tuple) else (kinds,)
            for kind in kinds:
                matches = self._exception_matches(raised, kind)
                if matches is None:
                    return False
                if matches:
                    return handler
        return None

    def _exception_matches(self, raised: Raised, kind: Any) -> Optional[bool]:
        if isinstance(kind, Modeled) and kind.key.startswith("builtins."):
            name = kind.key.split(".", 1)[1]
            if name == "BaseException" or name == "Exception" and raised.exc == UNKNOWN_EXCEPTION:
                return True  # an exception raised by an unknown value is assumed an Exception
            if raised.exc == UNKNOWN_EXCEPTION:
                return None
            if raised.exc_class is not None:
                return self._class_derives(raised.exc_class, name)
            return builtins.exception_matches(raised.exc, name)
        if isinstance(kind, Class):
            if raised.exc_class is None:
                return False if raised.exc != UNKNOWN_EXCEPTION else None
            return any(base is kind for base in self.mro_of(raised.exc_class))
        return None

    def mro_of(self, cls: Class) -> list:
        return [cls, *cls.mro]

    def _class_derives(self, cls: Class, builtin: str) -> Optional[bool]:
        """Does workspace class `cls` derive from builtin exception `builtin`?"""
        for base in self.mro_of(cls):
            if isinstance(base, Modeled) and base.key.startswith("builtins."):
                if builtins.exception_matches(base.key.split(".", 1)[1], builtin):
                    return True
            elif not isinstance(base, (Class, Modeled)):
                return None
        return False

    def _with(self, node: cst.With, scope: Scope) -> bool:
        """Context managers of installed libraries are assumed not to swallow exceptions
        (the soundness contract); `contextlib.suppress` is followed exactly."""
        suppressed: list = []
        for item in node.items:
            value = self.eval(item.item, scope)
            if isinstance(value, Raised):
                self.fail(value)
                return False
            if isinstance(value, stdtypes.Suppress):
                suppressed.extend(value.exceptions)
                enter: Any = None
            else:
                if not is_poison(value) and not is_library(value) and not isinstance(value, Modeled):
                    # the workspace's `__enter__`/`__exit__` (or a TypeError), not followed
                    self.noted(Unknown(f"a `with` of {describe(value)} is not followed", self.site(scope, item), may_raise=True))
                enter = Unknown("the value of a `with ... as` target is not known statically", self.site(scope, item))
            if item.asname is not None:
                self.assign(item.asname.name, enter, scope)
        if not suppressed:
            return self.exec_block(syntax.block(node.body), scope) and False
        collected: list = []
        self._collectors.append(collected)
        try:
            certain = self.exec_block(syntax.block(node.body), scope)
        finally:
            self._collectors.pop()
        if collected:
            matches = [self._exception_matches(collected[0], kind) for kind in suppressed]
            if any(m is None for m in matches) and not any(matches):
                self._not_executed(node, scope, None, "bound in a `with suppress(...)` whose exception is not known")
                return False
            if not any(matches):
                for raised in collected:
                    self.fail(raised)
            return False
        return certain
