"""Contracts jobs: ingest, reconcile and report on contracts data.

Synthetic module #0 of a generated workspace (seed 0).
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
from settings import DEFAULT_EXECUTE, TEAM_TAGS

logger = logging.getLogger(__name__)

BASE_URL = "https://api.example.com/v2/contracts"
PAGE_SIZE = 50
BATCH_SIZE = 1000
TABLES = ('contracts', 'contracts_items', 'contracts_history')
COLUMN_MAP = {name: name.replace("-", "_") for name in ("created-at", "updated-at", "customer-id")}
PARTITIONS = [f"{table}_p{n:02d}" for table in TABLES for n in range(8)]

contracts_pipeline = dlt.pipeline(
    pipeline_name="contracts_0000_load",
    destination="duckdb",
    dataset_name="contracts_raw",
)


def normalize_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Lower-case keys, strip strings and map renamed columns."""
    out = {}
    for key, value in row.items():
        key = COLUMN_MAP.get(key.lower(), key.lower())
        if isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


class ContractsClient:
    """Tiny paginated client for the contracts API."""

    def __init__(self, base_url: str = BASE_URL, page_size: int = PAGE_SIZE, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.timeout = timeout
        self._calls = 0

    def _url(self, resource: str, page: int) -> str:
        return f"{self.base_url}/{resource}?page={page}&size={self.page_size}"

    def fetch_pages(self, limit: int = 5) -> Iterator[Dict[str, Any]]:
        for page in range(limit):
            self._calls += 1
            url = self._url("contracts", page)
            items = [{"id": page * self.page_size + n, "source": url} for n in range(3)]
            if not items:
                break
            yield from items

    @property
    def calls(self) -> int:
        return self._calls


@dataclass(frozen=True)
class ContractsRecord:
    """One normalized contracts row."""

    id: int
    name: str
    amount: float = 0.0
    tags: Tuple[str, ...] = ()
    updated_at: Optional[datetime] = None

    def key(self) -> str:
        return f"{self.id}:{self.name}"

    def as_dict(self) -> Dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


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


@run.job(
    trigger="*/30 * * * *",
    expose={"display_name": "Dedupe contracts #0", "tags": TEAM_TAGS, "starred": True},
    execute=DEFAULT_EXECUTE,
)
def dedupe_contracts_0000(dataset: str = "contracts_raw", full_refresh: bool = False):
    """Dedupe contracts data."""
    client = ContractsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("dedupe_contracts_0000: %d rows", len(batch))
    return summarize(rows)


@run.interactive(interface="rest_api", idle_timeout="30m")
def archive_contracts_0000(batch_size: int = 100):
    """Archive contracts data."""
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    server = HTTPServer(("0.0.0.0", 8000), SimpleHTTPRequestHandler)
    logger.info("serving on %s", server.server_address)
    server.serve_forever()


@run.job(trigger=settings.HOURLY, execute={"timeout": settings.SIX_HOURS})
def refresh_contracts_0000(
    run_context: TJobRunContext,
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
):
    """Refresh contracts data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = ContractsClient(base_url=api_url)
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("refresh_contracts_0000: %d rows", len(batch))
    return summarize(rows)


@run.pipeline(
    contracts_pipeline,
    trigger=refresh_contracts_0000.success,
    expose={"tags": "reporting"},
    require={"dependency_groups": ["reporting"], "timezone": "Europe/Berlin"},
    execute={"concurrency": None},
)
def compact_contracts_0000(batch_size: int = 250):
    client = ContractsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(3)]
    info = contracts_pipeline.run(rows, table_name="contracts", write_disposition="merge")
    logger.info("%s", info)
    return info


@run.job(
    trigger=trigger.every("1.5h"),
    expose={"tags": ["ingest"], "starred": True},
    execute={"timeout": "45m", "concurrency": 4},
    refresh="block",
)
def backfill_contracts_0000(run_context: TJobRunContext, batch_size: int = 250):
    """Backfill contracts data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = ContractsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(10)]
    for batch in chunked(rows, batch_size):
        logger.info("backfill_contracts_0000: %d rows", len(batch))
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


class _TTLCache:
    """Process-local cache for lookups that change rarely."""

    def __init__(self, ttl: timedelta = timedelta(minutes=15)) -> None:
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


def group_by(rows: Iterable[Dict[str, Any]], field_name: str) -> Dict[Any, List[Dict[str, Any]]]:
    """Bucket rows by one field, keeping their order."""
    groups: Dict[Any, List[Dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row.get(field_name)].append(row)
    return dict(groups)


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


@contextmanager
def timed(label: str) -> Iterator[None]:
    """Log how long the block took."""
    started = time.perf_counter()
    try:
        yield
    finally:
        logger.info("%s took %.3fs", label, time.perf_counter() - started)
