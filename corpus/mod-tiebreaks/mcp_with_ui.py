import streamlit
from fastmcp import FastMCP

server = FastMCP("metrics")
