"""Ops workspace -- reruns and repairs"""

from ops import rerun_failed, repair_partitions

__all__ = ["rerun_failed", "repair_partitions"]
