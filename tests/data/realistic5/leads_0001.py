"""Leads jobs: ingest, reconcile and report on leads data.

Synthetic module #1 of a generated workspace (seed 0).
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

from settings import TEAM_TAGS
import contracts_0000

logger = logging.getLogger(__name__)

BASE_URL = "https://api.example.com/v3/leads"
PAGE_SIZE = 100
BATCH_SIZE = 500
TABLES = ('leads', 'leads_items', 'leads_history')
COLUMN_MAP = {name: name.replace("-", "_") for name in ("created-at", "updated-at", "customer-id")}
PARTITIONS = [f"{table}_p{n:02d}" for table in TABLES for n in range(8)]

leads_pipeline = dlt.pipeline(pipeline_name="leads_0001_load", dataset_name="leads")


class _TTLCache:
    """Process-local cache for lookups that change rarely."""

    def __init__(self, ttl: timedelta = timedelta(minutes=60)) -> None:
        self.ttl = ttl
        self._items: Dict[str, Tuple[datetime, Any]] = {}

    def get(self, key: str, default: Any = None) -> Any:
        hit = self._items.get(key)
        if hit is None:
            return default
        stamp, value = hit
        if datetime.now(timezone.utc) - stamp > self.ttl:
            self._items.pop(key, None)
            return default
        return value

    def put(self, key: str, value: Any) -> None:
        self._items[key] = (datetime.now(timezone.utc), value)


LOOKUPS = _TTLCache()


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


def window_bounds(start: datetime, hours: int = 12) -> Tuple[datetime, datetime]:
    """Return [start, end) of the processing window, aligned to the hour."""
    start = start.replace(minute=0, second=0, microsecond=0)
    return start, start + timedelta(hours=hours)


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
    trigger=trigger.schedule("15 3 * * *"),
    interval={"start": "2026-01-05T03:15:00Z", "end": "2026-04-05T03:15:00Z"},
)
def export_leads_0001(
    run_context: TJobRunContext,
    limit: int = 50,
    dry_run: bool = False,
):
    """Export leads data."""
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = LeadsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(limit)]
    if dry_run:
        return summarize(rows)
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("export_leads_0001: %d rows", len(batch))
    return summarize(rows)


@run.pipeline(leads_pipeline, trigger="every:45m")
def archive_leads_0001():
    """Archive leads data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    client = LeadsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    pipeline = dlt.pipeline(pipeline_name="archive_leads_0001", destination="duckdb")
    info = pipeline.run(rows, table_name="leads", write_disposition="append")
    logger.info("%s", info)
    return info


@run.job(
    trigger=trigger.schedule("0 */6 * * *"),
    expose={"tags": TEAM_TAGS},
    interval={"start": "2026-01-01T06:00:00Z", "end": "2026-01-31T18:00:00Z"},
)
def aggregate_leads_0001(batch_size: int = 1000):
    """Aggregate leads data."""
    client = LeadsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    for batch in chunked(rows, batch_size):
        logger.info("aggregate_leads_0001: %d rows", len(batch))
    return summarize(rows)


@run.job(
    name="refresh_leads_0001_job",
    trigger=contracts_0000.dedupe_contracts_0000.fail,
    expose={"tags": ["reporting", "backfill"]},
    execute={"timeout": "2h", "concurrency": 2},
)
def refresh_leads_0001(run_context: TJobRunContext, batch_size: int = 1000):
    """Refresh leads data."""
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = LeadsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(5)]
    for batch in chunked(rows, batch_size):
        logger.info("refresh_leads_0001: %d rows", len(batch))
    return summarize(rows)


@run.pipeline(leads_pipeline, execute={"timeout": "45m", "concurrency": 4})
def snapshot_leads_0001():
    """Snapshot leads data."""
    client = LeadsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    pipeline = dlt.pipeline(pipeline_name="snapshot_leads_0001", destination="duckdb")
    info = pipeline.run(rows, table_name="leads_items", write_disposition="append")
    logger.info("%s", info)
    return info


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


class LeadsClient:
    """Tiny paginated client for the leads API."""

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
            url = self._url("leads", page)
            items = [{"id": page * self.page_size + n, "source": url} for n in range(3)]
            if not items:
                break
            yield from items

    @property
    def calls(self) -> int:
        return self._calls


def build_query(table: str, since: Optional[datetime] = None, columns: Sequence[str] = ()) -> str:
    """SELECT for an incremental read of one table."""
    cols = ", ".join(columns) if columns else "*"
    sql = f"SELECT {cols} FROM {table}"
    if since is not None:
        sql += f" WHERE updated_at >= '{since.isoformat()}'"
    return sql + " ORDER BY id"


class LeadsStatus(str, Enum):
    NEW = "new"
    ACTIVE = "active"
    CLOSED = "closed"

    @classmethod
    def parse(cls, value: str) -> "LeadsStatus":
        try:
            return cls(value.lower())
        except ValueError:
            return cls.NEW


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
