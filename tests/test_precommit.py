"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit on real commits
(issue 10): a repository with two workspaces uses this project as a `repo:` (a copy of
the working tree, committed in a temporary repository, pinned by its commit)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["analyzer", "rules", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"]
GOOD = "from dlt.hub import run\n\n@run.job(trigger='0 8 * * *')\ndef load(): ...\n\n__all__ = ['load']\n"
PIPELINE = ("import dlt\nfrom dlt.hub import run\n\np = dlt.pipeline('p', destination='pg')\n\n"
            "@run.pipeline(p)\ndef load(): ...\n\n__all__ = ['load']\n")
CONFIG = "[destination.pg]\ndestination_type = 'postgres'\n"


def git(repo: Path, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, timeout=900)


def _environment(home: Path) -> dict:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1", PRE_COMMIT_COLOR="never",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory) -> tuple:
    """This project, committed in a repository of its own: (path, commit)."""
    repo = tmp_path_factory.mktemp("dlt-manifest-repo")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, repo / name)
    env = _environment(tmp_path_factory.mktemp("unused"))
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "dlt-manifest"]):
        assert git(repo, *args, env=env).returncode == 0
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory, hooks_repo) -> tuple:
    """A repository with two workspaces and the hooks installed: (path, env)."""
    repo = tmp_path_factory.mktemp("monorepo")
    env = _environment(tmp_path_factory.mktemp("pre-commit-home"))
    (repo / "README.md").write_text("# data\n")
    (repo / "alpha" / ".dlt").mkdir(parents=True)
    (repo / "alpha" / "__deployment__.py").write_text(PIPELINE)
    (repo / "alpha" / ".dlt" / "config.toml").write_text(CONFIG)
    (repo / "beta").mkdir()
    (repo / "beta" / "__deployment__.py").write_text(GOOD)
    path, rev = hooks_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: dlt-manifest-check\n"
    )
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        assert git(repo, *args, env=env).returncode == 0
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    # the hook's environment is built once (pip installs the project from the hooks repo)
    warm = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    return repo, env


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    git(repo, "add", "-A", env=env)
    out = git(repo, "commit", "-m", message, env=env)
    out.output = out.stdout + out.stderr
    return out


def test_a_commit_touching_only_a_readme_skips_the_hook(user_repo) -> None:
    repo, env = user_repo
    (repo / "README.md").write_text("# data\n\nMore words.\n")
    out = commit(repo, env, "docs")
    assert out.returncode == 0, out.output
    assert "dlt-manifest check" in out.output and "(no files to check)Skipped" in out.output


def test_a_broken_cron_in_one_workspace_fails_with_the_code_frame(user_repo) -> None:
    repo, env = user_repo
    (repo / "beta" / "__deployment__.py").write_text(GOOD.replace("0 8 * * *", "61 8 * * *"))
    out = commit(repo, env, "break beta")
    assert out.returncode == 1, out.output
    assert "dlt-manifest check" in out.output and "Failed" in out.output
    assert "beta/__deployment__.py:3:18: DM101 [error] Invalid trigger '61 8 * * *'" in out.output
    assert " 3 | @run.job(trigger='61 8 * * *')" in out.output
    assert "   |                  ^^^^^^^^^^^^ error" in out.output
    assert "alpha" not in out.output  # only the workspace the commit touches
    git(repo, "checkout", "--", ".", env=env)
    git(repo, "reset", "-q", "--hard", env=env)


def test_editing_dlt_config_rechecks_its_workspace(user_repo) -> None:
    repo, env = user_repo
    (repo / "alpha" / ".dlt" / "config.toml").write_text(CONFIG.replace("destination_type", "type"))
    out = commit(repo, env, "rename the destination type key")
    assert out.returncode == 1, out.output
    assert "alpha/__deployment__.py:4:35: DM411 [error] destination 'pg' is neither" in out.output
    (repo / "alpha" / ".dlt" / "config.toml").write_text(CONFIG + "# reviewed\n")
    assert commit(repo, env, "a comment").returncode == 0


def test_the_generate_hook_keeps_the_manifest_file_up_to_date(user_repo, hooks_repo) -> None:
    repo, env = user_repo
    path, rev = hooks_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: dlt-manifest-generate\n"
    )
    (repo / "beta" / "__deployment__.py").write_text(GOOD.replace("0 8", "0 9"))
    first = commit(repo, env, "beta at nine")
    assert first.returncode == 1 and "Updated beta/deployment-manifest.json" in first.output, first.output
    manifest = repo / "beta" / "deployment-manifest.json"
    assert '"schedule:0 9 * * *"' in manifest.read_text()
    assert not (repo / "alpha" / "deployment-manifest.json").exists()
    second = commit(repo, env, "beta at nine, with its manifest")  # the written file is added now
    assert second.returncode == 0, second.output
