"""Analytics notebooks for the finance team.

Each notebook is deployed as an interactive marimo app.
"""

import revenue_explorer
import churn_report
import cohort_scratchpad
import untitled_notebook

__all__ = ["revenue_explorer", "churn_report", "cohort_scratchpad", "untitled_notebook"]
