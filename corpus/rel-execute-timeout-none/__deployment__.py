from dlt.hub import run


@run.job(execute={"timeout": None, "concurrency": 3})
def no_timeout(): ...


@run.interactive(execute={"timeout": None})
def ui(): ...


__all__ = ["no_timeout", "ui"]
