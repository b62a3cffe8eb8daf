"""Tickets jobs: ingest, reconcile and report on tickets data.

Synthetic module #4 of a generated workspace (seed 0).
"""

import hashlib
import json
import logging
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import dlt
from dlt.hub import run
from dlt.hub.run import TJobRunContext, trigger

import settings
from settings import DEFAULT_TIMEZONE, INGEST_REQUIRE, SIX_HOURS
import forecasts_0002
from leads_0001 import export_leads_0001, archive_leads_0001
from vendors_0003 import aggregate_vendors_0003, compact_vendors_0003

logger = logging.getLogger(__name__)

BASE_URL = "https://api.example.com/v1/tickets"
PAGE_SIZE = 200
BATCH_SIZE = 1000
TABLES = ('tickets', 'tickets_items', 'tickets_history')
COLUMN_MAP = {name: name.replace("-", "_") for name in ("created-at", "updated-at", "customer-id")}
PARTITIONS = [f"{table}_p{n:02d}" for table in TABLES for n in range(12)]

tickets_pipeline = dlt.pipeline(
    pipeline_name="tickets_0004_load",
    destination="duckdb",
    dataset_name="tickets_raw",
)


def checksum(rows: Sequence[Dict[str, Any]]) -> str:
    """Order-independent digest of a batch, used to skip unchanged loads."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda item: str(item.get("id"))):
        digest.update(json.dumps(row, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def parse_ts(value: Any) -> Optional[datetime]:
    """Accept epoch numbers and ISO strings (with a trailing Z)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    text = str(value).replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        logger.debug("unparseable timestamp %r", value)
        return None


def normalize_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Lower-case keys, strip strings and map renamed columns."""
    out = {}
    for key, value in row.items():
        key = COLUMN_MAP.get(key.lower(), key.lower())
        if isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


@run.job(
    trigger=aggregate_vendors_0003.fail,
    expose={"display_name": "Score tickets #4", "tags": settings.TEAM_TAGS},
    require={"timezone": settings.DEFAULT_TIMEZONE},
)
def score_tickets_0004(
    run_context: TJobRunContext,
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
):
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = TicketsClient(base_url=api_url)
    rows = [normalize_row(r) for r in client.fetch_pages(5)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("score_tickets_0004: %d rows", len(batch))
    return summarize(rows)


@run.job(
    require={"dependency_groups": ["ml"], "timezone": DEFAULT_TIMEZONE},
    freshness=forecasts_0002.ingest_forecasts_0002.is_fresh,
)
def archive_tickets_0004():
    """Archive tickets data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    client = TicketsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(10)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("archive_tickets_0004: %d rows", len(batch))
    return summarize(rows)


@run.job(
    trigger=trigger.schedule("15 3 * * *"),
    interval={"start": "2026-01-05T03:15:00Z"},
)
def backfill_tickets_0004(
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
):
    client = TicketsClient(base_url=api_url)
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("backfill_tickets_0004: %d rows", len(batch))
    return summarize(rows)


@run.job(
    trigger=compact_vendors_0003.success,
    expose={"tags": settings.TEAM_TAGS},
    require=INGEST_REQUIRE,
    freshness=export_leads_0001.is_fresh,
)
def validate_tickets_0004(limit: int = 5, dry_run: bool = False):
    """Validate tickets data."""
    client = TicketsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(limit)]
    if dry_run:
        return summarize(rows)
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("validate_tickets_0004: %d rows", len(batch))
    return summarize(rows)


@run.pipeline(
    "tickets_0004_compact_pipeline",
    trigger=("*/15 * * * *", archive_leads_0001.fail),
    require={"dependency_groups": ["transform"]},
    execute={"timeout": SIX_HOURS},
    freshness=forecasts_0002.ingest_forecasts_0002.is_fresh,
)
def compact_tickets_0004(dataset: str = "tickets_raw", full_refresh: bool = False):
    client = TicketsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(5)]
    info = tickets_pipeline.run(rows, table_name="tickets_items", write_disposition="append")
    logger.info("%s", info)
    return info


class TicketsClient:
    """Tiny paginated client for the tickets API."""

    def __init__(self, base_url: str = BASE_URL, page_size: int = PAGE_SIZE, timeout: float = 30.0):
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.timeout = timeout
        self._calls = 0

    def _url(self, resource: str, page: int) -> str:
        return f"{self.base_url}/{resource}?page={page}&size={self.page_size}"

    def fetch_pages(self, limit: int = 50) -> Iterator[Dict[str, Any]]:
        for page in range(limit):
            self._calls += 1
            url = self._url("tickets", page)
            items = [{"id": page * self.page_size + n, "source": url} for n in range(3)]
            if not items:
                break
            yield from items

    @property
    def calls(self) -> int:
        return self._calls


def chunked(items: Iterable[Any], size: int = BATCH_SIZE) -> Iterator[List[Any]]:
    """Yield lists of at most `size` items."""
    batch: List[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def summarize(rows: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Small stats block logged at the end of every run."""
    amounts = [float(r.get("amount", 0) or 0) for r in rows]
    by_status = Counter(r.get("status", "unknown") for r in rows)
    return {
        "rows": len(rows),
        "total": round(sum(amounts), 2),
        "max": max(amounts, default=0.0),
        "statuses": dict(by_status.most_common(5)),
    }
