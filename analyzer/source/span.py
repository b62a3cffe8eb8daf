"""Where things are: spans of text and sites in parsed files.

A `Site` is a syntax node in a parsed file; its line/column `Span` is computed only
when a diagnostic is printed (LibCST positions are costly: see DESIGN.md).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

import attrs

if TYPE_CHECKING:
    import libcst as cst


_NEWLINE = re.compile(r"\r\n|\r|\n")


def source_lines(text: str) -> list:
    """The lines of a file as CPython (and TOML) count them: only \\n, \\r\\n and \\r end a
    line, not the other separators `str.splitlines` knows (U+2028, \\x1c, \\x85...)."""
    lines = _NEWLINE.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


@attrs.frozen
class Span:
    """1-based lines and columns; `end_col` is exclusive."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.end_line, self.end_col)


@attrs.define(eq=False)
class Site:
    """Where a value came from: a node of a parsed source file (or the whole file).
    Never changed once made; not `frozen` because the interpreter makes one for nearly
    every expression it evaluates and attrs' frozen `__init__` costs three times as much."""

    source: Any = attrs.field(repr=False)  # the `files.SourceFile` holding the node
    node: Optional["cst.CSTNode"] = attrs.field(default=None, repr=False)
    # a fixed span for places that have no LibCST node (files that failed screening)
    fixed: Optional[Span] = None
    # the module-level statement that holds `node`: positions are computed for it alone
    statement: Optional["cst.CSTNode"] = attrs.field(default=None, repr=False)

    @property
    def span(self) -> Span:
        if self.fixed is not None:
            return self.fixed
        return self.source.span_of(self.node, self.statement)

    def at(self, node: "cst.CSTNode") -> "Site":
        """Another node of the same statement."""
        return Site(self.source, node, None, self.statement)
