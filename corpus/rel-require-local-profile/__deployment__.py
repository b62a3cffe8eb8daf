from dlt.hub import run


@run.job(require={"profile": "tests"})
def local_profile(): ...


__all__ = ["local_profile"]
