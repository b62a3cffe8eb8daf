"""Diagnostics for people and machines: text (with a code frame), concise, json, sarif,
github. Every format starts from the same sorted diagnostics.

JSON (`--output-format json`) is a list of objects, one per diagnostic, with exactly
these keys (stable): `code`, `name` (the rule's name), `severity` ("error"/"warning"),
`message`, `path`, `line`, `column`, `end_line`, `end_column` (1-based, end exclusive).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Callable, Optional

from dlt_manifest.rules.diagnostics import Diagnostic, Severity

FORMATS = ("text", "concise", "json", "sarif", "github")
TOOL_URI = "https://github.com/dlt-hub/dlt-manifest"
VERSION = "0.1.0"


class Paths:
    """How a workspace-relative path is shown: relative to the current folder (text,
    concise, json), or to the repository root (sarif, github: what code scanning and
    workflow annotations resolve against)."""

    def __init__(self, workspace: str, cwd: Optional[str] = None):
        self.workspace = os.path.realpath(workspace)
        self.cwd = os.path.realpath(cwd or os.getcwd())
        self.repo = _repository_root(self.workspace) or self.cwd

    def shown(self, path: str) -> str:
        return _relative(os.path.join(self.workspace, path), self.cwd)

    def in_repository(self, path: str) -> str:
        return _relative(os.path.join(self.workspace, path), self.repo)


def _relative(path: str, base: str) -> str:
    try:
        relative = os.path.relpath(path, base)
    except ValueError:
        return path.replace(os.sep, "/")
    if relative.startswith(".."):
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def _repository_root(folder: str) -> Optional[str]:
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def summary(diagnostics: list) -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "No problems found."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"Found {', '.join(parts)}."


def use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


def render(fmt: str, diagnostics: list, paths: Paths, texts: Callable[[str], str], rules, color: bool = False) -> str:
    if fmt == "text":
        return _text(diagnostics, paths, texts, color)
    if fmt == "concise":
        lines = [_head(d, paths, _Style(color)) for d in diagnostics]
        return "\n".join(lines + [summary(diagnostics)]) + "\n"
    if fmt == "json":
        return json.dumps([_json(d, paths, rules) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif(diagnostics, paths, rules), indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(github(d, paths) + "\n" for d in diagnostics)
    raise ValueError(fmt)


def _head(d: Diagnostic, paths: Paths, style: _Style) -> str:
    color = "31" if d.severity is Severity.ERROR else "33"
    location = style(f"{paths.shown(d.span.path)}:{d.span.line}:{d.span.col}:", "1")
    return f"{location} {style(d.code, '1;' + color)} {d.message}"


def _text(diagnostics: list, paths: Paths, texts, color: bool) -> str:
    style = _Style(color)
    out = []
    for d in diagnostics:
        out.append(_head(d, paths, style))
        lines = (texts(d.span.path) or "").splitlines()
        if 1 <= d.span.line <= len(lines):
            source = lines[d.span.line - 1].expandtabs(1)
            number = str(d.span.line)
            pad = " " * len(number)
            end = d.span.end_col if d.span.end_line == d.span.line else len(source) + 1
            width = max(1, min(end, len(source) + 1) - d.span.col)
            mark = "^" * width
            severity = d.severity.value
            marker_color = "31" if d.severity is Severity.ERROR else "33"
            out.append(f" {style(pad + ' |', '34')}")
            out.append(f" {style(number + ' |', '34')} {source}")
            out.append(f" {style(pad + ' |', '34')} {' ' * (d.span.col - 1)}{style(mark + ' ' + severity, marker_color)}")
        out.append("")
    out.append(summary(diagnostics))
    return "\n".join(out) + "\n"


def _json(d: Diagnostic, paths: Paths, rules) -> dict:
    return {
        "code": d.code,
        "name": rules[d.code].name,
        "severity": d.severity.value,
        "message": d.message,
        "path": paths.shown(d.span.path),
        "line": d.span.line,
        "column": d.span.col,
        "end_line": d.span.end_line,
        "end_column": d.span.end_col,
    }


def sarif(diagnostics: list, paths: Paths, rules) -> dict:
    """SARIF 2.1.0 as GitHub code scanning reads it: one rule per code, results with a
    repository-relative URI and a region (columns in Unicode code points)."""
    ordered = sorted(rules.values(), key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(ordered)}
    driver_rules = [
        {
            "id": rule.code,
            "name": _camel(rule.name),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.documentation()},
            "help": {"text": rule.documentation()},
            "defaultConfiguration": {"level": "error" if rule.severity is Severity.ERROR else "warning"},
            "properties": {"tags": [_family(rule.code)]},
        }
        for rule in ordered
    ]
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.severity is Severity.ERROR else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": paths.in_repository(d.span.path), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": d.span.line,
                            "startColumn": d.span.col,
                            "endLine": d.span.end_line,
                            "endColumn": max(d.span.end_col, 1),
                        },
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dlt-manifest",
                        "version": VERSION,
                        "informationUri": TOOL_URI,
                        "rules": driver_rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(paths.repo)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _file_uri(folder: str) -> str:
    from pathlib import Path

    return Path(folder).as_uri().rstrip("/") + "/"


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _family(code: str) -> str:
    return {
        "DM1": "triggers", "DM2": "job-graph", "DM3": "specs", "DM4": "discovery-and-imports",
        "DM9": "static-limits",
    }.get(code[:3], "other")  # fmt: skip


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(d: Diagnostic, paths: Paths) -> str:
    """A GitHub Actions workflow command (`::error file=...::message`), escaped as the
    Actions toolkit escapes: `%`, CR, LF everywhere; also `:` and `,` in properties."""
    level = "error" if d.severity is Severity.ERROR else "warning"
    properties = {
        "file": paths.in_repository(d.span.path),
        "line": str(d.span.line),
        "col": str(d.span.col),
        "endLine": str(d.span.end_line),
        "endColumn": str(d.span.end_col),
        "title": d.code,
    }
    joined = ",".join(f"{k}={_escape_property(v)}" for k, v in properties.items())
    return f"::{level} {joined}::{_escape_data(d.message)}"


def write(text: str, stream=None) -> None:
    (stream or sys.stdout).write(text)
