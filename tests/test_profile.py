"""`--profile NAME`: the `.dlt/` files dlt loads for that profile decide named
destinations, as dlt 1.27.2's workspace run context does (profile files count only in a
workspace marked by `.dlt/.workspace`; the profile's file wins over the shared one)."""

from __future__ import annotations

import os
import subprocess

from corpus_util import command, pinned
from workspace_util import write_workspace

WORKSPACE = {
    "__deployment__.py": "import dlt\nfrom dlt.hub import run\n\np = dlt.pipeline('p', destination='pg')\n\n"
    "@run.pipeline(p)\ndef load(): ...\n__all__ = ['load']\n",
    ".dlt/prod.config.toml": "[destination.pg]\ndestination_type = 'postgres'\n",
}


def generate(workspace, *args):
    return subprocess.run(command() + pinned(["generate", "--output-format", "json", *args]), capture_output=True,
                          text=True, cwd=workspace, env=dict(os.environ, SOURCE_DATE_EPOCH="0"))


def codes(out) -> list:
    import json

    return [(d["code"], d["severity"]) for d in json.loads(out.stdout)["diagnostics"]]


def test_the_profile_decides_a_destination_configured_per_profile(tmp_path) -> None:
    write_workspace(tmp_path, WORKSPACE)
    (tmp_path / ".dlt" / ".workspace").write_text("")
    unknown = generate(tmp_path)  # the active profile comes from the environment or the pin
    assert unknown.returncode == 1 and codes(unknown) == [("DM906", "error")]
    assert "configured only in prod.config.toml" in unknown.stdout
    prod = generate(tmp_path, "--profile", "prod")
    assert prod.returncode == 0 and codes(prod) == [] and prod.stderr == ""
    dev = generate(tmp_path, "--profile", "dev")
    assert dev.returncode == 1 and codes(dev) == [("DM411", "error")]


def test_the_profile_file_wins_over_the_shared_one(tmp_path) -> None:
    write_workspace(tmp_path, dict(WORKSPACE, **{
        ".dlt/config.toml": "[destination.pg]\ndestination_type = 'postgres'\n",
        ".dlt/prod.config.toml": "[destination.pg]\ndestination_type = 'my_plugins.pg'\n",
        ".dlt/.workspace": "",
    }))
    assert generate(tmp_path, "--profile", "dev").returncode == 0
    prod = generate(tmp_path, "--profile", "prod")
    assert prod.returncode == 1 and "destination type `my_plugins.pg` is a module" in prod.stdout


def test_without_a_workspace_marker_dlt_reads_no_profile_files(tmp_path) -> None:
    write_workspace(tmp_path, WORKSPACE)
    out = generate(tmp_path)
    assert out.returncode == 1 and codes(out) == [("DM411", "error")]  # as dlt 1.27.2 fails
    prod = generate(tmp_path, "--profile", "prod")
    assert prod.returncode == 1 and codes(prod) == [("DM411", "error")]
    assert "has no .dlt/.workspace file, so dlt loads no profile files there" in prod.stderr
    assert generate(tmp_path, "--profile", "../x").returncode == 2
