"""What `check` and `generate` report: a rule's code, its severity, a message and where,
with the other places that explain it (`related`: the first definition of a duplicate,
each step of a cycle)."""

from __future__ import annotations

import enum

import attrs
from dlt_manifest.source.span import Span


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Related:
    """Another place a diagnostic points to, and what it is."""

    span: Span
    message: str


@attrs.frozen
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span
    related: tuple = ()  # tuple[Related, ...]

    def sort_key(self) -> tuple:
        return (*self.span.sort_key(), self.code, self.message)

    def format(self) -> str:
        return f"{self.span.path}:{self.span.line}:{self.span.col}: {self.code} {self.message}"
