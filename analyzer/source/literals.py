"""Values written in the source itself: string literals and docstrings, as CPython
stores them."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst


def string_value(node: cst.SimpleString) -> Any:
    """The value of a string literal; without escapes it is the text between the quotes
    (LibCST's `evaluated_value` compiles every literal with `ast.literal_eval`)."""
    text = node.value
    prefix_length = len(node.prefix)
    prefix = text[:prefix_length].lower()
    body = text[prefix_length:]
    quote = body[:3] if body[:3] in ('"""', "'''") else body[0]
    inner = body[len(quote) : -len(quote)]
    if "b" not in prefix and ("\\" not in inner or "r" in prefix) and "\r" not in inner:
        return inner
    return node.evaluated_value


def clean_docstring(doc: str) -> str:
    """What CPython 3.13+ stores for a docstring (`_PyCompile_CleanDoc`): tabs expanded,
    the first line's leading spaces removed, and the common indentation of the other
    non-blank lines removed from every other line. Blank lines are kept."""
    lines = doc.expandtabs().split("\n")
    margins = [len(line) - len(line.lstrip(" ")) for line in lines[1:] if line.strip(" ")]
    margin = min(margins) if margins else 0
    rest = []
    for line in lines[1:]:
        spaces = len(line) - len(line.lstrip(" "))
        rest.append(line[min(spaces, margin):])
    return "\n".join([lines[0].lstrip(" ")] + rest)


def docstring_of(body) -> Optional[str]:
    """The docstring as CPython 3.11 stores it in `__doc__`: the first statement, when it is a
    plain string literal (implicit concatenation included, f-strings and bytes excluded)."""
    if not body:
        return None
    first = body[0]
    if not isinstance(first, cst.SimpleStatementLine) or not first.body:
        return None
    expr = first.body[0]
    if not isinstance(expr, cst.Expr):
        return None
    value = expr.value
    if isinstance(value, cst.SimpleString):
        evaluated = string_value(value)
        return evaluated if isinstance(evaluated, str) else None
    if isinstance(value, cst.ConcatenatedString):
        evaluated = value.evaluated_value
        return evaluated if isinstance(evaluated, str) else None
    return None

