from typing import Annotated, Optional
from typing_extensions import TypedDict
import dlt
from dlt.hub import run


class Out(TypedDict):
    dataset: Annotated[str, run.Entity("dataset")]


@run.job
def act_on_run(
    run_id: Annotated[str, run.Entity("job-runs"), run.Doc("the run")] = dlt.config.value,
    pipeline: Annotated[Optional[str], run.Entity("pipeline")] = None,
    n: int = 1,
) -> Out: ...


@run.job(expose={"display_name": "Fix", "object_input": {"entity_type": "job", "input": "manual"}})
def fix(job_id: Annotated[str, run.Entity("job")] = None, ws: Annotated[str, run.Entity("workspace")] = None): ...


@run.job
def legacy(run_id: Annotated[str, run.Entity("job-run")] = None): ...


__all__ = ["act_on_run", "fix", "legacy"]
