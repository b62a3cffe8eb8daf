"""Lines of constants that never reach CPython's parser (issue 8: a module of data costs
what CPython pays for it, or less).

`ast.parse` builds a Python object for every node: ~10 µs and ~2 KiB a line of
`NAME = 1`, three times what compiling the module costs CPython. A module other than
`__deployment__.py` with many lines that are each a whole statement `NAME = literal` (an
int, a short string, `True`, `False`, `None`) has those lines blanked before CPython
parses it; each becomes a deferred unit (`files.Deferred`) exactly as if the parser had
found it, and is parsed only when something reads its name.

A line is blanked only when nothing else can be meant by it: ASCII, no backslash, no
keyword as the name, the line before it not ending in a backslash. The blanked module is
parsed, and the blanking is kept only when that tree proves each blanked line was a
statement of its own at the top level — no statement of the tree spans it (a line inside
a string, brackets or a block would be spanned: what comes before it is unchanged), no
`from __future__` import follows one, no string statement after one would become the
docstring. Otherwise (or on any syntax error) the whole module is parsed as written.
"""

from __future__ import annotations

import ast
import keyword
import re
from typing import Optional

# Modules with fewer such lines are parsed as written: the saving would not pay its check.
MIN_LINES = 500

_CANDIDATE = re.compile(
    rb"([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*"
    rb"(?:-?(?:0|[1-9][0-9]*)|'[^'\\\x00-\x1f\x7f-\xff]*'|\"[^\"\\\x00-\x1f\x7f-\xff]*\"|True|False|None)"
    rb"[ \t]*(?:#[^\r\n\x00-\x08\x0a-\x1f\x7f-\xff]*)?(\r\n|\r|\n|)\Z"
)
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|$)")
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=]", re.M)
_NOT_NAMES = frozenset(keyword.kwlist) | {"__debug__"}


def blank_data_lines(data: bytes) -> Optional[tuple]:
    """(the module with its data lines blanked, [(line, name)]), or None when it has fewer
    than `MIN_LINES` of them or declares an encoding. The caller parses the result and
    keeps it only if `proven` says so."""
    head = b"\n".join(data.split(b"\n", 2)[:2])
    if _COOKIE.search(head):
        return None
    lines = _LINE.findall(data)
    if lines and not lines[-1]:
        lines.pop()
    found = []
    previous = b""
    for number, line in enumerate(lines, 1):
        match = _CANDIDATE.match(line)
        if match is not None and not previous.rstrip(b"\r\n").endswith(b"\\"):
            name = match.group(1).decode("ascii")
            if name not in _NOT_NAMES:
                found.append((number, name))
                lines[number - 1] = match.group(2)
        previous = line
    if len(found) < MIN_LINES:
        return None
    return b"".join(lines), found


def proven(tree: ast.Module, found: list) -> bool:
    """Whether every blanked line of `found` was a top-level statement of its own in the
    module as written (see the module doc), given `tree`, the blanked module's."""
    first_blank = found[0][0]
    body = tree.body
    if body and is_string_statement(body[0]) and first_blank < body[0].lineno:
        return False  # a string after a blanked line is no docstring
    spans = []
    for statement in body:
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            if statement.lineno > first_blank:
                return False
        decorators = getattr(statement, "decorator_list", None)
        start = min([statement.lineno] + [d.lineno for d in decorators]) if decorators else statement.lineno
        spans.append((start, statement.end_lineno))
    k = 0
    for line, _ in found:  # both in line order
        while k < len(spans) and spans[k][1] < line:
            k += 1
        if k < len(spans) and spans[k][0] <= line:
            return False
    return True


def is_string_statement(statement: ast.stmt) -> bool:
    """A statement that is a string constant alone (a docstring where it comes first)."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )
