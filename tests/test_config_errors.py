"""Configuration that cannot be used is reported with its file and line — a usage error
for `[tool.dlt-manifest]`, a diagnostic for the workspace's `.dlt/` files — never an
internal error, never silence (issue 10; issue 13, item 4)."""

from __future__ import annotations

import os
import subprocess

import pytest
from corpus_util import command, pinned
from workspace_util import write_workspace

HEAD = "from dlt.hub import run\n\n"
WORKSPACE = {"__deployment__.py": HEAD + "@run.job\ndef load(): ...\n__all__ = ['load']\n"}
PIPELINE = {"__deployment__.py": "import dlt\n" + HEAD + "p = dlt.pipeline('p', destination='pg')\n"
            "@run.job\ndef load(): ...\n__all__ = ['load']\n"}


def run(*args, cwd):
    return subprocess.run(command() + pinned(args), capture_output=True, cwd=cwd, timeout=60,
                          env=dict(os.environ, NO_COLOR="1"))


@pytest.mark.parametrize("content, message", [
    (b"[tool.dlt-manifest]\nignore = [\n", "pyproject.toml:2:11: invalid TOML: Invalid value at the end of the file"),
    (b"[tool.dlt-manifest]\n# caf\xe9\n", "pyproject.toml:2:6: not UTF-8: byte 0xe9 cannot be decoded"),
    (b"[project]\nname = 'x'\n[tool.dlt-manifest]\nstrict = true\nseverity = 5\n",
     "pyproject.toml:5: [tool.dlt-manifest].severity: must be a table"),
    (b"[tool.dlt-manifest]\nselect = ['DM1']\nselekt = ['DM2']\n",
     "pyproject.toml:3: [tool.dlt-manifest].selekt: unknown key(s) selekt"),
    (b"[tool.dlt-manifest]\n\n[tool.dlt-manifest.severity]\nDM220 = 'error'\nDM404 = 'fatal'\n",
     "pyproject.toml:5: [tool.dlt-manifest].severity: DM404 = \"fatal\": use \"error\" or \"warning\""),
    (b"[tool.dlt-manifest]\nignore = ['DM4O4']\n", "pyproject.toml:2: [tool.dlt-manifest].ignore: unknown rule code or prefix 'DM4O4'"),
    (b"[tool.dlt-manifest]\nstrict = 'yes'\n", "pyproject.toml:2: [tool.dlt-manifest].strict: must be true or false"),
    (b"[tool.dlt-manifest]\nselect = [1]\n", "pyproject.toml:2: [tool.dlt-manifest].select: 1 is not a rule code"),
])
def test_pyproject_problems_are_usage_errors_with_file_and_line(tmp_path, content, message) -> None:
    write_workspace(tmp_path, WORKSPACE)
    (tmp_path / "pyproject.toml").write_bytes(content)
    for command_name in ("check", "generate"):
        out = run(command_name, cwd=tmp_path)
        stderr = out.stderr.decode()
        assert out.returncode == 2 and out.stdout == b"", stderr
        assert stderr.startswith(f"dlt-manifest: error: {message}"), stderr
        assert "internal error" not in stderr and "Traceback" not in stderr


def test_a_malformed_pyproject_above_is_not_skipped(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.dlt-manifest\n")
    write_workspace(tmp_path / "ws", WORKSPACE)
    out = run("check", "ws", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.decode().startswith("dlt-manifest: error: pyproject.toml:1:")


def test_dlt_config_problems_are_diagnostics_with_file_and_line(tmp_path) -> None:
    write_workspace(tmp_path, WORKSPACE)
    (tmp_path / ".dlt").mkdir()
    (tmp_path / ".dlt" / "config.toml").write_bytes(b"[runtime]\nlog_level = 'INFO'\nname = '\xff'\n")
    out = run("check", "--output-format", "concise", cwd=tmp_path)
    assert out.returncode == 0  # dlt reads it only when configuration is looked up
    assert out.stdout.decode().splitlines()[0] == (
        ".dlt/config.toml:3:9: DM413 [warning] not UTF-8: byte 0xff cannot be decoded (TOML files are UTF-8)"
    )
    # a pipeline resolving its destination at import reads it: the runtime's error, located
    write_workspace(tmp_path, PIPELINE)
    out = run("generate", cwd=tmp_path)
    assert out.returncode == 1 and "internal error" not in out.stderr.decode()
    assert ("__deployment__.py:4:35: DM411 [error] destination 'pg' is looked up in .dlt/, and .dlt/config.toml"
            " cannot be read (line 3, column 9: not UTF-8") in out.stderr.decode()


def test_a_malformed_config_is_not_mistaken_for_a_missing_section(tmp_path) -> None:
    write_workspace(tmp_path, PIPELINE)
    (tmp_path / ".dlt").mkdir()
    (tmp_path / ".dlt" / "config.toml").write_text("[destination.pg]\ndestination_type = 'postgres\n")
    out = run("check", "--output-format", "concise", cwd=tmp_path).stdout.decode()
    assert "(line 2, column 29: invalid TOML" in out and "[destination.pg] destination_type=..." not in out
    assert ".dlt/config.toml:2:29: DM413" in out


def test_destination_given_as_a_plain_string(tmp_path) -> None:
    """`[destination] pg = "postgres"` configures no type (dlt's lookup finds none)."""
    write_workspace(tmp_path, PIPELINE)
    (tmp_path / ".dlt").mkdir()
    (tmp_path / ".dlt" / "config.toml").write_text("[destination]\npg = 'postgres'\n")
    out = run("check", "--output-format", "concise", cwd=tmp_path)
    assert out.returncode == 1 and "internal error" not in out.stderr.decode()
    assert "DM411 [error] destination 'pg' is neither a destination type nor a named destination" in out.stdout.decode()
    (tmp_path / ".dlt" / "config.toml").write_text("destination = 'postgres'\n")
    assert "DM411 [error] destination 'pg' is neither" in run("check", cwd=tmp_path).stdout.decode()


def test_special_and_secret_files(tmp_path) -> None:
    write_workspace(tmp_path, WORKSPACE)
    (tmp_path / ".dlt").mkdir()
    os.mkfifo(tmp_path / ".dlt" / "config.toml")  # would block a plain open() for ever
    (tmp_path / ".dlt" / "secrets.toml").write_text("[credentials]\npassword = 'hunter2\n")
    out = run("check", cwd=tmp_path)
    text = out.stdout.decode()
    assert ".dlt/config.toml:1:1: DM413 [warning] not a regular file; not read" in text
    assert ".dlt/secrets.toml:2:20: DM413 [warning] invalid TOML" in text
    assert "hunter2" not in text  # no code frame for secrets
