"""Subscripts and `|` of typing's forms (`List[int]`, `Optional["Row"]`, `list[str]`,
`int | None`) as CPython 3.8 to 3.15 make them, or a refusal.

typing checks what it is given when the subscript runs, at import: the number of
arguments (`List[int, str]`, `Dict[str]`) and each argument (`List[Optional]`,
`List[ClassVar[int]]`, a string that is no expression). What it accepts differs between
releases (3.8 to 3.10 want a callable, 3.11 almost anything; `list[int]` is an error
before 3.9, `int | None` before 3.10; `Generator[int]` is one before 3.13), and so do its
messages. A form is therefore made only when every release from the target on accepts
it; anything else is an `Unknown` that the caller reports even when nothing reads it (the
import may fail there). `tests/test_typeforms.py` checks this against each CPython.

An installed package's object (`External`) is taken for a type, as reading it is taken to
succeed (`List[pd.DataFrame]`), unless it is one of typing's own forms not modeled."""

from __future__ import annotations

import ast
from typing import Any

from dlt_manifest.python.values import Class, External, Function, Modeled, TypeForm, Unknown, is_poison

NOT_MODELED = "DM901"

# the number of arguments each generic of typing takes
_ARITY = {
    **dict.fromkeys(
        ["typing.List", "typing.Set", "typing.FrozenSet", "typing.Sequence", "typing.MutableSequence",
         "typing.Iterable", "typing.Iterator", "typing.Type"], 1),  # fmt: skip
    **dict.fromkeys(["typing.Dict", "typing.Mapping", "typing.MutableMapping"], 2),
    "typing.Generator": 3,
}
# forms of one argument
_SINGLE = frozenset(["typing.ClassVar", "typing.Final", "typing.NotRequired", "typing.Required"])
# `list[int]` (3.9+): `types.GenericAlias` checks nothing
BUILTIN_GENERICS = frozenset(
    ["builtins.list", "builtins.dict", "builtins.tuple", "builtins.set", "builtins.type", "builtins.frozenset"]
)
# modeled objects that are not callable (3.8 to 3.10 refuse them as arguments)
_NOT_CALLABLE = frozenset(["dlt.config", "dlt.secrets", "os.environ", "sys.modules", "run.Entity"])
# forms that are types as arguments: bare (`List[Dict]`, `Dict[str, Any]`) and subscripted
_BARE_ARGUMENTS = frozenset([*_ARITY, "typing.Tuple", "typing.Callable", "typing.Any"])
_SUBSCRIPTED_ARGUMENTS = frozenset(
    [*_ARITY, "typing.Tuple", "typing.Callable", "typing.Union", "typing.Literal", "typing.NewType", "typing.Annotated",
     *BUILTIN_GENERICS]  # fmt: skip
)
_LITERALS = (str, int, bool, bytes, type(None))


def subscript(form: Any, key: Any, python: tuple, site) -> Any:
    """`form[key]` for a `TypeForm` or a modeled builtin class (`list`): the `TypeForm`
    every release from `python` on makes, or an `Unknown` (CPython may raise TypeError)."""
    python = tuple(python)
    args = key if type(key) is tuple else (key,)
    for arg in args:
        if is_poison(arg):
            return arg
    origin = form.key if isinstance(form, Modeled) else form.origin
    shown = f"`{origin.rsplit('.', 1)[-1]}[...]`"
    if isinstance(form, TypeForm) and form.args:
        return refused(f"{shown} subscripted again", site)
    if origin in BUILTIN_GENERICS:
        return TypeForm(origin, args) if python >= (3, 9) else refused(f"{shown} before Python 3.9", site)
    if origin in ("typing.Union", "typing.Optional"):
        single = origin == "typing.Optional"
        if (single and type(key) is tuple) or not args or not all(is_type_argument(a, python) for a in args):
            return refused(f"{shown} with these arguments", site)
        return union(key, None) if single else union(*args)
    if _accepts(origin, key, args, python):
        return TypeForm(origin, args)
    return refused(f"{shown} with these arguments", site)


def _accepts(origin: str, key: Any, args: tuple, python: tuple) -> bool:
    def is_type(arg: Any) -> bool:
        return is_type_argument(arg, python)

    empty = type(key) is tuple and not key
    if origin in _ARITY:
        return not empty and len(args) == _ARITY[origin] and all(map(is_type, args))
    if origin in _SINGLE:
        return type(key) is not tuple and is_type(key)
    if origin == "typing.Tuple":  # `Tuple[()]`, `Tuple[int, str]`, `Tuple[int, ...]`
        return empty or all(map(is_type, args)) or (len(args) == 2 and args[1] is ... and is_type(args[0]))
    if origin == "typing.Callable":  # `Callable[[int], str]`, `Callable[..., str]`
        return len(args) == 2 and is_type(args[1]) and (
            args[0] is ... or (type(args[0]) is list and all(map(is_type, args[0])))
        )
    if origin == "typing.Literal":
        return bool(args) and all(type(arg) in _LITERALS for arg in args)
    if origin == "typing.Annotated":  # a type, then anything
        return python >= (3, 9) and len(args) >= 2 and is_type(args[0])
    if origin == "typing.Generic":  # distinct type variables
        variables = all(isinstance(arg, TypeForm) and arg.origin == "typing.TypeVar" for arg in args)
        return variables and 0 < len({id(arg) for arg in args}) == len(args)
    return origin == "dataclasses.InitVar"  # `InitVar(type)` checks nothing


def union_operator(left: Any, right: Any, python: tuple, site) -> Any:
    """`left | right` of types (PEP 604: Python 3.10+), or an `Unknown`."""
    if tuple(python) >= (3, 10) and (left is not None or right is not None) and _unionable(left) and _unionable(right):
        return union(left, right)
    return refused("`X | Y` of these values", site)


def _unionable(side: Any) -> bool:
    """A class, `None`, or one of typing's forms: what `type.__or__` and typing's `__or__`
    take."""
    if side is None or isinstance(side, (Class, External)):
        return isinstance(side, Class) or side is None or is_type_argument(side, (3, 10))
    if isinstance(side, TypeForm):
        return is_type_argument(side, (3, 10)) or side.origin == "typing.Any"
    if isinstance(side, Modeled) and side.bound is None:
        name = side.key.rsplit(".", 1)[-1]
        return side.key in _BUILTIN_TYPES or (name[:1].isupper() and not side.key.startswith("run."))
    return False


_BUILTIN_TYPES = BUILTIN_GENERICS | frozenset(
    f"builtins.{name}" for name in "int str float bool bytes bytearray complex object".split()
)


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


def is_type_argument(arg: Any, python: tuple) -> bool:
    """Whether typing takes `arg` as a type argument in `python` and later releases (3.8 to
    3.10 want a callable, later ones anything but a tuple and a few forms)."""
    if arg is None or isinstance(arg, (Class, Function)):
        return True
    if isinstance(arg, External):
        return not is_typing_name(arg.qualname)
    if type(arg) is str:  # a forward reference: compiled as an expression
        return _forward_reference(arg)
    if isinstance(arg, Modeled):
        return tuple(python) >= (3, 11) or arg.key not in _NOT_CALLABLE
    if isinstance(arg, TypeForm):
        if arg.origin == "typing.TypeVar":
            return True
        return arg.origin in (_SUBSCRIPTED_ARGUMENTS if arg.args else _BARE_ARGUMENTS)
    return False


def is_typing_name(qualname: str) -> bool:
    """An installed object that is one of typing's forms the analyzer does not model
    (`typing.Protocol`): subscripting it runs typing's checks."""
    return qualname.startswith(("typing.", "typing_extensions.", "collections.abc."))


def _forward_reference(text: str) -> bool:
    """`ForwardRef(text)` compiles `text`: names, attributes, subscripts and constants
    compile in every release."""
    if not text or text != text.strip() or len(text) > 200:
        return False
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return all(isinstance(node, _FORWARD_NODES) for node in ast.walk(tree))


_FORWARD_NODES = (ast.Expression, ast.Name, ast.Attribute, ast.Subscript, ast.Tuple, ast.List, ast.Constant, ast.Load)


def refused(what: str, site) -> Unknown:
    """The import may fail here: reported even unread (`Unknown.may_raise`)."""
    return Unknown(
        f"{what}: whether typing accepts it (CPython raises TypeError where it does not) is not modeled",
        site, NOT_MODELED, may_raise=True,
    )
