"""Current stock levels per warehouse."""

import streamlit as st

# `pinned` is not an expose key (the UI flag is `starred`)
__expose__ = {"display_name": "Stock levels", "pinned": True}

st.title("Stock levels")
