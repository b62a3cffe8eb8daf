"""Reports workspace."""

import nightly_report

__all__ = ["nightly_report"]
