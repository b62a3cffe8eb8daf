"""Which rules run and how severe they are: `[tool.dlt-manifest]` in pyproject.toml, the
command line, and `# noqa` comments.

    [tool.dlt-manifest]
    select = ["DM1", "DM2"]        # codes or prefixes; default: every rule
    ignore = ["DM404"]
    strict = false                 # true: warnings count as errors
    dlt-version = "1.31.0"         # the dlt release to reproduce (default: the workspace's)
    python-version = "3.13"        # the Python the workspace runs on (default: the workspace's)
    [tool.dlt-manifest.severity]
    DM220 = "error"                # per-rule (or prefix) severity

The nearest pyproject.toml with a `[tool.dlt-manifest]` table, from the workspace up,
is used. An unreadable pyproject.toml on the way, an unknown code, key or severity is a
usage error naming the file and line, never silence. A `# noqa` that silences a finding
`generate` cannot pass is itself reported (DM001).
"""

from __future__ import annotations

import io
import os
import re
import tokenize
from typing import Iterable, Optional

import attrs
from dlt_manifest.dlt.target import TargetError, python_option, release_option
from dlt_manifest.rules import ALL_RULES, BY_CODE
from dlt_manifest.rules.diagnostics import Diagnostic, Severity
from dlt_manifest.source.limits import DEFAULT, Limits
from dlt_manifest.source.reading import is_regular
from dlt_manifest.source.tomlfiles import key_line, read_toml


class ConfigError(Exception):
    """A usage error in the configuration (the message names its file and line) or on
    the command line."""


_KEYS = {"select", "ignore", "strict", "severity", "limits", "dlt-version", "python-version"}
_TABLE = ("tool", "dlt-manifest")


@attrs.frozen
class Settings:
    select: tuple = ()
    ignore: tuple = ()
    strict: bool = False
    severity: tuple = ()  # ((selector, Severity), ...), most specific selector wins
    path: Optional[str] = None  # the pyproject.toml they come from
    limits: Limits = DEFAULT  # the budgets of the analysis (`--limit`, [tool.dlt-manifest.limits])
    dlt_version: Optional[str] = None  # the target release, checked ("1.31.0")
    python_version: Optional[str] = None  # the target Python, checked ("3.13")

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

    def with_limits(self, options: Iterable) -> "Settings":
        """`--limit NAME=N` options on top."""
        values = {}
        for option in options:
            name, _, number = option.partition("=")
            if not number.strip().isdigit():
                raise ConfigError(f"--limit {option}: use NAME=N with a positive integer N")
            values[name.strip()] = int(number)
        try:
            return attrs.evolve(self, limits=self.limits.with_values(values))
        except ValueError as ex:
            raise ConfigError(f"--limit: {ex}") from None

    def merged(self, select=None, ignore=None, strict: bool = False) -> "Settings":
        """Command-line options on top: `--select` replaces, `--ignore` adds."""
        return attrs.evolve(
            self,
            select=tuple(_selectors(select, "--select")) if select else self.select,
            ignore=self.ignore + tuple(_selectors(ignore or [], "--ignore")),
            strict=self.strict or strict,
        )


def _selectors(values: Iterable, where: str) -> list:
    out = []
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {value!r} is not a rule code (a string like \"DM101\")")
        for part in value.split(","):
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
    """`[tool.dlt-manifest]` of the nearest pyproject.toml that has it, from the
    workspace up; a regular file on the way that cannot be read is an error, never
    skipped (anything else is not a configuration file: see `find_config`)."""
    found = find_config(workspace)
    if found is None:
        return Settings()
    toml, shown = found
    table = toml.data["tool"]["dlt-manifest"]

    def where(*keys) -> str:
        line = _line(toml.text, keys)
        return f"{shown}:{line}: [tool.dlt-manifest]{''.join('.' + k for k in keys[:1])}"

    if not isinstance(table, dict):
        raise ConfigError(f"{where()}: must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where(unknown[0])}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})"
        )
    severity_table = table.get("severity", {})
    if not isinstance(severity_table, dict):
        raise ConfigError(
            f"{where('severity')}: must be a table of rule codes or prefixes and \"error\" or"
            f" \"warning\", e.g. [tool.dlt-manifest.severity] DM220 = \"error\""
        )
    severities = []
    for selector, value in severity_table.items():
        at = where("severity", selector)
        [code] = _selectors([selector], at) or [None]
        if code is None or not isinstance(value, str) or value.lower() not in ("error", "warning"):
            raise ConfigError(f"{at}: {selector} = {_toml_value(value)}: use \"error\" or \"warning\"")
        severities.append((code, Severity(value.lower())))
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where('strict')}: must be true or false, not {_toml_value(strict)}")
    limits = table.get("limits", {})
    try:
        if not isinstance(limits, dict):
            raise ValueError("must be a table of limit names and positive integers, e.g. steps = 5000000")
        limits = DEFAULT.with_values(limits)
    except ValueError as ex:
        raise ConfigError(f"{where('limits')}: {ex}") from None
    targets = {}
    for key, check in (("dlt-version", release_option), ("python-version", python_option)):
        value = table.get(key)
        if value is None:
            continue
        try:
            check(value if isinstance(value, str) else repr(value))
        except TargetError as ex:
            raise ConfigError(f"{where(key)}: {ex}") from None
        targets[key.replace("-", "_")] = value
    return Settings(
        **targets,
        select=tuple(_selectors(_list(table, "select", where("select")), where("select"))),
        ignore=tuple(_selectors(_list(table, "ignore", where("ignore")), where("ignore"))),
        strict=strict,
        severity=tuple(severities),
        path=toml.path,
        limits=limits,
    )


def _list(table: dict, key: str, where: str) -> list:
    value = table.get(key, [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: must be a list of rule codes, not {_toml_value(value)}")
    return value


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "a table"
    return repr(value) if isinstance(value, (int, float)) else type(value).__name__


def _line(text: str, keys: tuple) -> int:
    """The line of `keys` below [tool.dlt-manifest] (a nested table's own header when
    it has one), else the table's header."""
    for depth in range(len(keys), -1, -1):
        table, key = _TABLE + keys[: max(depth - 1, 0)], keys[depth - 1] if depth else None
        line = key_line(text, table, key)
        if line is not None:
            return line
    return 1


def find_config(workspace: str) -> Optional[tuple]:
    """(the TomlFile, how to show its path) of the nearest pyproject.toml with a
    `[tool.dlt-manifest]` table, from the workspace up; None when there is none. This
    search is the one read outside a workspace (DESIGN.md, "Inside the root"): it too
    reads regular files only (a FIFO or a link to a device is not a configuration file,
    and is never opened)."""
    folder = os.path.abspath(workspace)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if is_regular(candidate):
            shown = _shown(candidate)
            toml = read_toml(candidate, shown)
            if toml.problem is not None:
                raise ConfigError(f"{toml.problem} (a pyproject.toml is read for [tool.dlt-manifest])")
            tool = toml.data.get("tool")
            if isinstance(tool, dict) and "dlt-manifest" in tool:
                return toml, shown
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


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


NOQA_CANNOT_SILENCE = "DM001"


def _cannot_silence(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    return Diagnostic(
        NOQA_CANNOT_SILENCE,
        settings.severity_of(NOQA_CANNOT_SILENCE),
        f"`# noqa` cannot silence {diagnostic.code} ({diagnostic.message}): `generate` still"
        " fails on it, as dlt does; fix the code instead",
        diagnostic.span,
    )


def apply(diagnostics: list, settings: Settings, texts) -> list:
    """The diagnostics the user asked for, with their effective severity. `texts(path)`
    returns a file's text (for `# noqa`). A silenced finding `generate` cannot pass
    becomes a DM001 at the same place."""
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
            if BY_CODE[diagnostic.code].blocks_generation() and settings.selected(NOQA_CANNOT_SILENCE):
                out.append(_cannot_silence(diagnostic, settings))
            continue
        severity = settings.severity_of(diagnostic.code)
        out.append(attrs.evolve(diagnostic, severity=severity) if severity is not diagnostic.severity else diagnostic)
    return out
