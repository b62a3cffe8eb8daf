"""Python's operators on plain values, as the evaluator applies them: arithmetic and
bitwise operators (guarded against results of unbounded size: `"a" * 10**12`,
`2 ** 10**9`), comparisons, `|` of types (a union), and f-string / `format()`
formatting."""

from __future__ import annotations

import operator
from typing import Any, Optional

import libcst as cst
from dlt_manifest.python import plain
from dlt_manifest.python.budget import meter
from dlt_manifest.python.plain import NotPlain, TooLarge, python_repr, spec_is_small
from dlt_manifest.python.values import (
    External,
    Function,
    POISON,
    Raised,
    Unknown,
    describe,
    is_library,
    raised_from,
)
from dlt_manifest.source.span import Site

RUNTIME_ERROR = "DM411"
TOO_LARGE = "DM904"
MAX_SEQUENCE = 1_000_000  # elements or characters a computed value may have


_BINARY = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Modulo: operator.mod,
    cst.Power: operator.pow,
    cst.LeftShift: operator.lshift,
    cst.RightShift: operator.rshift,
    cst.BitOr: operator.or_,
    cst.BitAnd: operator.and_,
    cst.BitXor: operator.xor,
    cst.MatrixMultiply: operator.matmul,
}


AUGMENTED = {
    cst.AddAssign: cst.Add,
    cst.SubtractAssign: cst.Subtract,
    cst.MultiplyAssign: cst.Multiply,
    cst.DivideAssign: cst.Divide,
    cst.FloorDivideAssign: cst.FloorDivide,
    cst.ModuloAssign: cst.Modulo,
    cst.PowerAssign: cst.Power,
    cst.LeftShiftAssign: cst.LeftShift,
    cst.RightShiftAssign: cst.RightShift,
    cst.BitOrAssign: cst.BitOr,
    cst.BitAndAssign: cst.BitAnd,
    cst.BitXorAssign: cst.BitXor,
    cst.MatrixMultiplyAssign: cst.MatrixMultiply,
}


COMPARE = {
    cst.Equal: operator.eq,
    cst.NotEqual: operator.ne,
    cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le,
    cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge,
    cst.In: lambda a, b: a in b,
    cst.NotIn: lambda a, b: a not in b,
}


_OPERATOR_SYMBOL = {
    cst.Add: "+", cst.Subtract: "-", cst.Multiply: "*", cst.Divide: "/",
    cst.FloorDivide: "//", cst.Modulo: "%", cst.Power: "**", cst.LeftShift: "<<",
    cst.RightShift: ">>", cst.BitOr: "|", cst.BitAnd: "&", cst.BitXor: "^",
    cst.MatrixMultiply: "@",
}  # fmt: skip


def poison_of(*values: Any) -> Optional[Any]:
    raised = next((v for v in values if isinstance(v, Raised)), None)
    if raised is not None:
        return raised
    return next((v for v in values if isinstance(v, POISON)), None)


def _too_large(op_type: type, left: Any, right: Any) -> Optional[str]:
    if op_type is cst.Multiply:
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, int):
                if len(seq) * max(count, 0) > MAX_SEQUENCE:
                    return "repetition too large to evaluate"
    if op_type in (cst.Add,) and isinstance(left, (str, bytes, list, tuple)):
        if isinstance(right, (str, bytes, list, tuple)) and len(left) + len(right) > MAX_SEQUENCE:
            return "value too large to evaluate"
    if op_type is cst.Power and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right > 10_000:
            return "power too large to evaluate"
    if op_type is cst.LeftShift and isinstance(right, int) and right > 100_000:
        return "shift too large to evaluate"
    return None


def format_value(value: Any, conversion: Optional[str], spec: str, site: Site) -> Any:
    try:
        if conversion == "r":
            value = python_repr(value)
        elif conversion == "a":
            value = ascii(python_repr(value))[1:-1]
        elif conversion == "s":
            value = plain.plain_str(value)
        if not plain.is_plain(value):  # its `__format__` runs (object's refuses a spec)
            return Unknown(
                f"formatting {describe(value)} is not evaluated statically", site,
                may_raise=not is_library(value),
            )
        plain.check_text(value)
        if not spec_is_small(spec):
            return Unknown("format width too large to evaluate", site, TOO_LARGE)
        return format(value, spec)
    except TooLarge as ex:
        return Unknown(f"formatting not evaluated: {ex}", site, TOO_LARGE, may_raise=isinstance(ex, plain.DigitLimit))
    except NotPlain:
        return Unknown(f"formatting {describe(value)} is not evaluated statically", site)
    except (ValueError, TypeError) as ex:
        return raised_from(ex, site, RUNTIME_ERROR)


def binary(op_type: type, left: Any, right: Any, site: Site) -> Any:
    poison = poison_of(left, right)
    if poison is not None:
        return poison
    symbol = _OPERATOR_SYMBOL[op_type]
    library = _library_result(left, right, symbol, site)
    if library is not None:
        return library
    if not (plain.is_plain_shallow(left) and plain.is_plain_shallow(right)):
        raised = _no_operator(op_type, left, right, site)
        if raised is not None:
            return raised
        # the operator methods of the workspace's objects (or none: a TypeError) run here,
        # unless an installed package's object takes part (assumed, as its calls are)
        library = is_library(left) or is_library(right)
        return Unknown(
            f"`{symbol}` on {describe(left)} and {describe(right)} is not"
            " evaluated statically",
            site, may_raise=not library,
        )
    too_large = _too_large(op_type, left, right)
    if too_large:
        return Unknown(too_large, site, TOO_LARGE)
    if op_type is cst.Modulo and isinstance(left, (str, bytes)):
        try:
            python_repr(right)
        except TooLarge as ex:
            return Unknown(f"`%` formatting not evaluated: {ex}", site, TOO_LARGE, may_raise=isinstance(ex, plain.DigitLimit))
        except NotPlain:
            return Unknown("`%` formatting of a non-constant value", site)
        if not percent_is_small(left, right):
            return Unknown("`%` formatting width too large to evaluate", site, TOO_LARGE)
    try:
        result = _BINARY[op_type](left, right)
    except (TypeError, ValueError, LookupError, ArithmeticError) as ex:  # `"%(a)s" % {}`: KeyError
        return raised_from(ex, site, RUNTIME_ERROR)
    meter().made(result, site)
    return result


_IMMUTABLE = (type(None), bool, int, float, complex, str, bytes)


def _no_operator(op_type: type, left: Any, right: Any, site: Site) -> Optional[Raised]:
    """`f + 1`, `'a' | f`: a function has no operator methods, nor do constants take one,
    so CPython raises TypeError: its own, from a stand-in function in the workspace's."""
    if not any(isinstance(v, Function) for v in (left, right)):
        return None
    if not all(isinstance(v, Function) or type(v) in _IMMUTABLE for v in (left, right)):
        return None
    try:
        _BINARY[op_type](*(plain.stand_in_function if isinstance(v, Function) else v for v in (left, right)))
    except TypeError as ex:
        return raised_from(ex, site, RUNTIME_ERROR)
    return None  # `'%s' % f`: the text shows an address


def _library_result(left: Any, right: Any, symbol: str, site: Site) -> Optional[External]:
    """`a | b` where an installed package's object meets another one or an immutable
    scalar: the package's operator method runs (as `__op__` or, after the scalar's
    NotImplemented, `__rop__`), so the result is that package's opaque value, as a call
    of it would be (README: "Assumed"). Workspace objects and containers, whose own
    methods or contents could be involved, are not covered."""
    if not (isinstance(left, External) or isinstance(right, External)):
        return None
    if not all(isinstance(v, External) or type(v) in _IMMUTABLE for v in (left, right)):
        return None
    def name(v: Any) -> str:
        return v.qualname if isinstance(v, External) else type(v).__name__
    return External(f"{name(left)} {symbol} {name(right)}", site)


def percent_is_small(template: Any, args: Any) -> bool:
    """Whether `template % args` has only widths and precisions up to 10,000: written in
    the template, or given by `*` as integer arguments."""
    text = template.decode("latin-1") if isinstance(template, bytes) else template
    if not spec_is_small(text):
        return False
    if "*" in text:
        values = args if isinstance(args, tuple) else (args,)
        return not any(isinstance(v, int) and abs(v) > 10_000 for v in values)
    return True
