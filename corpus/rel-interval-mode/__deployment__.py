from dlt.hub import run


@run.job(trigger="0 * * * *", interval={"start": "2026-01-01T00:00:00Z", "mode": "parallel"})
def parallel(): ...


__all__ = ["parallel"]
