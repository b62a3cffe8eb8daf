"""Refresh status."""

import streamlit as st
from dlt.hub.run import trigger

__trigger__ = trigger.http(8501, "/status")

st.title("Refresh status")
