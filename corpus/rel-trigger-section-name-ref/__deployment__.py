from dlt.hub import run


@run.job(section="s")
def first(): ...


@run.job(trigger=["job.success:s.first", "job.fail: jobs.s.first"])
def second(): ...


__all__ = ["first", "second"]
