"""Calls of workspace functions, as CPython makes them: arguments bound to parameters by
CPython's rules, a new scope seeing the function's closure and globals, the body
interpreted statement by statement until `return`. A part of `interpreter.Interpreter`.

What the analyzer cannot follow in a body (a branch on an unknown condition that may
`return`, a generator or coroutine, a body it cannot parse) makes the call's result
Unknown and taints whatever the body may change (`effects`).
"""

from __future__ import annotations

from typing import Any

import libcst as cst
from dlt_manifest.python import flow, syntax
from dlt_manifest.python.scope import FUNCTION, Scope
from dlt_manifest.python.values import Function, Raised, Unknown

CALL_ARGUMENTS = "DM412"
NOT_STATIC = "DM901"
TOO_LARGE = "DM904"
MAX_CALL_DEPTH = 100  # nested calls of workspace functions (CPython allows ~1,000)


class FunctionCalls:
    """Calls of `Function` values (a part of `interpreter.Interpreter`)."""

    call_depth = 0

    def call_function(self, fn: Function, args: list, kwargs: dict, call) -> Any:
        site = call.site
        node = fn.node
        if node is None:
            return Unknown(f"calling `{fn.name}()` is not modeled", site)
        if isinstance(node, cst.Lambda):
            body, statement = node.body, fn.statement
        else:
            found = self.function_node(fn)
            if isinstance(found, str):
                unknown = Unknown(f"`{fn.name}()` is not followed: {found}", site, TOO_LARGE)
                self.taint_everything(unknown)
                return unknown
            node, statement = found
            body = syntax.block(node.body)
        info = syntax.code_info(node)
        bound = bind_arguments(fn, args, kwargs, site)
        if isinstance(bound, Raised):
            return bound
        scope = Scope(fn.module, bound, fn.closure, FUNCTION, info, statement)
        scope.qualname = f"{fn.qualname}.<locals>"
        scope.private = fn.private
        scope.function = fn
        if fn.is_async or info.is_generator:
            what = "a coroutine" if fn.is_async else "a generator"
            unknown = Unknown(
                f"calling `{fn.name}()` makes {what}, whose code runs later; not followed",
                site, NOT_STATIC, may_be_job=True, may_raise=not fn.is_async,  # what iterates it runs it
            )
            self.taint_code(body, scope, unknown)
            return unknown
        if self.call_depth >= MAX_CALL_DEPTH:
            raise flow.Budget(
                Unknown(f"calls of workspace functions nested more than {MAX_CALL_DEPTH} deep", site, TOO_LARGE)
            )
        collected: list = []
        self._collectors.append(collected)
        self.call_depth += 1
        try:
            if isinstance(body, cst.BaseExpression):
                return self.eval(body, scope)
            self.exec_block(body, scope)
            result = None
        except flow.Return as returned:
            result = returned.value
        except flow.Diverged as diverged:
            self.taint_code(body, scope, diverged.unknown)
            if "raise" in diverged.kinds:
                raise
            result = Unknown(
                f"the result of `{fn.name}()` is not known statically: {diverged.unknown.reason}",
                site, diverged.unknown.code, may_be_job=True,
            )
        finally:
            self.call_depth -= 1
            self._collectors.pop()
        if collected:
            return collected[0]  # the call raises: the caller sees the exception
        return result

    def function_node(self, fn: Function) -> Any:
        """(FunctionDef with its whole body, statement for positions), or a str saying
        why the body cannot be had. Bodies blanked out before parsing are parsed now."""
        node = fn.node
        if not _blanked(node) or fn.module.source is None:
            return node, fn.statement
        source = fn.module.source
        line = source.def_line(node, fn.statement)
        found = source.function_at(line if line is not None else fn.site.span.line)
        if found is None:
            return node, fn.statement
        return found


def bind_arguments(fn: Function, args: list, kwargs: dict, site) -> Any:
    """The parameters' values for a call, by CPython's rules, or the TypeError it raises."""
    name = fn.qualname
    positional = [p for p in fn.params if p.kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    var_positional = next((p for p in fn.params if p.kind == "VAR_POSITIONAL"), None)
    var_keyword = next((p for p in fn.params if p.kind == "VAR_KEYWORD"), None)
    keyword_only = [p for p in fn.params if p.kind == "KEYWORD_ONLY"]

    def error(message: str) -> Raised:
        return Raised("TypeError", f"{name}() {message}", site, CALL_ARGUMENTS)

    bound: dict = {}
    if len(args) > len(positional) and var_positional is None:
        required = sum(1 for p in positional if not p.has_default)
        count = (
            f"from {required} to {len(positional)}" if required != len(positional) else str(len(positional))
        )
        plural = "s" if len(positional) != 1 else ""
        given = f"{len(args)} {'was' if len(args) == 1 else 'were'} given"
        return error(f"takes {count} positional argument{plural} but {given}")
    for param, value in zip(positional, args):
        bound[param.name] = value
    if var_positional is not None:
        bound[var_positional.name] = tuple(args[len(positional):])
    extra: dict = {}
    by_name = {p.name: p for p in positional + keyword_only}
    positional_only = []
    for key, value in kwargs.items():
        param = by_name.get(key)
        if param is None or param.kind == "POSITIONAL_ONLY":
            if var_keyword is not None:
                extra[key] = value
                continue
            if param is not None:
                positional_only.append(key)
                continue
            return error(f"got an unexpected keyword argument {key!r}")
        if key in bound:
            return error(f"got multiple values for argument {key!r}")
        bound[key] = value
    if positional_only:
        return error(
            "got some positional-only arguments passed as keyword arguments:"
            f" {', '.join(repr(k) for k in positional_only)}"
        )
    for group, what in ((positional, "positional"), (keyword_only, "keyword-only")):
        missing = []
        for param in group:
            if param.name in bound:
                continue
            if param.has_default:
                bound[param.name] = param.default
            else:
                missing.append(param.name)
        if missing:
            names = [repr(m) for m in missing]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
            plural = "s" if len(missing) != 1 else ""
            return error(f"missing {len(missing)} required {what} argument{plural}: {listed}")
    if var_keyword is not None:
        bound[var_keyword.name] = extra
    return bound



def _blanked(node: cst.CSTNode) -> bool:
    """Was this def's body replaced by `pass` before parsing (see `source.files`)?"""
    if not isinstance(node, cst.FunctionDef):
        return False
    statements = syntax.block(node.body)
    last = statements[-1]
    return (
        isinstance(last, cst.SimpleStatementLine)
        and len(last.body) == 1
        and isinstance(last.body[0], cst.Pass)
    )
