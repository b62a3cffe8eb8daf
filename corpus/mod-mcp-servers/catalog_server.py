import fastmcp

server = fastmcp.FastMCP(name="catalog", instructions="Look up dataset documentation.")


@server.tool
def describe(table: str) -> str:
    return f"table {table}"
