"""Jobs organised in packages"""

import reports.daily
import etl.cleanup as cleanup
from etl import loader
from analytics.notebooks import weekly
import adhoc.backfill

__all__ = ["reports", "cleanup", "loader", "weekly", "adhoc", "reports.daily"]
