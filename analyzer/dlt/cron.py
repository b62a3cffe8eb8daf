"""croniter, imported without starting a process: the one way the analyzer imports it.

croniter 7 calls `platform.architecture()` at import (to detect a 32-bit Python), and
that runs the `file` program found through `PATH` on the interpreter: with `.` or an
empty entry in `PATH` and a workspace as the current folder, a workspace file named
`file` would run (DESIGN.md, "Inside the root": no process is started, by us or by a
dependency). While croniter is imported, `platform.architecture` is a pure function
giving the pointer size; croniter's own result is the same (it also checks the pointer
size and `sys.maxsize`).
"""

from __future__ import annotations

import platform
import struct


def _architecture(executable: str = "", bits: str = "", linkage: str = "") -> tuple:
    return (bits or f"{struct.calcsize('P') * 8}bit", linkage)


_original = platform.architecture
platform.architecture = _architecture
try:
    from croniter import CroniterBadDateError, croniter  # noqa: E402
finally:
    platform.architecture = _original

__all__ = ["CroniterBadDateError", "croniter"]
