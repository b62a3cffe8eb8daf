from dlt.hub import run

summarizer = run.agent(
    {
        "name": "toolkit:daily-summary",
        "description": "Summarizes the day",
        "system_prompt": "Summarize {{ day }}.",
        "inputs": {"type": "object", "properties": {"day": {"type": "string"}}, "required": ["day"]},
        "tools": "jobs",
        "defaults": {"execute": {"timeout": "30m", "concurrency": 2}},
    },
    execute={"concurrency": 3},
    require={"dependency_groups": ["extra"]},
)

__all__ = ["summarizer"]
