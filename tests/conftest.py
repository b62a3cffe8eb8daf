import sys
from pathlib import Path

# tests/ holds helpers the tests import; the code under test is the installed
# `dlt_manifest` (the README's setup installs it)
TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
