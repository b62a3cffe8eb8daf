"""Generates tests/data/docstrings_313.json with CPython 3.13 (run it with python3.13):
for random docstrings, the value 3.13 stores in __doc__ (the compiler dedents docstrings).

    python3.13 tests/data/make_docstring_cases.py > tests/data/docstrings_313.json
"""
import json, random, sys
random.seed(1)
pieces = ["", " ", "  ", "    ", "\t", "x", "  x", "        y", "\tz", " \t w"]
cases = []
for _ in range(400):
    n = random.randint(1, 5)
    lines = [random.choice(pieces) for _ in range(n)]
    cases.append("\n".join(lines))
out = []
for doc in cases:
    ns = {}
    src = "def f():\n    " + repr(doc) + "\n"
    # a docstring literal written with escapes: the compiler cleans the string value
    exec(compile(src, "<x>", "exec"), ns)
    out.append([doc, ns["f"].__doc__])
json.dump(out, sys.stdout)
