"""Writes the benchmark's plain-Python shapes (issue 8):

    python bench/shapes.py tiny N OUT_DIR     # N one-line modules, all imported
    python bench/shapes.py long N OUT_DIR     # one module of N `x = 1` statements

Both have one job in `__deployment__.py` and pin dlt 1.27.2 in pyproject.toml. The
realistic shape is `../shared/bench/synth-workspace.py`.
"""

import os
import sys

JOB = 'from dlt.hub import run\n\n\n@run.job(trigger="0 8 * * *")\ndef nightly():\n    """Nightly."""\n\n\n__all__ = ["nightly"]\n'
PYPROJECT = (
    '[project]\nname = "bench"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
    'dependencies = ["dlt[hub]==1.27.2"]\n'
)


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(shape: str, n: int, out: str) -> None:
    write(os.path.join(out, "pyproject.toml"), PYPROJECT)
    write(os.path.join(out, ".python-version"), "3.11\n")
    if shape == "tiny":
        write(os.path.join(out, "__deployment__.py"), "".join(f"import m{i:05d}\n" for i in range(n)) + JOB)
        for i in range(n):
            write(os.path.join(out, f"m{i:05d}.py"), "X = 1\n")
    elif shape == "long":
        write(os.path.join(out, "__deployment__.py"), "import big\n" + JOB)
        write(os.path.join(out, "big.py"), "x = 1\n" * n)
    else:
        raise SystemExit(f"unknown shape {shape!r}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
