from dlt.hub import run

helper = run.agent("agents/helper", name="helper", trigger="0 8 * * *")

__all__ = ["helper"]
