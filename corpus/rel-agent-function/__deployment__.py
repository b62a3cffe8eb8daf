from typing import Annotated, Literal
import dlt
from dlt.hub import run


class Diagnosis(run.TAgentOutput):
    classification: Annotated[Literal["config", "code"], run.Doc("kind of failure")]


@run.agent(
    access={"local": ["read"], "context": "read"},
    tools=["jobs", "logs"],
    limits={"max_turns": 20},
    model="sonnet",
    instructions="Go.",
    trigger="0 * * * *",
    execute={"timeout": "10m"},
)
async def inspect_failure(
    failed_run_id: Annotated[str, run.Entity("job-runs")] = dlt.config.value,
    run_context: run.TJobRunContext = None,
) -> Diagnosis:
    """Explain why job run {{ failed_run_id }} failed.

    Do not repair anything."""
    return await run_context["ai_loop"].run(inputs={"failed_run_id": failed_run_id})


@run.agent
def minimal():
    """Do the minimal thing."""


__all__ = ["inspect_failure", "minimal"]
