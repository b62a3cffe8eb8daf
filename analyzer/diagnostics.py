"""Diagnostics: what the analyzer and the rules report, and where.

A `Site` is a syntax node in a parsed file; its line/column `Span` is computed only
when a diagnostic is printed (LibCST positions are costly: see DESIGN.md).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Optional

import attrs

if TYPE_CHECKING:
    import libcst as cst

    from analyzer.source import SourceFile


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


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


@attrs.frozen(eq=False)
class Site:
    """Where a value came from: a node of a parsed source file (or the whole file)."""

    source: "SourceFile"
    node: Optional["cst.CSTNode"] = None
    # a fixed span for places that have no LibCST node (files that failed screening)
    fixed: Optional[Span] = None
    # the module-level statement that holds `node`: positions are computed for it alone
    statement: Optional["cst.CSTNode"] = None

    @property
    def span(self) -> Span:
        if self.fixed is not None:
            return self.fixed
        return self.source.span_of(self.node, self.statement)

    def at(self, node: "cst.CSTNode") -> "Site":
        """Another node of the same statement."""
        return Site(self.source, node, None, self.statement)


@attrs.frozen
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span

    def sort_key(self) -> tuple:
        return (*self.span.sort_key(), self.code, self.message)

    def format(self) -> str:
        return f"{self.span.path}:{self.span.line}:{self.span.col}: {self.code} {self.message}"
