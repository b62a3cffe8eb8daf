"""Daily sales dashboard.

Shows orders and revenue for the last 30 days.
"""

import streamlit as st

st.set_page_config(page_title="Sales", layout="wide")
st.title("Sales")
st.write("Orders and revenue for the last 30 days")
