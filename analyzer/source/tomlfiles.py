"""Reading a TOML file of the workspace (`.dlt/*.toml`, `pyproject.toml`) or of its
configuration: a regular file only (a FIFO would block, `/dev/zero` never ends), under a
size limit, decoded as UTF-8 and parsed — or a `TomlProblem` saying what is wrong and on
which line, never an exception.
"""

from __future__ import annotations

import re
import tomllib
from typing import Optional

import attrs
from dlt_manifest.source.limits import DEFAULT, current
from dlt_manifest.source.reading import Refused, read_regular
from dlt_manifest.source.span import source_lines

MAX_TOML_BYTES = DEFAULT.toml_bytes


@attrs.frozen
class TomlProblem:
    path: str  # as given (workspace-relative for workspace files)
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


@attrs.frozen
class TomlFile:
    path: str
    text: str = ""
    data: Optional[dict] = None  # None when there is a problem
    problem: Optional[TomlProblem] = None


def read_toml(
    path: str, shown: Optional[str] = None, content: Optional[bytes] = None, root: Optional[str] = None
) -> TomlFile:
    """`path` parsed; `shown` is how messages name it; `content` replaces the file's
    bytes (an editor's unsaved buffer); `root`: the file must resolve inside it (None only
    for the configuration's upward search, see `reading`)."""
    shown = shown or path
    if content is None:
        try:
            content = read_regular(path, current().toml_bytes, root)
        except Refused as ex:
            return TomlFile(shown, problem=TomlProblem(shown, 1, 1, str(ex)))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as ex:
        line, col = _position(content, ex.start)
        message = f"not UTF-8: byte 0x{content[ex.start]:02x} cannot be decoded (TOML files are UTF-8)"
        return TomlFile(shown, problem=TomlProblem(shown, line, col, message))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as ex:
        message, line, col = _located(str(ex), text)
        return TomlFile(shown, text, problem=TomlProblem(shown, line, col, f"invalid TOML: {message}"))
    return TomlFile(shown, text, data)


def read_text(path: str, root: Optional[str] = None) -> Optional[str]:
    """A small regular text file (`requirements.txt`, `.python-version`) inside `root` as
    UTF-8, or None when it cannot be read as one."""
    try:
        return read_regular(path, current().toml_bytes, root).decode("utf-8")
    except (Refused, UnicodeDecodeError):
        return None


def _position(data: bytes, offset: int) -> tuple:
    before = data[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


def _located(message: str, text: str) -> tuple:
    """tomllib's message without its `(at line L, column C)` suffix, and L, C."""
    match = _AT.search(message)
    if match:
        return message[: match.start()], int(match.group(1)), int(match.group(2))
    match = _AT_END.search(message)
    if match:
        lines = source_lines(text) or [""]
        return message[: match.start()] + " at the end of the file", len(lines), len(lines[-1]) + 1
    return message, 1, 1


def key_line(text: str, table: tuple, key: Optional[str] = None) -> Optional[int]:
    """The line where `key` of the table `table` (e.g. ("tool", "dlt-manifest")) is
    written, else the table's header line; None without such a header. For messages
    about values tomllib has parsed (it keeps no positions): a plain scan of `[a.b]`
    headers and `key =` lines."""
    header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(_key_pattern(p) for p in table) + r"\s*\]")
    lines = source_lines(text)
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return None
    if key is not None:
        assignment = re.compile(r"^\s*" + _key_pattern(key) + r"\s*=")
        for i in range(start + 1, len(lines)):
            if re.match(r"^\s*\[", lines[i]):
                break
            if assignment.match(lines[i]):
                return i + 1
    return start + 1


def _key_pattern(key: str) -> str:
    quoted = re.escape(key)
    return rf"""(?:{quoted}|"{quoted}"|'{quoted}')"""
