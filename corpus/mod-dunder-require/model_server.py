from fastmcp import FastMCP

__require__ = {"profile": "access", "static_egress_ips": True}

server = FastMCP(name="forecast-model")
