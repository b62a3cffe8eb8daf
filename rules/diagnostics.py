"""What `check` and `generate` report: a rule's code, its severity, a message and where."""

from __future__ import annotations

import enum

import attrs
from dlt_manifest.source.span import Span


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


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
