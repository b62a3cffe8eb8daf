"""Expressions that cannot raise (issue 8: a statement nobody reads need not run).

`NAME = [f"{t}_p{n:02d}" for t in TABLES for n in range(4)]` binds a name and does nothing
else, provided evaluating it cannot raise: then a module whose other statements never read
it imports the same whether or not it ran, and the analysis may leave it until something
reads it (the interpreter's `deferral`). `free_names` says whether an expression is made
only of the constructs known here, and which names it reads; `cannot_raise` proves, from
the kinds of the values those names hold when the statement would have run (constants
and tuples of them, `kind_of`, and a few builtin functions), that CPython evaluates it
without an exception — no TypeError, ValueError, MemoryError, nor a str() of an int past
CPython's digit limit — with the work and the text it makes bounded. Anything it cannot
prove is "may raise", and the statement runs in order as before.

A kind is a tuple: ("str", max length), ("int",), ("bool",), ("float",), ("complex",),
("none",), ("ellipsis",), ("bytes", max length), ("tuple"|"list"|"set", element kinds,
max length), ("dict", key kinds, value kinds, max length), ("range", length),
("builtin", name). An expression has a frozenset of kinds (an `if`-expression, two).
`tests/test_noraise.py` checks every proof against CPython on generated expressions.
"""

from __future__ import annotations

import ast
import re
from typing import Optional

_WORK = 10_000  # iterations of the comprehensions of one expression, together
_TEXT = 1_000_000  # characters of the strings it makes, together
_DEPTH = 40
_INT_DIGITS = 4_000  # str() of an int of more digits raises (CPython's limit is 4,300)

# format specifications that cannot raise, by the kind formatted (width and precision
# under 1,000: the text made stays small)
_INT_SPEC = re.compile(r"(?:[^{}]?[<>^=])?[-+ ]?0?\d{0,3}[bdoxX]?")
_SPECS = {
    "str": re.compile(r"(?:[^{}]?[<>^])?\d{0,3}(?:\.\d{1,3})?s?"),
    "int": _INT_SPEC,
    "bool": _INT_SPEC,
    "float": re.compile(r"(?:[^{}]?[<>^=])?[-+ ]?0?\d{0,3}(?:\.\d{1,3})?[eEfFgG%]?"),
}
_SCALAR_TEXT = {"int": _INT_DIGITS + 1, "bool": 5, "float": 2_000, "complex": 60, "none": 4, "ellipsis": 8}
_HASHABLE = frozenset(["str", "int", "bool", "float", "complex", "none", "ellipsis", "bytes"])
_NUMBERS = frozenset(["int", "bool", "float"])
_INTS = frozenset(["int", "bool"])
# str methods known (`_Check._str_method` says with which arguments)
_NO_ARGUMENT = ("lower", "upper", "title", "capitalize", "casefold", "swapcase")
_STRIPS = ("strip", "lstrip", "rstrip")
_TESTS = ("isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "isidentifier", "isdecimal", "isnumeric")
_BUILTIN_CALLS = frozenset(["range", "len", "str", "repr", "sorted", "tuple", "list"])
_STR_METHODS = frozenset(
    _NO_ARGUMENT + _STRIPS + _TESTS + ("startswith", "endswith", "replace", "join", "split", "rsplit")
)
# the nodes an expression may be made of (operators and contexts are not visited)
_SHAPES = frozenset([
    ast.Constant, ast.Name, ast.JoinedStr, ast.FormattedValue, ast.ListComp, ast.SetComp, ast.DictComp,
    ast.Call, ast.Attribute, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Tuple, ast.List,
    ast.Set, ast.Dict,
])  # fmt: skip


class Builtin:
    """The builtin function `name`, as a value a name holds (for `kind_of`)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


class _Unsafe(Exception):
    pass


def free_names(node: ast.expr, costly_only: bool = True) -> Optional[list]:
    """The names `node` reads from the scope it is in (each once, in order), or None when
    it is not made only of the constructs `cannot_raise` knows — or, `costly_only`, when it
    has nothing worth leaving for later: no comprehension, f-string or call (a name or a
    `+` costs less to run in order than to defer)."""
    found: list = []
    costly: list = []
    try:
        _free(node, frozenset(), found, 0, costly)
    except _Unsafe:
        return None
    return found if costly or not costly_only else None


def _free(node: ast.AST, bound: frozenset, found: list, depth: int, costly: list) -> None:
    kind = type(node)
    if kind not in _SHAPES or depth > _DEPTH:
        raise _Unsafe
    if kind is ast.Name:
        if node.id not in bound and node.id not in found:
            found.append(node.id)
        return
    if kind is ast.ListComp or kind is ast.SetComp or kind is ast.DictComp:
        costly.append(node)
        inner = bound
        for index, generator in enumerate(node.generators):
            if generator.is_async or type(generator.target) is not ast.Name:
                raise _Unsafe
            _free(generator.iter, bound if index == 0 else inner, found, depth + 1, costly)
            inner = inner | {generator.target.id}
            for test in generator.ifs:
                _free(test, inner, found, depth + 1, costly)
        for part in (node.key, node.value) if kind is ast.DictComp else (node.elt,):
            _free(part, inner, found, depth + 1, costly)
        return
    if kind is ast.Call:
        func = node.func
        if type(func) is ast.Name:
            known = func.id in _BUILTIN_CALLS
        else:
            known = type(func) is ast.Attribute and func.attr in _STR_METHODS
        if not known or node.keywords or any(type(a) is ast.Starred for a in node.args):
            raise _Unsafe  # (`dlt.pipeline(...)`, `f()`: never proven, so never deferred)
        costly.append(node)
    elif kind is ast.Attribute:
        raise _Unsafe  # (only a method's, in a call)
    elif kind is ast.JoinedStr:
        costly.append(node)
    elif kind is ast.Dict and any(key is None for key in node.keys):
        raise _Unsafe  # `{**a}`
    if kind is ast.Call and type(node.func) is ast.Attribute:
        children = [node.func.value, *node.args]
    else:
        children = ast.iter_child_nodes(node)
    for child in children:
        if isinstance(child, ast.expr):
            _free(child, bound, found, depth + 1, costly)


def kind_of(value, depth: int = 0) -> tuple:
    """The kind of a value a name holds (raises `_Unsafe` for any other)."""
    kind = type(value)
    if kind is str:
        return ("str", len(value))
    if kind is bool:
        return ("bool",)
    if kind is int:
        if value.bit_length() > _INT_DIGITS * 3:  # ~ 0.9 * 4,000 decimal digits
            raise _Unsafe
        return ("int",)
    if kind is float:
        return ("float",)
    if kind is complex:
        return ("complex",)
    if value is None:
        return ("none",)
    if value is Ellipsis:
        return ("ellipsis",)
    if kind is bytes:
        return ("bytes", len(value))
    if kind is tuple and depth < 20:
        return ("tuple", frozenset(kind_of(item, depth + 1) for item in value), len(value))
    if kind is Builtin:
        return ("builtin", value.name)
    raise _Unsafe


def cannot_raise(node: ast.expr, values: dict) -> bool:
    """Whether CPython evaluates `node` without an exception when each name it reads
    (`free_names`) holds the value `values` gives (a constant, a tuple of them, a `Builtin`)."""
    try:
        env = {name: frozenset([kind_of(value)]) for name, value in values.items()}
        _Check().kinds(node, env, 1, 0)
    except (_Unsafe, RecursionError):
        return False
    return True


class _Check:
    def __init__(self):
        self.work = 0
        self.text = 0

    def _made(self, length: int, times: int) -> None:
        self.text += length * times
        if self.text > _TEXT:
            raise _Unsafe

    def kinds(self, node: ast.AST, env: dict, times: int, depth: int) -> frozenset:
        """The kinds `node` evaluates to (raises `_Unsafe` where it may raise); `times`: how
        many times it is evaluated."""
        if depth > _DEPTH:
            raise _Unsafe
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise _Unsafe
        out = method(node, env, times, depth + 1)
        if not out:
            raise _Unsafe
        return out

    def _Constant(self, node, env, times, depth):
        return frozenset([kind_of(node.value)])

    def _Name(self, node, env, times, depth):
        if node.id not in env:
            raise _Unsafe
        return env[node.id]

    def _JoinedStr(self, node, env, times, depth):
        length = 0
        for part in node.values:
            if type(part) is ast.Constant:
                length += len(part.value)
            else:
                length += self._formatted(part, env, times, depth)
        self._made(length, times)
        return frozenset([("str", length)])

    def _formatted(self, node, env, times, depth) -> int:
        """The longest text one `{value!conversion:spec}` makes."""
        kinds = self.kinds(node.value, env, times, depth)
        if node.conversion != -1:  # !s, !r, !a: a str of the value first
            kinds = frozenset([("str", max(_text(k, node.conversion != ord("s")) for k in kinds))])
        spec = ""
        if node.format_spec is not None:
            parts = node.format_spec.values
            if not all(type(p) is ast.Constant for p in parts):
                raise _Unsafe
            spec = "".join(p.value for p in parts)
        longest = 0
        for kind in kinds:
            if spec:
                pattern = _SPECS.get(kind[0])
                if pattern is None or not pattern.fullmatch(spec):
                    raise _Unsafe
                longest = max(longest, _text(kind, False), 1_000)
            else:
                longest = max(longest, _text(kind, False))
        return longest

    def _comprehension(self, node, env, times, depth) -> tuple:
        inner = dict(env)
        count = 1
        for index, generator in enumerate(node.generators):
            items, length = self._items(self.kinds(generator.iter, env if index == 0 else inner, times * count, depth))
            count *= max(length, 1)
            self.work += times * count
            if self.work > _WORK:
                raise _Unsafe
            if not items:  # nothing to iterate: the rest never runs
                return inner, 0, times * count, False
            inner[generator.target.id] = items
            for test in generator.ifs:
                self.kinds(test, inner, times * count, depth)
        return inner, count, times * count, True

    def _ListComp(self, node, env, times, depth):
        inner, count, each, runs = self._comprehension(node, env, times, depth)
        elements = self.kinds(node.elt, inner, each, depth) if runs else frozenset()
        return frozenset([("list", elements, count)])

    def _SetComp(self, node, env, times, depth):
        inner, count, each, runs = self._comprehension(node, env, times, depth)
        elements = self.kinds(node.elt, inner, each, depth) if runs else frozenset()
        _hashable(elements)
        return frozenset([("set", elements, count)])

    def _DictComp(self, node, env, times, depth):
        inner, count, each, runs = self._comprehension(node, env, times, depth)
        keys = self.kinds(node.key, inner, each, depth) if runs else frozenset()
        values = self.kinds(node.value, inner, each, depth) if runs else frozenset()
        _hashable(keys)
        return frozenset([("dict", keys, values, count)])

    def _items(self, kinds: frozenset) -> tuple:
        """(the kinds of the items, the most of them) of iterating a value of `kinds`."""
        items: set = set()
        length = 0
        for kind in kinds:
            if kind[0] in ("tuple", "list", "set"):
                items |= kind[1]
                length = max(length, kind[2])
            elif kind[0] == "dict":
                items |= kind[1]
                length = max(length, kind[3])
            elif kind[0] == "range":
                items.add(("int",))
                length = max(length, kind[1])
            else:
                raise _Unsafe
        return frozenset(items), length

    def _Tuple(self, node, env, times, depth):
        elements = self._elements(node.elts, env, times, depth)
        return frozenset([("tuple", elements, len(node.elts))])

    def _List(self, node, env, times, depth):
        return frozenset([("list", self._elements(node.elts, env, times, depth), len(node.elts))])

    def _Set(self, node, env, times, depth):
        elements = self._elements(node.elts, env, times, depth)
        _hashable(elements)
        return frozenset([("set", elements, len(node.elts))])

    def _Dict(self, node, env, times, depth):
        keys = self._elements(node.keys, env, times, depth)
        _hashable(keys)
        return frozenset([("dict", keys, self._elements(node.values, env, times, depth), len(node.keys))])

    def _elements(self, nodes, env, times, depth) -> frozenset:
        out: frozenset = frozenset()
        for item in nodes:
            if item is None or type(item) is ast.Starred:
                raise _Unsafe
            out |= self.kinds(item, env, times, depth)
        return out

    def _IfExp(self, node, env, times, depth):
        self.kinds(node.test, env, times, depth)  # the truth of any of these kinds cannot raise
        return self.kinds(node.body, env, times, depth) | self.kinds(node.orelse, env, times, depth)

    def _BoolOp(self, node, env, times, depth):
        out: frozenset = frozenset()
        for value in node.values:
            out |= self.kinds(value, env, times, depth)
        return out

    def _UnaryOp(self, node, env, times, depth):
        kinds = self.kinds(node.operand, env, times, depth)
        if type(node.op) is ast.Not:
            return frozenset([("bool",)])
        if type(node.op) in (ast.USub, ast.UAdd) and all(k[0] in _NUMBERS for k in kinds):
            return frozenset([("int",) if k[0] == "bool" else k for k in kinds])
        raise _Unsafe

    def _BinOp(self, node, env, times, depth):
        if type(node.op) is not ast.Add:
            raise _Unsafe
        left, right = self.kinds(node.left, env, times, depth), self.kinds(node.right, env, times, depth)
        if all(k[0] == "str" for k in left | right):
            length = max(k[1] for k in left) + max(k[1] for k in right)
            self._made(length, times)
            return frozenset([("str", length)])
        if all(k[0] in _INTS for k in left | right):
            return frozenset([("int",)])  # (no larger than the constants it adds: their digits)
        raise _Unsafe

    def _Compare(self, node, env, times, depth):
        left = self.kinds(node.left, env, times, depth)
        for op, comparator in zip(node.ops, node.comparators):
            right = self.kinds(comparator, env, times, depth)
            kind = type(op)
            if kind in (ast.In, ast.NotIn):
                for container in right:
                    if container[0] == "str":
                        if not all(k[0] == "str" for k in left):
                            raise _Unsafe
                    elif container[0] in ("set", "dict"):
                        _hashable(left)
                    elif container[0] not in ("tuple", "list"):
                        raise _Unsafe
            elif kind in (ast.Lt, ast.LtE, ast.Gt, ast.GtE):
                both = left | right
                if not (all(k[0] == "str" for k in both) or all(k[0] in _NUMBERS for k in both)):
                    raise _Unsafe
            elif kind not in (ast.Eq, ast.NotEq, ast.Is, ast.IsNot):
                raise _Unsafe
            left = right
        return frozenset([("bool",)])

    def _Call(self, node, env, times, depth):
        func = node.func
        args = [self.kinds(a, env, times, depth) for a in node.args]
        if type(func) is ast.Attribute:
            receiver = self.kinds(func.value, env, times, depth)
            if not all(k[0] == "str" for k in receiver):
                raise _Unsafe
            return self._str_method(func.attr, max(k[1] for k in receiver), node.args, args, times)
        builtin = self.kinds(func, env, times, depth)
        if len(builtin) != 1:
            raise _Unsafe
        (kind,) = builtin
        if kind[0] != "builtin" or kind[1] not in _BUILTIN_CALLS:
            raise _Unsafe
        name = kind[1]
        if name == "range":
            return frozenset([("range", _range_length(node.args))])
        if len(args) != 1:
            raise _Unsafe
        (arg,) = args
        if name == "len":
            if not all(k[0] in ("str", "bytes", "tuple", "list", "set", "dict", "range") for k in arg):
                raise _Unsafe
            return frozenset([("int",)])
        if name in ("str", "repr"):
            length = max(_text(k, name == "repr") for k in arg)
            self._made(length, times)
            return frozenset([("str", length)])
        items, length = self._items(arg)
        if name == "sorted":
            if not (all(k[0] == "str" for k in items) or all(k[0] in _NUMBERS for k in items)):
                raise _Unsafe
            return frozenset([("list", items, length)])
        return frozenset([(name, items, length)])  # tuple(), list()

    def _str_method(self, name: str, length: int, nodes: list, args: list, times: int) -> frozenset:
        def strings(kinds):
            return all(k[0] == "str" for k in kinds)

        if name in _NO_ARGUMENT and not args:
            self._made(length * 3, times)  # (a case change can lengthen: "ß".upper() is "SS")
            return frozenset([("str", length * 3)])
        if name in _STRIPS and (not args or (len(args) == 1 and (strings(args[0]) or args[0] == {("none",)}))):
            self._made(length, times)
            return frozenset([("str", length)])
        if name in _TESTS and not args:
            return frozenset([("bool",)])
        if name in ("startswith", "endswith") and len(args) == 1:
            if strings(args[0]) or all(k[0] == "tuple" and strings(k[1]) for k in args[0]):
                return frozenset([("bool",)])
        if name == "replace" and len(args) == 2 and strings(args[0]) and strings(args[1]):
            old = min(k[1] for k in args[0])
            new = max(k[1] for k in args[1])
            made = length * max(new, 1) + new if old == 0 else length * max(1, -(-new // old))
            self._made(made, times)
            return frozenset([("str", made)])
        if name == "join" and len(args) == 1:
            items, count = self._items(args[0])
            if not strings(items):
                raise _Unsafe
            made = count * (max((k[1] for k in items), default=0) + length)
            self._made(made, times)
            return frozenset([("str", made)])
        if name in ("split", "rsplit") and len(nodes) == 1:
            separator = nodes[0]
            if type(separator) is ast.Constant and type(separator.value) is str and separator.value:
                return frozenset([("list", frozenset([("str", length)]), length + 1)])
        raise _Unsafe


def _hashable(kinds: frozenset) -> None:
    for kind in kinds:
        if kind[0] == "tuple":
            _hashable(kind[1])
        elif kind[0] not in _HASHABLE:
            raise _Unsafe


def _text(kind: tuple, quoted: bool) -> int:
    """The longest str() (or repr(), `quoted`) of a value of `kind`."""
    name = kind[0]
    if name == "str":
        return kind[1] * 10 + 2 if quoted else kind[1]  # (repr: `\U0010ffff` for a character)
    if name in _SCALAR_TEXT:
        return _SCALAR_TEXT[name]
    if name == "bytes":
        return kind[1] * 4 + 3
    if name in ("tuple", "list", "set"):
        longest = max((_text(k, True) for k in kind[1]), default=0)
        return kind[2] * (longest + 2) + 12
    if name == "dict":
        key = max((_text(k, True) for k in kind[1]), default=0)
        value = max((_text(k, True) for k in kind[2]), default=0)
        return kind[3] * (key + value + 4) + 2
    if name == "range":
        return 3 * (_INT_DIGITS + 2) + 10
    raise _Unsafe  # (a builtin function's text names its address: not formatted here)


def _range_length(nodes: list) -> int:
    """len(range(...)) of constant int arguments (raises `_Unsafe` otherwise, or for a step of 0)."""
    values = []
    for node in nodes:
        if type(node) is ast.UnaryOp and type(node.op) is ast.USub:
            node, sign = node.operand, -1
        else:
            sign = 1
        if type(node) is not ast.Constant or type(node.value) is not int:
            raise _Unsafe
        values.append(sign * node.value)
    if not 1 <= len(values) <= 3 or (len(values) == 3 and values[2] == 0):
        raise _Unsafe
    if any(abs(v) > 10**9 for v in values):
        raise _Unsafe
    length = len(range(*values))
    if length > _WORK:
        raise _Unsafe
    return length
