"""KPIs of the sales team."""

import streamlit as st

__expose__ = {"display_name": "Sales KPIs", "starred": True, "tags": ["sales"]}
__require__ = {"dependency_groups": ["dashboards"]}

st.set_page_config(page_title="Sales KPIs", layout="wide")
st.title("Sales KPIs")
col1, col2 = st.columns(2)
col1.metric("Revenue", "1.2M")
