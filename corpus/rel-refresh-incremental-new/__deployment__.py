from dlt.hub import run


@run.job(
    trigger="0 * * * *",
    interval={"start": "2026-01-01T00:00:00Z"},
    incremental_mode="interval",
    refresh_propagation="always",
    auto_refresh_pipeline_mode="drop_sources",
)
def new_style(): ...


@run.job(incremental_mode="pipeline", refresh_propagation="auto", refresh="block", allow_external_schedulers=True)
def new_wins(): ...


@run.job(auto_refresh_pipeline_mode="drop_data", refresh_propagation="block", incremental_mode="interval")
def blocked(): ...


__all__ = ["new_style", "new_wins", "blocked"]
