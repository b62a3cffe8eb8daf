"""Installed modules as the interpreter sees them: the registry of modeled module tables,
and what the running program has imported before the workspace.

A *closed* module has all its attributes known (any other is an AttributeError at run
time); an *open* one has some modeled attributes, the others are opaque `External`s; any
other installed module is wholly opaque. The stdlib tables are here; libraries' models
register theirs (`register_module`) and the modules their runtime loads before the
workspace is imported (`LOADED_AT_IMPORT`, `PRELOADED_MODULES`).
"""

from __future__ import annotations

import datetime
from typing import Any, Callable, Optional

from dlt_manifest.python.values import (
    External,
    ExternalModule,
    Modeled,
    Raised,
    TypeForm,
)

RUNTIME_ERROR = "DM411"

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
CLOSED_MODULES: dict = {}

# Modules of which some attributes are modeled; others are opaque `External`s.
OPEN_MODULES: dict = {
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
    "enum": {name: Modeled(f"enum.{name}") for name in ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "auto", "unique")},
    "dataclasses": {
        **{name: Modeled(f"dataclasses.{name}") for name in ("dataclass", "field", "replace", "asdict", "fields")},
        "InitVar": TypeForm("dataclasses.InitVar"),
    },
    "typing": _TYPING,
    "typing_extensions": _TYPING,
    "collections.abc": {k: v for k, v in _TYPING.items() if k in ("Sequence", "Mapping", "Iterable", "Iterator", "Callable")},
    "os": {"environ": Modeled("os.environ"), "getenv": Modeled("os.getenv"), "path": ExternalModule("os.path")},
    "abc": {name: Modeled(f"abc.{name}") for name in ("ABC", "ABCMeta", "abstractmethod")},
    "sys": {"modules": Modeled("sys.modules")},
    "contextlib": {"suppress": Modeled("contextlib.suppress")},
    "collections": {"namedtuple": Modeled("collections.namedtuple")},
    "importlib": {"import_module": Modeled("importlib.import_module")},
    "itertools": {"chain": Modeled("itertools.chain")},
    "os.path": {name: Modeled(f"posixpath.{name}") for name in ("join", "basename", "dirname", "splitext", "split", "normpath", "commonprefix")},
    "posixpath": {name: Modeled(f"posixpath.{name}") for name in ("join", "basename", "dirname", "splitext", "split", "normpath", "commonprefix")},
    "pathlib": {"Path": Modeled("pathlib.Path"), "PurePath": Modeled("pathlib.Path"), "PosixPath": Modeled("pathlib.Path")},
    "string": {"Template": Modeled("string.Template")},
    "copy": {"copy": Modeled("copy.copy"), "deepcopy": Modeled("copy.deepcopy")},
    "textwrap": {name: Modeled(f"textwrap.{name}") for name in ("dedent", "indent", "shorten", "fill", "wrap")},
    "functools": {name: Modeled(f"functools.{name}") for name in ("partial", "wraps", "update_wrapper", "reduce")},
    "operator": {
        name: Modeled(f"operator.{name}")
        for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "or_", "and_", "xor", "lshift",
                     "rshift", "matmul", "itemgetter")
    },  # fmt: skip
}

# Top-level modules the runtime has imported before it imports the workspace: a workspace
# file of one of these names is never imported (the loaded module wins).
LOADED_AT_IMPORT: set = set()

# Submodules already loaded then: reachable as attributes of their parents without an
# import of their own.
PRELOADED_MODULES: set = set()

# Installed modules that are plain modules (`import a.b.c` below them fails), and
# submodules of installed packages that a `from package import name` loads.
NOT_PACKAGES: set = set()
KNOWN_SUBMODULES: set = set()

# What the stdlib gained after 3.8, the oldest Python targeted: attributes of its modules
# (an AttributeError, or the ImportError of `from m import name`, before), modules, and
# methods of builtin types
ADDED_IN = {
    **dict.fromkeys(["typing.Annotated", "functools.cache", "math.lcm"], (3, 9)),
    **dict.fromkeys(["builtins.aiter", "builtins.anext", "builtins.EncodingWarning"], (3, 10)),
    **dict.fromkeys(["builtins.ExceptionGroup", "builtins.BaseExceptionGroup"], (3, 11)),
    "builtins.PythonFinalizationError": (3, 13),
    **dict.fromkeys(
        ["typing.TypeAlias", "typing.ParamSpec", "typing.Concatenate", "typing.TypeGuard", "typing.is_typeddict",
         "dataclasses.KW_ONLY", "itertools.pairwise"], (3, 10)),  # fmt: skip
    **dict.fromkeys(
        ["typing.NotRequired", "typing.Required", "typing.Self", "typing.LiteralString", "typing.Never",
         "typing.TypeVarTuple", "typing.Unpack", "typing.assert_never", "typing.assert_type", "typing.reveal_type",
         "typing.dataclass_transform", "datetime.UTC", "enum.StrEnum", "enum.verify", "enum.member",
         "enum.nonmember", "enum.property", "enum.ReprEnum", "enum.EnumCheck", "enum.FlagBoundary"], (3, 11)),  # fmt: skip
    **dict.fromkeys(["typing.override", "typing.TypeAliasType", "itertools.batched"], (3, 12)),
    **dict.fromkeys(["typing.TypeIs", "typing.ReadOnly", "typing.NoDefault"], (3, 13)),
}
# builtin name -> the release that added it (read on every builtin lookup)
BUILTINS_ADDED = {key[len("builtins."):]: version for key, version in ADDED_IN.items() if key.startswith("builtins.")}
MODULES_ADDED = {"zoneinfo": (3, 9), "graphlib": (3, 9), "tomllib": (3, 11)}
# removed (`distutils` may still be setuptools' copy: refused, as all of these, not failed)
MODULES_REMOVED = {
    **dict.fromkeys(["distutils", "imp", "asynchat", "asyncore", "smtpd"], (3, 12)),
    **dict.fromkeys(
        ["cgi", "cgitb", "crypt", "imghdr", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr",
         "spwd", "sunau", "telnetlib", "uu", "xdrlib", "audioop", "chunk", "aifc", "lib2to3"], (3, 13)),  # fmt: skip
}
METHODS_ADDED = {
    **dict.fromkeys([("str", "removeprefix"), ("str", "removesuffix"), ("bytes", "removeprefix"),
                     ("bytes", "removesuffix")], (3, 9)),  # fmt: skip
    ("int", "bit_count"): (3, 10),
    ("bool", "bit_count"): (3, 10),
    ("int", "is_integer"): (3, 12),
}
# module name -> fn(attribute, site, context): a Raised where reading that attribute of the
# module fails at run time although the module table has it, else None (`context` is the
# interpreter's per-run context: the model may depend on the library's version)
MISSING_ATTRIBUTES: dict[str, Callable[[str, Any, Any], Optional[Raised]]] = {}


def register_module(name: str, attributes: dict, closed: bool = False) -> None:
    """A library model's table for module `name` (closed: no other attribute exists)."""
    (CLOSED_MODULES if closed else OPEN_MODULES)[name] = attributes


def is_modeled(name: str) -> bool:
    return name in OPEN_MODULES or name in CLOSED_MODULES


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
