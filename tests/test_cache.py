"""The persistent cache (issue 8) never changes an answer: every corpus case run cold,
warm (answered from the cache) and after an edit prints what a run without the cache
prints; entries that are corrupt or not their key's are ignored; `--no-cache` writes
nothing."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from corpus_util import CORPUS, TARGET, cases
from dlt_manifest.cache import CACHE_DIR
from dlt_manifest.cli import main
from dlt_manifest.source.workspace import SourceMemo
from workspace_util import body_edits


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch) -> None:
    monkeypatch.delenv("DLT_MANIFEST_NO_CACHE", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _run(argv: list) -> tuple:
    out, err = io.TextIOWrapper(io.BytesIO()), io.TextIOWrapper(io.BytesIO())
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    out.flush()
    err.flush()
    return code, out.buffer.getvalue(), err.buffer.getvalue()


def _entries(workspace: Path) -> list:
    """The runs stored (not the pointers to the last run of each setup)."""
    return sorted((workspace / CACHE_DIR / "runs").rglob("*.json"))


def _copy(case: str, tmp_path: Path) -> Path:
    workspace = tmp_path / case
    shutil.copytree(CORPUS / case, workspace, symlinks=True)
    return workspace


@pytest.mark.parametrize("case", cases())
def test_cold_warm_and_edited_runs_print_the_same(case, tmp_path) -> None:
    workspace = _copy(case, tmp_path)
    for command in (["generate"], ["check", "--output-format", "json"]):
        argv = command + TARGET + [str(workspace)]
        uncached = _run(argv + ["--no-cache"])
        cold = _run(argv)
        assert cold == uncached
        warm = _run(argv)
        assert warm == cold
    assert len(_entries(workspace)) == 2
    deployment = workspace / "__deployment__.py"
    if deployment.is_file() and not deployment.is_symlink():
        with open(deployment, "ab") as f:
            f.write(b"\n# edited\n")
        argv = ["generate"] + TARGET + [str(workspace)]
        edited = _run(argv)
        assert edited == _run(argv + ["--no-cache"])
        assert _run(argv) == edited
        assert len(_entries(workspace)) == 3


def test_entries_that_are_not_trusted_are_ignored(tmp_path) -> None:
    workspace = _copy("basic_pipeline" if (CORPUS / "basic_pipeline").is_dir() else cases()[0], tmp_path)
    argv = ["generate"] + TARGET + [str(workspace)]
    cold = _run(argv)
    (entry,) = _entries(workspace)
    good = entry.read_bytes()
    for bad in (b"not json", good.replace(b'"exit":', b'"exit": 2, "x":'), good[:-40] + b"}", b'{"format": 1}'):
        entry.write_bytes(bad)
        assert _run(argv) == cold
    # an entry moved to another key's place is foreign: its own key does not match
    other = entry.with_name("0" * 64 + ".json")
    other.write_bytes(good)
    (workspace / "__deployment__.py").write_bytes((workspace / "__deployment__.py").read_bytes() + b"\n")
    entry.rename(entry.with_name("x.json"))
    assert _run(argv) == _run(argv + ["--no-cache"])
    assert (workspace / CACHE_DIR / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_no_cache_writes_nothing(tmp_path) -> None:
    workspace = _copy(cases()[0], tmp_path)
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
    _run(["generate"] + TARGET + [str(workspace), "--no-cache"])
    _run(["check"] + TARGET + [str(workspace), "--no-cache"])
    assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before


def test_fix_always_runs(tmp_path) -> None:
    """`check --fix` writes files: it is never answered from the cache (a workspace put
    back as it was is fixed again, not told "fixed" by a replay)."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    original = "from dlt.hub import run\n\n@run.job\ndef load():\n    pass\n\n@run.job\ndef other():\n    pass\n__all__ = ['load']\n"
    deployment = workspace / "__deployment__.py"
    for _ in range(2):
        deployment.write_text(original)
        _run(["check", "--fix", *TARGET, str(workspace)])
        assert "'other'" in deployment.read_text() or '"other"' in deployment.read_text()
    assert _entries(workspace) == []


def test_an_edit_inside_function_bodies_is_answered_without_analyzing(tmp_path, monkeypatch) -> None:
    """A run after editing modules only inside function bodies the last run neither parsed
    nor ran (`analysis.same_text`) is answered from that run, and prints what a run
    without the cache prints. Every corpus case, each module with a `raise` added at the
    end of every function body not read: where the edit is proven unseen, analyzing is
    refused outright (it would fail the run); elsewhere the run analyzes again."""
    import dlt_manifest.analysis as analysis

    real = analysis.analyze
    answered = 0
    for case in cases():
        workspace = _copy(case, tmp_path)
        argv = ["generate"] + TARGET + [str(workspace)]
        _run(argv)
        result = real(str(workspace), memo=SourceMemo(), dlt_version=TARGET[1], python_version=(3, 11))
        edits, unseen = {}, True
        for path, source in (result.deployment.interp.workspace._sources.items() if result.deployment else ()):
            edited = body_edits(source) if source.problem is None and "\r" not in source.text else None
            if edited is not None and not Path(path).is_symlink():
                edits[path] = edited
                unseen = unseen and analysis.unchanged_by(result, path, edited) is not None
        if not edits:
            continue
        for path, edited in edits.items():
            Path(path).write_bytes(edited)
        uncached = _run(argv + ["--no-cache"])
        if unseen:
            monkeypatch.setattr(analysis, "analyze", _no_analysis)
            answered += 1
        assert _run(argv) == uncached, case
        monkeypatch.setattr(analysis, "analyze", real)
    assert answered > 20, answered


def _no_analysis(*args, **kwargs):
    raise AssertionError("analyzed: the edit should have been answered from the last run")


def test_settings_above_the_workspace_are_part_of_the_key(tmp_path) -> None:
    """`[tool.dlt-manifest]` is searched from the workspace up: a change to a
    pyproject.toml above it changes the answer, so it is not answered from the cache."""
    workspace = tmp_path / "repo" / "ws"
    workspace.mkdir(parents=True)
    (workspace / "__deployment__.py").write_text(
        'from dlt.hub import run\n\n@run.job(trigger=["deployment", "deployment"])\ndef j(): ...\n\n__all__ = ["j"]\n'
    )
    above = tmp_path / "repo" / "pyproject.toml"
    argv = ["check"] + TARGET + [str(workspace)]
    above.write_text('[tool.dlt-manifest]\nignore = []\n')
    first = _run(argv)
    assert b"DM121" in first[1] + first[2]
    above.write_text('[tool.dlt-manifest]\nignore = ["DM121"]\n')
    second = _run(argv)
    assert second == _run(argv + ["--no-cache"])
    assert b"DM121" not in second[1] + second[2]


def test_a_last_run_pointer_that_is_not_trusted_is_ignored(tmp_path, monkeypatch) -> None:
    """The pointer to the last run of a setup (what an edit inside function bodies is
    answered from) is checked like an entry: corrupt, foreign or tampered, it is ignored
    and the run analyzes; as written, it answers such an edit without analyzing."""
    import dlt_manifest.analysis as analysis

    workspace = tmp_path / "ws"
    workspace.mkdir()
    jobs = "from dlt.hub import run\n\n\ndef helper():\n    x = 1\n    return x\n\n\n@run.job\ndef j(): ...\n"
    (workspace / "__deployment__.py").write_text('from jobs import j\n\n__all__ = ["j"]\n')
    (workspace / "jobs.py").write_text(jobs)
    argv = ["generate"] + TARGET + [str(workspace)]
    _run(argv)
    (pointer,) = sorted((workspace / CACHE_DIR / "last").rglob("*.json"))
    good = pointer.read_bytes()
    real, analyses = analysis.analyze, []
    monkeypatch.setattr(analysis, "analyze", lambda *a, **k: analyses.append(1) or real(*a, **k))
    # corrupt, truncated, changed after it was written (valid JSON, the hash no longer its
    # payload's), foreign; then as written
    bad = (b"not json", good[:-30], good.replace(b'\\"marks\\":', b'\\"marks\\": '), b'{"format": 1}', good)
    for i, pointed in enumerate(bad):
        assert pointed != good or i == len(bad) - 1
        pointer.write_bytes(pointed)
        # a body edit the pointer answers: a raise, which would fail the import if run
        (workspace / "jobs.py").write_text(jobs.replace("    return x\n", f"    return x; raise ValueError({i})\n"))
        analyses.clear()
        cached = _run(argv)
        assert bool(analyses) == (pointed != good), i  # analyzed unless the pointer is the one written
        assert cached == _run(argv + ["--no-cache"])
