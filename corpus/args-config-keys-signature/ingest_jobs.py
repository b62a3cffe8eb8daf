"""Ingestion jobs whose config keys come from their signatures."""

import logging
from datetime import datetime
from typing import Any, Dict, Optional, Tuple

import dlt
from dlt.hub import run
from dlt.hub.run import trigger, TJobRunContext


@run.job(trigger="0 * * * *")
def load_api(
    run_context: TJobRunContext = None,
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
    page_size: int = 100,
    resume=True,
    region="eu",
    since: Optional[datetime] = None,
    extra_headers: Dict[str, str] = None,
):
    """Literals, config/secret sentinels, None defaults and run_context with a default."""


@run.job(trigger=load_api.success)
def fan_out(source_table, *tables, batch: int = 10, dry_run: bool = False, **options):
    """No-default params, *args, keyword-only params and **kwargs."""


@run.job
def kw_only(*, target: str, mode: str = "merge", verbose=False):
    """Keyword-only params: only those with defaults are config keys."""


@run.job
def no_defaults(run_context: TJobRunContext, table_name: str, limit: int):
    """Nothing has a default: no config_keys at all."""


@run.job
def nothing():
    """No parameters."""


@run.job(trigger="30 * * * *")
def with_objects(
    pipeline: dlt.Pipeline = None,
    log: logging.Logger = None,
    hook: Any = None,
    destination_name: str = "duckdb",
    tables: Tuple[str, ...] = ("users", "orders"),
):
    """Params annotated with non-config types are skipped."""


@run.job(trigger="45 * * * *")
async def async_load(limit: int = 1000, token=dlt.secrets.value):
    """Async job function."""


@run.job
def positional_only(chunk_size=500, /, strict: bool = True):
    """Positional-only parameter with a default."""
