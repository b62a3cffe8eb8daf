"""Writes a synthetic dlt workspace of N modules (tests/test_output.py: a workspace that
takes seconds to analyze). The benchmark (`bench/run.sh`) uses the heavier realistic shape
of ../shared/bench/synth-workspace.py.

    python bench/make_workspace.py N OUT_DIR

Each module is like a real pipeline module: imports, constants, a `@dlt.source` with
resources whose bodies do real work, helper functions, and two or three decorated jobs
(pipelines, follow-ups, intervals, freshness). `__deployment__.py` lists every job.
"""

import os
import random
import sys

MODULE = '''"""Pipelines for the {name} domain: ingestion and daily aggregates."""

import json
import logging
from datetime import datetime, timezone

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

from common.settings import DEFAULT_TIMEOUT, EPOCH, TEAM_TAGS

logger = logging.getLogger(__name__)

SCHEDULE = "{minute} {hour} * * *"
START = f"{{EPOCH[:10]}}T{hour:02d}:00:00Z"  # on a tick of the schedule
TABLES = ["orders_{i}", "customers_{i}", "events_{i}"]
PAGE_SIZE = {page}

{name}_pipeline = dlt.pipeline(
    pipeline_name="{name}_pipeline", destination="duckdb", dataset_name="{name}_data"
)


@dlt.source(name="{name}")
def {name}_source(api_url: str = dlt.config.value, api_key: str = dlt.secrets.value):
    """The {name} REST API."""

    @dlt.resource(write_disposition="merge", primary_key="id")
    def records(updated_at=dlt.sources.incremental("updated_at", initial_value="2026-01-01")):
        page = 0
        while True:
            batch = _fetch(api_url, api_key, page, updated_at.last_value)
            if not batch:
                break
            for row in batch:
                row["loaded_at"] = datetime.now(timezone.utc).isoformat()
                yield row
            page += 1

    return records


def _fetch(url: str, key: str, page: int, since) -> list:
    """Fetches one page of records changed since `since`."""
    logger.info("fetching %s page %s since %s", url, page, since)
    payload = {{"page": page, "size": PAGE_SIZE, "since": since}}
    headers = {{"Authorization": f"Bearer {{key}}", "Accept": "application/json"}}
    response = json.dumps({{"url": url, "payload": payload, "headers": headers}})
    rows = []
    for n in range(PAGE_SIZE if page < 3 else 0):
        rows.append({{"id": n + page * PAGE_SIZE, "raw": response[: n % 17]}})
    return rows


def _summarize(rows: list) -> dict:
    totals = {{}}
    for row in rows:
        key = row.get("category", "other")
        totals[key] = totals.get(key, 0) + row.get("amount", 0)
    ordered = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    return {{"top": ordered[:10], "count": len(rows)}}


@run.pipeline(
    {name}_pipeline,
    trigger=trigger.schedule(SCHEDULE),
    interval={{"start": START}},
    execute={{"timeout": DEFAULT_TIMEOUT}},
    expose={{"display_name": "Load {name}", "tags": TEAM_TAGS["{team}"]}},
)
def load_{name}(run_context: run.TJobRunContext, full_refresh: bool = False):
    """Loads {name} records incrementally, one daily interval at a time."""
    source = {name}_source()
    if full_refresh:
        source.records.apply_hints(incremental=None)
    info = {name}_pipeline.run(source)
    logger.info(info)
    return info


@run.job(trigger=load_{name}.success, freshness=[load_{name}.is_fresh], require={{"dependency_groups": ["reports"]}})
def aggregate_{name}(tables: tuple = tuple(TABLES), limit: int = 1000):
    """Builds daily aggregates for {name}."""
    dataset = {name}_pipeline.dataset()
    rows = []
    for table in tables:
        rows.extend(dataset[table].df().head(limit).to_dict("records"))
    summary = _summarize(rows)
    logger.info("summary %s", summary)
    return summary
'''


def main(n: int, out: str) -> None:
    random.seed(n)
    os.makedirs(os.path.join(out, "common"), exist_ok=True)
    with open(os.path.join(out, "common", "__init__.py"), "w") as f:
        f.write('"""Shared settings."""\n')
    with open(os.path.join(out, "common", "settings.py"), "w") as f:
        f.write(
            '"""Settings shared by all pipelines."""\n\n'
            'EPOCH = "2026-01-01T00:00:00Z"\nDEFAULT_TIMEOUT = "2h"\n\n\n'
            "TEAM_TAGS = {f\"team{i}\": [f\"team{i}\", \"ingest\"] for i in range(7)}\n"
        )
    names = [f"domain{i:04d}" for i in range(n)]
    os.makedirs(os.path.join(out, "pipelines"), exist_ok=True)
    with open(os.path.join(out, "pipelines", "__init__.py"), "w") as f:
        f.write('"""All pipelines."""\n')
    for i, name in enumerate(names):
        text = MODULE.format(name=name, i=i, minute=0, hour=random.randrange(24),
                             page=random.choice([100, 250, 500]), team=f"team{i % 7}")
        with open(os.path.join(out, "pipelines", f"{name}.py"), "w") as f:
            f.write(text)
    jobs = [f"load_{name}" for name in names] + [f"aggregate_{name}" for name in names]
    with open(os.path.join(out, "__deployment__.py"), "w") as f:
        f.write(f'"""Synthetic workspace of {n} pipeline modules."""\n\n')
        for name in names:
            f.write(f"from pipelines.{name} import load_{name}, aggregate_{name}\n")
        f.write("\n__all__ = [\n" + "".join(f"    {j!r},\n" for j in jobs) + "]\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
