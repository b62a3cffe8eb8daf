import dlt
from dlt.hub import run
from dlt.hub.run import TJobRunContext


@run.job
def with_context(run_context: TJobRunContext = None, limit: int = 10, name: str = dlt.config.value): ...


@run.job
def context_only(run_context: TJobRunContext = None): ...


@run.job
def context_typed_other_name(ctx: TJobRunContext = None): ...


__all__ = ["with_context", "context_only", "context_typed_other_name"]
