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
from typing import Any, Callable, Optional

from analyzer import jobs, triggers
from analyzer.triggers import Failure
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
    Pipeline,
    PythonVersion,
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
    for version, other, flipped in ((left, right, False), (right, left, True)):
        if isinstance(version, PythonVersion) and isinstance(other, tuple) and all(
            isinstance(x, int) for x in other
        ):
            if flipped:
                op = {"LessThan": "GreaterThan", "GreaterThan": "LessThan",
                      "LessThanEqual": "GreaterThanEqual",
                      "GreaterThanEqual": "LessThanEqual"}.get(op, op)  # fmt: skip
            return version.compare(op, other)
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
# dlt's credential spec classes (their fields: SPEC_FIELDS in analyzer/config_spec.py)
_CREDENTIALS = {
    "AwsCredentials": Modeled("dlt.AwsCredentials"),
    "AzureCredentials": Modeled("dlt.AzureCredentials"),
    "AzureServicePrincipalCredentials": Modeled("dlt.AzureServicePrincipalCredentials"),
    "ConnectionStringCredentials": Modeled("dlt.ConnectionStringCredentials"),
    "CredentialsConfiguration": Modeled("dlt.CredentialsConfiguration"),
    "GcpCredentials": Modeled("dlt.GcpCredentials"),
    "GcpOAuthCredentials": Modeled("dlt.GcpOAuthCredentials"),
    "GcpServiceAccountCredentials": Modeled("dlt.GcpServiceAccountCredentials"),
    "OAuth2Credentials": Modeled("dlt.OAuth2Credentials"),
    "SFTPCredentials": Modeled("dlt.SFTPCredentials"),
}

# Modules of which some attributes are modeled; others are opaque `External`s.
OPEN_MODULES: dict = {
    "dlt": {
        "hub": ExternalModule("dlt.hub"),
        "config": Modeled("dlt.config"),
        "secrets": Modeled("dlt.secrets"),
        "source": Modeled("dlt.source"),
        "resource": Modeled("dlt.resource"),
        "transformer": Modeled("dlt.transformer"),
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
        **_CREDENTIALS,
    },
    "dlt.sources.credentials": {"configspec": Modeled("dlt.configspec"), **_CREDENTIALS},
    "dlt.common.typing": {
        "TSecretValue": Modeled("dlt.TSecretValue"),
        "TSecretStrValue": Modeled("dlt.TSecretStrValue"),
    },
    "dlt.sources": {"incremental": Modeled("dlt.incremental")},
    # `dlt.common.pendulum` re-exports the pendulum package itself
    "dlt.common": {"pendulum": ExternalModule("pendulum")},
    "dlt.common.pendulum": {"pendulum": ExternalModule("pendulum")},
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
        "date": Modeled("pendulum.date"),
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

# dlt 1.27.2's built-in destinations (`DestinationReference.DESTINATIONS`)
BUILTIN_DESTINATIONS = frozenset(
    "athena bigquery clickhouse databricks delta destination dremio duckdb ducklake dummy"
    " fabric filesystem iceberg lance lancedb motherduck mssql postgres qdrant redshift"
    " snowflake snowflake_plus sqlalchemy synapse weaviate".split()
)

# Top-level modules already imported when dlt 1.27.2 imports the workspace (measured on
# Python 3.11 with the oracle): a workspace file of one of these names is never imported.
LOADED_AT_IMPORT = frozenset(
    (
    '__future__ _abc _ast _asyncio _bisect _blake2 _bz2 _cffi_backend _codecs _collections '
    '_collections_abc _compat_pickle _compression _contextvars _csv _ctypes _cython_3_3_0 '
    '_cython_3_3_1 _datetime _decimal _distutils_hack _frozen_importlib '
    '_frozen_importlib_external _functools _hashlib _heapq _imp _io _json _locale _lzma '
    '_multiprocessing _opcode _openssl _operator _pickle _posixsubprocess _queue _random _sha512 '
    '_signal _sitebuiltins _socket _sre _ssl _stat _string _struct '
    '_sysconfigdata__linux_x86_64-linux-gnu _thread _typing _uuid _warnings _weakref _weakrefset '
    '_zoneinfo abc argparse array ast asyncio atexit base64 binascii bisect builtins bz2 calendar '
    'click codecs collections concurrent configparser contextlib contextvars copy copyreg '
    'cryptography csv ctypes cython_runtime dataclasses datetime dateutil decimal difflib dis dlt '
    'dlthub email encodings enum errno fcntl fnmatch fsspec functools gc genericpath gettext '
    'giturlparse glob grp gzip hashlib heapq hmac http humanize importlib inspect io ipaddress '
    'itertools jose json jsonpath_ng keyword linecache locale logging lzma marshal math mimetypes '
    'multiprocessing ntpath numbers numpy opcode operator orjson os packaging pathlib '
    'pathvalidate pendulum pickle pkgutil platform pluggy ply posix posixpath pprint pwd pyarrow '
    'pydoc queue quopri random re reprlib secrets select selectors semver shutil signal '
    'simplejson site socket sqlglot ssl stat string struct subprocess sys sysconfig tarfile '
    'tempfile tenacity textwrap threading time token tokenize tomlkit traceback types typing '
    'typing_extensions unittest urllib uuid warnings weakref yaml zipfile zipimport zlib zoneinfo '
    ).split()
)

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
    if isinstance(obj, PythonVersion) and name in ("major", "minor"):
        return getattr(obj, name)
    if isinstance(obj, Modeled):
        return _modeled_attribute(obj, name, site)
    if isinstance(obj, FrameworkObject):
        if obj.kind == "fastmcp" and name == "name":
            return obj.title
        return Modeled("framework-decorator", (obj, name))
    if isinstance(obj, SourceFactory) and obj.kind == "source" and name in ("with_args", "clone"):
        return Modeled("dlt.source.clone", obj)
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
    if isinstance(obj, PythonVersion):
        if key in (0, 1):
            return (obj.major, obj.minor)[key]
        if key == slice(None, 2, None):
            return (obj.major, obj.minor)
        return Unknown("only the major and minor Python versions are known", site)
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
        if not (name.startswith("__") and name.endswith("__")):
            ev.note_job_mutation(obj, site)  # e.g. `job.name = ...`: not followed
        return None  # dunders (`__doc__`) are the factory's own: the manifest reads the function's
    if isinstance(obj, Class):
        obj.namespace[name] = value
        return None
    if isinstance(obj, FrameworkObject):
        if obj.kind == "fastmcp" and name == "name":
            return Raised(
                "AttributeError", "property 'name' of 'FastMCP' object has no setter", site,
                RUNTIME_ERROR,
            )
        obj.title = Unknown(f"the {obj.kind} object is changed after it is created", site)
        return None
    if isinstance(obj, Modeled) and isinstance(obj.bound, tuple) and obj.bound:
        owner = obj.bound[0]
        if isinstance(owner, FrameworkObject):  # e.g. `app._config.app_title = ...`
            owner.title = Unknown(f"the {owner.kind} object is changed after it is created", site)
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
    from analyzer.syntax import defines_jobs

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


# the implementations register themselves in CALLS
from analyzer import library  # noqa: E402,F401
