"""Everything a workspace controls is printed with control characters escaped and long
values shortened, in every format: no escape sequence, no forged line, no `::error`
workflow command reaches a terminal or a CI log (issue 13, item 6)."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from corpus_util import command, pinned
from workspace_util import write_workspace

# raw control characters (a newline only where a format writes one: between lines)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORGED = "::error file=a,line=1::forged"
# a destination name quoted raw in a message, and a string literal holding a raw ESC
# (CPython accepts control characters in string literals) in the code frame's line
HOSTILE = {
    "__deployment__.py": (
        "import dlt\nfrom dlt.hub import run\n\n"
        f"p = dlt.pipeline('p', destination='pg\\n{FORGED}\\x1b]0;title\\x07')\n"
        "@run.job(trigger='61 8 * * *\x1b[2J\u202e')\ndef load(): ...\n__all__ = ['load']\n"
    )
}
FOLDER = "ws\x1b[31m\n::warning::folder"


def run(*args, cwd):
    return subprocess.run(command() + pinned(args), capture_output=True, cwd=cwd,
                          env=dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="0"))


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_no_control_character_or_forged_command_in_any_format(tmp_path, fmt) -> None:
    write_workspace(tmp_path / FOLDER, HOSTILE)
    out = run("check", FOLDER, "--output-format", fmt, cwd=tmp_path)
    assert out.returncode == 1
    text = out.stdout.decode("utf-8")
    assert RAW.search(text) is None, RAW.search(text)
    commands = [line for line in text.splitlines() if line.startswith("::")]
    assert len(commands) == (2 if fmt == "github" else 0)  # DM101 and DM411, nothing forged
    assert all(line.startswith(("::error file=", "::warning file=")) for line in commands)
    if fmt in ("json", "sarif"):
        json.loads(text)
    assert "\\x1b[2J" in text  # shown, escaped
    assert "\\x1b[2J" in text and ("\\n::ERROR FILE=A" in text or "\\\\n::ERROR FILE=A" in text)


def test_generate_lines_and_usage_errors_are_escaped(tmp_path) -> None:
    write_workspace(tmp_path / FOLDER, HOSTILE)
    out = run("generate", FOLDER, cwd=tmp_path)
    assert out.returncode == 1 and RAW.search(out.stderr.decode()) is None
    assert not any(line.startswith(b"::") for line in out.stderr.splitlines())
    missing = run("check", "nothing\x1b[2Jhere", cwd=tmp_path)
    assert missing.returncode == 2 and b"\x1b" not in missing.stderr and b"\\x1b[2J" in missing.stderr


def test_long_values_and_lines_are_shortened(tmp_path) -> None:
    value = "6" * 5000 + " 8 * * *"
    write_workspace(tmp_path, {"__deployment__.py": (
        "from dlt.hub import run\n\n"
        f"@run.job(trigger='{value}')\ndef load(): ...\n__all__ = ['load']\n"
    )})
    out = run("check", cwd=tmp_path).stdout.decode()
    head, bar, frame, underline = out.splitlines()[:4]
    assert head.startswith("__deployment__.py:3:18: DM101 [error] Invalid trigger '666") and "…" in head
    assert len(head) < 200 and len(frame) < 200 and len(underline) < 200
    assert frame.startswith(" 3 | @run.job(trigger='666") and frame.endswith("…")
    assert underline.startswith("   |                  ^^^")
    sarif = json.loads(run("check", "--output-format", "sarif", cwd=tmp_path).stdout)
    assert len(sarif["runs"][0]["results"][0]["message"]["text"]) < 200


def test_clean_and_frames_unit() -> None:
    from dlt_manifest.report import clean, frame_line
    from dlt_manifest.source.span import Span

    assert clean("can't stop: 'a\x1bb' \u202e \ud800") == "can't stop: 'a\\x1bb' \\u202e \\ud800"
    assert clean("'" + "x" * 200 + "'") == "'" + "x" * 53 + "…" + "x" * 26 + "'"
    assert clean("it's a long sentence, " * 20) == clean("it's a long sentence, " * 20)  # prose is not a value
    assert "…" not in clean("it's a long sentence, " * 20)
    shown, start, width = frame_line("x = '\x1b'  # tab\there", Span("f", 1, 5, 1, 8))
    assert shown == "x = '\\x1b'  # tab here" and (start, width) == (4, 6)


def test_json_outputs_escape_what_json_leaves_raw(tmp_path) -> None:
    """JSON escapes U+0000-U+001F only; C1 controls and bidirectional overrides in a
    manifest value are written as \\u escapes: the same values, nothing a terminal acts on."""
    doc = "Loads \x9b2J and \u202eright-to-left"
    write_workspace(tmp_path, {"__deployment__.py": (
        f"from dlt.hub import run\n\n@run.job\ndef load():\n    {doc!r}\n__all__ = ['load']\n"
    )})
    for args in (["generate"], ["generate", "--output-format", "json"]):
        out = run(*args, cwd=tmp_path)
        assert out.returncode == 0 and RAW.search(out.stdout.decode()) is None
        parsed = json.loads(out.stdout)
        manifest = parsed.get("manifest", parsed)
        assert manifest["jobs"][0]["description"] == doc


def test_code_frames_count_lines_as_cpython(tmp_path) -> None:
    """U+2028, U+0085 and \\x1c-\\x1e end a line for `str.splitlines`, not for CPython: the
    frame of a finding below a comment holding them shows the flagged line."""
    separators = "\u2028\u2029\x85\x1c\x1d\x1e"
    source = (
        f"from dlt.hub import run\n# comment {separators} here\nX = '{separators}'\n"
        "@run.job(trigger='61 8 * * *')\ndef load(): ...\n__all__ = ['load']\n"
    )
    write_workspace(tmp_path / "ws", {"__deployment__.py": source})
    out = run("check", "ws", cwd=tmp_path)
    text = out.stdout.decode("utf-8")
    assert out.returncode == 1 and "__deployment__.py:4:" in text, text
    frame = text.split("__deployment__.py:4:", 1)[1]
    assert "@run.job(trigger='61 8 * * *')" in frame.split("\n\n", 1)[0], text
