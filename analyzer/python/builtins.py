"""Python's builtins: the names every module sees, the exception hierarchy `except`
clauses match against (libraries' models add their exceptions to `EXCEPTION_BASES`), and
the implementations of the builtin functions and of the methods of plain data.

They compute on plain values only; whatever they cannot compute exactly is `Unknown`.
"""

from __future__ import annotations

import builtins as _python_builtins
import datetime
from typing import Any, Callable, Optional

from dlt_manifest.python import plain
from dlt_manifest.python.calls import _MISSING, _not_plain_result, modeled
from dlt_manifest.python.plain import (
    hash_ordered,
    instance_hash,
    is_hashable_plain,
    is_plain,
    spec_is_small,
)
from dlt_manifest.python.values import (
    raised_from,
    Class,
    ExceptionValue,
    External,
    Function,
    GeneratorValue,
    Instance,
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
    "getattr", "hasattr", "delattr", "open", "dir", "vars", "locals", "exec", "eval", "compile",
    "__import__", "input", "setattr", "map", "filter", "iter", "next", "hash", "id", "chr",
    "ord", "hex", "oct", "bin", "format", "divmod", "pow", "callable", "super", "property",
    "staticmethod", "classmethod", "NotImplemented", "slice", "issubclass", "ascii", "bytearray", "memoryview",
    "aiter", "anext", "breakpoint", "exit", "quit", "help", "copyright", "credits", "license",
]  # fmt: skip


_EXCEPTIONS = [
    "BaseException", "Exception", "ImportError", "ModuleNotFoundError", "AttributeError",
    "NameError", "TypeError", "ValueError", "KeyError", "IndexError", "LookupError",
    "RuntimeError", "OSError", "FileNotFoundError", "NotImplementedError", "AssertionError",
    "ArithmeticError", "ZeroDivisionError", "StopIteration", "UnicodeError", "Warning",
    "DeprecationWarning", "UserWarning", "SyntaxError", "RecursionError", "EnvironmentError",
    "IOError", "PermissionError", "SystemExit", "KeyboardInterrupt", "OverflowError",
]  # fmt: skip
# the other exception classes of the running Python (those newer than the target: `_global`)
_EXCEPTIONS += sorted(
    name for name, value in vars(_python_builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException) and name not in _EXCEPTIONS
)
# and those of releases newer than the running one, with their base
_NEWER_EXCEPTIONS = {"PythonFinalizationError": "RuntimeError"}
_EXCEPTIONS += [name for name in _NEWER_EXCEPTIONS if name not in _EXCEPTIONS]


BUILTINS: dict = {name: Modeled(f"builtins.{name}") for name in _BUILTIN_NAMES + _EXCEPTIONS}
EXCEPTION_NAMES = frozenset(_EXCEPTIONS)


BUILTINS.update({"True": True, "False": False, "None": None, "Ellipsis": ..., "__debug__": True})


# exception hierarchy for `except` clauses: CPython's own for its builtin exceptions (the
# analyzer's interpreter has the same classes), and the bases of exceptions libraries raise
EXCEPTION_BASES = {"FrozenInstanceError": "AttributeError", **_NEWER_EXCEPTIONS}


def exception_chain(name: str) -> list:
    """The names of exception `name` and its bases up to BaseException (CPython's MRO for
    a builtin exception; `IOError` is `OSError`)."""
    real = getattr(_python_builtins, name, None)
    if isinstance(real, type) and issubclass(real, BaseException):
        return [klass.__name__ for klass in real.__mro__[:-1]]
    base = EXCEPTION_BASES.get(name)
    return [name, *(exception_chain(base) if base else ["Exception", "BaseException"])]


def exception_matches(raised: str, handler: str) -> bool:
    return exception_chain(handler)[0] in exception_chain(raised)


def exception_protocol(name: str) -> Optional[str]:
    """How builtin exception `name` keeps and shows its arguments: "plain" (BaseException's
    `__init__` and `__str__`), "key" (KeyError: `str()` of one argument is its repr), or
    None (OSError, SyntaxError, ...: arguments with meanings of their own; not modeled)."""
    real = getattr(_python_builtins, name, None)
    if not (isinstance(real, type) and issubclass(real, BaseException)):
        return None
    own = {"__new__", "__init__", "__doc__", "__module__"}
    chain = real.__mro__[:-2]  # without BaseException and object
    if all(set(vars(klass)) <= own for klass in chain):
        return "plain"
    if all(set(vars(klass)) <= own | {"__str__"} for klass in chain) and issubclass(real, KeyError):
        return "key"
    return None


def _exception_class(name: str):
    @modeled(f"builtins.{name}", "(*args)")
    def make(ev, call, bound, _):
        return ExceptionValue(name, tuple(bound["args"]))

    return make


for _name in _EXCEPTIONS:
    _exception_class(_name)


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
        except (TypeError, ValueError, KeyError, IndexError, ArithmeticError) as ex:
            return raised_from(ex, call.site, RUNTIME_ERROR)

    return apply


@modeled("builtins.len", "(obj, /)")
def _len(ev, call, bound, _):
    obj = bound["obj"]
    if _is_enum_class(obj):
        return len(obj.special[1])  # its members, without aliases
    problem = _not_plain_result(bound, call.site, "len()")
    if problem is not None:
        return problem
    try:
        return len(obj)
    except TypeError as ex:
        return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)


def _is_enum_class(value: Any) -> bool:
    return isinstance(value, Class) and value.special is not None and value.special[0] == "enum"


def _hashed_the_same_every_run(value: Any) -> bool:
    """Numbers and tuples of them: their hash does not depend on the hash seed (None's
    does, by its address, before Python 3.12)."""
    if isinstance(value, tuple) and type(value) is tuple:
        return all(_hashed_the_same_every_run(v) for v in value)
    return type(value) in (int, float, bool, complex)


@modeled("builtins.hash", "(obj, /)")
def _hash(ev, call, bound, _):
    obj = bound["obj"]
    if is_poison(obj):
        return obj
    if plain.unhashable(obj) or isinstance(obj, (list, dict, set)):
        return Raised("TypeError", plain.unhashable(obj) or f"unhashable type: {type(obj).__name__!r}", call.site, RUNTIME_ERROR)
    if not _hashed_the_same_every_run(obj) or len(repr(obj)) > 10_000:
        ev.unknown_call_effects(Modeled("builtins.hash"), [obj], {}, call.site)
        custom = isinstance(obj, Instance) and plain.instance_hash(obj.cls) == "custom"  # its `__hash__` runs
        return Unknown("hash() of anything but numbers (and tuples of them) differs between runs", call.site, may_raise=custom)
    return hash(obj)


@modeled("builtins.format", "(value, format_spec='', /)")
def _format(ev, call, bound, _):
    value, spec = bound["value"], bound["format_spec"]
    problem = _not_plain_result(bound, call.site, "format()")
    if problem is not None:
        return problem
    if not isinstance(spec, str):
        return Raised("TypeError", f"format() argument 2 must be str, not {type(spec).__name__}", call.site, RUNTIME_ERROR)
    if not _spec_is_safe(value) or not spec_is_small(spec):
        return Unknown("format() of this value or with this width is not evaluated statically", call.site, "DM904")
    try:
        return format(value, spec)
    except (TypeError, ValueError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)


_pure("builtins.bin", "(i, /)", bin, "bin()")
_pure("builtins.oct", "(i, /)", oct, "oct()")


_pure("builtins.abs", "(x, /)", abs, "abs()")




_pure("builtins.round", "(number, ndigits=None)", round, "round()")


_pure("builtins.chr", "(i, /)", chr, "chr()")


_pure("builtins.ord", "(c, /)", ord, "ord()")


_pure("builtins.hex", "(i, /)", hex, "hex()")






_pure("builtins.divmod", "(a, b, /)", divmod, "divmod()")


def _convert(key: str, py_type: type):
    @modeled(key, "(*args, **kwargs)")
    def apply(ev, call, bound, _):
        args, kwargs = bound["args"], bound["kwargs"]
        if py_type is str and len(args) == 1 and not kwargs:
            value = args[0]
            if is_poison(value):
                return value
            return ev.text_of(value, "str", call.site)
        if py_type in (list, tuple) and len(args) == 1 and not kwargs:
            items = ev.iterate(args[0], call.site)  # only the iteration matters, not the items
            return items if is_poison(items) else py_type(items)
        if py_type is dict and len(args) <= 1 and all(isinstance(k, str) for k in kwargs):
            made = _dict_of(ev, call, args[0]) if args else {}
            if not is_poison(made):
                made.update(kwargs)
            return made
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
            return raised_from(ex, call.site, RUNTIME_ERROR)

    return apply


def _dict_of(ev, call, value: Any) -> Any:
    """`dict(value)`: a copy of a dict, or the pairs of an iterable."""
    if is_poison(value):
        return value
    if isinstance(value, dict):
        return dict(value)
    pairs = ev.iterate(value, call.site)
    if is_poison(pairs):
        return pairs
    out: dict = {}
    for index, pair in enumerate(pairs):
        items = ev.iterate(pair, call.site)
        if is_poison(items):
            return items
        if len(items) != 2:
            return Raised("ValueError", f"dictionary update sequence element #{index} has length {len(items)}; 2 is required", call.site, RUNTIME_ERROR)
        if not is_hashable_plain(items[0]):
            return Unknown(f"a dict key of {describe(items[0])} is not evaluated", call.site)
        out[items[0]] = items[1]
    return out


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


# methods whose result does not depend on the order of a set argument
_SET_ORDER_FREE = frozenset(
    "union intersection difference symmetric_difference issubset issuperset isdisjoint "
    "update difference_update intersection_update symmetric_difference_update count index".split()
)


@modeled("builtins.sorted", "(iterable, /, *, key=None, reverse=False)")
def _sorted(ev, call, bound, _):
    iterable = bound["iterable"]
    if isinstance(iterable, (set, frozenset)) and len(iterable) <= 1_000_000:
        items = list(iterable)  # sorting makes the order of the set irrelevant...
        ordered = _ordered(ev, call, items, bound["key"], bound["reverse"])
        if bound["key"] is not None and not is_poison(ordered) and hash_ordered(iterable):
            keys = _keys(ev, call, items, bound["key"])
            if not is_poison(keys) and len(set(map(repr, keys))) != len(keys):
                # ...unless keys tie: ties keep the set's order
                return Unknown("sorting a set of strings by a key with ties: the order depends on the hash seed", call.site)
        return ordered
    items = ev.iterate(iterable, call.site)
    if is_poison(items):
        return items
    return _ordered(ev, call, list(items), bound["key"], bound["reverse"])


@modeled("builtins.dict.fromkeys", "(iterable, value=None, /)")
def _fromkeys(ev, call, bound, _):
    items = ev.iterate(bound["iterable"], call.site)
    if is_poison(items):
        return items
    for item in items:
        if plain.unhashable(item):
            return Raised("TypeError", plain.unhashable(item), call.site, RUNTIME_ERROR)
        if not is_hashable_plain(item):
            return Unknown(f"a dict key of {describe(item)} is not evaluated", call.site, may_raise=True)
    return dict.fromkeys(items, bound["value"])


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
    args = list(bound["args"])
    if len(args) == 1 and _is_enum_class(args[0]):
        args = [list(args[0].special[1])]  # iterating an enum class: its members
    problem = _not_plain_result({"a": args}, call.site, "min()/max()")
    if problem is not None:
        return problem
    extra = {} if bound["default"] is _MISSING else {"default": bound["default"]}
    try:
        return fn(*args, **extra)
    except (TypeError, ValueError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)


@modeled("builtins.sum", "(iterable, /, start=0)")
def _sum(ev, call, bound, _):
    problem = _not_plain_result(bound, call.site, "sum()")
    if problem is not None:
        return problem
    try:
        return sum(bound["iterable"], bound["start"])
    except TypeError as ex:
        return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)


@modeled("builtins.print", "(*args, **kwargs)")
def _print(ev, call, bound, _):
    return None


_BUILTIN_TYPES = {f"builtins.{t.__name__}": t for t in (str, int, float, bool, bytes, list, tuple, dict, set, frozenset, complex, type(None))}


def _opaque_call(key: str, reason: str, code: str = NOT_STATIC):
    @modeled(key, "(*args, **kwargs)")
    def apply(ev, call, bound, _):
        ev.unknown_call_effects(Modeled(key), list(bound["args"]), dict(bound["kwargs"]), call.site)
        return Unknown(reason, call.site, code)

    return apply


_opaque_call("builtins.open", "the value is read from a file at run time")










_opaque_call("builtins.__import__", "__import__() imports a module chosen at run time")


_opaque_call("builtins.input", "input() reads a value at run time")









_opaque_call("builtins.id", "id() differs between runs")


@modeled("method", "(*args, **kwargs)")
def _method(ev, call, bound, state):
    obj, name = state
    args, kwargs = list(bound["args"]), dict(bound["kwargs"])
    if (isinstance(obj, (list, tuple)) and name in ("count", "index") and len(args) == 1 and not kwargs
            and any(_compares_itself(v) for v in (*obj, args[0]))):
        found = matches(ev, obj, args[0], call.site, first=name == "index")
        if is_poison(found) or name == "count":
            return found if is_poison(found) else len(found)
        if not found:
            if isinstance(obj, tuple):
                return Raised("ValueError", "tuple.index(x): x not in tuple", call.site, RUNTIME_ERROR)
            shown = ev.text_of(args[0], "repr", call.site)
            return Raised("ValueError", f"{shown if isinstance(shown, str) else 'x'} is not in list", call.site, RUNTIME_ERROR)
        return found[0]
    problem = _not_plain_result({"a": args, "k": kwargs}, call.site, f"`.{name}()`")
    if problem is not None:
        return problem
    if any(hash_ordered(a) for a in args) and name not in _SET_ORDER_FREE:
        return Unknown(
            f"`.{name}()` of a set of strings: the order depends on the interpreter's hash seed", call.site
        )
    if name == "pop" and hash_ordered(obj):
        return Unknown("`.pop()` of a set of strings: which item depends on the hash seed", call.site)
    if isinstance(obj, datetime.datetime) and name == "astimezone" and not args and not kwargs:
        return Unknown("astimezone() without a zone uses the machine's time zone", call.site)
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int) and args[0] > 100_000:
        return Unknown("value too large to evaluate", call.site, "DM904")
    if name == "format" and not all(_spec_is_safe(a) for a in args + list(kwargs.values())):
        return Unknown("format() of a non-constant value", call.site, may_raise=True)
    if name in ("format", "format_map") and isinstance(obj, str) and not spec_is_small(obj + "".join(
        a for a in args + list(kwargs.values()) if isinstance(a, str)
    )):
        return Unknown("format width too large to evaluate", call.site, "DM904")
    try:
        result = getattr(obj, name)(*args, **kwargs)
    except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)
    if isinstance(result, str) and len(result) > 1_000_000:
        return Unknown("value too large to evaluate", call.site, "DM904")
    return result


@modeled("str.unbound-method", "(*args, **kwargs)")
def _str_unbound_method(ev, call, bound, name):
    """`str.upper(text, ...)` (as a `key=`, in `map`...): the method of `text`."""
    args, kwargs = list(bound["args"]), dict(bound["kwargs"])
    if not args:
        return Raised("TypeError", f"unbound method str.{name}() needs an argument", call.site, RUNTIME_ERROR)
    first = args[0]
    if is_poison(first):
        return first
    if type(first) is str:
        return _method(ev, call, {"args": tuple(args[1:]), "kwargs": kwargs}, (first, name))
    if is_plain(first):  # CPython's own TypeError
        try:
            getattr(str, name)(first)
        except TypeError as ex:
            return raised_from(ex, call.site, RUNTIME_ERROR)
    return Unknown(f"`str.{name}()` of {describe(first)} is not evaluated statically", call.site)


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
    compared = [*args, *kwargs.values(), *(obj if isinstance(obj, list) and name == "remove" else ())]
    if any(_compares_itself(v) for v in compared):
        if name == "remove" and isinstance(obj, list) and len(args) == 1 and not kwargs:
            return _list_remove(ev, call, obj, args[0])
        ev.note_mutation(obj, call.site, f"`.{name}(...)` comparing objects with a `__eq__`/`__hash__` of their own")
        return Unknown(f"`.{name}(...)` with objects that compare by a `__eq__`/`__hash__` of their own is not modeled", call.site)
    if name == "pop" and hash_ordered(obj):
        ev.note_mutation(obj, call.site, "`.pop()` of a set of strings (which item depends on the hash seed)")
        return Unknown("`.pop()` of a set of strings: which item depends on the interpreter's hash seed", call.site)
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
        return raised_from(ex, call.site, RUNTIME_ERROR)


def _compares_itself(value: Any) -> bool:
    """An instance (or a tuple holding one) whose `==` or hash is not identity."""
    if isinstance(value, tuple):
        return any(_compares_itself(v) for v in value)
    return isinstance(value, Instance) and (
        instance_hash(value.cls) != "identity" or _own_eq(value.cls)
    )


def _own_eq(cls: Any) -> bool:
    return any(isinstance(k, Class) and "__eq__" in k.namespace for k in [cls, *cls.mro])


def matches(ev, items, value: Any, site, first: bool) -> Any:
    """The indexes of the items that are `value` or `== value` (the item's `__eq__` first,
    as `PyObject_RichCompareBool` does), stopping at the first with `first`; or poison."""
    found = []
    for index, item in enumerate(items):
        same = True if item is value else ev.truth(ev.equals(item, value, site), site)
        if is_poison(same):
            return same
        if same:
            found.append(index)
            if first:
                break
    return found


def _list_remove(ev, call, items: list, value: Any) -> Any:
    found = matches(ev, items, value, call.site, first=True)
    if is_poison(found):
        ev.note_mutation(items, call.site, "`.remove(...)` whose comparison is not known")
        return found
    if not found:
        return Raised("ValueError", "list.remove(x): x not in list", call.site, RUNTIME_ERROR)
    del items[found[0]]
    return None


def _too_big_arg(value: Any) -> bool:
    try:
        return len(value) > 1_000_000
    except TypeError:
        return False


@modeled("builtins.repr", "(obj, /)")
def _repr(ev, call, bound, _):
    return ev.text_of(bound["obj"], "repr", call.site)


_NOT_GIVEN = object()


def _short_circuit(ev, call, iterable: Any, stop_on: bool) -> Any:
    """`any()` / `all()`: items are taken one at a time and the first deciding one stops
    it (what a generator would have done after it is not done)."""
    if isinstance(iterable, GeneratorValue):
        stream = ev.generator_stream(iterable)
    else:
        stream = ev.iterate(iterable, call.site)
        if is_poison(stream):
            return stream
    for item in stream:
        if is_poison(item):
            if isinstance(item, Unknown) and isinstance(iterable, GeneratorValue):
                _taint_iteration(ev, iterable, item)
            return item
        truth = ev.truth(item, call.site)
        if is_poison(truth):
            return truth
        if truth is stop_on:
            return stop_on
    return not stop_on


@modeled("builtins.any", "(iterable, /)")
def _any(ev, call, bound, _):
    return _short_circuit(ev, call, bound["iterable"], True)


@modeled("builtins.all", "(iterable, /)")
def _all(ev, call, bound, _):
    return _short_circuit(ev, call, bound["iterable"], False)


def _taint_iteration(ev, iterator: GeneratorValue, unknown: Unknown) -> None:
    """What the step of `iterator` that could not be followed may have done: a generator's
    code, or the workspace callable a builtin's iterator calls (as `drain` does)."""
    if iterator.node is not None:
        ev.taint_code(iterator.node, iterator.scope, unknown)
    elif isinstance(iterator.scope, (Function, Class)):
        ev._taint_callable(iterator.scope, unknown, set(), arguments_known=False)


@modeled("builtins.next", "(iterator, default=MISSING, /)")
def _next(ev, call, bound, _):
    iterator = bound["iterator"]
    if not isinstance(iterator, GeneratorValue):
        return ev.not_static(iterator, call.site, "next() of")
    for item in ev.generator_stream(iterator):
        if isinstance(item, Unknown):
            _taint_iteration(ev, iterator, item)
        return item
    if bound["default"] is not _MISSING:
        return bound["default"]
    return Raised("StopIteration", "", call.site, RUNTIME_ERROR)
