"""Parsed files kept between analyses (`workspace.SourceMemo`, the language server's)
never change an answer: every corpus case analyzed cold, again with the memo warm, and
after an edit of one file, gives what an analysis without the memo gives."""

from __future__ import annotations

import os

import pytest
from corpus_util import CORPUS, cases
from dlt_manifest.analysis import analyze, unchanged_by
from dlt_manifest.rules.config import Settings
from dlt_manifest.source.limits import DEFAULT
from dlt_manifest.source.workspace import Overlay, SourceMemo
from workspace_util import body_edits

CREATED = "2026-01-01T00:00:00+00:00"


def _answer(result) -> tuple:
    return result.manifest, [(d.code, d.severity, d.message, d.span) for d in result.generation]


def _edited(case) -> dict:
    """An overlay: the last module of the case (else the deployment module) with a job-free
    line added at its end."""
    modules = sorted(p for p in case.rglob("*.py") if p.name != "__deployment__.py") or [case / "__deployment__.py"]
    path = modules[-1]
    return {os.path.realpath(path): path.read_bytes() + b"\nEDITED_BY_TEST = 1\n"}


@pytest.mark.parametrize("name", cases())
def test_memo_never_changes_an_answer(name: str) -> None:
    case = CORPUS / name
    kwargs = dict(created_at=CREATED, dlt_version="1.27.2", python_version=(3, 11))
    memo = SourceMemo()
    cold = analyze(str(case), memo=memo, **kwargs)
    assert _answer(cold) == _answer(analyze(str(case), **kwargs))
    warm = analyze(str(case), memo=memo, **kwargs)
    assert _answer(warm) == _answer(cold)
    overlay = _edited(case)
    assert _answer(analyze(str(case), memo=memo, overlay=overlay, **kwargs)) == _answer(
        analyze(str(case), overlay=overlay, **kwargs)
    )


def test_memo_is_used_and_charged(tmp_path) -> None:
    """A warm analysis reuses the files, and charges them to its budget as parsing them
    would: a budget too small for them refuses as it does cold."""
    case = CORPUS / "mod-realistic-apps"
    memo = SourceMemo()
    first = analyze(str(case), memo=memo, created_at=CREATED)
    analyze(str(case), memo=memo, created_at=CREATED)
    assert memo.hits > 0 and first.ok
    used = first.deployment.interp.workspace.parse_budget.used
    small = Settings(limits=DEFAULT.with_values({"total_parse_cost": used // 2}))
    warm_small = analyze(str(case), memo=memo, settings=small, created_at=CREATED)
    cold_small = analyze(str(case), settings=small, created_at=CREATED)
    assert not cold_small.ok and _answer(warm_small) == _answer(cold_small)


@pytest.mark.parametrize("name", cases())
def test_a_buffer_no_analysis_read_cannot_change_its_answer(name: str) -> None:
    """The language server does not analyze again when only buffers the last analysis did
    not read changed (`workspace.Overlay`). Every file of the case is a buffer; those left
    unread are replaced by a syntax error, and the answer stays the same — it would not if
    any of them had been read."""
    case = CORPUS / name
    kwargs = dict(created_at=CREATED, dlt_version="1.27.2", python_version=(3, 11))
    files = [p for p in case.rglob("*") if p.is_file() and not p.is_symlink() and p.suffix in (".py", ".toml", "")]
    overlay = Overlay({os.path.realpath(p): p.read_bytes() for p in files})
    before = analyze(str(case), overlay=overlay, **kwargs)
    unread = {path: b"def broken(:\n" for path in overlay if path not in overlay.read}
    assert os.path.realpath(case / "__deployment__.py") in overlay.read
    after = analyze(str(case), overlay={**overlay, **unread}, **kwargs)
    assert _answer(after) == _answer(before)


def test_an_edit_inside_unread_function_bodies_keeps_the_answer() -> None:
    """`analysis.unchanged_by`, which lets the language server keep a result: wherever it
    says a module's new text gives the same result, analyzing it does. Every corpus case's
    modules, each with a `raise` added at the end of every function body the analysis
    neither parsed nor ran: an analysis that ran one would give a different answer."""
    kwargs = dict(created_at=CREATED, dlt_version="1.27.2", python_version=(3, 11))
    kept = refused = 0
    for name in cases():
        case = CORPUS / name
        result = analyze(str(case), memo=SourceMemo(), **kwargs)  # a memo: fingerprints kept
        if result.deployment is None:
            continue
        for path, source in sorted(result.deployment.interp.workspace._sources.items()):
            if source.problem is not None or "\r" in source.text or source.text.startswith("\ufeff"):
                continue
            edited = body_edits(source)
            if edited is None:
                continue
            if unchanged_by(result, path, edited) is None:
                refused += 1
                continue
            kept += 1
            again = analyze(str(case), overlay={path: edited}, **kwargs)
            assert _answer(again) == _answer(result), (name, source.relpath)
    assert kept > 50, (kept, refused)  # (refused: a body it read or ran, or a finding on the line)
