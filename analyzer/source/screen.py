"""Screens that run before a parser whose cost or crash depends on its input (DESIGN.md,
"Bounded"): the number of tokens before CPython's parser (it takes ~1 KiB of memory a
token), and a whole screen of a Python expression given as text (string annotations)
before LibCST sees it: length, CPython's parser, then nesting as LibCST nests.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Optional

# an upper bound of the tokens (every word and every other non-space character)
_ROUGH_TOKEN = re.compile(rb"\w+|[^\w\s]")


class TooMany(str):
    """A refusal message, with the line where the budget ran out."""

    line: int = 1


def too_many_tokens(data: bytes, limit: int) -> Optional[TooMany]:
    """None when `data` has at most `limit` tokens. A cheap upper bound first (a token
    is at least one byte, and the regular expression counts at least every token); the
    exact count only when that bound is exceeded, stopping at the limit."""
    if len(data) <= limit or sum(1 for _ in _ROUGH_TOKEN.finditer(data)) <= limit:
        return None
    count = 0
    try:
        for token in tokenize.tokenize(io.BytesIO(data).readline):
            count += 1
            if count > limit:
                refusal = TooMany(f"more than {limit:,} tokens (the analyzer's budget of a file)")
                refusal.line = token.start[0]
                return refusal
    except (tokenize.TokenError, SyntaxError, ValueError, UnicodeDecodeError, LookupError):
        return None  # CPython's parser says what is wrong
    return None


def expression_problem(text: str, max_chars: int, max_nesting: int) -> Optional[str]:
    """Why the expression `text` (an annotation given as a string) cannot be handed to
    LibCST, or None: longer than `max_chars`, not an expression CPython parses (NUL,
    a lone surrogate, a syntax error), or nested deeper than `max_nesting`, counted as
    LibCST nests (`a or b or c` is a chain of two operations there)."""
    if len(text) > max_chars:
        return f"the string is longer than {max_chars:,} characters"
    try:
        text.encode("utf-8")
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, UnicodeEncodeError, RecursionError, MemoryError) as ex:
        return f"the string is not a Python expression ({type(ex).__name__})"
    depth = nesting(tree)
    if depth > max_nesting:
        return f"the expression is nested {depth} levels deep (limit {max_nesting})"
    return None


def nesting(tree: ast.AST) -> int:
    """The nesting depth of a tree as LibCST builds it, walked iteratively: a boolean
    operation of n operands is n - 1 nested nodes there (flat in CPython's tree)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        step = len(node.values) if isinstance(node, ast.BoolOp) else 1
        stack.extend((child, depth + step) for child in ast.iter_child_nodes(node))
    return deepest
