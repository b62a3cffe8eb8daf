"""Fuzzing (issue 13): hypothesmith's generated programs as the deployment module and as a
module it imports, and corpus workspaces with random expressions swapped into decorator
arguments, dunders and `__all__`. Each run of the CLI (in-process) must end within its
deadline with exit 0 or 1: no internal error, no crash.

CI runs a few hundred examples; `pytest -m fuzz` (or FUZZ_EXAMPLES=N) runs many more."""

from __future__ import annotations

import ast
import contextlib
import io
import os
import shutil

import hypothesmith
import pytest
from corpus_util import CORPUS, cases
from dlt_manifest.cli import main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JOB = '\nfrom dlt.hub import run\n@run.job(trigger="0 8 * * *")\ndef nightly():\n    """Nightly."""\n__all__ = ["nightly"]\n'
CI_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
LONG_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
# the corpus cases a mutant starts from, and what in them is mutated
MUTABLE = sorted(c for c in cases() if (CORPUS / c / "__deployment__.py").is_file())


def run_cli(folder: str) -> int:
    """`dlt-manifest check` in-process; fails the test on an internal error."""
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())), contextlib.redirect_stderr(err):
        code = main(["check", folder, "--output-format", "concise"])
    err.flush()
    stderr = err.buffer.getvalue().decode("utf-8", "replace")
    assert code in (0, 1), stderr[-2000:]
    assert "internal error" not in stderr, stderr[-2000:]
    return code


def _fuzz_settings(examples: int):
    return settings(
        max_examples=examples, deadline=20_000, derandomize=examples == CI_EXAMPLES,
        suppress_health_check=list(HealthCheck), database=None,
    )


def _workspace(tmp_path_factory, files: dict) -> str:
    root = tmp_path_factory.mktemp("fuzz")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(root)


def _check_program(tmp_path_factory, program: str, as_module: bool) -> None:
    if as_module:
        files = {"__deployment__.py": "import generated\n" + JOB, "generated.py": program}
    else:
        files = {"__deployment__.py": program + "\n" + JOB}
    run_cli(_workspace(tmp_path_factory, files))


# --- mutants ------------------------------------------------------------------------------


def _places(tree: ast.Module) -> list:
    """Expressions a mutant may replace: decorator arguments, values of dunders (and
    `__all__`)."""
    places = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call):
                    places += [k.value for k in decorator.keywords] + list(decorator.args)
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id.startswith("__") and t.id.endswith("__") for t in targets):
                places.append(node.value)
    return places


def mutate(source: str, expression: str, choice: int) -> str:
    """`source` with one of its places replaced by `(expression)`."""
    tree = ast.parse(source)
    places = _places(tree)
    if not places:
        return source + f"\n__all__ = ({expression})\n"
    place = places[choice % len(places)]
    lines = source.splitlines(keepends=True)
    start = sum(len(line.encode()) for line in lines[: place.lineno - 1]) + place.col_offset
    end = sum(len(line.encode()) for line in lines[: place.end_lineno - 1]) + place.end_col_offset
    data = source.encode()
    return (data[:start] + b"(" + expression.encode("utf-8", "surrogatepass") + b")" + data[end:]).decode("utf-8", "surrogatepass")


def _check_mutant(tmp_path_factory, case: str, expression: str, choice: int) -> None:
    root = tmp_path_factory.mktemp("mutant")
    folder = root / case
    shutil.copytree(CORPUS / case, folder, ignore=shutil.ignore_patterns("expected*"))
    deployment = folder / "__deployment__.py"
    deployment.write_text(mutate(deployment.read_text(), expression, choice), errors="surrogatepass")
    run_cli(str(folder))


EXPRESSIONS = st.one_of(
    hypothesmith.from_grammar(start="eval_input").map(str.strip),
    st.sampled_from([
        "[[['j']]]", "list(range(10**6))", "10**400", "{'a': [1] * 10**5}", "'x' * 10**6", "sum(range(10**12))",
        "globals()", "[__all__]", "(lambda: 1)()", "'\\x1b[31m'", "dict(a=1, b=[1, 2])", "str(10**5000)",
    ]),
)


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("as_module", [False, True], ids=["deployment", "module"])
def test_generated_programs(tmp_path_factory, as_module) -> None:
    @_fuzz_settings(CI_EXAMPLES)
    @given(hypothesmith.from_grammar())
    def check(program):
        _check_program(tmp_path_factory, program, as_module)

    check()


def test_mutated_corpus_workspaces(tmp_path_factory) -> None:
    @_fuzz_settings(CI_EXAMPLES)
    @given(st.sampled_from(MUTABLE), EXPRESSIONS, st.integers(0, 50))
    def check(case, expression, choice):
        _check_mutant(tmp_path_factory, case, expression, choice)

    check()


def test_mutation_replaces_what_it_says() -> None:
    source = "from dlt.hub import run\n@run.job(trigger='0 8 * * *')\ndef j(): ...\n__all__ = ['j']\n"
    assert "trigger=(X)" in mutate(source, "X", 0)
    assert "__all__ = (X)" in mutate(source, "X", 1)


@pytest.mark.fuzz
@pytest.mark.parametrize("as_module", [False, True], ids=["deployment", "module"])
def test_generated_programs_long(tmp_path_factory, as_module) -> None:
    @_fuzz_settings(LONG_EXAMPLES)
    @given(hypothesmith.from_grammar())
    def check(program):
        _check_program(tmp_path_factory, program, as_module)

    check()


@pytest.mark.fuzz
def test_mutated_corpus_workspaces_long(tmp_path_factory) -> None:
    @_fuzz_settings(LONG_EXAMPLES)
    @given(st.sampled_from(MUTABLE), EXPRESSIONS, st.integers(0, 50))
    def check(case, expression, choice):
        _check_mutant(tmp_path_factory, case, expression, choice)

    check()
