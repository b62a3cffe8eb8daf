import sys
from pathlib import Path

# the repository root (analyzer/, rules/) and tests/ (helpers) are importable
ROOT = Path(__file__).resolve().parent.parent
for path in (str(ROOT), str(ROOT / "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)
