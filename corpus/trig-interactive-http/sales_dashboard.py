"""Sales KPIs dashboard."""

import streamlit as st
from dlt.hub.run import trigger

# appended after the detector's own `http:` trigger
__trigger__ = [trigger.http(port=8501, path="/kpis"), trigger.http(path="/healthz"), "http"]

st.title("Sales KPIs")
