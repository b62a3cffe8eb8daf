from dlt.hub import run
from dlt.hub.run import trigger


@run.job(section="ingest", expose={"tags": ["raw"]})
def a(): ...


@run.job(section="ingest", trigger="0 * * * *")
def b(): ...


@run.pipeline("pl", section="load", expose={"tags": "raw"})
def c(): ...


@run.interactive(section="ingest", expose={"tags": ["raw"]})
def ui(): ...


@run.job(trigger=["job.success:jobs.ingest.*"])
def glob_section(): ...


@run.job(trigger=trigger.job_success("tag:raw"))
def by_tag(): ...


@run.job(trigger=["job.fail:batch:", "job.success:nothing_*"])
def by_batch(): ...


@run.job(trigger=["job.success:ingest.a", "job.success:jobs.ingest.a", "job.success:tag:raw", "0 1 * * *"])
def dedupe(): ...


@run.job(trigger=["job.success:schedule:*", "job.success:every"])
def by_trigger_type(): ...


__all__ = ["a", "b", "c", "ui", "glob_section", "by_tag", "by_batch", "dedupe", "by_trigger_type"]
