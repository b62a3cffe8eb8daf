"""Modules that match more than one framework detector"""

import hybrid_notebook
import mcp_with_ui
import notebook_and_server
import churn_view

__all__ = ["hybrid_notebook", "mcp_with_ui", "notebook_and_server", "churn_view"]
