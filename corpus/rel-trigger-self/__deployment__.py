from dlt.hub import run


@run.job(trigger=["job.success:jobs.__deployment__.loop", "0 * * * *"])
def loop(): ...


__all__ = ["loop"]
