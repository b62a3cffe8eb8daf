"""The model of everything that is not workspace code: builtins, the stdlib pieces
workspaces use for constants (`datetime`, `typing`, `os`), pendulum, and dlt's deployment
API (`dlt.hub.run`, its `trigger` module, `dlt.source`, `dlt.resource`, `dlt.pipeline`,
`dlt.config.value`) plus the framework classes the detectors look for.

Modeled callables are `Modeled(key)` values; `CALLS[key]` implements them on plain values.
An attribute of an installed module that is not modeled is an opaque `External`: using it
in the manifest yields an `Unknown` naming it.
"""

from __future__ import annotations

import ast
import datetime
import inspect
import zoneinfo
from typing import Any, Callable, Optional

from analyzer import isotime, jobs, triggers
from analyzer.triggers import Failure, NotPlain
from analyzer.values import (
    POISON,
    Class,
    ConfigSentinel,
    External,
    ExternalModule,
    FrameworkObject,
    Function,
    Modeled,
    ModuleObject,
    PendulumDateTime,
    Pipeline,
    Raised,
    SourceFactory,
    TypeForm,
    Unknown,
    deep_poison,
    is_poison,
)

RUNTIME_ERROR = "DM411"
NOT_STATIC = "DM901"
CLOCK = "DM905"
ENVIRONMENT = "DM906"
PIPELINE_NAME = "DM907"

# --- plain values -----------------------------------------------------------------------

_SCALARS = (str, int, float, bool, type(None), bytes, complex, range, type(...))
_TIME = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo)
_VIEWS = (type({}.keys()), type({}.values()), type({}.items()))


def is_view(value: Any) -> bool:
    return isinstance(value, _VIEWS)


def is_plain_shallow(value: Any) -> bool:
    """Plain data at the top level (containers may hold anything)."""
    return isinstance(value, _SCALARS + _TIME + (list, tuple, dict, set, frozenset)) or is_view(
        value
    )


def is_plain(value: Any, depth: int = 0) -> bool:
    """Plain data all the way down: safe to hand to Python's own operators."""
    if depth > 100:
        return False
    if isinstance(value, _SCALARS + _TIME):
        return True
    if isinstance(value, (list, tuple, set, frozenset)) or is_view(value):
        return all(is_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(is_plain(k, depth + 1) and is_plain(v, depth + 1) for k, v in value.items())
    return False


def hash_ordered(value: Any) -> bool:
    """Iterating this set gives an order that depends on string hashing (PYTHONHASHSEED)."""
    if not isinstance(value, (set, frozenset)) or len(value) < 2:
        return False
    return any(isinstance(v, (str, bytes, tuple)) for v in value)


def is_hashable_plain(value: Any) -> bool:
    if isinstance(value, (list, dict, set)):
        return False
    if isinstance(value, tuple):
        return all(is_hashable_plain(v) for v in value)
    if isinstance(value, POISON):
        return False
    return True  # scalars and our own frozen / identity-hashed objects


def plain_str(value: Any) -> str:
    return triggers.python_str(value)


def is_type_like(value: Any) -> bool:
    return isinstance(value, (TypeForm, Class)) or value is None or (
        isinstance(value, Modeled) and value.key.startswith(_TYPE_PREFIXES)
    )


_TYPE_PREFIXES = ("builtins.", "typing.", "datetime.", "dlt.", "decimal.", "pendulum.DateTime")


def describe(value: Any) -> str:
    """A short description of a value for messages."""
    if isinstance(value, Function):
        return f"function `{value.name}`"
    if isinstance(value, Class):
        return f"class `{value.name}`"
    if isinstance(value, ModuleObject):
        return f"module `{value.name}`"
    if isinstance(value, ExternalModule):
        return f"module `{value.name}`"
    if isinstance(value, External):
        return f"`{value.qualname}`"
    if isinstance(value, Modeled):
        return f"`{value.key}`"
    if isinstance(value, jobs.JobFactory):
        return "a job"
    if isinstance(value, jobs.JobDecorator):
        return "a job decorator"
    if isinstance(value, SourceFactory):
        return f"a dlt {value.kind}"
    if isinstance(value, Pipeline):
        return "a pipeline"
    if isinstance(value, FrameworkObject):
        return f"a {value.kind} object"
    if isinstance(value, TypeForm):
        return f"`{value.origin}`"
    if isinstance(value, ConfigSentinel):
        return "`dlt.secrets.value`" if value.secret else "`dlt.config.value`"
    return f"a `{type(value).__name__}` value"


def identical(left: Any, right: Any) -> Optional[bool]:
    """`left is right`, where Python's answer does not depend on interning details."""
    if left is None or right is None or isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if is_plain_shallow(left) or is_plain_shallow(right):
        if type(left) is not type(right):
            return False
        return None
    return left is right


def compare_special(op: str, left: Any, right: Any) -> Optional[bool]:
    """`==`/`!=`/`in` involving non-plain values: identity semantics for our objects."""
    if op in ("Equal", "NotEqual"):
        if is_plain_shallow(left) != is_plain_shallow(right):
            if isinstance(left, (External, Unknown)) or isinstance(right, (External, Unknown)):
                return None
            return op == "NotEqual"
        if not is_plain_shallow(left) and not is_plain_shallow(right):
            if isinstance(left, External) or isinstance(right, External):
                return None
            same = left is right or (
                isinstance(left, (TypeForm, Modeled, ExternalModule)) and left == right
            )
            return same if op == "Equal" else not same
    return None


def truth_special(value: Any) -> Optional[bool]:
    if isinstance(value, (Function, Class, ModuleObject, ExternalModule, jobs.JobFactory,
                          jobs.JobDecorator, SourceFactory, Pipeline, Modeled, TypeForm,
                          FrameworkObject, ConfigSentinel)):  # fmt: skip
        return True
    return None


# --- builtins ---------------------------------------------------------------------------

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
BUILTINS.update({"True": True, "False": False, "None": None, "Ellipsis": ...})

# exception hierarchy for `except` clauses
EXCEPTION_BASES = {
    "ModuleNotFoundError": "ImportError", "ImportError": "Exception",
    "AttributeError": "Exception", "NameError": "Exception", "TypeError": "Exception",
    "ValueError": "Exception", "KeyError": "LookupError", "IndexError": "LookupError",
    "LookupError": "Exception", "RuntimeError": "Exception", "RecursionError": "RuntimeError",
    "NotImplementedError": "RuntimeError", "OSError": "Exception", "FileNotFoundError": "OSError",
    "PermissionError": "OSError", "AssertionError": "Exception", "ZeroDivisionError": "ArithmeticError",
    "OverflowError": "ArithmeticError", "ArithmeticError": "Exception", "Exception": "BaseException",
    "InvalidTrigger": "ValueError", "InvalidJobName": "ValueError", "InvalidJobSection": "ValueError",
    "InvalidJobRef": "ValueError", "InvalidFreshnessConstraint": "ValueError",
    "ConfigFieldTypeHintNotSupported": "Exception", "PipelineIsRunning": "Exception",
}  # fmt: skip


def exception_matches(raised: str, handler: str) -> bool:
    current: Optional[str] = raised
    while current is not None:
        if current == handler:
            return True
        current = EXCEPTION_BASES.get(current, "Exception" if current != "BaseException" and current != "Exception" else None)
        if current == "BaseException" and handler == "BaseException":
            return True
    return handler == "BaseException"


# --- external modules -------------------------------------------------------------------


def _trigger_module() -> dict:
    return {name: Modeled(f"trigger.{name}") for name in triggers_all()}


def triggers_all() -> list:
    return ["schedule", "every", "once", "http", "deployment", "webhook", "tag", "manual",
            "pipeline_name", "job_success", "job_fail"]  # fmt: skip


TRIGGER_MODULE = "dlt._workspace.deployment.trigger"
FRESHNESS_MODULE = "dlt._workspace.deployment.freshness"
RUN_MODULE = "dlt.hub.run"

_TYPING = {
    name: TypeForm(f"typing.{name}")
    for name in ["Any", "Optional", "Union", "List", "Dict", "Tuple", "Set", "FrozenSet",
                 "Sequence", "Mapping", "MutableMapping", "MutableSequence", "Iterable",
                 "Iterator", "Callable", "Type", "Literal", "Annotated", "ClassVar", "Final",
                 "Generator", "TypedDict", "NamedTuple", "Generic"]  # fmt: skip
}
_TYPING.update(
    {"TYPE_CHECKING": False, "NewType": Modeled("typing.NewType"), "cast": Modeled("typing.cast"),
     "TypeVar": Modeled("typing.TypeVar"), "overload": Modeled("typing.overload")}  # fmt: skip
)

# Modules whose attributes are all known: anything else is an AttributeError at run time.
CLOSED_MODULES: dict = {
    RUN_MODULE: {
        "job": Modeled("run.job"),
        "pipeline": Modeled("run.pipeline"),
        "interactive": Modeled("run.interactive"),
        "TJobRunContext": Modeled("dlt.TJobRunContext"),
        "trigger": ExternalModule(TRIGGER_MODULE),
    },
    TRIGGER_MODULE: _trigger_module(),
    FRESHNESS_MODULE: {
        "is_fresh": Modeled("freshness.is_fresh"),
        "is_matching_interval_fresh": Modeled("freshness.is_matching_interval_fresh"),
    },
}
# Modules of which some attributes are modeled; others are opaque `External`s.
OPEN_MODULES: dict = {
    "dlt": {
        "hub": ExternalModule("dlt.hub"),
        "config": Modeled("dlt.config"),
        "secrets": Modeled("dlt.secrets"),
        "source": Modeled("dlt.source"),
        "resource": Modeled("dlt.resource"),
        "pipeline": Modeled("dlt.pipeline"),
        "Pipeline": Modeled("dlt.Pipeline"),
        "TSecretValue": Modeled("dlt.TSecretValue"),
        "TSecretStrValue": Modeled("dlt.TSecretStrValue"),
    },
    "dlt.hub": {},
    "dlt._workspace.deployment": {
        "job": Modeled("run.job"),
        "interactive": Modeled("run.interactive"),
        "pipeline_run": Modeled("run.pipeline"),
        "trigger": ExternalModule(TRIGGER_MODULE),
        "freshness": ExternalModule(FRESHNESS_MODULE),
        "TJobRunContext": Modeled("dlt.TJobRunContext"),
    },
    "dlt._workspace.deployment.decorators": {
        "job": Modeled("run.job"),
        "interactive": Modeled("run.interactive"),
        "pipeline_run": Modeled("run.pipeline"),
    },
    "dlt.common.configuration": {"configspec": Modeled("dlt.configspec")},
    "dlt.common.configuration.specs": {
        "configspec": Modeled("dlt.configspec"),
        "BaseConfiguration": Modeled("dlt.BaseConfiguration"),
        "CredentialsConfiguration": Modeled("dlt.CredentialsConfiguration"),
    },
    "dlt.common.typing": {
        "TSecretValue": Modeled("dlt.TSecretValue"),
        "TSecretStrValue": Modeled("dlt.TSecretStrValue"),
    },
    "dlt.sources": {"incremental": Modeled("dlt.incremental")},
    "datetime": {
        "datetime": Modeled("datetime.datetime"),
        "date": Modeled("datetime.date"),
        "time": Modeled("datetime.time"),
        "timedelta": Modeled("datetime.timedelta"),
        "timezone": Modeled("datetime.timezone"),
        "UTC": datetime.timezone.utc,
    },
    "zoneinfo": {"ZoneInfo": Modeled("zoneinfo.ZoneInfo")},
    "decimal": {"Decimal": Modeled("decimal.Decimal")},
    "enum": {"Enum": Modeled("enum.Enum"), "IntEnum": Modeled("enum.IntEnum"),
             "StrEnum": Modeled("enum.StrEnum")},  # fmt: skip
    "dataclasses": {"dataclass": Modeled("dataclasses.dataclass")},
    "typing": _TYPING,
    "typing_extensions": _TYPING,
    "collections.abc": {k: v for k, v in _TYPING.items() if k in ("Sequence", "Mapping", "Iterable", "Iterator", "Callable")},
    "os": {"environ": Modeled("os.environ"), "getenv": Modeled("os.getenv")},
    "pendulum": {
        "datetime": Modeled("pendulum.datetime"),
        "DateTime": Modeled("pendulum.DateTime"),
        "parse": Modeled("pendulum.parse"),
        "now": Modeled("clock.now"),
        "today": Modeled("clock.now"),
        "yesterday": Modeled("clock.now"),
        "tomorrow": Modeled("clock.now"),
        "UTC": datetime.timezone.utc,
        "timezone": Modeled("zoneinfo.ZoneInfo"),
    },
    "marimo": {"App": Modeled("marimo.App")},
    "fastmcp": {"FastMCP": Modeled("fastmcp.FastMCP")},
    "abc": {"ABC": Modeled("abc.ABC")},
}

# Submodules that `import dlt` / the oracle's own imports have already loaded: reachable
# as attributes of their parents without an import of their own.
PRELOADED_MODULES = frozenset(
    ["dlt", "dlt.hub", "dlt.hub.current", "dlt.common", "dlt.common.configuration",
     "dlt.common.configuration.specs", "dlt.common.typing", "dlt.sources", "dlt._workspace",
     "dlt._workspace.deployment", "dlt._workspace.deployment.trigger",
     "dlt._workspace.deployment.freshness", "dlt._workspace.deployment.decorators",
     "os", "os.path", "datetime", "typing", "pendulum", "zoneinfo", "decimal", "enum",
     "dataclasses", "collections", "collections.abc", "abc", "json", "sys", "re", "logging",
     "croniter", "orjson", "requests", "functools", "itertools", "pathlib", "inspect",
     "contextlib", "threading", "types", "warnings", "copy", "io", "time", "uuid", "base64",
     "hashlib", "math", "random", "string", "textwrap", "traceback", "tempfile", "shutil",
     "subprocess", "socket", "ast", "importlib", "pickle", "platform", "argparse",
     "urllib", "http", "email", "concurrent", "asyncio", "queue", "signal", "weakref"]
)  # fmt: skip


def module_attribute(module: str, name: str, site) -> Any:
    """Attribute `name` of installed module `module`, submodules aside."""
    closed = CLOSED_MODULES.get(module)
    if closed is not None:
        if name in closed:
            return closed[name]
        return Raised(
            "AttributeError", f"module {module!r} has no attribute {name!r}", site, RUNTIME_ERROR
        )
    table = OPEN_MODULES.get(module)
    if table is not None and name in table:
        return table[name]
    return External(f"{module}.{name}", site)


# --- attributes of values -----------------------------------------------------------------

_STR_METHODS = frozenset(
    "capitalize casefold center count endswith expandtabs find format index isalnum isalpha "
    "isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle "
    "isupper join ljust lower lstrip partition removeprefix removesuffix replace rfind rindex "
    "rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title upper "
    "zfill encode".split()
)
_READ_METHODS = {
    list: frozenset(["index", "count", "copy"]),
    tuple: frozenset(["index", "count"]),
    dict: frozenset(["get", "keys", "values", "items", "copy"]),
    set: frozenset(["union", "intersection", "difference", "symmetric_difference", "issubset",
                    "issuperset", "isdisjoint", "copy"]),  # fmt: skip
    frozenset: frozenset(["union", "intersection", "difference", "issubset", "issuperset"]),
    bytes: frozenset(["decode", "hex"]),
}
_MUTATING = frozenset(
    "append extend insert remove pop clear update setdefault add discard sort reverse "
    "popitem difference_update intersection_update symmetric_difference_update".split()
)
_DATETIME_ATTRS = frozenset(
    "year month day hour minute second microsecond tzinfo fold min max resolution days "
    "seconds microseconds".split()
)
_DATETIME_METHODS = frozenset(
    "isoformat replace date time timetz astimezone utcoffset tzname weekday isoweekday "
    "isocalendar strftime total_seconds toordinal".split()
)


def attribute(ev, obj: Any, name: str, site) -> Any:
    if isinstance(obj, str) and name in _STR_METHODS:
        return Modeled("method", (obj, name))
    for py_type, names in _READ_METHODS.items():
        if type(obj) is py_type and name in names:
            return Modeled("method", (obj, name))
    if isinstance(obj, (list, dict, set)) and name in _MUTATING:
        return Modeled("mutating-method", (obj, name))
    if isinstance(obj, _TIME):
        if name in _DATETIME_ATTRS:
            return getattr(obj, name)
        if name in _DATETIME_METHODS:
            return Modeled("method", (obj, name))
    if is_plain_shallow(obj):
        return Unknown(f"attribute `{name}` of {describe(obj)} is not modeled", site)
    if isinstance(obj, External):
        return External(f"{obj.qualname}.{name}", site)
    if isinstance(obj, jobs.JobFactory):
        return _job_attribute(obj, name, site)
    if isinstance(obj, Function):
        return _function_attribute(obj, name, site)
    if isinstance(obj, Class):
        return _class_attribute(ev, obj, name, site)
    if isinstance(obj, Pipeline) and name == "pipeline_name":
        return obj.pipeline_name
    if isinstance(obj, Modeled):
        return _modeled_attribute(obj, name, site)
    if isinstance(obj, FrameworkObject):
        if obj.kind == "fastmcp" and name == "name":
            return obj.title
        return Modeled("framework-decorator", (obj, name))
    return Unknown(f"attribute `{name}` of {describe(obj)} is not modeled", site)


def _job_attribute(job, name: str, site) -> Any:
    if name in ("success", "fail", "completed", "is_fresh", "is_matching_interval_fresh"):
        ref = job.job_ref
        if is_poison(ref):
            return ref
        try:
            if name == "success":
                return triggers.job_success(ref)
            if name == "fail":
                return triggers.job_fail(ref)
            if name == "completed":
                return (triggers.job_success(ref), triggers.job_fail(ref))
            return triggers.freshness_constraint(f"job.{name}", ref)
        except Failure as ex:
            return Raised(ex.exc, ex.message, site, ex.code)
    if name == "job_ref":
        return job.job_ref
    if name in ("name", "section"):
        return getattr(job, name)
    if name in ("__name__", "__doc__", "__module__", "__qualname__") and isinstance(
        job.function, Function
    ):
        return _function_attribute(job.function, name, site)
    return Unknown(f"attribute `{name}` of a job is not modeled", site)


def _function_attribute(fn: Function, name: str, site) -> Any:
    if name == "__name__":
        return fn.name
    if name == "__qualname__":
        return fn.qualname
    if name == "__module__":
        return fn.module_name
    if name == "__doc__":
        return fn.doc
    if name in fn.attributes:
        return fn.attributes[name]
    return Unknown(f"attribute `{name}` of function `{fn.name}` is not modeled", site)


def _class_attribute(ev, cls: Class, name: str, site) -> Any:
    if name == "__name__":
        return cls.name
    if name == "__qualname__":
        return cls.qualname
    if name == "__module__":
        return cls.module.name
    pending = [cls]
    while pending:
        current = pending.pop(0)
        if isinstance(current, Class):
            if name in current.namespace:
                return current.namespace[name]
            pending.extend(current.bases)
        elif not (isinstance(current, Modeled) and current.key == "builtins.object"):
            return Unknown(
                f"attribute `{name}` of class `{cls.name}` may come from {describe(current)}",
                site,
            )
    return Raised(
        "AttributeError", f"type object {cls.name!r} has no attribute {name!r}", site, RUNTIME_ERROR
    )


def _modeled_attribute(obj: Modeled, name: str, site) -> Any:
    key = obj.key
    if key == "dlt.config" and name == "value":
        return ConfigSentinel(secret=False)
    if key == "dlt.secrets" and name == "value":
        return ConfigSentinel(secret=True)
    if key == "datetime.timezone" and name == "utc":
        return datetime.timezone.utc
    if key in ("datetime.datetime", "datetime.date") and name in (
        "now", "today", "utcnow", "fromtimestamp", "fromisoformat", "strptime",
        "utcfromtimestamp", "combine", "min", "max",
    ):  # fmt: skip
        if name in ("min", "max"):
            return getattr(datetime.datetime if key.endswith("datetime") else datetime.date, name)
        return Modeled(f"{key}.{name}")
    if key == "os.environ":
        return Modeled("os.environ.get") if name == "get" else _environment(site)
    return Unknown(f"`{key}.{name}` is not modeled", site)


def union(*members: Any) -> Any:
    """`Union[...]` as typing builds it: nested unions flattened, repeats dropped, a single
    member standing for itself."""
    flat: list = []
    for member in members:
        parts = member.args if isinstance(member, TypeForm) and member.origin == "typing.Union" else (member,)
        for part in parts:
            if not any(part is seen or (part == seen and type(part) is type(seen)) for seen in flat):
                flat.append(part)
    return flat[0] if len(flat) == 1 else TypeForm("typing.Union", tuple(flat))


def subscript(ev, obj: Any, key: Any, site) -> Any:
    if isinstance(obj, TypeForm):
        args = key if isinstance(key, tuple) else (key,)
        if obj.origin == "typing.Optional":
            return union(args[0], None)
        if obj.origin == "typing.Union":
            return union(*args)
        return TypeForm(obj.origin, args)
    if isinstance(obj, Modeled):
        if obj.key in ("builtins.list", "builtins.dict", "builtins.tuple", "builtins.set",
                       "builtins.type", "builtins.frozenset"):  # fmt: skip
            return TypeForm(obj.key, key if isinstance(key, tuple) else (key,))
        if obj.key == "os.environ":
            return _environment(site)
        if obj.key == "builtins.globals":
            return Unknown("reading through globals() is not followed", site)
    if isinstance(obj, Modeled) and obj.key == "globals-dict":
        module = obj.bound
        if isinstance(key, str) and key in module.namespace:
            return module.namespace[key]
        return Unknown("reading through globals() is not followed", site)
    if isinstance(obj, (External, ExternalModule)):
        return External(f"{describe(obj).strip('`')}[...]", site)
    if not is_plain_shallow(obj):
        return Unknown(f"subscript of {describe(obj)} is not modeled", site)
    if isinstance(key, slice) and not all(
        v is None or isinstance(v, int) for v in (key.start, key.stop, key.step)
    ):
        return Unknown("slice bounds are not constants", site)
    if not is_hashable_plain(key) and not isinstance(key, slice):
        return Unknown(f"subscript with {describe(key)}", site)
    try:
        return obj[key]
    except (KeyError, IndexError, TypeError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), site, RUNTIME_ERROR)


def set_attribute(ev, obj: Any, name: str, value: Any, site) -> Optional[Any]:
    if isinstance(obj, Function):
        if name == "__doc__":
            obj.doc = value if isinstance(value, str) or value is None else None
        else:
            obj.attributes[name] = value
        return None
    if isinstance(obj, ModuleObject):
        obj.namespace[name] = value
        return None
    if isinstance(obj, jobs.JobFactory):
        ev.note_job_mutation(obj, site)
        return None
    if isinstance(obj, Class):
        obj.namespace[name] = value
        return None
    return None


def _environment(site) -> Unknown:
    return Unknown(
        "the value comes from the environment (`os.environ`), known only at run time",
        site,
        ENVIRONMENT,
    )


# --- calls ------------------------------------------------------------------------------


def call(ev, callee: Any, args: list, kwargs: dict, site_info) -> Any:
    site = site_info.site
    if isinstance(callee, Modeled):
        impl = CALLS.get(callee.key)
        if impl is None:
            return Unknown(f"calling `{callee.key}` is not modeled", site)
        signature, fn = impl
        bound = _bind(signature, args, kwargs, callee.key, site)
        if isinstance(bound, Raised):
            return bound
        return fn(ev, site_info, bound, callee.bound)
    if isinstance(callee, jobs.JobDecorator):
        if len(args) != 1 or kwargs:
            return Raised("TypeError", "a job decorator takes one function", site, RUNTIME_ERROR)
        return jobs.bind(ev, callee.factory, args[0], site_info.arg_site(0))
    if isinstance(callee, Function):
        ev.unknown_call_effects(callee, args, kwargs, site)
        return Unknown(
            f"the result of calling `{callee.name}()` is not evaluated statically"
            " (functions of the workspace are never run)",
            site,
            "DM902" if _creates_jobs(callee) else NOT_STATIC,
            may_be_job=True,
        )
    if isinstance(callee, SourceFactory):
        if callee.kind == "source":
            return Raised(
                "PipelineIsRunning",
                "calling a @dlt.source while the deployment is imported fails: the runtime"
                " blocks pipeline execution during import (pass the source itself to deliver=)",
                site,
                jobs.DELIVER,
            )
        return SourceFactory("resource-instance", callee.name, callee.section, None, site)
    if isinstance(callee, External):
        ev.unknown_call_effects(callee, args, kwargs, site)
        return External(f"{callee.qualname}(...)", site)
    if isinstance(callee, Class):
        ev.unknown_call_effects(callee, args, kwargs, site)
        return Unknown(f"instances of class `{callee.name}` are not evaluated statically", site)
    if isinstance(callee, FrameworkObject):
        return Unknown(f"calling {describe(callee)} is not modeled", site)
    if isinstance(callee, (jobs.JobFactory,)):
        return Unknown("calling a job at import time runs it; not evaluated statically", site)
    if isinstance(callee, ExternalModule):
        return Raised("TypeError", "'module' object is not callable", site, RUNTIME_ERROR)
    if is_plain_shallow(callee):
        return Raised(
            "TypeError", f"{type(callee).__name__!r} object is not callable", site, RUNTIME_ERROR
        )
    return Unknown(f"calling {describe(callee)} is not modeled", site)


def _creates_jobs(fn: Function) -> bool:
    from analyzer.interpreter import defines_jobs

    return fn.node is not None and defines_jobs(fn.node)


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


def _fail(ex: Failure, site) -> Raised:
    return Raised(ex.exc, ex.message, site, ex.code)


def _plain_args(bound: dict) -> Optional[Any]:
    for value in bound.values():
        poison = deep_poison(value)
        if poison is not None:
            return poison
    return None


def _not_plain_result(bound: dict, site, what: str) -> Optional[Any]:
    poison = _plain_args(bound)
    if poison is not None:
        return poison
    for value in bound.values():
        if not is_plain(value) and value is not _MISSING:
            if isinstance(value, External):
                return value.unknown()
            return Unknown(f"{what} of {describe(value)} is not evaluated statically", site)
    return None


# dlt.hub.run ---------------------------------------------------------------------------

_JOB_SIG = (
    "(func=None, /, name=None, section=None, trigger=None, execute=None, expose=None,"
    " require=None, deliver=None, interval=None, freshness=None,"
    " allow_external_schedulers=False, refresh='auto', spec=None)"
)


@modeled("run.job", _JOB_SIG)
def _run_job(ev, call, bound, _):
    func = bound.pop("func")
    decorator = jobs.make_decorator(ev, "job", call, bound)
    if func is None:
        return decorator
    return jobs.bind(ev, decorator.factory, func, call.arg_site(0))


@modeled(
    "run.interactive",
    "(func=None, /, name=None, section=None, interface='gui', idle_timeout=None, execute=None,"
    " expose=None, require=None, spec=None)",
)
def _run_interactive(ev, call, bound, _):
    func = bound.pop("func")
    decorator = jobs.make_decorator(ev, "interactive", call, bound)
    if func is None:
        return decorator
    return jobs.bind(ev, decorator.factory, func, call.arg_site(0))


@modeled(
    "run.pipeline",
    "(pipeline, /, name=None, section=None, trigger=None, execute=None, expose=None,"
    " require=None, interval=None, freshness=None, allow_external_schedulers=False,"
    " refresh='auto', spec=None)",
)
def _run_pipeline(ev, call, bound, _):
    return jobs.make_decorator(ev, "pipeline", call, bound)


def _trigger_constructor(name: str, signature: str):
    fn = getattr(triggers, name)

    @modeled(f"trigger.{name}", signature)
    def construct(ev, call, bound, _):
        poison = _plain_args(bound)
        if poison is not None:
            return poison
        try:
            return fn(**bound)
        except Failure as ex:
            return _fail(ex, call.arg_site(0, *bound))
        except isotime.UnsupportedTimeFormat as ex:
            return Unknown(f"cannot verify this date/time statically: {ex}", call.site)
        except NotPlain:
            return Unknown(f"`trigger.{name}` of a non-constant value", call.site)

    return construct


for _name, _signature in [
    ("schedule", "(cron_expr)"), ("every", "(period)"), ("once", "(at)"),
    ("http", "(port=None, path=None)"), ("deployment", "()"), ("webhook", "(path='')"),
    ("tag", "(name)"), ("manual", "(job_ref='')"), ("pipeline_name", "(name)"),
    ("job_success", "(job_ref)"), ("job_fail", "(job_ref)"),
]:  # fmt: skip
    _trigger_constructor(_name, _signature)


def _freshness_constructor(kind: str):
    @modeled(f"freshness.{kind}", "(job_ref)")
    def construct(ev, call, bound, _):
        poison = _plain_args(bound)
        if poison is not None:
            return poison
        try:
            return triggers.freshness_constraint(f"job.{kind}", bound["job_ref"])
        except Failure as ex:
            return _fail(ex, call.site)

    return construct


_freshness_constructor("is_fresh")
_freshness_constructor("is_matching_interval_fresh")


# dlt -------------------------------------------------------------------------------------


@modeled("dlt.pipeline", "(pipeline_name=None, *args, **kwargs)")
def _dlt_pipeline(ev, call, bound, _):
    name = bound["pipeline_name"]
    if name is None:
        return Pipeline(
            Unknown(
                "`dlt.pipeline()` without a name: the runtime names the pipeline after the"
                " script that runs it",
                call.site,
                PIPELINE_NAME,
            )
        )
    return Pipeline(name)


_SOURCE_SIG = "(func=None, /, name=None, section=None, *args, **kwargs)"


def _source_decorator(kind: str):
    @modeled(f"dlt.{kind}", _SOURCE_SIG)
    def decorate(ev, call, bound, _):
        func = bound["func"]
        name, section = bound["name"], bound["section"]
        if func is None:
            return Modeled(f"dlt.{kind}.bind", (name, section, call.site))
        return _make_source(ev, kind, func, name, section, call.site)

    return decorate


_source_decorator("source")
_source_decorator("resource")


def _make_source(ev, kind: str, func: Any, name: Any, section: Any, site) -> Any:
    if not isinstance(func, Function):
        return ev.not_static(func, site, f"a dlt {kind} made from")
    if callable(name) or isinstance(name, (Function, External)):
        name = Unknown(f"the {kind} name is computed at run time", site)
    effective_name = name or func.name
    module = func.module
    if not section:
        source_name = module.namespace.get("__source_name__")
        section = source_name if source_name is not None else module.short_name
    return SourceFactory(kind, effective_name, section, func, site)


for _kind in ("source", "resource"):

    def _bind_source(ev, call, bound, state, _kind=_kind):
        name, section, site = state
        return _make_source(ev, _kind, bound["func"], name, section, site)

    CALLS[f"dlt.{_kind}.bind"] = (_sig("(func)"), _bind_source)


@modeled("dlt.configspec", "(cls=None, /, init=True)")
def _configspec(ev, call, bound, _):
    cls = bound["cls"]
    if cls is None:
        return Modeled("dlt.configspec")
    if isinstance(cls, Class):
        cls.is_configspec = True
        return cls
    return ev.not_static(cls, call.site, "a configspec of")


@modeled("dataclasses.dataclass", "(cls=None, /, **kwargs)")
def _dataclass(ev, call, bound, _):
    cls = bound["cls"]
    if cls is None:
        return Modeled("dataclasses.dataclass")
    if isinstance(cls, Class):
        cls.decorators.append(Modeled("dataclasses.dataclass"))
    return cls


# builtins --------------------------------------------------------------------------------


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
_pure("builtins.repr", "(obj, /)", repr, "repr()")
_pure("builtins.sorted", "(iterable, /, reverse=False)", lambda it, r: sorted(it, reverse=r), "sorted()")
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
                return triggers.python_str(value)
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
    return _minmax(min, call, bound)


@modeled("builtins.max", "(*args, key=None, default=MISSING)")
def _max(ev, call, bound, _):
    return _minmax(max, call, bound)


def _minmax(fn, call, bound):
    if bound["key"] is not None:
        return Unknown("min()/max() with key= is not evaluated", call.site)
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
    return Modeled("globals-dict", call.scope.module)


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
_opaque_call("os.getenv", "the value comes from the environment (`os.getenv`), known only at run time", ENVIRONMENT)
_opaque_call("os.environ.get", "the value comes from the environment (`os.environ`), known only at run time", ENVIRONMENT)
_opaque_call("clock.now", "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)
for _key in ("datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
             "datetime.date.today"):  # fmt: skip
    _opaque_call(_key, "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)


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
    obj, name = state
    ev.note_mutation(obj, call.site, f"`.{name}(...)`")
    return Unknown(f"the result of `.{name}(...)` is not followed", call.site)


@modeled("framework-decorator", "(*args, **kwargs)")
def _framework_decorator(ev, call, bound, state):
    obj, name = state
    return External(f"{obj.kind}.{name}(...)", call.site)


# datetime --------------------------------------------------------------------------------


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
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

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
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("zoneinfo.ZoneInfo", "(key)")
def _zoneinfo(ev, call, bound, _):
    return _tz(bound["key"], call.site)


def _from_string(name: str, parse):
    @modeled(name, "(date_string, /)")
    def apply(ev, call, bound, _):
        value = bound["date_string"]
        if not isinstance(value, str):
            return ev.not_static(value, call.site, f"{name}() of")
        try:
            return parse(value)
        except ValueError as ex:
            return Raised("ValueError", str(ex), call.site, RUNTIME_ERROR)

    return apply


_from_string("datetime.datetime.fromisoformat", datetime.datetime.fromisoformat)
_from_string("datetime.date.fromisoformat", datetime.date.fromisoformat)


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
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


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


# pendulum --------------------------------------------------------------------------------


@modeled(
    "pendulum.datetime",
    "(year, month, day, hour=0, minute=0, second=0, microsecond=0, tz='UTC', fold=1,"
    " raise_on_unknown_times=False)",
)
def _pendulum_datetime(ev, call, bound, _):
    problem = _plain_args({k: v for k, v in bound.items() if k != "tz"})
    if problem is not None:
        return problem
    tz = _tz(bound["tz"], call.site) if bound["tz"] != "UTC" else datetime.timezone.utc
    if is_poison(tz):
        return tz
    try:
        return PendulumDateTime(
            bound["year"], bound["month"], bound["day"], bound["hour"], bound["minute"],
            bound["second"], bound["microsecond"], tzinfo=tz, fold=bound["fold"],
        )  # fmt: skip
    except (TypeError, ValueError, OverflowError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("pendulum.parse", "(text, **options)")
def _pendulum_parse(ev, call, bound, _):
    text = bound["text"]
    if bound["options"] or not isinstance(text, str):
        return ev.not_static(text, call.site, "pendulum.parse() of")
    try:
        parsed = isotime.ensure_datetime_non_utc(text)
    except isotime.UnsupportedTimeFormat as ex:
        return Unknown(f"cannot verify this date/time statically: {ex}", call.site)
    except ValueError as ex:
        return Raised("ParserError", str(ex), call.site, RUNTIME_ERROR)
    tz = parsed.tzinfo or datetime.timezone.utc
    return PendulumDateTime.combine(parsed.date(), parsed.time(), tzinfo=tz)


# typing ----------------------------------------------------------------------------------


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


# frameworks (detected by the module-level job detectors) -----------------------------------


@modeled("marimo.App", "(*args, app_title=None, **kwargs)")
def _marimo_app(ev, call, bound, _):
    return FrameworkObject("marimo", bound["app_title"], call.site)


@modeled("fastmcp.FastMCP", "(name=None, *args, **kwargs)")
def _fastmcp(ev, call, bound, _):
    name = bound["name"]
    if not name:
        name = Unknown(
            "a FastMCP server without a name gets a random one at run time", call.site
        )
    return FrameworkObject("fastmcp", name, call.site)
