"""Operations board."""

import streamlit as st

__expose__ = {
    "display_name": "Ops board",
    "interface": "gui",
    "category": "dashboard",
    "tags": "ops",
}

st.title("Ops")
