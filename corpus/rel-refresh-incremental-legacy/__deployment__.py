from dlt.hub import run


@run.job(
    trigger="0 * * * *",
    interval={"start": "2026-01-01T00:00:00Z"},
    allow_external_schedulers=True,
    refresh="always",
)
def external(): ...


@run.job(allow_external_schedulers=False, refresh="auto")
def explicit_defaults(): ...


@run.pipeline("p1", allow_external_schedulers=True, refresh="block")
def no_interval(): ...


__all__ = ["external", "explicit_defaults", "no_interval"]
