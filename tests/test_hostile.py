"""Issue 13, hostile input: each defect found by the probe suite (causes C2-C28 of
/work/notes/hostile/BASELINE.md) as a test — a precise diagnostic, never a crash, a hang,
a read outside the root or a process. Each failed before the fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from corpus_util import CORPUS, cases
from dlt_manifest.analysis import analyze
from dlt_manifest.rules.config import Settings
from dlt_manifest.source.limits import DEFAULT
from workspace_util import analyze_files, codes, write_workspace

JOB = '\nfrom dlt.hub import run\n@run.job(trigger="0 8 * * *")\ndef nightly():\n    """Nightly."""\n__all__ = ["nightly"]\n'


def _job(expr: str, head: str = "") -> str:
    return f'{head}\nfrom dlt.hub import run\n@run.job({expr})\ndef nightly():\n    """Nightly."""\n__all__ = ["nightly"]\n'


def _limited(**values) -> Settings:
    return Settings(limits=DEFAULT.with_values(values))


# --- C3/C4/C5: one rule for every file read ---------------------------------------------


def test_deployment_module_symlinked_outside_is_refused_not_read(tmp_path, monkeypatch) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "credentials.py").write_text('KEY = "SECRET-MARKER"\n')
    ws = tmp_path / "ws"
    ws.mkdir()
    os.symlink(tmp_path / "outside" / "credentials.py", ws / "__deployment__.py")
    result = analyze(str(ws), created_at="2026-01-01T00:00:00+00:00", dlt_version="1.27.2", python_version=(3, 11))
    assert codes(result) == ["DM908"]
    assert "SECRET-MARKER" not in result.text_of("__deployment__.py")
    assert all("SECRET" not in d.message for d in result.diagnostics)
    # the fixes (JSON and SARIF output, `--fix`) read files as the analysis does: not this one
    from dlt_manifest import fixes

    opened = []
    real = os.open

    def spy(path, *args, **kwargs):
        opened.append(os.path.realpath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    list(fixes.Fixer(result).fixes(result.diagnostics))
    fixes.Fixer(result).parsed("__deployment__.py")
    monkeypatch.undo()
    assert str(tmp_path / "outside" / "credentials.py") not in opened


def test_dlt_folder_symlinked_outside_is_not_listed(tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "config.toml").write_text('[destination.wh]\ndestination_type = "duckdb"\n')
    ws = write_workspace(tmp_path / "ws", {"__deployment__.py": "import dlt\nP = dlt.pipeline('p', destination='wh')\n" + JOB})
    os.symlink(outside, ws / ".dlt")
    result = analyze(str(ws), created_at="2026-01-01T00:00:00+00:00", dlt_version="1.27.2", python_version=(3, 11))
    assert result.manifest is None  # the named destination is configured nowhere dlt may read


@pytest.mark.parametrize("special", ["fifo", "devzero"])
def test_special_pyproject_is_never_opened(tmp_path, special) -> None:
    ws = write_workspace(tmp_path, {"__deployment__.py": JOB})
    if special == "fifo":
        os.mkfifo(ws / "pyproject.toml")
    else:
        os.symlink("/dev/zero", ws / "pyproject.toml")
    out = subprocess.run(
        [sys.executable, "-m", "dlt_manifest.cli", "check", str(ws)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr  # not a configuration file; the workspace is fine


# --- C8-C11, C16, C18, C28: crashes ---------------------------------------------------------


@pytest.mark.parametrize(
    "annotation",
    ['"[" * 100000 + "]" * 100000', "'(' * 1300 + 'a' + ')' * 1300", "'lambda: ' * 2000 + '1'", "'\\ud800'", "'a\\x00'"],
)
def test_string_annotations_are_screened_before_libcst(tmp_path, annotation) -> None:
    source = f"from dlt.hub import run\nA = {annotation}\n@run.job(trigger='0 8 * * *')\ndef nightly(x: A = 1): ...\n__all__ = ['nightly']\n"
    source = source.replace("x: A", "x: " + repr(eval(annotation)))  # the string literal itself
    result = analyze_files(tmp_path, {"__deployment__.py": source})
    assert set(codes(result)) <= {"DM904"}


@pytest.mark.parametrize("listed", ["[['nightly']]", "['nightly', ['x']]", "[{}]", "[set()]"])
def test_all_holding_an_unhashable_item_is_the_runtime_type_error(tmp_path, listed) -> None:
    source = JOB.replace('__all__ = ["nightly"]', f"__all__ = {listed}")
    result = analyze_files(tmp_path, {"__deployment__.py": source})
    assert "DM411" in codes(result) and result.manifest is None


@pytest.mark.parametrize("call", ["sorted(range(50000))", "tuple(range(50000))", "','.join(str(i) for i in range(50000))"])
def test_modeled_call_of_a_large_argument_has_a_site(tmp_path, call) -> None:
    result = analyze_files(tmp_path, {"__deployment__.py": _job("trigger='0 8 * * *', expose={'tags': [X]}", f"X = {call}")})
    assert all(d.span.line >= 1 for d in result.diagnostics)
    assert result.manifest is None or result.manifest["jobs"]


@pytest.mark.parametrize(
    "expr, code",
    [("execute={'timeout': 10**400}", "DM"), ("trigger='every:' + str(10**5000)", "DM904"), ("expose={'tags': [10**5000]}", "DM306")],
)
def test_huge_integers_are_diagnostics(tmp_path, expr, code) -> None:
    result = analyze_files(tmp_path, {"__deployment__.py": _job(expr)})
    assert result.manifest is None and any(c.startswith(code) for c in codes(result)), codes(result)


@pytest.mark.parametrize("cycle", ["T = ['a']\nT.append(T)", "T = {'a': 1}\nT['d'] = T"])
def test_self_containing_values_end(tmp_path, cycle) -> None:
    result = analyze_files(tmp_path, {"__deployment__.py": _job("trigger='0 8 * * *', expose={'tags': T}", cycle)})
    assert result.manifest is None and codes(result)


def test_huge_all_is_refused(tmp_path) -> None:
    source = JOB.replace('__all__ = ["nightly"]', "__all__ = ['nightly'] * 999_999")
    started = time.monotonic()
    result = analyze_files(tmp_path, {"__deployment__.py": source})
    assert "DM904" in codes(result) and time.monotonic() - started < 30


def test_long_boolean_chain_counts_as_nesting(tmp_path) -> None:
    source = "X = " + " or ".join(["0"] * 20_000) + "\n" + JOB
    result = analyze_files(tmp_path, {"__deployment__.py": source})
    assert codes(result) == ["DM904"] and "nested" in result.diagnostics[0].message


# --- C12-C15, C17, C19, C26, C27: budgets -----------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "X = sum(range(10**12))",
        "X = len([1 for i in range(99999) for j in range(99999)])",
        "X = str([[[0] * 1000] * 1000] * 1000)",
        "X = repr([[[0] * 1000] * 1000] * 1000)",
        "X = '%0*d' % (10**9, 1)",
        "X = '{:>1000000000}'.format(1)",
        "X = f'{1:01000000000}'",
        "X = [[i for i in range(999)] for j in range(99999)]",
    ],
)
def test_constant_evaluation_is_bounded(tmp_path, head) -> None:
    started = time.monotonic()
    result = analyze_files(tmp_path, {"__deployment__.py": _job("trigger='0 8 * * *', expose={'tags': [str(len(X))]}", head)})
    assert "DM904" in codes(result), codes(result)
    assert time.monotonic() - started < 60


def test_total_size_of_values_is_budgeted(tmp_path) -> None:
    head = "X = ['x' * 999_999 + str(i) for i in range(60)]"
    settings = _limited(total_cells=10_000_000)
    result = analyze_files(tmp_path, {"__deployment__.py": _job("trigger='0 8 * * *'", head)}, settings=settings)
    assert "DM904" in codes(result)


def test_diagnostics_per_rule_are_budgeted(tmp_path) -> None:
    source = "from dlt.hub import run\n__trigger__ = list(range(10**6))\n" + "__all__ = []\n"
    files = {"__deployment__.py": "import mod\n__all__ = ['mod']\n", "mod.py": source}
    started = time.monotonic()
    result = analyze_files(tmp_path, files)
    assert not result.ok and len(result.diagnostics) <= DEFAULT.diagnostics_per_rule + 10
    assert time.monotonic() - started < 60


def test_invalid_triggers_are_checked_up_to_the_findings_budget(tmp_path) -> None:
    """dlt raises at the first invalid trigger: past the budget of findings, the rest of
    the list is not normalized (a million items cost neither minutes nor gigabytes)."""
    source = '"""Mod."""\n__trigger__ = ["not a trigger %d" % i for i in range(20_000)]\n'
    files = {"__deployment__.py": "import mod\n__all__ = ['mod']\n", "mod.py": source}
    result = analyze_files(tmp_path, files)
    found = codes(result)
    assert not result.ok and found.count("DM904") == 1, found
    assert 1 <= found.count("DM101") <= DEFAULT.diagnostics_per_rule + 1, found
    [budget] = [d for d in result.diagnostics if d.code == "DM904"]
    assert f"more than {DEFAULT.diagnostics_per_rule:,} invalid or unknown triggers" in budget.message


@pytest.mark.parametrize(
    "module",
    [
        # 1.6 MB of assignments CPython's parser must see (lines of `NAME = 1` need not:
        # test_datalines.py)
        "".join(f"x{i} = [{i}]\n" for i in range(100_000)),
        "X = [" + ", ".join(str(i) for i in range(280_000)) + "]\n",  # a 2 MB list literal
        "pass\n" * 400_000,
        ("X = " + "lambda: " * 1450 + "1\n") * 40,
    ],
    ids=["assignments", "list-literal", "statements", "nested-lambdas"],
)
def test_large_modules_are_refused_not_syntax_errors(tmp_path, module) -> None:
    files = {"__deployment__.py": "import big\n" + JOB, "big.py": module}
    result = analyze_files(tmp_path, files)
    assert codes(result) == ["DM904"] and result.diagnostics[0].span.path == "big.py"


def test_module_budget_is_reported(tmp_path) -> None:
    files = {"__deployment__.py": "".join(f"import m{i}\n" for i in range(12)) + JOB}
    files.update({f"m{i}.py": "X = 1\n" for i in range(12)})
    result = analyze_files(tmp_path, files, settings=_limited(modules=5))
    assert codes(result) == ["DM904"] and "modules" in result.diagnostics[0].message


def _kept(tmp_path, files: dict, **limits) -> tuple:
    """(result, KiB the parsed files keep by the workspace's budget)."""
    from dlt_manifest.source import workspace

    seen: list = []
    init = workspace.Workspace.__init__

    def spy(self, *args, **kwargs):
        init(self, *args, **kwargs)
        seen.append(self)

    workspace.Workspace.__init__ = spy
    try:
        result = analyze_files(tmp_path, files, settings=_limited(**limits) if limits else None)
    finally:
        workspace.Workspace.__init__ = init
    return result, seen[-1].parse_budget.used


def test_workspace_parse_budget_counts_what_files_keep(tmp_path) -> None:
    """`total_parse_cost` is charged what each parsed file keeps (about a tenth of what
    parsing it takes; a parse gets what is left): a workspace whose parses together cost
    more than the limit, but keep less, gives its manifest; a limit below what they keep
    refuses it."""
    module = "".join(f"T{i} = dict(a=[{i}, {i + 1}], b='x')\n" for i in range(300))
    files = {"__deployment__.py": "import m0, m1, m2\n" + JOB}
    files.update({f"m{i}.py": module for i in range(3)})
    result, kept = _kept(tmp_path / "a", files)
    costs = [s.parse_cost for s in result.deployment.interp.workspace._sources.values()]
    assert result.ok and 0 < kept * 5 < sum(costs)
    within, _ = _kept(tmp_path / "b", files, total_parse_cost=kept + max(costs))
    assert kept + max(costs) < sum(costs)
    assert within.ok and within.manifest["jobs"] == result.manifest["jobs"]
    refused, _ = _kept(tmp_path / "c", files, total_parse_cost=kept // 2)
    assert "DM904" in codes(refused) and "parsing budget" in refused.diagnostics[0].message


def test_later_parses_are_charged_to_the_workspace_budget(tmp_path) -> None:
    """A deferred statement parsed when it is read keeps memory like any other."""
    module = "".join(f"T{i} = {{'a': [{i}, {i + 1}], 'b': 'x'}}\n" for i in range(300))
    unread = {"__deployment__.py": "import m0\n" + JOB, "m0.py": module}
    read = {"__deployment__.py": "import m0\nX = m0.T7\n" + JOB, "m0.py": module}
    _, kept_unread = _kept(tmp_path / "a", unread)
    _, kept_read = _kept(tmp_path / "b", read)
    assert kept_read > kept_unread


def test_folder_listing_is_indexed_once(tmp_path) -> None:
    files = {"__deployment__.py": "".join(f"try:\n    import absent{i}\nexcept ImportError:\n    pass\n" for i in range(3000)) + JOB}
    write_workspace(tmp_path, files)
    for i in range(20_000):
        (tmp_path / f"junk{i}.txt").touch()
    started = time.monotonic()
    analyze(str(tmp_path), created_at="2026-01-01T00:00:00+00:00")
    assert time.monotonic() - started < 30


def test_limits_are_configured_in_pyproject(tmp_path) -> None:
    files = {"__deployment__.py": "X = [i for i in range(50)]\n" + JOB, "pyproject.toml": "[tool.dlt-manifest.limits]\nsteps = 10\n"}
    write_workspace(tmp_path, files)
    out = subprocess.run([sys.executable, "-m", "dlt_manifest.cli", "check", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 1 and "DM904" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "dlt_manifest.cli", "check", str(tmp_path), "--limit", "steps=1000"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout


# --- C2: the whole corpus under a 512 MiB address space -------------------------------------


@pytest.mark.skipif(not shutil.which("prlimit"), reason="needs prlimit (util-linux)")
def test_corpus_runs_under_512_mib_address_space(tmp_path) -> None:
    """The analysis thread reserved a 512 MiB stack: every run failed under this limit."""
    script = (
        "import sys, contextlib, io\nfrom dlt_manifest.cli import main\ncodes = set()\n"
        "for folder in sys.argv[1:]:\n"
        "    for argv in (['generate', folder], ['check', folder]):\n"
        "        with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())), contextlib.redirect_stderr(io.TextIOWrapper(io.BytesIO())):\n"
        "            codes.add(main(argv))\n"
        "print(sorted(codes))\n"
    )
    folders = [str(CORPUS / case) for case in cases()]
    out = subprocess.run(
        ["prlimit", f"--as={512 * 1024 * 1024}", sys.executable, "-c", script, *folders],
        capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert set(eval(out.stdout)) <= {0, 1}
