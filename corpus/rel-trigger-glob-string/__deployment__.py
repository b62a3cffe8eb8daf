from dlt.hub import run


@run.job(section="ingest")
def orders(): ...


@run.job(section="ingest")
def customers(): ...


@run.job(trigger="job.success:jobs.ingest.*")
def after_ingest(): ...


__all__ = ["orders", "customers", "after_ingest"]
