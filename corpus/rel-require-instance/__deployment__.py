from dlt.hub import run


@run.job(require={"instance": {"size": "medium", "gpu": 1}, "timezone": "Europe/Berlin"})
def sized(): ...


__all__ = ["sized"]
