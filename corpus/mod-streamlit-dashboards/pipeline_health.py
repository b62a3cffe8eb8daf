import streamlit

streamlit.header("Pipeline health")


def render_status(ok: bool) -> None:
    streamlit.metric("status", "ok" if ok else "failing")


render_status(True)
