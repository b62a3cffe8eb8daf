"""Python's builtins: the names every module sees, the exception hierarchy `except`
clauses match against (libraries' models add their exceptions to `EXCEPTION_BASES`), and
the implementations of the builtin functions and of the methods of plain data.

They compute on plain values only; whatever they cannot compute exactly is `Unknown`.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable, Optional

from dlt_manifest.python.calls import _MISSING, _not_plain_result, modeled
from dlt_manifest.python.plain import (
    NotPlain,
    hash_ordered,
    is_plain,
    is_plain_shallow,
    TooLarge,
    python_repr,
    python_str,
    spec_is_small,
)
from dlt_manifest.python.values import (
    ExceptionValue,
    External,
    Modeled,
    Raised,
    Unknown,
    describe,
    is_poison,
)

RUNTIME_ERROR = "DM411"
NOT_STATIC = "DM901"


_BUILTIN_NAMES = [
    "str", "int", "float", "bool", "bytes", "list", "tuple", "dict", "set", "frozenset",
    "complex", "object", "type", "range", "len", "sorted", "reversed", "min", "max", "sum",
    "abs", "round", "enumerate", "zip", "any", "all", "repr", "print", "globals", "isinstance",
    "getattr", "hasattr", "open", "dir", "vars", "locals", "exec", "eval", "compile",
    "__import__", "input", "setattr", "map", "filter", "iter", "next", "hash", "id", "chr",
    "ord", "hex", "oct", "bin", "format", "divmod", "pow", "callable", "super", "property",
    "staticmethod", "classmethod", "NotImplemented",
]  # fmt: skip


_EXCEPTIONS = [
    "BaseException", "Exception", "ImportError", "ModuleNotFoundError", "AttributeError",
    "NameError", "TypeError", "ValueError", "KeyError", "IndexError", "LookupError",
    "RuntimeError", "OSError", "FileNotFoundError", "NotImplementedError", "AssertionError",
    "ArithmeticError", "ZeroDivisionError", "StopIteration", "UnicodeError", "Warning",
    "DeprecationWarning", "UserWarning", "SyntaxError", "RecursionError", "EnvironmentError",
    "IOError", "PermissionError", "SystemExit", "KeyboardInterrupt", "OverflowError",
]  # fmt: skip


BUILTINS: dict = {name: Modeled(f"builtins.{name}") for name in _BUILTIN_NAMES + _EXCEPTIONS}
EXCEPTION_NAMES = frozenset(_EXCEPTIONS)


BUILTINS.update({"True": True, "False": False, "None": None, "Ellipsis": ..., "__debug__": True})


# exception hierarchy for `except` clauses
EXCEPTION_BASES = {
    "ModuleNotFoundError": "ImportError", "ImportError": "Exception",
    "AttributeError": "Exception", "NameError": "Exception", "TypeError": "Exception",
    "ValueError": "Exception", "KeyError": "LookupError", "IndexError": "LookupError",
    "LookupError": "Exception", "RuntimeError": "Exception", "RecursionError": "RuntimeError",
    "NotImplementedError": "RuntimeError", "OSError": "Exception", "FileNotFoundError": "OSError",
    "PermissionError": "OSError", "AssertionError": "Exception", "ZeroDivisionError": "ArithmeticError",
    "OverflowError": "ArithmeticError", "ArithmeticError": "Exception", "Exception": "BaseException",
}  # fmt: skip


def _exception_class(name: str):
    @modeled(f"builtins.{name}", "(*args)")
    def make(ev, call, bound, _):
        return ExceptionValue(name, tuple(bound["args"]))

    return make


for _name in _EXCEPTIONS:
    _exception_class(_name)


def exception_matches(raised: str, handler: str) -> bool:
    current: Optional[str] = raised
    while current is not None:
        if current == handler:
            return True
        current = EXCEPTION_BASES.get(current, "Exception" if current != "BaseException" and current != "Exception" else None)
        if current == "BaseException" and handler == "BaseException":
            return True
    return handler == "BaseException"


# --- builtin functions --------------------------------------------------------------------


def _pure(key: str, signature: str, fn: Callable, what: str):
    @modeled(key, signature)
    def apply(ev, call, bound, _):
        problem = _not_plain_result(bound, call.site, what)
        if problem is not None:
            return problem
        values = [v for v in bound.values() if v is not _MISSING]
        try:
            return fn(*values)
        except (TypeError, ValueError, KeyError, IndexError, OverflowError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


_pure("builtins.len", "(obj, /)", len, "len()")


_pure("builtins.abs", "(x, /)", abs, "abs()")


@modeled("builtins.repr", "(obj, /)")
def _repr(ev, call, bound, _):
    problem = _not_plain_result(bound, call.site, "repr()")
    if problem is not None:
        return problem
    try:
        return python_repr(bound["obj"])
    except TooLarge as ex:
        return Unknown(f"repr() not evaluated: {ex}", call.site, "DM904")
    except NotPlain:
        return Unknown(f"repr() of {describe(bound['obj'])} is not evaluated statically", call.site)


_pure("builtins.round", "(number, ndigits=None)", round, "round()")


_pure("builtins.chr", "(i, /)", chr, "chr()")


_pure("builtins.ord", "(c, /)", ord, "ord()")


_pure("builtins.hex", "(i, /)", hex, "hex()")


_pure("builtins.any", "(iterable, /)", any, "any()")


_pure("builtins.all", "(iterable, /)", all, "all()")


_pure("builtins.divmod", "(a, b, /)", divmod, "divmod()")


def _convert(key: str, py_type: type):
    @modeled(key, "(*args, **kwargs)")
    def apply(ev, call, bound, _):
        args, kwargs = bound["args"], bound["kwargs"]
        if py_type is str and len(args) == 1 and not kwargs:
            value = args[0]
            if is_poison(value):
                return value
            try:
                return python_str(value)
            except TooLarge as ex:
                return Unknown(f"str() not evaluated: {ex}", call.site, "DM904")
            except NotPlain:
                return Unknown(f"str() of {describe(value)} is not evaluated statically", call.site)
        problem = _not_plain_result({"a": list(args), "k": dict(kwargs)}, call.site, f"{py_type.__name__}()")
        if problem is not None:
            return problem
        if py_type in (list, tuple, set, frozenset, dict) and args and _too_big(args[0]):
            return Unknown("value too large to evaluate", call.site, "DM904")
        if py_type in (list, tuple, dict) and args and hash_ordered(args[0]):
            return Unknown(
                "the order of a set of strings depends on the interpreter's hash seed", call.site
            )
        try:
            return py_type(*args, **kwargs)
        except (TypeError, ValueError, OverflowError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


def _too_big(value: Any) -> bool:
    try:
        return len(value) > 1_000_000
    except TypeError:
        return False


for _py in (str, int, float, bool, bytes, list, tuple, dict, set, frozenset, complex, range):
    _convert(f"builtins.{_py.__name__}", _py)


@modeled("builtins.min", "(*args, key=None, default=MISSING)")
def _min(ev, call, bound, _):
    return _minmax(min, call, bound, ev)


@modeled("builtins.max", "(*args, key=None, default=MISSING)")
def _max(ev, call, bound, _):
    return _minmax(max, call, bound, ev)


def _keys(ev, call, items: list, key: Any) -> Any:
    """`key(item)` for each item (the key function is called as at run time), or poison."""
    out = []
    for item in items:
        value = ev.call(key, [item], {}, call)
        if is_poison(value):
            return value
        if not is_plain(value):
            return Unknown(f"comparing keys that are {describe(value)} is not evaluated statically", call.site)
        out.append(value)
    return out


def _ordered(ev, call, items: list, key: Any, reverse: Any) -> Any:
    """`sorted(items, key=key, reverse=reverse)`, stable as CPython's."""
    if key is None:
        problem = _not_plain_result({"a": items}, call.site, "sorted()")
        if problem is not None:
            return problem
        keys = items
    else:
        keys = _keys(ev, call, items, key)
        if is_poison(keys):
            return keys
    try:
        order = sorted(range(len(items)), key=keys.__getitem__, reverse=bool(reverse))
    except TypeError as ex:
        return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)
    return [items[i] for i in order]


@modeled("builtins.sorted", "(iterable, /, *, key=None, reverse=False)")
def _sorted(ev, call, bound, _):
    items = ev.iterate(bound["iterable"], call.site)
    if is_poison(items):
        return items
    return _ordered(ev, call, list(items), bound["key"], bound["reverse"])


def _minmax(fn, call, bound, ev=None):
    if bound["key"] is not None:
        items = list(bound["args"])
        if len(items) == 1:
            items = ev.iterate(items[0], call.site)
            if is_poison(items):
                return items
        if not items:
            if bound["default"] is not _MISSING:
                return bound["default"]
            return Raised("ValueError", f"{fn.__name__}() arg is an empty sequence", call.site, RUNTIME_ERROR)
        keys = _keys(ev, call, list(items), bound["key"])
        if is_poison(keys):
            return keys
        try:
            return items[fn(range(len(items)), key=keys.__getitem__)]
        except TypeError as ex:
            return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)
    problem = _not_plain_result({"a": list(bound["args"])}, call.site, "min()/max()")
    if problem is not None:
        return problem
    extra = {} if bound["default"] is _MISSING else {"default": bound["default"]}
    try:
        return fn(*bound["args"], **extra)
    except (TypeError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("builtins.sum", "(iterable, /, start=0)")
def _sum(ev, call, bound, _):
    problem = _not_plain_result(bound, call.site, "sum()")
    if problem is not None:
        return problem
    try:
        return sum(bound["iterable"], bound["start"])
    except TypeError as ex:
        return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)


@modeled("builtins.enumerate", "(iterable, start=0)")
def _enumerate(ev, call, bound, _):
    items = ev.iterate(bound["iterable"], call.site)
    if is_poison(items):
        return items
    return tuple(enumerate(items, bound["start"]))


@modeled("builtins.zip", "(*iterables, strict=False)")
def _zip(ev, call, bound, _):
    lists = []
    for iterable in bound["iterables"]:
        items = ev.iterate(iterable, call.site)
        if is_poison(items):
            return items
        lists.append(items)
    return tuple(zip(*lists))


@modeled("builtins.reversed", "(sequence, /)")
def _reversed(ev, call, bound, _):
    items = ev.iterate(bound["sequence"], call.site)
    return items if is_poison(items) else tuple(reversed(items))


@modeled("builtins.print", "(*args, **kwargs)")
def _print(ev, call, bound, _):
    return None


@modeled("builtins.globals", "()")
def _globals(ev, call, bound, _):
    """The module's namespace itself: what is done to it is done to the module's names."""
    return call.scope.module.namespace


@modeled("builtins.locals", "()")
def _locals(ev, call, bound, _):
    scope = call.scope
    if scope.kind in ("module", "class"):
        return scope.locals
    return dict(scope.locals)  # a function's locals(): a snapshot


@modeled("builtins.vars", "(*args)")
def _vars(ev, call, bound, _):
    if not bound["args"]:
        return _locals(ev, call, {}, None)
    if len(bound["args"]) > 1:
        return Raised("TypeError", f"vars expected at most 1 argument, got {len(bound['args'])}", call.site, RUNTIME_ERROR)
    return ev.get_attribute(bound["args"][0], "__dict__", call.site)


@modeled("builtins.isinstance", "(obj, class_or_tuple, /)")
def _isinstance(ev, call, bound, _):
    obj, classes = bound["obj"], bound["class_or_tuple"]
    classes = classes if isinstance(classes, tuple) else (classes,)
    if not is_plain_shallow(obj) or is_poison(obj):
        return Unknown("isinstance() of a non-constant value", call.site)
    types = []
    for cls in classes:
        if not (isinstance(cls, Modeled) and cls.key.startswith("builtins.")):
            return Unknown("isinstance() against a class that is not a builtin", call.site)
        py_type = _BUILTIN_TYPES.get(cls.key)
        if py_type is None:
            return Unknown("isinstance() against an unmodeled class", call.site)
        types.append(py_type)
    return isinstance(obj, tuple(types))


_BUILTIN_TYPES = {f"builtins.{t.__name__}": t for t in (str, int, float, bool, bytes, list, tuple, dict, set, frozenset, complex, type(None))}


def _opaque_call(key: str, reason: str, code: str = NOT_STATIC):
    @modeled(key, "(*args, **kwargs)")
    def apply(ev, call, bound, _):
        ev.unknown_call_effects(Modeled(key), list(bound["args"]), dict(bound["kwargs"]), call.site)
        return Unknown(reason, call.site, code)

    return apply


_opaque_call("builtins.open", "the value is read from a file at run time")


_opaque_call("builtins.dir", "dir() lists names at run time", "DM903")


_opaque_call("builtins.vars", "vars() reads a namespace at run time", "DM903")


_opaque_call("builtins.locals", "locals() reads a namespace at run time", "DM903")


_opaque_call("builtins.exec", "exec() runs code built at run time")


_opaque_call("builtins.eval", "eval() runs code built at run time")


_opaque_call("builtins.compile", "compile() runs code built at run time")


_opaque_call("builtins.__import__", "__import__() imports a module chosen at run time")


_opaque_call("builtins.input", "input() reads a value at run time")


_opaque_call("builtins.getattr", "getattr() is not evaluated statically")


_opaque_call("builtins.setattr", "setattr() changes an object at run time")


_opaque_call("builtins.hasattr", "hasattr() is not evaluated statically")


_opaque_call("builtins.map", "map() is not evaluated statically")


_opaque_call("builtins.filter", "filter() is not evaluated statically")


_opaque_call("builtins.hash", "hash() differs between runs")


_opaque_call("builtins.id", "id() differs between runs")


@modeled("method", "(*args, **kwargs)")
def _method(ev, call, bound, state):
    obj, name = state
    args, kwargs = list(bound["args"]), dict(bound["kwargs"])
    problem = _not_plain_result({"a": args, "k": kwargs}, call.site, f"`.{name}()`")
    if problem is not None:
        return problem
    if isinstance(obj, datetime.datetime) and name == "astimezone" and not args and not kwargs:
        return Unknown("astimezone() without a zone uses the machine's time zone", call.site)
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int) and args[0] > 100_000:
        return Unknown("value too large to evaluate", call.site, "DM904")
    if name == "format" and not all(_spec_is_safe(a) for a in args + list(kwargs.values())):
        return Unknown("format() of a non-constant value", call.site)
    if name in ("format", "format_map") and isinstance(obj, str) and not spec_is_small(obj + "".join(
        a for a in args + list(kwargs.values()) if isinstance(a, str)
    )):
        return Unknown("format width too large to evaluate", call.site, "DM904")
    try:
        result = getattr(obj, name)(*args, **kwargs)
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, AttributeError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)
    if isinstance(result, str) and len(result) > 1_000_000:
        return Unknown("value too large to evaluate", call.site, "DM904")
    return result


def _spec_is_safe(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None)))


@modeled("mutating-method", "(*args, **kwargs)")
def _mutating_method(ev, call, bound, state):
    """`.append(...)`, `.update(...)`... on a list, dict or set of the workspace, done for
    real (every name of the container sees it); on `__all__` it is not followed."""
    obj, name = state
    args, kwargs = list(bound["args"]), dict(bound["kwargs"])
    if name == "sort" and isinstance(obj, list) and not args and set(kwargs) <= {"key", "reverse"}:
        ordered = _ordered(ev, call, list(obj), kwargs.get("key"), kwargs.get("reverse", False))
        if is_poison(ordered):
            ev.note_mutation(obj, call.site, f"`.sort(...)` {ordered.reason if isinstance(ordered, Unknown) else 'that fails'}")
            return ordered
        obj[:] = ordered
        return None
    if (name in ("append", "insert") and isinstance(obj, list) and args and not kwargs
            and isinstance(args[-1], Unknown) and not any(is_poison(a) for a in args[:-1])):
        try:  # the item is not known, the list around it is
            return getattr(obj, name)(*args)
        except TypeError as ex:
            return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)
    poison = next((v for v in args + list(kwargs.values()) if is_poison(v) or isinstance(v, External)), None)
    if poison is not None:
        ev.note_mutation(obj, call.site, f"`.{name}(...)` with a value not known statically")
        return Unknown(f"the result of `.{name}(...)` is not known statically", call.site)
    if any(_too_big_arg(v) for v in args):
        ev.note_mutation(obj, call.site, f"`.{name}(...)` of a value too large")
        return Unknown("value too large to evaluate", call.site, "DM904")
    if name in ("extend", "update") and args and hash_ordered(args[0]):
        ev.note_mutation(obj, call.site, f"`.{name}(...)` with a set of strings (unordered)")
        return Unknown("the order of a set of strings depends on the interpreter's hash seed", call.site)
    try:
        return getattr(obj, name)(*args, **kwargs)
    except (TypeError, ValueError, KeyError, IndexError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


def _too_big_arg(value: Any) -> bool:
    try:
        return len(value) > 1_000_000
    except TypeError:
        return False


@modeled("builtins.staticmethod", "(function, /)")
def _staticmethod(ev, call, bound, _):
    """Class attribute access gives back the function itself."""
    return bound["function"]


@modeled("builtins.classmethod", "(function, /)")
def _classmethod(ev, call, bound, _):
    return Unknown("a classmethod is bound to its class at run time", call.site)


@modeled("builtins.property", "(fget=None, fset=None, fdel=None, doc=None)")
def _property(ev, call, bound, _):
    return Unknown("a property is computed at run time", call.site)
