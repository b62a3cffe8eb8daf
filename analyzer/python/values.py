"""What an expression evaluates to.

Plain Python data (str, int, float, bool, None, bytes, tuple, list, dict, set and the
stdlib datetime types) is represented by real Python objects, so that operators behave
exactly as they do at run time. Everything else is one of the classes below.

Two values are *poison*: `Unknown` (the analyzer cannot know the value without running
code) and `Raised` (the runtime raises an exception here). Every operation on a poison
value yields that value, so the reason travels to wherever the value is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import attrs
from dlt_manifest.source.span import Site

if TYPE_CHECKING:
    import libcst as cst
    from dlt_manifest.source.files import SourceFile
    from dlt_manifest.source.workspace import ModuleLocation


# --- poison ---------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Unknown:
    """A value that cannot be known without running the code. `code` is the rule that
    reports it (DM9xx), `reason` says why, `site` is the expression responsible."""

    reason: str
    site: Optional[Site]
    code: str = "DM901"
    # could this be a job or a module? (a namespace scan without `__all__` must then stop)
    may_be_job: bool = False
    # what the runtime does here (an operation on values the analyzer knows, which it does
    # not model) may raise: reported whether or not the value is read
    may_raise: bool = False


@attrs.frozen(eq=False)
class Raised:
    """The runtime raises `exc` here (the import fails). `code` is the rule reporting it."""

    exc: str
    message: str
    site: Optional[Site]
    code: str
    # the exception's class when it is a workspace class (`except` matches it by its bases)
    exc_class: Any = None
    value: Any = None  # the exception object, when `raise` made it (`except ... as e`)


POISON = (Unknown, Raised)
SCALARS = frozenset((str, int, float, bool, type(None)))  # exact types: nothing inside them


def raised_from(ex: BaseException, site: Optional[Site], code: str) -> Raised:
    """What CPython's own operation on plain values raised: its class, its message, and
    the exception object (`except ... as e` sees its `args`)."""
    return Raised(type(ex).__name__, str(ex), site, code, value=ExceptionValue(type(ex).__name__, ex.args))


def is_poison(value: Any) -> bool:
    return isinstance(value, POISON)


# the first part of the keys of installed packages' modeled objects (`dlt.pipeline`): the
# libraries' models register them; every other key is CPython's own (`builtins.len`,
# `datetime.datetime`, a str's `method`)
LIBRARY_KEYS: set = set()


def is_library(value: Any) -> bool:
    """An installed package's object, opaque or modeled (`dlt.sources.incremental`, a
    pipeline): what its operators, subscripts and iteration do is assumed to succeed, as its
    calls are (README: "Assumed"), unlike the workspace's objects and CPython's own."""
    if isinstance(value, (External, ExternalModule, LibraryObject)):
        return True
    return isinstance(value, Modeled) and value.key.split(".", 1)[0] in LIBRARY_KEYS


def is_known(value: Any) -> bool:
    """Neither poison nor an opaque value of an installed package."""
    return not (isinstance(value, POISON) or isinstance(value, External))


def deep_poison(value: Any, limit: int = 10_000) -> Optional[Any]:
    """The first poison inside a (nested) container, or None; an opaque `External`
    counts as Unknown (its value is needed here). Iterative and bounded."""
    stack = [value]
    seen = 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > limit:
            return Unknown("value too large to inspect statically", None, "DM904")
        if type(item) in SCALARS:
            continue
        if isinstance(item, POISON):
            return item
        if isinstance(item, External):
            return item.unknown()
        if isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
            stack.extend(reversed(list(item.keys())))
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(reversed(list(item)))
    return None


# --- runtime objects ---------------------------------------------------------------------


@attrs.define(eq=False)
class ModuleObject:
    """A workspace module: its namespace fills in as its top-level code is interpreted."""

    name: str
    location: "ModuleLocation"
    source: Optional["SourceFile"]
    namespace: dict = attrs.field(factory=dict)
    state: str = "new"  # new -> running -> done
    # set when code writes names we cannot follow (globals()[expr] = ..., star import of
    # an unknown module): lookups of names not bound statically are then Unknown
    open_namespace: Optional[Unknown] = None
    # site of the value expression of each top-level binding (to point into constants)
    binding_sites: dict = attrs.field(factory=dict)
    future_annotations: bool = False  # `from __future__ import annotations`
    failure: Optional["Raised"] = None  # the file cannot be compiled: importing it raises
    current_statement: Any = None  # the module-level statement being interpreted
    import_sites: dict = attrs.field(factory=dict)  # name -> site of `from x import name`

    @property
    def package(self) -> str:
        """`__package__`: the module's own name for a package, its parent's otherwise."""
        if self.location.is_package:
            return self.name
        return self.name.rpartition(".")[0]

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@attrs.frozen
class ExternalModule:
    """A module that is not part of the workspace (stdlib, dlt, any installed package)."""

    name: str


@attrs.frozen(eq=False)
class External:
    """An opaque value from an installed package that the analyzer does not model."""

    qualname: str
    site: Optional[Site]

    def unknown(self, what: str = "") -> Unknown:
        detail = f" ({what})" if what else ""
        return Unknown(
            f"`{self.qualname}` comes from an installed package the analyzer does not"
            f" model{detail}",
            self.site,
        )


NO_DEFAULT = attrs.make_class("NoDefault", [], frozen=True)()
NO_ANNOTATION = attrs.make_class("NoAnnotation", [], frozen=True)()


@attrs.frozen(eq=False)
class Param:
    name: str
    kind: str  # inspect.Parameter kind names: POSITIONAL_ONLY, VAR_POSITIONAL, ...
    default: Any = NO_DEFAULT
    annotation: Any = NO_ANNOTATION  # a value, or a str under `from __future__ import annotations`
    site: Optional[Site] = None

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT


@attrs.define(eq=False)
class Function:
    """A function (or lambda) defined in the workspace. Its body is interpreted when it is
    called at import time (`functions.FunctionCalls`)."""

    name: str
    qualname: str
    module: ModuleObject
    params: list
    doc: Optional[str]
    is_async: bool
    site: Site
    node: Optional["cst.CSTNode"] = None  # FunctionDef or Lambda
    module_name: str = ""  # `__module__`: the module's `__name__` when it was defined
    attributes: dict = attrs.field(factory=dict)
    # set when the function was defined in a context the analyzer does not follow
    nested_in: Optional[str] = None
    closure: Any = None  # the enclosing function scope (`scope.Scope`), if any
    statement: Any = None  # the statement holding the def, for positions
    private: Optional[str] = None  # the class whose body defines it (name mangling)
    owner: Any = None  # that class, once made (`__class__` for `super()`)
    # the return annotation's value, evaluated when the `def` ran (CPython's order: after
    # the parameters'); NO_ANNOTATION without one, or when annotations are postponed
    returns: Any = NO_ANNOTATION


@attrs.define(eq=False)
class Class:
    """A class defined in the workspace: its body's bindings and annotations, in order."""

    name: str
    qualname: str
    module: ModuleObject
    bases: list
    namespace: dict
    annotations: dict
    site: Site
    is_configspec: bool = False
    decorators: list = attrs.field(factory=list)
    mro: list = attrs.field(factory=list)  # `__mro__` without the class itself
    metaclass: Any = None  # a workspace metaclass, if any
    # set by `dataclasses.dataclass`: its parameters (frozen, eq, ...), and its fields
    dataclass: Optional[dict] = None
    fields: list = attrs.field(factory=list)
    # a class CPython makes special (`special.py`): ("enum", the real enum class) or
    # ("namedtuple", the real tuple type, fields, defaults)
    special: Any = None
    slots: Optional[tuple] = None  # the names `__slots__` declares (mangled), if it has one
    # `__abstractmethods__` of a class made by `abc.ABCMeta` (None: another metaclass)
    abstract: Optional[frozenset] = None


@attrs.define(eq=False)
class Instance:
    """An instance of a class defined in the workspace: its class, and the attributes
    its code set on it (its `__dict__`)."""

    cls: "Class"
    attributes: dict = attrs.field(factory=dict)
    frozen: bool = False  # an instance of a frozen dataclass

    is_instance = True


@attrs.frozen(eq=False)
class StaticMethod:
    """`staticmethod(fn)` in a class body: read on the class or an instance, it is `fn`."""

    function: Any


@attrs.frozen(eq=False)
class ClassMethod:
    """`classmethod(fn)`: read on the class or an instance, it is bound to the class."""

    function: Any


@attrs.define(eq=False)
class Property:
    """`property(fget, fset, fdel, doc)`: read on an instance, `fget(instance)` runs."""

    fget: Any = None
    fset: Any = None
    fdel: Any = None
    doc: Any = None


@attrs.frozen(eq=False)
class Super:
    """`super()` in a method of class `start`: attributes are looked up along the MRO of
    `obj`'s class after `start`."""

    start: Any
    obj: Any


@attrs.frozen(eq=False)
class BoundMethod:
    """A workspace function bound to an object (`obj.method`, or a class for a
    classmethod): calling it passes `owner` first."""

    function: Function
    owner: Any


@attrs.define(eq=False)
class GeneratorValue:
    """A generator expression: its first iterable was evaluated where it was written; the
    rest runs when it is consumed (`evaluate.Evaluator.iterate`), once."""

    node: Any  # cst.GeneratorExp; None for an iterator a builtin made (`stdlib`)
    scope: Any  # its scope; for a builtin's iterator, the callable it calls, if any
    first: Any  # the items of the first iterable, or poison
    stream: Any = None  # the Python generator making its items, once it is consumed


@attrs.frozen(eq=False)
class ExceptionValue:
    """An exception object: its class (the name of a builtin exception, or a workspace
    `Class`) and its arguments."""

    kind: Any  # str (builtin exception name) or Class
    args: Any = ()  # a tuple; None when not known (an exception the analyzer made)
    text: Optional[str] = None  # its `str()` when the args are not known

    @property
    def name(self) -> str:
        return self.kind if isinstance(self.kind, str) else self.kind.name

    @property
    def message(self) -> str:
        """`str(exception)`, as BaseException.__str__ makes it."""
        if self.args is None:
            return self.text or ""
        if not self.args:
            return ""
        if len(self.args) == 1:
            arg = self.args[0]
            if isinstance(arg, str) and self.name != "KeyError":
                return arg
            return repr(arg)
        return repr(self.args)


@attrs.frozen(eq=False)
class Modeled:
    """A callable or object of an installed package whose behavior the analyzer knows
    (`dlt.hub.run.job`, `trigger.every`, `datetime.datetime`, `str`, ...). `key` names it
    in `analyzer.api`; `bound` is the object a method is bound to."""

    key: str
    bound: Any = None


@attrs.frozen(eq=False)
class ModuleSpec:
    """A workspace module's `__spec__` (its name and parent are known; where it was
    found is not)."""

    name: str
    parent: str
    is_package: bool


@attrs.frozen
class TypeForm:
    """A typing construct used as an annotation: `Optional[int]`, `List[str]`, `Any`..."""

    origin: str  # e.g. "typing.Optional", "typing.Any", "builtins.list"
    args: tuple = ()


@attrs.frozen
class PythonVersion:
    """`sys.version_info` of the Python the workspace runs on: only major and minor are
    known (see `--python-version`); comparisons that depend on the micro version are not."""

    major: int
    minor: int

    def compare(self, op: str, other: tuple) -> Optional[bool]:
        """`sys.version_info <op> other` for a tuple of ints, or None when undecidable."""
        mine = (self.major, self.minor)
        prefix = tuple(other[:2])
        if prefix != mine[: len(prefix)]:
            left, right = mine[: len(prefix)], prefix
        elif len(other) <= 2:
            left, right = (1,), (0,)  # version_info is longer: it is greater
        else:
            return None  # decided by the micro version
        return {
            "Equal": left == right and len(other) > 2, "NotEqual": not (left == right and len(other) > 2),
            "LessThan": left < right, "LessThanEqual": left <= right,
            "GreaterThan": left > right, "GreaterThanEqual": left >= right,
        }.get(op)  # fmt: skip


class LibraryObject:
    """An object made by an installed library that a model outside this layer stands for
    (dlt's job factories and pipelines, a framework's app): the object model asks the
    object itself how it behaves. The defaults are those of an opaque object."""

    # `callable(obj)`: True, False, or None when not known
    callable: Optional[bool] = False

    def describe(self) -> str:
        return f"a `{type(self).__name__}` value"

    def truth(self) -> Optional[bool]:
        return True

    def attribute(self, ev, name: str, site) -> Any:
        return Unknown(f"attribute `{name}` of {self.describe()} is not modeled", site)

    def set_attribute(self, ev, name: str, value: Any, site) -> Optional[Any]:
        """`obj.name = value`: a Raised when the runtime raises, else None."""
        return None

    def changed(self, site) -> None:
        """Something reached through one of the object's attributes was changed."""

    def call(self, ev, args: list, kwargs: dict, call) -> Any:
        return Unknown(f"calling {self.describe()} is not modeled", call.site)


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
    if isinstance(value, LibraryObject):
        return value.describe()
    if isinstance(value, TypeForm):
        return f"`{value.origin}`"
    if isinstance(value, GeneratorValue):
        return "a generator"
    return f"a `{type(value).__name__}` value"
