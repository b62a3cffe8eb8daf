import sys
from pathlib import Path

# tests/ holds helpers the tests import; the code under test is the installed
# `dlt_manifest` (the README's setup installs it)
TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

# the suite runs the CLI on the corpus in place: no cache is written into the checkout
# (tests/test_cache.py turns it on in copies of the cases)
import os  # noqa: E402

os.environ["DLT_MANIFEST_NO_CACHE"] = "1"
