"""Custom HTML widgets embedded into other pages."""

import streamlit.components.v1 as components
from streamlit import markdown


def chart_widget(html: str) -> None:
    components.html(html, height=300)
    markdown("rendered")
