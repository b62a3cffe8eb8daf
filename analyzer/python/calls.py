"""The registry of modeled callables: `CALLS[key]` is the signature and implementation of
`Modeled(key)` — a builtin, a stdlib function, or a library's API registered by its model
(the dlt layer registers dlt's). Arguments are bound to the real signature first, so wrong
arguments fail as they would at run time.

An implementation is `fn(ev, call, bound, state)`: the evaluator, the call's sites, the
bound arguments by name, and the object a method is bound to (`Modeled.bound`).
"""

from __future__ import annotations

import ast
import inspect
from typing import Any, Callable, Optional

import attrs
from dlt_manifest.python.budget import consume
from dlt_manifest.python.plain import is_plain
from dlt_manifest.python.values import (
    External,
    Raised,
    Unknown,
    deep_poison,
    describe,
    is_library,
)


def _bind(signature: inspect.Signature, args: list, kwargs: dict, key: str, site) -> Any:
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as ex:
        name = key.rsplit(".", 1)[-1]
        return Raised("TypeError", f"{name}() {ex}", site, "DM412")
    bound.apply_defaults()
    return dict(bound.arguments)


def _sig(text: str) -> inspect.Signature:
    """A signature from its text, e.g. "(a, /, b=None, *args, **kw)" (defaults: literals
    or MISSING). Built from the syntax tree: nothing is executed."""
    spec = ast.parse(f"def f{text}: pass").body[0].args
    P = inspect.Parameter

    def default(node):
        if node is None:
            return P.empty
        if isinstance(node, ast.Name) and node.id == "MISSING":
            return _MISSING
        return ast.literal_eval(node)

    positional = spec.posonlyargs + spec.args
    defaults = [None] * (len(positional) - len(spec.defaults)) + list(spec.defaults)
    params = [
        P(a.arg, P.POSITIONAL_ONLY if a in spec.posonlyargs else P.POSITIONAL_OR_KEYWORD,
          default=default(d))
        for a, d in zip(positional, defaults)
    ]
    if spec.vararg:
        params.append(P(spec.vararg.arg, P.VAR_POSITIONAL))
    params += [
        P(a.arg, P.KEYWORD_ONLY, default=default(d)) for a, d in zip(spec.kwonlyargs, spec.kw_defaults)
    ]
    if spec.kwarg:
        params.append(P(spec.kwarg.arg, P.VAR_KEYWORD))
    return inspect.Signature(params)


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING = _Missing()


CALLS: dict[str, tuple[inspect.Signature, Callable]] = {}


def modeled(key: str, signature: str):
    def register(fn):
        CALLS[key] = (_sig(signature), fn)
        return fn

    return register


def _plain_args(bound: dict, site=None) -> Optional[Any]:
    for value in bound.values():
        poison = deep_poison(value)
        if poison is not None:
            if isinstance(poison, Unknown) and poison.site is None:  # a refusal: here
                poison = attrs.evolve(poison, site=site)
            return poison
    return None


def _not_plain_result(bound: dict, site, what: str) -> Optional[Any]:
    """A poison among the arguments, a reason they are not plain data, or a refusal
    when the builtin would consume too many elements (see `budget.consume`); else None
    (and the elements are charged to the step budget)."""
    poison = _plain_args(bound, site)
    if poison is not None:
        return poison
    for value in bound.values():
        if not is_plain(value) and value is not _MISSING:
            if isinstance(value, External):
                return value.unknown()
            return Unknown(f"{what} of {describe(value)} is not evaluated statically", site, may_raise=not is_library(value))
    arguments = []
    for value in bound.values():
        arguments.append(value)
        if isinstance(value, (tuple, list)) and len(value) <= 16:  # `*args` as bound
            arguments.extend(value)
    return consume(arguments, site)
