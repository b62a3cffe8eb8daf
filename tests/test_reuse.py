"""Modules' runs kept from one analysis to the next (`python.reuse`, the language server's
re-analysis) never change an answer: after each edit, an analysis with the memo gives what
a fresh one gives — on edits that change what other modules read, change shared objects
for good or only for a while, bind pending names, bind submodules, change `.dlt/` files or
shadow an installed module. And they are used: a module untouched by an edit is not run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dlt_manifest.analysis import analyze
from dlt_manifest.source.workspace import SourceMemo

CREATED = "2026-01-01T00:00:00+00:00"
REALISTIC = Path(__file__).resolve().parent / "data" / "realistic5"  # (synth-workspace.py --modules 5)


def _answer(result) -> tuple:
    return (
        result.manifest,
        [(d.code, d.severity, d.message, d.span) for d in result.generation],
        [(d.code, d.severity, d.message, d.span) for d in result.diagnostics],
    )


def _write(root: Path, files: dict) -> None:
    for relpath, text in files.items():
        path = root / relpath
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _steps(root: Path, steps: list, kept_after: list = None) -> list:
    """Each step's files written, then the workspace analyzed with the memo and afresh:
    the answers must be equal. Returns what each analysis with the memo put back (and
    adds to `kept_after` what it kept for the next)."""
    memo = SourceMemo()
    reused = []
    for files in steps:
        _write(root, files)
        kept = analyze(str(root), memo=memo, created_at=CREATED)
        fresh = analyze(str(root), created_at=CREATED)
        assert _answer(kept) == _answer(fresh), files
        reused.append(set(kept.deployment.interp.reuse.reused) if kept.deployment else set())
        if kept_after is not None:
            kept_after.append(set(memo.modules.entries) if memo.modules else set())
    return reused


JOB = '''
from dlt.hub import run
from {module} import {name}


@run.job(expose={{"tags": list({name})}}, trigger="every:{minutes}m")
def job_{suffix}():
    """A job."""
'''


def test_a_lasting_change_by_another_module(tmp_path) -> None:
    """`x` appends to a list of `settings` that `reader` reads; then it stops."""
    steps = [
        {
            "settings.py": "TAGS = ['a']\n",
            "reader.py": JOB.format(module="settings", name="TAGS", minutes=5, suffix="r"),
            "x.py": "import settings\nsettings.TAGS.append('x')\n",
            "__deployment__.py": "import x\nfrom reader import job_r\n__all__ = ['job_r']\n",
        },
        {"x.py": "import settings\n"},
        {"x.py": "import settings\nsettings.TAGS.append('y')\n"},
        {"x.py": "import settings\n# a comment\nsettings.TAGS.append('y')\n"},
    ]
    _steps(tmp_path, steps)


@pytest.mark.parametrize(
    "change, undo",
    [
        ("settings.TAGS.append('t')", "settings.TAGS.pop()"),
        ("settings.TAGS[0] = 't'", "settings.TAGS[0] = 'a'"),
        ("settings.TAGS += ['t']", "del settings.TAGS[-1]"),
        ("add = settings.TAGS.append; add('t')", "settings.TAGS.remove('t')"),
        ("settings.TAGS = ['t']", "settings.TAGS = ORIGINAL"),
        ("setattr(settings, 'TAGS', ['t'])", "settings.TAGS = ORIGINAL"),
        ("settings.set_tags(['t'])", "settings.set_tags(ORIGINAL)"),
        ("vars(settings)['TAGS'] = ['t']", "vars(settings)['TAGS'] = ORIGINAL"),
    ],
)
def test_a_change_undone_after_an_import(tmp_path, change: str, undo: str) -> None:
    """`x` changes `settings` while `reader` runs and undoes it after: `reader`'s run saw
    the change. When `x` no longer makes it, `reader` must run again."""
    settings = "TAGS = ['a']\n\ndef set_tags(tags):\n    global TAGS\n    TAGS = tags\n"
    around = f"import settings\nORIGINAL = settings.TAGS\n{change}\nimport reader\n{undo}\n"
    steps = [
        {
            "settings.py": settings,
            "reader.py": JOB.format(module="settings", name="TAGS", minutes=5, suffix="r"),
            "x.py": around,
            "__deployment__.py": "import x\nfrom reader import job_r\n__all__ = ['job_r']\n",
        },
        {"x.py": "import settings\nimport reader\n"},
        {"x.py": around},
        {"x.py": "import reader\n"},
    ]
    _steps(tmp_path, steps)


def test_pending_names_and_readers(tmp_path) -> None:
    """Constants left pending (`deferral`) bound by the readers of one analysis and not of
    the next."""
    settings = "A = ['a']\nB = [x.upper() for x in A]\nC = f'{len(B)} tags'\n"
    steps = [
        {
            "settings.py": settings,
            "one.py": JOB.format(module="settings", name="B", minutes=5, suffix="one"),
            "two.py": JOB.format(module="settings", name="A", minutes=10, suffix="two"),
            "__deployment__.py": "from one import job_one\nfrom two import job_two\n",
        },
        {"two.py": JOB.format(module="settings", name="C", minutes=10, suffix="two")},
        {"one.py": JOB.format(module="settings", name="A", minutes=7, suffix="one")},
        {"settings.py": settings + "D = 1\n"},
        {"__deployment__.py": "from two import job_two\nfrom one import job_one\n"},
    ]
    reused = _steps(tmp_path, steps)
    assert "settings" in reused[2] and "two" in reused[2]


def test_packages_and_submodules(tmp_path) -> None:
    steps = [
        {
            "pkg/__init__.py": "NAME = 'pkg'\n",
            "pkg/common.py": "TAGS = ['c']\n",
            "pkg/jobs.py": "from .common import TAGS\n" + JOB.format(module="pkg.common", name="TAGS", minutes=5, suffix="p"),
            "other.py": "import pkg.common\nimport pkg\nSEEN = hasattr(pkg, 'jobs')\n",
            "__deployment__.py": "import other\nimport pkg.jobs\nfrom pkg.jobs import job_p\n__all__ = ['job_p']\n",
        },
        {"pkg/jobs.py": "from .common import TAGS\n" + JOB.format(module="pkg.common", name="TAGS", minutes=6, suffix="p")},
        {"__deployment__.py": "import pkg.jobs\nimport other\nfrom pkg.jobs import job_p\n__all__ = ['job_p']\n"},
        {"pkg/__init__.py": "NAME = 'pkg2'\nfrom . import jobs\n"},
        {"pkg/common.py": "TAGS = ['d']\n"},
    ]
    reused = _steps(tmp_path, steps)
    assert {"pkg", "pkg.common", "other"} <= reused[1]


def test_files_the_runs_asked_about(tmp_path) -> None:
    """`.dlt/config.toml` changes the destination a module's pipeline looks up; a module
    that shadows an installed one appears and goes."""
    reader = (
        "import dlt\nimport extlib\nfrom dlt.hub import run\n\n"
        "pipeline = dlt.pipeline(pipeline_name='p', destination='warehouse', dataset_name='d')\n\n"
        "@run.pipeline(pipeline, expose={'tags': [extlib.TAG]})\ndef load():\n    pass\n"
    )
    config = "[destination.warehouse]\ndestination_type = 'duckdb'\n"
    steps = [
        {"reader.py": reader, "extlib.py": "TAG = 'a'\n", "__deployment__.py": "from reader import load\n", ".dlt/config.toml": config},
        {},
        {".dlt/config.toml": "[destination.warehouse\n"},
        {".dlt/config.toml": config},
        {"extlib.py": None},
        {"extlib.py": "TAG = 'b'\n"},
    ]
    kept: list = []
    reused = _steps(tmp_path, steps, kept)
    assert "reader" in reused[1]


def test_taints_and_failures(tmp_path) -> None:
    """Objects made Unknown by calls not followed, and modules whose import fails."""
    helper = (
        "import contextlib\nimport somelib\nCONFIG = {'a': 1}\n\n"
        "@contextlib.contextmanager\ndef session():\n    yield 1\n"
    )
    steps = [
        {
            "helper.py": helper,
            "reader.py": JOB.format(module="helper", name="CONFIG", minutes=5, suffix="r"),
            "x.py": "import helper\nimport somelib\nsomelib.configure(helper.CONFIG)\n",
            "__deployment__.py": "import x\nfrom reader import job_r\n",
        },
        {"x.py": "import helper\n"},
        {"x.py": "import helper\nraise ValueError('no')\n"},
        {"__deployment__.py": "try:\n    import x\nexcept ValueError:\n    pass\nfrom reader import job_r\n"},
        {"helper.py": helper + "def broken(:\n"},
        {"helper.py": helper},
    ]
    _steps(tmp_path, steps)


def test_realistic_workspace_edits(tmp_path) -> None:
    """The benchmark's workspace: edits of a leaf module, of a module others import, of a
    trigger; modules the edit cannot reach are put back."""
    root = tmp_path / "ws"
    shutil.copytree(REALISTIC, root)
    modules = sorted(p.name for p in root.glob("*.py") if p.name not in ("__deployment__.py", "settings.py"))
    first, last = (root / modules[0]).read_text(), (root / modules[-1]).read_text()
    settings = (root / "settings.py").read_text()
    steps = [
        {},
        {modules[-1]: last + "\nEDITED = 1\n"},
        {modules[0]: first.replace('"https://', '"http://', 1) + "\nEDITED = 2\n"},
        {"settings.py": settings + "\nEXTRA = ['x']\n"},
        {modules[-1]: last.replace("@run.job(", "@run.job(tags=['t', 't'], ", 1)},
        {},
    ]
    kept: list = []
    reused = _steps(root, steps, kept)
    names = {m[:-3] for m in modules}
    assert len(reused[1]) >= len(names) // 2  # the leaf edit leaves most modules as they were
    assert kept[0] >= names and modules[-1][:-3] not in reused[1]
    assert reused[5] == kept[4] and len(kept[4]) >= len(names) // 2  # nothing changed: all put back


def test_a_file_changed_while_modules_are_put_back(tmp_path, monkeypatch) -> None:
    """The file of a module to put back changes between the check and the read: the
    analysis runs again without reuse, and gives what a fresh one gives."""
    from dlt_manifest.python import reuse

    files = {
        "settings.py": "TAGS = ['a']\n",
        "reader.py": JOB.format(module="settings", name="TAGS", minutes=5, suffix="r"),
        "__deployment__.py": "from reader import job_r\n",
    }
    _write(tmp_path, files)
    memo = SourceMemo()
    analyze(str(tmp_path), memo=memo, created_at=CREATED)
    checked = reuse.Recorder._affordable

    def then_edited(self, order):
        _write(tmp_path, {"settings.py": "TAGS = ['b']\n"})
        return checked(self, order)

    monkeypatch.setattr(reuse.Recorder, "_affordable", then_edited)
    kept = analyze(str(tmp_path), memo=memo, created_at=CREATED)
    monkeypatch.setattr(reuse.Recorder, "_affordable", checked)
    assert _answer(kept) == _answer(analyze(str(tmp_path), created_at=CREATED))
    assert kept.manifest is not None and "b" in str(kept.manifest)
