"""Diagnostics for people and machines: text (with a code frame), concise, json, sarif,
github, and `--statistics`. Every format starts from the same sorted diagnostics, of one
workspace or several.

Everything a workspace controls (messages quoting its values, names, file and folder
names, source lines) goes through `clean`: control characters are escaped and long
quoted values shortened, so no escape sequence, forged line or `::error` workflow command
reaches a terminal or a CI log, whatever the format.

JSON (`--output-format json`) is a list of objects, one per diagnostic, with exactly
these keys (stable): `code`, `name` (the rule's name), `severity` ("error"/"warning"),
`message`, `path`, `line`, `column`, `end_line`, `end_column` (1-based, end exclusive),
`related` (a list of `message`, `path`, `line`, `column`, `end_line`, `end_column`),
`fix` (null, or the fix `check --fix` applies: `message`, `applicability` ("safe"),
`edits`: a list of `path`, `line`, `column`, `end_line`, `end_column`, `content`).
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import re
from typing import Callable, Optional

import attrs
from dlt_manifest import __version__
from dlt_manifest.rules.diagnostics import Diagnostic, Severity
from dlt_manifest.source.span import source_lines

TOOL_URI = "https://github.com/dlt-hub/dlt-manifest"
RULES_DOC_URI = f"{TOOL_URI}/blob/main/docs/rules.md"

# --- escaping -----------------------------------------------------------------------------

# C0 and C1 controls, DEL, the invisible characters that reorder or split lines
# (bidirectional overrides: "Trojan Source"; line and paragraph separators), and lone
# surrogates (they cannot be written as UTF-8)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# a quoted value in a message: 'x', "x" (as repr writes them) or `x`, not an apostrophe
_QUOTED = re.compile(r"""(?<![\w'"`])('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)(?![\w'"`])""")
MAX_VALUE = 80  # characters of a quoted value kept in a message
MAX_MESSAGE = 2000
MAX_FRAME = 160  # characters of a source line shown in a code frame


def escape(text: str) -> str:
    """Control characters as Python writes them in a string literal (`\\n`, `\\x1b`)."""
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# what JSON leaves raw (it escapes only U+0000-U+001F) but a terminal may act on
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text with the characters JSON leaves raw but a terminal may act on written
    as `\\u` escapes (four hex digits): the same JSON values, safe to print. (They can only occur
    inside strings, where such an escape means the same character.)"""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def shorten(text: str, limit: int) -> str:
    """`text` cut in the middle with an ellipsis when longer than `limit`."""
    if len(text) <= limit:
        return text
    head = (limit * 2) // 3
    return text[:head] + "…" + text[len(text) - (limit - head - 1):]


def clean(text: str) -> str:
    """A message or name from the workspace as it may be printed: long quoted values
    shortened, control characters escaped, the whole bounded."""
    text = _QUOTED.sub(lambda m: _short_quote(m.group(0)), text)
    return shorten(escape(text), MAX_MESSAGE)


def _short_quote(quoted: str) -> str:
    if len(quoted) <= MAX_VALUE + 2:
        return quoted
    return quoted[0] + shorten(quoted[1:-1], MAX_VALUE) + quoted[-1]


# --- what is reported -----------------------------------------------------------------------


class Paths:
    """How a workspace-relative path is shown: relative to the current folder (text,
    concise, json), or to the repository root (sarif, github: what code scanning and
    workflow annotations resolve against)."""

    def __init__(self, workspace: str, cwd: Optional[str] = None):
        self.workspace = os.path.realpath(workspace)
        self.cwd = os.path.realpath(cwd or os.getcwd())
        self.repo = _repository_root(self.workspace) or self.cwd

    def shown(self, path: str) -> str:
        return clean(_relative(os.path.join(self.workspace, path), self.cwd))

    def in_repository(self, path: str) -> str:
        return clean(_relative(os.path.join(self.workspace, path), self.repo))


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


@attrs.frozen
class Reported:
    """A diagnostic of one workspace, with how that workspace shows paths and its texts
    (for code frames and fingerprints)."""

    diagnostic: Diagnostic
    paths: Paths
    text_of: Callable[[str], str]
    fix: object = None  # a `fixes.Fix`, when the finding has one

    @property
    def path(self) -> str:
        return self.paths.shown(self.diagnostic.span.path)

    def sort_key(self) -> tuple:
        span = self.diagnostic.span
        return (self.path, span.line, span.col, span.end_line, span.end_col, self.diagnostic.code)

    def line_text(self, line: int, path: Optional[str] = None) -> Optional[str]:
        lines = source_lines(self.text_of(path or self.diagnostic.span.path) or "")
        return lines[line - 1] if 1 <= line <= len(lines) else None


def reported(diagnostics: list, paths: Paths, text_of: Callable[[str], str], fixes: Optional[dict] = None) -> list:
    """`fixes`: id(diagnostic) -> its `fixes.Fix`, for the formats that carry fixes."""
    return [Reported(d, paths, text_of, (fixes or {}).get(id(d))) for d in diagnostics]


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


def render(fmt: str, items: list, rules: dict, color: bool = False, quiet: bool = False, targets: tuple = ()) -> str:
    """`items`: `Reported` diagnostics, of any number of workspaces. `quiet` leaves out
    the summary; `targets` (e.g. "dlt 1.31.0, Python 3.13") end it in text formats."""
    items = sorted(items, key=Reported.sort_key)
    diagnostics = [r.diagnostic for r in items]
    target = f" Target: {'; '.join(escape(t) for t in targets)}." if targets else ""
    tail = [] if quiet else [summary(diagnostics) + target]
    if fmt == "text":
        lines = _text(items, color)
        if quiet and lines:
            lines.pop()  # the blank line before the summary
        return "".join(line + "\n" for line in lines + tail)
    if fmt == "concise":
        style = _Style(color)
        lines = [line for r in items for line in concise(r, style)]
        return "".join(line + "\n" for line in lines + tail)
    if fmt == "json":
        return json_safe(json.dumps([_json(r, rules) for r in items], indent=2, ensure_ascii=False)) + "\n"
    if fmt == "sarif":
        return json_safe(json.dumps(sarif(items, rules), indent=2, ensure_ascii=False)) + "\n"
    if fmt == "github":
        return "".join(github(r) + "\n" for r in items)
    raise ValueError(fmt)


def statistics(fmt: str, items: list, rules: dict, quiet: bool = False) -> str:
    """How often each rule fired (`--statistics`): a table, or JSON with `json`."""
    counts = collections.Counter((r.diagnostic.code, r.diagnostic.severity.value) for r in items)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        data = [
            {"code": code, "name": rules[code].name, "severity": severity, "count": count}
            for (code, severity), count in rows
        ]
        return json.dumps(data, indent=2) + "\n"
    lines = [f"{count:>5}  {code}  {severity:<7}  {rules[code].name}" for (code, severity), count in rows]
    if not quiet:
        lines.append(summary([r.diagnostic for r in items]))
    return "".join(line + "\n" for line in lines)


# --- text and concise -----------------------------------------------------------------------


def _head(r: Reported, style: _Style) -> str:
    d = r.diagnostic
    color = "31" if d.severity is Severity.ERROR else "33"
    location = style(f"{r.path}:{d.span.line}:{d.span.col}:", "1")
    return f"{location} {style(d.code, '1;' + color)} {style('[' + d.severity.value + ']', color)} {clean(d.message)}"


def concise(r: Reported, style: _Style = _Style(False)) -> list:
    """The diagnostic's line, then one `note:` line per related place (as compilers do)."""
    lines = [_head(r, style)]
    for related in r.diagnostic.related:
        span = related.span
        lines.append(f"{r.paths.shown(span.path)}:{span.line}:{span.col}: note: {clean(related.message)}")
    return lines


def _text(items: list, color: bool) -> list:
    style = _Style(color)
    out = []
    for r in items:
        d = r.diagnostic
        out.append(_head(r, style))
        source = r.line_text(d.span.line)
        if source is not None:
            shown, start, width = frame_line(source, d.span)
            number = str(d.span.line)
            pad = " " * len(number)
            marker_color = "31" if d.severity is Severity.ERROR else "33"
            out.append(f" {style(pad + ' |', '34')}")
            out.append(f" {style(number + ' |', '34')} {shown}")
            out.append(f" {style(pad + ' |', '34')} {' ' * start}{style('^' * width + ' ' + d.severity.value, marker_color)}")
        for related in d.related:
            span = related.span
            out.append(f" {style(' ' * len(str(d.span.line)) + ' =', '34')} note: "
                       f"{r.paths.shown(span.path)}:{span.line}:{span.col}: {clean(related.message)}")
        out.append("")
    return out


def frame_line(source: str, span) -> tuple:
    """(the source line as shown, where the underline starts, its width): tabs as one
    space (columns stay put), control characters escaped, a long line cut to a window
    around the span with ellipses."""
    source = source.expandtabs(1)
    start = min(span.col - 1, len(source))
    end = span.end_col - 1 if span.end_line == span.line else len(source)
    end = max(start + 1, min(end, len(source)))
    left, right = 0, len(source)
    if right > MAX_FRAME:
        left = max(0, start - MAX_FRAME // 4)
        right = min(len(source), max(end, start + 1) + MAX_FRAME // 4, left + MAX_FRAME)
    before = ("…" if left else "") + escape(source[left:start])
    marked = escape(source[start:min(end, right)])
    after = escape(source[min(end, right):right]) + ("…" if right < len(source) else "")
    return before + marked + after, len(before), max(1, len(marked))


# --- json -------------------------------------------------------------------------------------


def _location(paths: Paths, span, shown: bool = True) -> dict:
    return {
        "path": paths.shown(span.path) if shown else paths.in_repository(span.path),
        "line": span.line,
        "column": span.col,
        "end_line": span.end_line,
        "end_column": span.end_col,
    }


def _json(r: Reported, rules: dict) -> dict:
    d = r.diagnostic
    return {
        "code": d.code,
        "name": rules[d.code].name,
        "severity": d.severity.value,
        "message": clean(d.message),
        **_location(r.paths, d.span),
        "related": [{"message": clean(x.message), **_location(r.paths, x.span)} for x in d.related],
        "fix": _json_fix(r),
    }


def _json_fix(r: Reported) -> Optional[dict]:
    if r.fix is None:
        return None
    return {
        "message": clean(r.fix.title),
        "applicability": "safe" if r.fix.safe else "unsafe",
        "edits": [{**_location(r.paths, e), "content": e.text} for e in r.fix.edits],
    }


def json_diagnostics(items: list, rules: dict) -> list:
    """The JSON objects of `--output-format json`, for documents that embed them."""
    return [_json(r, rules) for r in sorted(items, key=Reported.sort_key)]


# --- sarif --------------------------------------------------------------------------------------


def sarif(items: list, rules: dict) -> dict:
    """SARIF 2.1.0 as GitHub code scanning reads it: one rule per code (with its
    documentation page as `helpUri`), results with a repository-relative URI, a region
    (columns in Unicode code points), related locations and a fingerprint that survives
    moving the code (`partialFingerprints`)."""
    ordered = sorted(rules.values(), key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(ordered)}
    driver_rules = [
        {
            "id": rule.code,
            "name": _camel(rule.name),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.documentation()},
            "help": {"text": rule.documentation(), "markdown": rule.documentation()},
            "helpUri": f"{RULES_DOC_URI}#{rule.code.lower()}",
            "defaultConfiguration": {"level": _level(rule.severity)},
            "properties": {"tags": [_family(rule.code)]},
        }
        for rule in ordered
    ]
    occurrences: collections.Counter = collections.Counter()
    results = []
    for r in items:
        d = r.diagnostic
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _level(d.severity),
            "message": {"text": clean(d.message)},
            "locations": [_sarif_location(r.paths, d.span)],
            "partialFingerprints": {"dltManifest/v1": _fingerprint(r, occurrences)},
        }
        if r.fix is not None:
            result["fixes"] = [_sarif_fix(r)]
        if d.related:
            result["relatedLocations"] = [
                dict(_sarif_location(r.paths, x.span), id=i, message={"text": clean(x.message)})
                for i, x in enumerate(d.related, 1)
            ]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dlt-manifest",
                        "version": __version__,
                        "informationUri": TOOL_URI,
                        "rules": driver_rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(_repo_of(items))}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _sarif_fix(r: Reported) -> dict:
    """A SARIF `fix`: one artifact change per file, a replacement per edit (an empty
    deleted region inserts)."""
    changes: dict = {}
    for edit in r.fix.edits:
        region = _sarif_location(r.paths, edit)["physicalLocation"]
        change = changes.setdefault(edit.path, {"artifactLocation": region["artifactLocation"], "replacements": []})
        change["replacements"].append({"deletedRegion": region["region"], "insertedContent": {"text": edit.text}})
    return {"description": {"text": clean(r.fix.title)}, "artifactChanges": list(changes.values())}


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _sarif_location(paths: Paths, span) -> dict:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": paths.in_repository(span.path), "uriBaseId": "%SRCROOT%"},
            "region": {
                "startLine": span.line,
                "startColumn": span.col,
                "endLine": span.end_line,
                "endColumn": max(span.end_col, 1),
            },
        }
    }


def _fingerprint(r: Reported, occurrences: collections.Counter) -> str:
    """The rule, the file, the reported line's text (without indentation) and the
    message, numbered when they repeat: the same finding keeps its fingerprint when lines
    above it are added or removed, which is how code scanning matches alerts."""
    d = r.diagnostic
    line = (r.line_text(d.span.line) or "").strip()
    key = "\0".join((d.code, r.paths.in_repository(d.span.path), line, d.message))
    occurrences[key] += 1
    digest = hashlib.sha256(f"{key}\0{occurrences[key]}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _repo_of(items: list) -> str:
    return items[0].paths.repo if items else (_repository_root(os.getcwd()) or os.getcwd())


def _file_uri(folder: str) -> str:
    from pathlib import Path

    return Path(folder).as_uri().rstrip("/") + "/"


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _family(code: str) -> str:
    return {
        "DM0": "suppressions", "DM1": "triggers", "DM2": "job-graph", "DM3": "specs",
        "DM4": "discovery-and-imports", "DM9": "static-limits",
    }.get(code[:3], "other")  # fmt: skip


# --- github -------------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(r: Reported) -> str:
    """A GitHub Actions workflow command (`::error file=...::message`), escaped as the
    Actions toolkit escapes: `%`, CR, LF everywhere; also `:` and `,` in properties.
    Related places are named at the end of the message (annotations have no links)."""
    d = r.diagnostic
    properties = {
        "file": r.paths.in_repository(d.span.path),
        "line": str(d.span.line),
        "col": str(d.span.col),
        "endLine": str(d.span.end_line),
        "endColumn": str(d.span.end_col),
        "title": d.code,
    }
    message = clean(d.message)
    for related in d.related:
        span = related.span
        message += f" (note: {r.paths.in_repository(span.path)}:{span.line}:{span.col}: {clean(related.message)})"
    joined = ",".join(f"{k}={_escape_property(v)}" for k, v in properties.items())
    return f"::{_level(d.severity)} {joined}::{_escape_data(message)}"
