"""The stdlib pieces workspaces use for constants: `datetime`, `zoneinfo`, `decimal`,
`typing`, `dataclasses`, and the calls whose value is the environment's or the clock's.
Each is registered in `calls.CALLS` with the signature the real callable has.
"""

from __future__ import annotations

import copy
import datetime
import pathlib
import posixpath
import re
import string
import textwrap
import zoneinfo
from typing import Any

import attrs
import libcst as cst
from dlt_manifest.python.builtins import _opaque_call
from dlt_manifest.python.calls import _MISSING, CALLS, _plain_args, _sig, modeled
from dlt_manifest.python.iterators import _items_of
from dlt_manifest.python.plain import is_plain, is_plain_shallow
from dlt_manifest.python.values import (
    raised_from,
    Class,
    Function,
    LibraryObject,
    Modeled,
    Raised,
    TypeForm,
    Unknown,
    describe,
    is_poison,
)

RUNTIME_ERROR = "DM411"
CLOCK = "DM905"
ENVIRONMENT = "DM906"


_opaque_call("os.getenv", "the value comes from the environment (`os.getenv`), known only at run time", ENVIRONMENT)


_opaque_call("os.environ.get", "the value comes from the environment (`os.environ`), known only at run time", ENVIRONMENT)


_opaque_call("clock.now", "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)


for _key in ("datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
             "datetime.date.today"):  # fmt: skip
    _opaque_call(_key, "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)


def _tz(value: Any, site) -> Any:
    """A tzinfo argument: None, a stdlib timezone, or a zone name (pendulum)."""
    if value is None or isinstance(value, datetime.tzinfo):
        return value
    if isinstance(value, str):
        try:
            return zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return Raised("InvalidTimezone", f"Invalid timezone {value!r}", site, RUNTIME_ERROR)
    return Unknown(f"time zone {describe(value)} is not modeled", site)


def _datetime_call(py_callable, what):
    def apply(ev, call, bound, _):
        problem = _plain_args(bound)
        if problem is not None:
            return problem
        kwargs = {k: v for k, v in bound.items() if v is not _MISSING}
        if "tzinfo" in kwargs:
            tz = _tz(kwargs["tzinfo"], call.site)
            if is_poison(tz):
                return tz
            kwargs["tzinfo"] = tz
        if not is_plain(list(v for k, v in kwargs.items() if k != "tzinfo")):
            return Unknown(f"{what} of non-constant values", call.site)
        try:
            return py_callable(**kwargs)
        except (TypeError, ValueError, OverflowError) as ex:
            return raised_from(ex, call.site, RUNTIME_ERROR)

    return apply


CALLS["datetime.datetime"] = (
    _sig("(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)"),
    _datetime_call(datetime.datetime, "datetime()"),
)


CALLS["datetime.date"] = (_sig("(year, month, day)"), _datetime_call(datetime.date, "date()"))


CALLS["datetime.time"] = (
    _sig("(hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)"),
    _datetime_call(datetime.time, "time()"),
)


CALLS["datetime.timedelta"] = (
    _sig("(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)"),
    _datetime_call(datetime.timedelta, "timedelta()"),
)


@modeled("datetime.timezone", "(offset, name=MISSING)")
def _timezone(ev, call, bound, _):
    offset, name = bound["offset"], bound["name"]
    if not isinstance(offset, datetime.timedelta):
        return ev.not_static(offset, call.site, "timezone() of")
    try:
        return datetime.timezone(offset) if name is _MISSING else datetime.timezone(offset, name)
    except (TypeError, ValueError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)


@modeled("zoneinfo.ZoneInfo", "(key)")
def _zoneinfo(ev, call, bound, _):
    return _tz(bound["key"], call.site)


def _from_string(name: str, parse, before_311=None):
    """`before_311`: the only texts the parser took before Python 3.11 (others raised)."""

    @modeled(name, "(date_string, /)")
    def apply(ev, call, bound, _):
        value = bound["date_string"]
        if not isinstance(value, str):
            return ev.not_static(value, call.site, f"{name}() of")
        if before_311 is not None and ev.python_version < (3, 11) and not before_311.fullmatch(value):
            return Unknown(f"{name}() of {value[:40]!r}: Python 3.11 reads more formats than the target", call.site, may_raise=True)
        try:
            return parse(value)
        except ValueError as ex:
            return Raised("ValueError", str(ex), call.site, RUNTIME_ERROR)

    return apply


_from_string(
    "datetime.datetime.fromisoformat", datetime.datetime.fromisoformat,
    re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(.[0-9]{2}(:[0-9]{2}(:[0-9]{2}(\.([0-9]{3}|[0-9]{6}))?)?)?"
               r"([+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{6})?)?)?)?", re.ASCII | re.DOTALL),
)


_from_string("datetime.date.fromisoformat", datetime.date.fromisoformat, re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"))


@modeled("datetime.datetime.fromtimestamp", "(timestamp, tz=None)")
def _fromtimestamp(ev, call, bound, _):
    ts, tz = bound["timestamp"], bound["tz"]
    if tz is None:
        return Unknown("fromtimestamp() without tz= uses the machine's time zone", call.site)
    if not isinstance(ts, (int, float)) or not isinstance(tz, datetime.tzinfo):
        return ev.not_static(ts, call.site, "fromtimestamp() of")
    try:
        return datetime.datetime.fromtimestamp(ts, tz)
    except (OverflowError, OSError, ValueError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)


@modeled("datetime.datetime.strptime", "(date_string, format, /)")
def _strptime(ev, call, bound, _):
    if not (isinstance(bound["date_string"], str) and isinstance(bound["format"], str)):
        return ev.not_static(bound["date_string"], call.site, "strptime() of")
    if any(d in bound["format"] for d in ("%a", "%A", "%b", "%B", "%p", "%c", "%x", "%X")):
        return Unknown("strptime() with locale-dependent directives", call.site)
    try:
        return datetime.datetime.strptime(bound["date_string"], bound["format"])
    except ValueError as ex:
        return Raised("ValueError", str(ex), call.site, RUNTIME_ERROR)


@modeled("decimal.Decimal", "(value='0', context=None)")
def _decimal(ev, call, bound, _):
    import decimal

    value = bound["value"]
    if bound["context"] is not None or not isinstance(value, (str, int, float, decimal.Decimal)):
        return ev.not_static(value, call.site, "Decimal() of")
    try:
        return decimal.Decimal(value)
    except (decimal.InvalidOperation, ValueError, TypeError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)


@modeled("typing.NewType", "(name, tp)")
def _newtype(ev, call, bound, _):
    return TypeForm("typing.NewType", (bound["tp"],))


@modeled("typing.cast", "(typ, val)")
def _cast(ev, call, bound, _):
    return bound["val"]


@modeled("typing.TypeVar", "(name, *constraints, **kwargs)")
def _typevar(ev, call, bound, _):
    return TypeForm("typing.TypeVar")


@modeled("typing.overload", "(func)")
def _overload(ev, call, bound, _):
    return bound["func"]


# functools ---------------------------------------------------------------------------------


# contextlib ---------------------------------------------------------------------------------


# datetime.combine ---------------------------------------------------------------------------


@modeled("datetime.datetime.combine", "(date, time, tzinfo=MISSING)")
def _combine(ev, call, bound, _):
    date, time, tz = bound["date"], bound["time"], bound["tzinfo"]
    if not isinstance(date, datetime.date) or not isinstance(time, datetime.time):
        return ev.not_static(date if not isinstance(date, datetime.date) else time, call.site, "datetime.combine() of")
    if tz is not _MISSING and tz is not None and not isinstance(tz, datetime.tzinfo):
        return ev.not_static(tz, call.site, "datetime.combine() with tzinfo")
    try:
        if tz is _MISSING:
            return datetime.datetime.combine(date, time)
        return datetime.datetime.combine(date, time, tzinfo=tz)
    except (TypeError, ValueError) as ex:
        return raised_from(ex, call.site, RUNTIME_ERROR)


# importlib -----------------------------------------------------------------------------------


@modeled("importlib.import_module", "(name, package=None)")
def _import_module(ev, call, bound, _):
    name, package = bound["name"], bound["package"]
    if not isinstance(name, str) or not (package is None or isinstance(package, str)):
        return ev.not_static(name, call.site, "importlib.import_module() of")
    level = len(name) - len(name.lstrip("."))
    if level:
        if not package:
            return Raised("TypeError", f"the 'package' argument is required to perform a relative import for {name!r}", call.site, RUNTIME_ERROR)
        bits = package.rsplit(".", level - 1)
        if len(bits) < level:
            return Raised("ImportError", "attempted relative import beyond top-level package", call.site, "DM401")
        name = f"{bits[0]}.{name[level:]}" if name[level:] else bits[0]
    return ev.import_module(name, call.site)


# iterators (itertools, map, filter, zip, enumerate, reversed) ----------------------------------


# textwrap on strings: CPython's own functions, called on plain arguments ---------------------

_TEXT_LIMIT = 1_000_000  # characters a result may have (as the str methods')


def _textwrap_function(name: str, signature: str):
    function = getattr(textwrap, name)

    @modeled(f"textwrap.{name}", signature)
    def apply(ev, call, bound, _):
        values = {key: value for key, value in bound.items() if key != "kwargs" and value is not _MISSING}
        values.update(bound.get("kwargs") or {})
        for value in values.values():
            if is_poison(value):
                return value
        predicate = values.pop("predicate", None)
        if predicate is not None:
            return Unknown("`textwrap.indent()` with a predicate is not followed", call.site)
        for value in values.values():
            if not isinstance(value, (str, int, float, bool, type(None))):
                return ev.not_static(value, call.site, f"textwrap.{name}() of")
        text = values.get("text")
        if isinstance(text, str):  # each line may get a prefix: bound what can come out
            prefixes = sum(len(v) for k, v in values.items() if k != "text" and isinstance(v, str))
            if (len(text) + 1) * (1 + prefixes) > _TEXT_LIMIT:
                return Unknown("value too large to evaluate", call.site, "DM904")
        try:
            result = function(**values)
        except (TypeError, ValueError, AttributeError) as ex:
            return raised_from(ex, call.site, RUNTIME_ERROR)
        return result

    return apply


for _name, _signature in (
    ("dedent", "(text)"), ("indent", "(text, prefix, predicate=None)"), ("shorten", "(text, width, **kwargs)"),
    ("fill", "(text, width=70, **kwargs)"), ("wrap", "(text, width=70, **kwargs)"),
):  # fmt: skip
    _textwrap_function(_name, _signature)


# operator and functools.reduce: what the operators and subscripts of the interpreter do -------

_OPERATOR_FUNCTIONS = {
    "add": "Add", "sub": "Subtract", "mul": "Multiply", "truediv": "Divide", "floordiv": "FloorDivide",
    "mod": "Modulo", "pow": "Power", "or_": "BitOr", "and_": "BitAnd", "xor": "BitXor",
    "lshift": "LeftShift", "rshift": "RightShift", "matmul": "MatrixMultiply",
}  # fmt: skip


def _operator_function(name: str, node: str):
    op_type = getattr(cst, node)

    @modeled(f"operator.{name}", "(a, b, /)")
    def apply(ev, call, bound, _):
        return ev.binary(op_type, bound["a"], bound["b"], call.site)

    return apply


for _name, _node in _OPERATOR_FUNCTIONS.items():
    _operator_function(_name, _node)


@modeled("operator.itemgetter", "(item, /, *items)")
def _itemgetter(ev, call, bound, _):
    items = (bound["item"], *bound["items"])
    poison = next((i for i in items if is_poison(i)), None)
    return poison if poison is not None else Modeled("operator.itemgetter.object", items)


@modeled("operator.itemgetter.object", "(obj, /)")
def _itemgetter_call(ev, call, bound, items):
    values = []
    for item in items:
        value = ev.subscript(bound["obj"], item, call.site)
        if is_poison(value):
            return value
        values.append(value)
    return values[0] if len(items) == 1 else tuple(values)


def _taint_calls(ev, function: Any, unknown: Any) -> None:
    """`function` is called an unknown number of times with unknown arguments."""
    if not isinstance(unknown, Unknown):
        return
    if isinstance(function, (Function, Class)):
        ev._taint_callable(function, unknown, set(), arguments_known=False)
    elif not (isinstance(function, Modeled) and function.key.startswith(("operator.", "builtins."))):
        ev.taint_everything(unknown)


@modeled("functools.reduce", "(function, iterable, initial=MISSING, /)")
def _reduce(ev, call, bound, _):
    """CPython's loop: the function is called on each item in turn, also after a result
    that is not known (its effects are followed as far as they can be)."""
    function, value = bound["function"], bound["initial"]
    unknown = None
    for item in _items_of(ev, call, bound["iterable"]):
        if isinstance(item, Raised):
            return item
        if is_poison(item):  # the items cannot be followed: what the calls would do is not known
            _taint_calls(ev, function, item)
            return item
        if value is _MISSING:
            value = item
            continue
        value = ev.call(function, [value, item], {}, call)
        if isinstance(value, Raised):
            return value
        if is_poison(value) and unknown is None:
            unknown = value
    if value is _MISSING:
        return Raised("TypeError", "reduce() of empty iterable with no initial value", call.site, RUNTIME_ERROR)
    return unknown if unknown is not None else value


# copy: CPython's own copy of plain data (a shallow copy shares the items, as at run time) ---------


@modeled("copy.copy", "(x)")
def _copy(ev, call, bound, _):
    value = bound["x"]
    if is_poison(value):
        return value
    if is_plain_shallow(value):  # a list, dict or set: a new one holding the same items
        return copy.copy(value)
    return Unknown(f"copy.copy() of {describe(value)} is not evaluated statically", call.site)


@modeled("copy.deepcopy", "(x, memo=None)")
def _deepcopy(ev, call, bound, _):
    value = bound["x"]
    if is_poison(value):
        return value
    if bound["memo"] is None and is_plain(value):  # shared items stay shared in the copy
        return copy.deepcopy(value)
    return Unknown(f"copy.deepcopy() of {describe(value)} is not evaluated statically", call.site)


# paths: os.path / posixpath on strings, and a module's `__file__` --------------------------------


def _path_function(name: str):
    function = getattr(posixpath, name)

    @modeled(f"posixpath.{name}", "(*args)")
    def apply(ev, call, bound, _):
        args = list(bound["args"])
        for i, arg in enumerate(args):
            if isinstance(arg, ModuleFile):
                if name in ("basename", "splitext") and i == 0 and len(args) == 1:
                    args[0] = arg.relpath.rsplit("/", 1)[-1]
                    if name == "basename":
                        return args[0]
                    continue
                return Unknown("`__file__` depends on where the workspace is deployed", call.site)
            if is_poison(arg):
                return arg
            if not isinstance(arg, str):
                return ev.not_static(arg, call.site, f"os.path.{name}() of")
        try:
            return function(*args)
        except (TypeError, ValueError) as ex:
            return raised_from(ex, call.site, RUNTIME_ERROR)

    return apply


_PATH_FUNCTIONS = ("join", "basename", "dirname", "splitext", "split", "normpath", "commonprefix")
for _name in _PATH_FUNCTIONS:
    _path_function(_name)


@attrs.frozen(eq=False)
class ModuleFile(LibraryObject):
    """A module's `__file__`: where the workspace is deployed is not known, its file name
    is (`relpath` within the workspace)."""

    relpath: str

    def describe(self) -> str:
        return "`__file__`"


@attrs.frozen(eq=False)
class FilePath(LibraryObject):
    """`pathlib.Path(__file__)`: its name is known, the folders above it are not."""

    relpath: str

    def describe(self) -> str:
        return "a path to a workspace file"

    def attribute(self, ev, name: str, site) -> Any:
        path = pathlib.PurePosixPath(self.relpath)
        if name in ("name", "stem", "suffix", "suffixes"):
            return getattr(path, name)
        return Unknown(f"`Path(__file__).{name}` depends on where the workspace is deployed", site)


@modeled("pathlib.Path", "(*args)")
def _path(ev, call, bound, _):
    args = bound["args"]
    if len(args) == 1 and isinstance(args[0], ModuleFile):
        return FilePath(args[0].relpath)
    return Unknown("paths of the file system are not known statically", call.site)


# string.Template -------------------------------------------------------------------------------


@modeled("string.Template", "(template)")
def _template(ev, call, bound, _):
    if not isinstance(bound["template"], str):
        return ev.not_static(bound["template"], call.site, "string.Template of")
    return Modeled("string.Template.object", bound["template"])


def _template_method(name: str):
    @modeled(f"string.Template.{name}", "(mapping=MISSING, /, **kws)")
    def apply(ev, call, bound, template):
        values = dict(bound["kws"])
        if bound["mapping"] is not _MISSING:
            if not isinstance(bound["mapping"], dict):
                return ev.not_static(bound["mapping"], call.site, "Template substitution of")
            values = {**bound["mapping"], **values}
        problem = _plain_args({"v": values})
        if problem is not None:
            return problem
        try:
            return getattr(string.Template(template), name)(values)
        except (KeyError, ValueError) as ex:
            return raised_from(ex, call.site, RUNTIME_ERROR)

    return apply


_template_method("substitute")
_template_method("safe_substitute")
