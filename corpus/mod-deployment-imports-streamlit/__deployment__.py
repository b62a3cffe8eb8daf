"""Sales workspace with an inline Streamlit app"""

import streamlit as st

from dlt.hub import run
from dlt.hub.run import trigger

from sales_pipeline import load_sales


@run.interactive(section="sales_ui", interface="gui")
def sales_app():
    """Serve the sales explorer."""
    st.title("Sales explorer")


@run.job(trigger=load_sales.success)
def notify_sales():
    """Post a message when sales are loaded."""


__all__ = ["load_sales", "sales_app", "notify_sales"]
