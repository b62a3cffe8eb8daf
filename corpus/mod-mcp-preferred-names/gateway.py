from fastmcp import FastMCP

app = FastMCP(name="gateway-app")
server = FastMCP(name="gateway")
