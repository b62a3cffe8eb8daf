"""Daily ingest and daily reporting"""

from ingest import daily
from reporting import daily as report_daily

__all__ = ["daily", "report_daily"]
