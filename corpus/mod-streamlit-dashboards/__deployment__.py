"""Streamlit dashboards for the sales team"""

import sales_dashboard
import pipeline_health
import embed_widgets

__all__ = ["sales_dashboard", "pipeline_health", "embed_widgets"]
