"""Vendors jobs: ingest, reconcile and report on vendors data.

Synthetic module #3 of a generated workspace (seed 0).
"""

from __future__ import annotations

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
from settings import INGEST_REQUIRE
import contracts_0000 as contracts0
from leads_0001 import refresh_leads_0001

logger = logging.getLogger(__name__)

BASE_URL = "https://api.example.com/v3/vendors"
PAGE_SIZE = 200
BATCH_SIZE = 500
TABLES = ('vendors', 'vendors_items', 'vendors_history')
COLUMN_MAP = {name: name.replace("-", "_") for name in ("created-at", "updated-at", "customer-id")}
PARTITIONS = [f"{table}_p{n:02d}" for table in TABLES for n in range(4)]

vendors_pipeline = dlt.pipeline(pipeline_name="vendors_0003_load", dataset_name="vendors")


class VendorsClient:
    """Tiny paginated client for the vendors API."""

    def __init__(self, base_url: str = BASE_URL, page_size: int = PAGE_SIZE, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.timeout = timeout
        self._calls = 0

    def _url(self, resource: str, page: int) -> str:
        return f"{self.base_url}/{resource}?page={page}&size={self.page_size}"

    def fetch_pages(self, limit: int = 50) -> Iterator[Dict[str, Any]]:
        for page in range(limit):
            self._calls += 1
            url = self._url("vendors", page)
            items = [{"id": page * self.page_size + n, "source": url} for n in range(3)]
            if not items:
                break
            yield from items

    @property
    def calls(self) -> int:
        return self._calls


def with_retries(attempts: int = 5, backoff: float = 0.5):
    """Retry a callable a few times with a linear backoff."""

    def decorate(fn):
        def wrapper(*args, **kwargs):
            last_error = None
            for attempt in range(1, attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:  # noqa: BLE001
                    last_error = exc
                    logger.warning("attempt %d/%d failed: %s", attempt, attempts, exc)
                    time.sleep(backoff * attempt)
            raise RuntimeError("giving up") from last_error

        return wrapper

    return decorate


@with_retries(attempts=2)
def fetch_snapshot(client: "VendorsClient", limit: int = 3) -> List[Dict[str, Any]]:
    """A decorated helper that is not a job."""
    return [normalize_row(row) for row in client.fetch_pages(limit)]


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


@run.pipeline(
    vendors_pipeline,
    trigger=[trigger.every("1.5h"), refresh_leads_0001.success],
    expose={"tags": settings.TEAM_TAGS},
    require=INGEST_REQUIRE,
)
def report_vendors_0003(run_context: TJobRunContext, since: Optional[str] = None):
    """Report vendors data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = VendorsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    info = vendors_pipeline.run(rows, table_name="vendors_history", write_disposition="merge")
    logger.info("%s", info)
    return info


@run.job(
    trigger=trigger.schedule("*/15 * * * *"),
    expose={"display_name": "Snapshot vendors #3", "tags": ["core"]},
    execute={"timeout": "45m", "concurrency": 4},
    interval={"start": settings.EPOCH},
)
def snapshot_vendors_0003(batch_size: int = 1000):
    """Snapshot vendors data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    client = VendorsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(10)]
    for batch in chunked(rows, batch_size):
        logger.info("snapshot_vendors_0003: %d rows", len(batch))
    return summarize(rows)


@run.job(
    trigger=contracts0.compact_contracts_0000.success,
    require={"dependency_groups": ["ingest"]},
    freshness=[snapshot_vendors_0003.is_fresh],
)
def aggregate_vendors_0003():
    """Aggregate vendors data."""
    client = VendorsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(5)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("aggregate_vendors_0003: %d rows", len(batch))
    return summarize(rows)


@run.pipeline(
    vendors_pipeline,
    trigger=trigger.every("30m"),
    expose={"display_name": "Compact vendors #3"},
    execute={"concurrency": None},
    refresh="block",
)
def compact_vendors_0003(
    run_context: TJobRunContext,
    limit: int = 5,
    dry_run: bool = False,
):
    """Compact vendors data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = VendorsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(limit)]
    info = vendors_pipeline.run(rows, table_name="vendors_history", write_disposition="append")
    logger.info("%s", info)
    return info


@run.job(
    trigger="tag:backfill",
    expose={"tags": "core"},
    require=settings.INGEST_REQUIRE,
    execute={"timeout": "30m"},
)
def transform_vendors_0003(since: Optional[str] = None):
    """Transform vendors data."""
    client = VendorsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("transform_vendors_0003: %d rows", len(batch))
    return summarize(rows)


def dedupe(rows: Iterable[Dict[str, Any]], key: str = "id") -> List[Dict[str, Any]]:
    """Keep the first row for every key value."""
    seen: Set[Any] = set()
    unique = []
    for row in rows:
        marker = row.get(key)
        if marker in seen:
            continue
        seen.add(marker)
        unique.append(row)
    return unique


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


def normalize_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Lower-case keys, strip strings and map renamed columns."""
    out = {}
    for key, value in row.items():
        key = COLUMN_MAP.get(key.lower(), key.lower())
        if isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out
