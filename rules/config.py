"""Which rules run and how severe they are: `[tool.dlt-manifest]` in pyproject.toml, the
command line, and `# noqa` comments.

    [tool.dlt-manifest]
    select = ["DM1", "DM2"]        # codes or prefixes; default: every rule
    ignore = ["DM404"]
    strict = false                 # true: warnings count as errors
    [tool.dlt-manifest.severity]
    DM220 = "error"                # per-rule (or prefix) severity

The nearest pyproject.toml with a `[tool.dlt-manifest]` table, from the workspace up,
is used. An unknown code, key or severity is a usage error, never silence.
"""

from __future__ import annotations

import io
import os
import re
import tokenize
import tomllib
from typing import Iterable, Optional

import attrs
from dlt_manifest.rules import ALL_RULES, BY_CODE
from dlt_manifest.rules.diagnostics import Diagnostic, Severity


class ConfigError(Exception):
    """A usage error in the configuration or on the command line."""


_KEYS = {"select", "ignore", "strict", "severity"}


@attrs.frozen
class Settings:
    select: tuple = ()
    ignore: tuple = ()
    strict: bool = False
    severity: tuple = ()  # ((selector, Severity), ...), most specific selector wins
    path: Optional[str] = None  # the pyproject.toml they come from

    def selected(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(s) for s in self.ignore)

    def severity_of(self, code: str) -> Severity:
        best = None
        for selector, severity in self.severity:
            if code.startswith(selector) and (best is None or len(selector) > len(best[0])):
                best = (selector, severity)
        severity = best[1] if best else BY_CODE[code].severity
        if self.strict:
            return Severity.ERROR
        return severity

    def merged(self, select=None, ignore=None, strict: bool = False) -> "Settings":
        """Command-line options on top: `--select` replaces, `--ignore` adds."""
        return attrs.evolve(
            self,
            select=tuple(_selectors(select, "--select")) if select else self.select,
            ignore=self.ignore + tuple(_selectors(ignore or [], "--ignore")),
            strict=self.strict or strict,
        )


def _selectors(values: Iterable[str], where: str) -> list:
    out = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip().upper()
            if not part:
                continue
            if part == "ALL":
                part = "DM"
            if not any(rule.code.startswith(part) for rule in ALL_RULES):
                raise ConfigError(f"{where}: unknown rule code or prefix {part!r}")
            out.append(part)
    return out


def load_settings(workspace: str) -> Settings:
    path = find_config(workspace)
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as f:
            table = tomllib.load(f)["tool"]["dlt-manifest"]
    except (OSError, tomllib.TOMLDecodeError) as ex:
        raise ConfigError(f"{path}: cannot read: {ex}")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.dlt-manifest] must be a table")
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [tool.dlt-manifest]: {', '.join(sorted(unknown))}")
    where = f"{path} [tool.dlt-manifest]"
    severities = []
    for selector, value in (table.get("severity") or {}).items():
        [code] = _selectors([selector], f"{where}.severity")
        try:
            severities.append((code, Severity(str(value).lower())))
        except ValueError:
            raise ConfigError(f"{where}.severity: {selector} = {value!r}: use \"error\" or \"warning\"")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where}: strict must be true or false")
    return Settings(
        select=tuple(_selectors(_list(table, "select", where), f"{where}.select")),
        ignore=tuple(_selectors(_list(table, "ignore", where), f"{where}.ignore")),
        strict=strict,
        severity=tuple(severities),
        path=path,
    )


def _list(table: dict, key: str, where: str) -> list:
    value = table.get(key, [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ConfigError(f"{where}.{key} must be a list of rule codes")
    return value


def find_config(workspace: str) -> Optional[str]:
    folder = os.path.abspath(workspace)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as f:
                    data = tomllib.load(f)
            except (OSError, tomllib.TOMLDecodeError):
                data = {}
            if isinstance(data.get("tool"), dict) and "dlt-manifest" in data["tool"]:
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# --- noqa ------------------------------------------------------------------------------------

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Za-z]+\d+(?:[\s,]+[A-Za-z]+\d+)*))?", re.I)


def noqa_comments(text: str) -> dict:
    """line -> set of codes, or None for a bare `# noqa` (real comments only)."""
    out: dict = {}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return out
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        match = _NOQA.search(token.string)
        if match is None:
            continue
        codes = match.group("codes")
        line = token.start[0]
        if codes is None:
            out[line] = None
        elif out.get(line, set()) is not None:
            out.setdefault(line, set()).update(c.upper() for c in re.split(r"[\s,]+", codes) if c)
    return out


def silenced(diagnostic: Diagnostic, comments: dict) -> bool:
    for line in {diagnostic.span.line, diagnostic.span.end_line}:
        if line in comments:
            codes = comments[line]
            if codes is None or diagnostic.code in codes:
                return True
    return False


def apply(diagnostics: list, settings: Settings, texts) -> list:
    """The diagnostics the user asked for, with their effective severity. `texts(path)`
    returns a file's text (for `# noqa`)."""
    comments: dict = {}
    out = []
    for diagnostic in diagnostics:
        if not settings.selected(diagnostic.code):
            continue
        path = diagnostic.span.path
        if path not in comments:
            text = texts(path)
            comments[path] = noqa_comments(text) if text and "noqa" in text.lower() else {}
        if silenced(diagnostic, comments[path]):
            continue
        severity = settings.severity_of(diagnostic.code)
        out.append(attrs.evolve(diagnostic, severity=severity) if severity is not diagnostic.severity else diagnostic)
    return out
