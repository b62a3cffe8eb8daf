"""LibCST's tree of a statement built from CPython's (issue 8: LibCST's parse of a module
costs ~10x CPython's, most of it making a node for every token and space).

The interpreter reads LibCST's nodes; here they are made from `ast`'s tree of the same
text, with only what the interpreter reads: the spaces, commas and brackets around the
nodes are LibCST's defaults (never read: positions and code come from CPython's
positions, see `SourceFile.span_of`). A statement is converted only when the result
is provably LibCST's tree of it: a construct not handled here — an f-string, strings
written side by side, parentheses around an expression (`(a)`: LibCST keeps them, CPython
drops them; counted, not searched) — raises `Unsupported`, and that statement is parsed
by LibCST. `tests/test_astcst.py` checks the trees equal LibCST's, node for node, with
their positions and code, on every file of the corpus and on generated programs.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import unicodedata
from typing import Any, Callable, Optional

import libcst as cst

DEFAULT = cst.MaybeSentinel.DEFAULT


class Unsupported(Exception):
    """The statement is left to LibCST."""


_FIELDS: dict = {}


def _defaults(cls: type) -> tuple:
    """(field, default) of a LibCST node class; each default made once and shared
    (LibCST's nodes are immutable, and these are never visited for positions)."""
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = []
        for field in dataclasses.fields(cls):
            if field.default is not dataclasses.MISSING:
                fields.append((field.name, field.default))
            elif field.default_factory is not dataclasses.MISSING:
                fields.append((field.name, field.default_factory()))
            else:
                fields.append((field.name, None))
        fields = _FIELDS[cls] = tuple(fields)
    return fields


_set = object.__setattr__
_new = object.__new__


def make(cls: type, **values: Any) -> Any:
    """A LibCST node without its checks (`cst.parse_module` skips them too, see
    `files._parse_module`)."""
    node = _new(cls)
    for name, default in _FIELDS.get(cls) or _defaults(cls):
        _set(node, name, values.get(name, default))
    return node


_BINARY = {
    ast.Add: cst.Add, ast.Sub: cst.Subtract, ast.Mult: cst.Multiply, ast.Div: cst.Divide,
    ast.FloorDiv: cst.FloorDivide, ast.Mod: cst.Modulo, ast.Pow: cst.Power,
    ast.LShift: cst.LeftShift, ast.RShift: cst.RightShift, ast.BitOr: cst.BitOr,
    ast.BitXor: cst.BitXor, ast.BitAnd: cst.BitAnd, ast.MatMult: cst.MatrixMultiply,
}  # fmt: skip
_AUGMENTED = {
    ast.Add: cst.AddAssign, ast.Sub: cst.SubtractAssign, ast.Mult: cst.MultiplyAssign,
    ast.Div: cst.DivideAssign, ast.FloorDiv: cst.FloorDivideAssign, ast.Mod: cst.ModuloAssign,
    ast.Pow: cst.PowerAssign, ast.LShift: cst.LeftShiftAssign, ast.RShift: cst.RightShiftAssign,
    ast.BitOr: cst.BitOrAssign, ast.BitXor: cst.BitXorAssign, ast.BitAnd: cst.BitAndAssign,
    ast.MatMult: cst.MatrixMultiplyAssign,
}  # fmt: skip
_UNARY = {ast.UAdd: cst.Plus, ast.USub: cst.Minus, ast.Not: cst.Not, ast.Invert: cst.BitInvert}
_COMPARE = {
    ast.Eq: cst.Equal, ast.NotEq: cst.NotEqual, ast.Lt: cst.LessThan, ast.LtE: cst.LessThanEqual,
    ast.Gt: cst.GreaterThan, ast.GtE: cst.GreaterThanEqual, ast.In: cst.In, ast.NotIn: cst.NotIn,
    ast.Is: cst.Is, ast.IsNot: cst.IsNot,
}  # fmt: skip
_BOOLEAN = {ast.And: cst.And, ast.Or: cst.Or}
_NUMBERS = {int: cst.Integer, float: cst.Float, complex: cst.Imaginary}
# punctuation made once: never visited for positions nor written (`SourceFile._code`)
_DOT = make(cst.Dot)
_EQUAL = make(cst.AssignEqual)
_COMMA = make(cst.Comma)


# one string literal, its prefix and quotes included (a backslash escapes the next
# character, in raw strings too: `r"\""` is one literal)
_STRING = re.compile(
    r"""[A-Za-z]{0,2}(?:'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""",
    re.DOTALL,
)
_COMMENT = re.compile(r"#[^\n]*")
# brackets, with strings and comments passed over whole
_BRACKETS = re.compile(_STRING.pattern + r"|#[^\n]*|[()\[\]{}]", re.DOTALL)
_CLASS_PAREN = re.compile(r"class\s+[^\s(:]+\s*\(")
_WITH_PAREN = re.compile(r"(async\s+)?with\s*\(")
_DEFINED = re.compile(r"(?:async[ \t\f]+)?(?:def|class)[ \t\f]+([^\W\d]\w*)")


class Converter:
    """Converts the top-level statements of one text. `positions` maps each node made
    for one of CPython's (an expression, a statement) to CPython's position of it:
    (line, column, end line, end column, `part`), columns in UTF-8 bytes as `ast` gives
    them; any other node made to the top-level statement it is in."""

    def __init__(self, lines: list, part: Any = None, blanked: Optional[dict] = None):
        self.lines = lines  # the text, by line (line breaks kept)
        self.part = part  # what the positions are made with (their fifth item)
        # id() of a `def` of CPython's tree whose body `lines` has blanked out -> (statements
        # kept: its docstring or none, line and column of the `pass` in their place)
        self.blanked = blanked or {}
        # where the last statement made ends: a compound statement ends where its last
        # statement does (in the text: a blanked body's `pass`, not CPython's body)
        self.end: tuple = (0, 0)
        self.positions: dict = {}
        self.parens = 0  # the parentheses the statement's nodes account for
        self.strings: list = []  # (line, column, end line, end column) of each string
        self.made: list = []  # the nodes made for the statement

    def make(self, cls: type, **values: Any) -> Any:
        """A node (`make`), noted as made for this statement."""
        node = make(cls, **values)
        self.made.append(node)
        return node

    # --- statements -----------------------------------------------------------------

    def statement_group(self, statements: list) -> Any:
        """One LibCST statement: a compound statement, or the simple statements of one
        line (`a = 1; b = 2`)."""
        self.parens = 0
        self.strings = []
        self.made = []
        first = statements[0]
        if len(statements) == 1 and not _simple(first):
            node = self._compound(first)
        else:
            node = self.make(cst.SimpleStatementLine, body=[self._small(s) for s in statements])
        self._check_parens(first_line(first), statements[-1].end_lineno)
        for made in self.made:  # a node CPython has no position of: the statement's
            self.positions.setdefault(made, node)
        return node

    def block(self, statements: list) -> Any:
        """The body of a compound statement: on the header's line after its colon (a
        suite), or an indented block."""
        first = statements[0]
        if self._before(first).strip():
            return self.make(cst.SimpleStatementSuite, body=[self._small(s) for s in statements])
        body = []
        for group in groups(statements):
            if len(group) == 1 and not _simple(group[0]):
                body.append(self._compound(group[0]))
            else:
                body.append(self.make(cst.SimpleStatementLine, body=[self._small(s) for s in group]))
        return self.make(cst.IndentedBlock, body=body)

    def _compound(self, node: ast.stmt) -> Any:
        kind = type(node)
        if getattr(node, "type_params", None):  # (Python 3.12's `def f[T]()`)
            raise Unsupported("type parameters")
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            self.parens += 1
            body = node.body
            blanked = self.blanked.get(id(node))
            if blanked is not None:  # what the text says: `pass` after the docstring
                kept, line, col = blanked
                body = body[:kept] + [ast.Pass(lineno=line, col_offset=col, end_lineno=line, end_col_offset=col + 4)]
            made = self.make(
                cst.FunctionDef,
                name=self._defined(node),
                params=self._parameters(node.args),
                body=self.block(body),
                decorators=[self.make(cst.Decorator, decorator=self.expr(d)) for d in node.decorator_list],
                returns=self.make(cst.Annotation, annotation=self.expr(node.returns)) if node.returns else None,
                asynchronous=self.make(cst.Asynchronous) if kind is ast.AsyncFunctionDef else None,
            )
        elif kind is ast.ClassDef:
            arguments = self._arguments(node.bases, node.keywords)
            if node.bases or node.keywords or _CLASS_PAREN.match(self._line(node.lineno), self._column(node)):
                self.parens += 1
            made = self.make(
                cst.ClassDef,
                name=self._defined(node),
                body=self.block(node.body),
                bases=[a for a in arguments if a.keyword is None and a.star != "**"],
                keywords=[a for a in arguments if a.keyword is not None or a.star == "**"],
                decorators=[self.make(cst.Decorator, decorator=self.expr(d)) for d in node.decorator_list],
            )
        elif kind is ast.If:
            made = self._if(node)
        elif kind is ast.For or kind is ast.AsyncFor:
            made = self.make(
                cst.For, target=self.expr(node.target), iter=self.expr(node.iter), body=self.block(node.body),
                orelse=self._else(node.orelse),
                asynchronous=self.make(cst.Asynchronous) if kind is ast.AsyncFor else None,
            )
        elif kind is ast.While:
            made = self.make(cst.While, test=self.expr(node.test), body=self.block(node.body), orelse=self._else(node.orelse))
        elif kind is ast.Try:
            made = self.make(
                cst.Try,
                body=self.block(node.body),
                handlers=[self._handler(h) for h in node.handlers],
                orelse=self._else(node.orelse),
                finalbody=self.make(cst.Finally, body=self.block(node.finalbody)) if node.finalbody else None,
            )
        elif kind is ast.With or kind is ast.AsyncWith:
            if _WITH_PAREN.match(self._line(node.lineno), self._column(node)):  # (`with (a, b):`: two items in LibCST)
                raise Unsupported("parenthesized with-items")
            made = self.make(
                cst.With,
                items=[
                    self.make(
                        cst.WithItem, item=self.expr(item.context_expr),
                        asname=self.make(cst.AsName, name=self.expr(item.optional_vars)) if item.optional_vars else None,
                    )
                    for item in node.items
                ],
                body=self.block(node.body),
                asynchronous=self.make(cst.Asynchronous) if kind is ast.AsyncWith else None,
            )  # fmt: skip
        else:
            raise Unsupported(kind.__name__)
        self.positions[made] = (node.lineno, node.col_offset, *self.end, self.part)
        return made

    def _else(self, orelse: list) -> Any:
        return self.make(cst.Else, body=self.block(orelse)) if orelse else None

    def _handler(self, handler: ast.ExceptHandler) -> Any:
        return self.make(
            cst.ExceptHandler,
            body=self.block(handler.body),
            type=self.expr(handler.type) if handler.type is not None else None,
            name=self.make(cst.AsName, name=self._name(handler.name)) if handler.name else None,
        )

    def _if(self, node: ast.If) -> Any:
        test, body, orelse = self.expr(node.test), self.block(node.body), None
        if node.orelse:
            nested = node.orelse[0]
            if len(node.orelse) == 1 and type(nested) is ast.If and self._line(nested.lineno).startswith(
                "elif", self._column(nested)
            ):
                orelse = self._if(nested)
            else:
                orelse = self._else(node.orelse)
        return self.make(cst.If, test=test, body=body, orelse=orelse)

    def _small(self, node: ast.stmt) -> Any:
        kind = type(node)
        if kind is ast.Expr:
            made = self.make(cst.Expr, value=self.expr(node.value))
        elif kind is ast.Assign:
            made = self.make(
                cst.Assign,
                targets=[self.make(cst.AssignTarget, target=self.expr(t)) for t in node.targets],
                value=self.expr(node.value),
            )
        elif kind is ast.AnnAssign:
            made = self.make(
                cst.AnnAssign,
                target=self.expr(node.target),
                annotation=self.make(cst.Annotation, annotation=self.expr(node.annotation)),
                value=self.expr(node.value) if node.value is not None else None,
                equal=_EQUAL if node.value is not None else DEFAULT,
            )
        elif kind is ast.AugAssign:
            made = self.make(
                cst.AugAssign, target=self.expr(node.target), operator=self.make(_AUGMENTED[type(node.op)]),
                value=self.expr(node.value),
            )
        elif kind is ast.Import:
            made = self.make(cst.Import, names=[self._alias(a) for a in node.names])
        elif kind is ast.ImportFrom:
            made = self._import_from(node)
        elif kind is ast.Pass:
            made = self.make(cst.Pass)
        elif kind is ast.Return:
            made = self.make(cst.Return, value=self.expr(node.value) if node.value is not None else None)
        elif kind is ast.Raise:
            made = self.make(
                cst.Raise, exc=self.expr(node.exc) if node.exc is not None else None,
                cause=self.make(cst.From, item=self.expr(node.cause)) if node.cause is not None else None,
            )
        elif kind is ast.Assert:
            made = self.make(cst.Assert, test=self.expr(node.test), msg=self.expr(node.msg) if node.msg is not None else None)
        elif kind is ast.Global or kind is ast.Nonlocal:
            names = [self.make(cst.NameItem, name=self._name(n)) for n in node.names]
            made = self.make(cst.Global if kind is ast.Global else cst.Nonlocal, names=names)
        elif kind is ast.Break:
            made = self.make(cst.Break)
        elif kind is ast.Continue:
            made = self.make(cst.Continue)
        elif kind is ast.Delete and len(node.targets) == 1:
            made = self.make(cst.Del, target=self.expr(node.targets[0]))
        else:
            raise Unsupported(kind.__name__)
        self.positions[made] = self._at(node)
        self.end = (node.end_lineno, node.end_col_offset)
        return made

    def _import_from(self, node: ast.ImportFrom) -> Any:
        if node.names[0].name == "*":
            names = self.make(cst.ImportStar)
        else:
            names = [self._alias(a) for a in node.names]
        text = self._line(node.lineno)[self._column(node) :]
        if "(" in _COMMENT.sub("", text):  # `from a import (b, c)`: module names have none
            self.parens += 1
        return self.make(
            cst.ImportFrom,
            module=self._dotted(node.module) if node.module else None,
            names=names,
            relative=[_DOT] * node.level,
        )

    def _alias(self, alias: ast.alias) -> Any:
        return self.make(
            cst.ImportAlias,
            name=self._dotted(alias.name),
            asname=self.make(cst.AsName, name=self._name(alias.asname)) if alias.asname else None,
        )

    def _dotted(self, name: str) -> Any:
        parts = name.split(".")
        node = self._name(parts[0])
        for part in parts[1:]:
            node = self.make(cst.Attribute, value=node, attr=self._name(part), dot=_DOT)
        return node

    # --- parameters and arguments --------------------------------------------------

    def _parameters(self, args: ast.arguments) -> Any:
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        made = [self._param(a, d) for a, d in zip(positional, defaults)]
        posonly = made[: len(args.posonlyargs)]
        if args.vararg is not None:
            star_arg = self._param(args.vararg, None, "*")
        elif args.kwonlyargs:
            star_arg = self.make(cst.ParamStar)
        else:
            star_arg = DEFAULT
        return self.make(
            cst.Parameters,
            params=made[len(args.posonlyargs) :],
            star_arg=star_arg,
            kwonly_params=[self._param(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults)],
            star_kwarg=self._param(args.kwarg, None, "**") if args.kwarg is not None else None,
            posonly_params=posonly,
            posonly_ind=self.make(cst.ParamSlash) if posonly else DEFAULT,
        )

    def _param(self, arg: ast.arg, default: Any, star: Any = "") -> Any:
        return self.make(
            cst.Param,
            name=self._name(arg.arg),
            annotation=self.make(cst.Annotation, annotation=self.expr(arg.annotation)) if arg.annotation else None,
            default=self.expr(default) if default is not None else None,
            equal=_EQUAL if default is not None else DEFAULT,
            star=star,
        )

    def _arguments(self, args: list, keywords: list) -> list:
        """LibCST's arguments of a call or a class, in source order."""
        every = sorted(args + keywords, key=_start) if keywords and args else args + keywords
        out = []
        for item in every:
            kind = type(item)
            if kind is ast.keyword:
                if item.arg is None:
                    made = self.make(cst.Arg, value=self.expr(item.value), star="**")
                else:
                    made = self.make(cst.Arg, value=self.expr(item.value), keyword=self._name(item.arg), equal=_EQUAL)
            elif kind is ast.Starred:
                made = self.make(cst.Arg, value=self.expr(item.value), star="*")
            else:
                made = self.make(cst.Arg, value=self.expr(item))
            out.append(made)
        return out

    # --- expressions ---------------------------------------------------------------

    def expr(self, node: ast.expr) -> Any:
        method = _EXPRESSIONS.get(type(node))
        if method is None:
            raise Unsupported(type(node).__name__)
        made = method(self, node)
        if not getattr(made, "lpar", None):  # (LibCST's position of `(a, b)` leaves out its parentheses)
            self.positions[made] = self._at(node)
        return made

    def _at(self, node: ast.AST) -> tuple:
        return (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, self.part)

    def _await(self, node: ast.Await) -> Any:
        return self.make(cst.Await, expression=self.expr(node.value))

    def _yield(self, node: ast.Yield) -> Any:
        return self.make(cst.Yield, value=self.expr(node.value) if node.value is not None else None)

    def _yield_from(self, node: ast.YieldFrom) -> Any:
        return self.make(cst.Yield, value=self.make(cst.From, item=self.expr(node.value)))

    def _defined(self, node: ast.stmt) -> Any:
        """The name of a `def` or `class`, with its position (CPython's tree has none)."""
        name = self._name(node.name)
        line = self._line(node.lineno)
        found = _DEFINED.match(line, self._column(node))
        if found is not None and unicodedata.normalize("NFKC", found.group(1)) == node.name:
            start, end = (len(line[: i].encode("utf-8")) for i in found.span(1))
            self.positions[name] = (node.lineno, start, node.lineno, end, self.part)
        return name

    def _name(self, identifier: str) -> Any:
        return self.make(cst.Name, value=identifier)

    def _name_expr(self, node: ast.Name) -> Any:
        return self.make(cst.Name, value=node.id)

    def _constant(self, node: ast.Constant) -> Any:
        value = node.value
        kind = type(value)
        if kind is str or kind is bytes:
            text = self._text(node)
            if not _STRING.fullmatch(text):
                raise Unsupported("strings side by side")
            self.strings.append(_position(node))
            return self.make(cst.SimpleString, value=text)
        if value is None or kind is bool:
            return self.make(cst.Name, value=repr(value))
        if value is Ellipsis:
            return self.make(cst.Ellipsis)
        cls = _NUMBERS.get(kind)
        if cls is None:
            raise Unsupported(kind.__name__)
        return self.make(cls, value=self._text(node))

    def _attribute(self, node: ast.Attribute) -> Any:
        return self.make(cst.Attribute, value=self.expr(node.value), attr=self._name(node.attr), dot=_DOT)

    def _call(self, node: ast.Call) -> Any:
        if len(node.args) == 1 and not node.keywords and type(node.args[0]) is ast.GeneratorExp:
            raise Unsupported("a generator as the only argument")  # its parentheses are the call's
        self.parens += 1
        return self.make(cst.Call, func=self.expr(node.func), args=self._arguments(node.args, node.keywords))

    def _elements(self, elements: list) -> list:
        out = []
        for element in elements:
            if type(element) is ast.Starred:
                made = self.make(cst.StarredElement, value=self.expr(element.value))
            else:
                made = self.make(cst.Element, value=self.expr(element))
            out.append(made)
        return out

    def _list(self, node: ast.List) -> Any:
        return self.make(cst.List, elements=self._elements(node.elts))

    def _set_display(self, node: ast.Set) -> Any:
        return self.make(cst.Set, elements=self._elements(node.elts))

    def _tuple(self, node: ast.Tuple) -> Any:
        parenthesized = self._wrapped(node)
        if parenthesized:
            self.parens += 1
        elif not node.elts:
            raise Unsupported("an empty tuple without parentheses")
        lpar = [self.make(cst.LeftParen)] if parenthesized else []
        rpar = [self.make(cst.RightParen)] if parenthesized else []
        elements = self._elements(node.elts)
        if len(elements) == 1:  # `a,`: the comma makes the tuple
            _set(elements[0], "comma", _COMMA)
        return self.make(cst.Tuple, elements=elements, lpar=lpar, rpar=rpar)

    def _dict(self, node: ast.Dict) -> Any:
        elements = []
        for key, value in zip(node.keys, node.values):
            if key is None:
                elements.append(self.make(cst.StarredDictElement, value=self.expr(value)))
            else:
                elements.append(self.make(cst.DictElement, key=self.expr(key), value=self.expr(value)))
        return self.make(cst.Dict, elements=elements)

    def _subscript(self, node: ast.Subscript) -> Any:
        key = node.slice
        if type(key) is ast.Tuple and not self._wrapped(key):
            if any(type(e) is ast.Starred for e in key.elts):
                raise Unsupported("a starred subscript")
            elements = [self.make(cst.SubscriptElement, slice=self._slice(e)) for e in key.elts]
            if len(elements) == 1:  # `a[b,]`
                _set(elements[0], "comma", _COMMA)
        else:
            elements = [self.make(cst.SubscriptElement, slice=self._slice(key))]
        return self.make(cst.Subscript, value=self.expr(node.value), slice=elements)

    def _slice(self, node: ast.expr) -> Any:
        if type(node) is ast.Slice:
            return self.make(
                cst.Slice,
                lower=self.expr(node.lower) if node.lower else None,
                upper=self.expr(node.upper) if node.upper else None,
                step=self.expr(node.step) if node.step else None,
            )
        return self.make(cst.Index, value=self.expr(node))

    def _binary(self, node: ast.BinOp) -> Any:
        return self.make(
            cst.BinaryOperation, left=self.expr(node.left), operator=self.make(_BINARY[type(node.op)]),
            right=self.expr(node.right),
        )

    def _unary(self, node: ast.UnaryOp) -> Any:
        return self.make(cst.UnaryOperation, operator=self.make(_UNARY[type(node.op)]), expression=self.expr(node.operand))

    def _boolean(self, node: ast.BoolOp) -> Any:
        operator = _BOOLEAN[type(node.op)]
        made = self.expr(node.values[0])
        for value in node.values[1:]:  # `a or b or c` is `(a or b) or c` in LibCST
            made = self.make(cst.BooleanOperation, left=made, operator=self.make(operator), right=self.expr(value))
        return made

    def _compare(self, node: ast.Compare) -> Any:
        targets = [
            self.make(cst.ComparisonTarget, operator=self.make(_COMPARE[type(op)]), comparator=self.expr(c))
            for op, c in zip(node.ops, node.comparators)
        ]
        return self.make(cst.Comparison, left=self.expr(node.left), comparisons=targets)

    def _if_expression(self, node: ast.IfExp) -> Any:
        return self.make(cst.IfExp, test=self.expr(node.test), body=self.expr(node.body), orelse=self.expr(node.orelse))

    def _lambda(self, node: ast.Lambda) -> Any:
        return self.make(cst.Lambda, params=self._parameters(node.args), body=self.expr(node.body))

    def _for_in(self, generators: list) -> Any:
        made = None
        for generator in reversed(generators):
            made = self.make(
                cst.CompFor,
                target=self.expr(generator.target),
                iter=self.expr(generator.iter),
                ifs=[self.make(cst.CompIf, test=self.expr(t)) for t in generator.ifs],
                inner_for_in=made,
                asynchronous=self.make(cst.Asynchronous) if generator.is_async else None,
            )
        return made

    def _list_comp(self, node: ast.ListComp) -> Any:
        return self.make(cst.ListComp, elt=self.expr(node.elt), for_in=self._for_in(node.generators))

    def _set_comp(self, node: ast.SetComp) -> Any:
        return self.make(cst.SetComp, elt=self.expr(node.elt), for_in=self._for_in(node.generators))

    def _dict_comp(self, node: ast.DictComp) -> Any:
        return self.make(cst.DictComp, key=self.expr(node.key), value=self.expr(node.value), for_in=self._for_in(node.generators))

    def _generator(self, node: ast.GeneratorExp) -> Any:
        self.parens += 1
        lpar, rpar = [self.make(cst.LeftParen)], [self.make(cst.RightParen)]
        return self.make(cst.GeneratorExp, elt=self.expr(node.elt), for_in=self._for_in(node.generators), lpar=lpar, rpar=rpar)

    # --- text ------------------------------------------------------------------------

    def _line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def _column(self, node: Any) -> int:
        """`node`'s column in code points (CPython's are UTF-8 bytes)."""
        return column(self._line(node.lineno), node.col_offset)

    def _before(self, node: ast.stmt) -> str:
        """The text of `node`'s first line before it."""
        return self._line(node.lineno)[: self._column(node)]

    def _wrapped(self, node: ast.AST) -> bool:
        """Whether `node`'s text is in parentheses of its own: `(a, b)`, not `(a), (b)`."""
        text = self._text(node)
        if not text.startswith("("):
            return False
        depth = 0
        for match in _BRACKETS.finditer(text):
            bracket = match.group(0)
            if bracket in "([{":
                depth += 1
            elif bracket in ")]}":
                depth -= 1
                if depth == 0:
                    return match.end() == len(text)
        return False

    def _text(self, node: ast.AST) -> str:
        return text_of(self.lines, _position(node))

    def _check_parens(self, first: int, last: int) -> None:
        """Raises `Unsupported` unless every `(` of lines `first` to `last` (strings and
        comments aside) is one the nodes made account for: LibCST keeps parentheses
        around an expression that CPython's tree drops."""
        text = "".join(self.lines[first - 1 : last])
        if "(" not in text and not self.parens:
            return
        if self.strings:
            pieces, line, col = [], first, 0
            for start_line, start_col, end_line, end_col in sorted(self.strings):
                pieces.append(text_of(self.lines, (line, col, start_line, start_col)))
                line, col = end_line, end_col
            pieces.append(text_of(self.lines, (line, col, last + 1, 0)))
            text = "".join(pieces)
        if _COMMENT.sub("", text).count("(") != self.parens:
            raise Unsupported("parentheses")


def text_of(lines: list, position: tuple) -> str:
    """The text of lines between two of CPython's positions (columns in UTF-8 bytes)."""
    line, col, end_line, end_col = position
    if line == end_line:
        text = lines[line - 1] if line <= len(lines) else ""
        return text[column(text, col) : column(text, end_col)]
    first = lines[line - 1]
    out = [first[column(first, col) :]]
    out.extend(lines[line : end_line - 1])
    if end_line <= len(lines):
        last = lines[end_line - 1]
        out.append(last[: column(last, end_col)])
    return "".join(out)


def column(line: str, offset: int) -> int:
    """The code-point column of UTF-8 byte `offset` in `line`."""
    if line.isascii():
        return offset
    return len(line.encode("utf-8")[:offset].decode("utf-8", "replace"))


def first_line(statement: ast.stmt) -> int:
    """The line a statement starts on: its first decorator's for a decorated one."""
    decorators = getattr(statement, "decorator_list", None)
    return min(statement.lineno, *(d.lineno for d in decorators)) if decorators else statement.lineno


def _position(node: ast.AST) -> tuple:
    return (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def _start(node: ast.AST) -> tuple:
    return (node.lineno, node.col_offset)


def _simple(node: ast.stmt) -> bool:
    return type(node) not in _COMPOUND


_COMPOUND = frozenset([
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
    ast.Try, ast.With, ast.AsyncWith, ast.Match,
] + ([ast.TryStar] if hasattr(ast, "TryStar") else []))  # fmt: skip


def groups(statements: list) -> list:
    """Statements as LibCST's lines: simple statements separated by `;` are one."""
    out: list = []
    for statement in statements:
        if (
            out
            and _simple(statement)
            and _simple(out[-1][-1])
            and statement.lineno == out[-1][-1].end_lineno
        ):
            out[-1].append(statement)
        else:
            out.append([statement])
    return out


_EXPRESSIONS: dict[type, Callable] = {
    ast.Name: Converter._name_expr,
    ast.Constant: Converter._constant,
    ast.Attribute: Converter._attribute,
    ast.Call: Converter._call,
    ast.List: Converter._list,
    ast.Tuple: Converter._tuple,
    ast.Set: Converter._set_display,
    ast.Dict: Converter._dict,
    ast.Subscript: Converter._subscript,
    ast.BinOp: Converter._binary,
    ast.UnaryOp: Converter._unary,
    ast.BoolOp: Converter._boolean,
    ast.Compare: Converter._compare,
    ast.IfExp: Converter._if_expression,
    ast.Lambda: Converter._lambda,
    ast.ListComp: Converter._list_comp,
    ast.SetComp: Converter._set_comp,
    ast.DictComp: Converter._dict_comp,
    ast.GeneratorExp: Converter._generator,
    ast.Await: Converter._await,
    ast.Yield: Converter._yield,
    ast.YieldFrom: Converter._yield_from,
}
