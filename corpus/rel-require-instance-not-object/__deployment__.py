from dlt.hub import run


@run.job(require={"instance": "medium"})
def sized(): ...


__all__ = ["sized"]
