"""Product analytics workspace"""

import funnel_notebook
import kpi_board
import draft_notebook

__all__ = ["funnel_notebook", "kpi_board", "draft_notebook"]
