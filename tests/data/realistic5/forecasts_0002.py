"""Forecasts jobs: ingest, reconcile and report on forecasts data.

Synthetic module #2 of a generated workspace (seed 0).
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
from settings import HOURLY, INGEST_REQUIRE

logger = logging.getLogger(__name__)

BASE_URL = "https://api.example.com/v2/forecasts"
PAGE_SIZE = 100
BATCH_SIZE = 1000
TABLES = ('forecasts', 'forecasts_items', 'forecasts_history')
COLUMN_MAP = {name: name.replace("-", "_") for name in ("created-at", "updated-at", "customer-id")}
PARTITIONS = [f"{table}_p{n:02d}" for table in TABLES for n in range(8)]

forecasts_pipeline = dlt.pipeline(
    pipeline_name="forecasts_0002_load",
    destination="duckdb",
    dataset_name="forecasts_raw",
)

forecasts_ingest_pipeline = dlt.pipeline(
    pipeline_name="forecasts_0002_ingest",
    destination="duckdb",
    dataset_name="forecasts_raw",
)


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


class ForecastsClient:
    """Tiny paginated client for the forecasts API."""

    def __init__(self, base_url: str = BASE_URL, page_size: int = PAGE_SIZE, timeout: float = 30.0):
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.timeout = timeout
        self._calls = 0

    def _url(self, resource: str, page: int) -> str:
        return f"{self.base_url}/{resource}?page={page}&size={self.page_size}"

    def fetch_pages(self, limit: int = 10) -> Iterator[Dict[str, Any]]:
        for page in range(limit):
            self._calls += 1
            url = self._url("forecasts", page)
            items = [{"id": page * self.page_size + n, "source": url} for n in range(3)]
            if not items:
                break
            yield from items

    @property
    def calls(self) -> int:
        return self._calls


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


def normalize_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Lower-case keys, strip strings and map renamed columns."""
    out = {}
    for key, value in row.items():
        key = COLUMN_MAP.get(key.lower(), key.lower())
        if isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


@run.pipeline(
    "forecasts_0002_cleanup_pipeline",
    trigger=HOURLY,
    require=INGEST_REQUIRE,
    execute=settings.DEFAULT_EXECUTE,
    interval={"start": "2026-01-01T00:00:00Z"},
)
def cleanup_forecasts_0002(
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
):
    client = ForecastsClient(base_url=api_url)
    rows = [normalize_row(r) for r in client.fetch_pages(5)]
    info = forecasts_pipeline.run(rows, table_name="forecasts_history", write_disposition="append")
    logger.info("%s", info)
    return info


@run.pipeline("forecasts_0002_score_pipeline", trigger=trigger.every("1d"))
def score_forecasts_0002(
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
):
    client = ForecastsClient(base_url=api_url)
    rows = [normalize_row(r) for r in client.fetch_pages(10)]
    info = forecasts_pipeline.run(rows, table_name="forecasts_items", write_disposition="append")
    logger.info("%s", info)
    return info


@run.pipeline(
    forecasts_pipeline,
    trigger="0 0 * * *",
    expose={"tags": settings.TEAM_TAGS},
    require=settings.INGEST_REQUIRE,
    interval={"start": "2026-01-01T00:00:00Z", "end": "2026-06-01T00:00:00Z"},
)
def ingest_forecasts_0002(
    api_url: str = dlt.config.value,
    api_key: str = dlt.secrets.value,
):
    """Ingest forecasts data from the source API.

    Reads at most a few pages, normalizes the rows and
    logs a summary; safe to re-run.
    """
    client = ForecastsClient(base_url=api_url)
    rows = [normalize_row(r) for r in client.fetch_pages(10)]
    info = forecasts_ingest_pipeline.run(rows, table_name="forecasts", write_disposition="replace")
    logger.info("%s", info)
    return info


@run.job(trigger="0 0 * * 0", expose={"tags": ["backfill", "pii"]}, refresh="always")
def reconcile_forecasts_0002(run_context: TJobRunContext):
    """Reconcile forecasts data."""
    start = run_context.get("interval_start") or datetime.now(timezone.utc)
    if run_context.get("refresh"):
        logger.info("refresh requested, reloading from %s", start)
    client = ForecastsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(10)]
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("reconcile_forecasts_0002: %d rows", len(batch))
    return summarize(rows)


@run.job(trigger=cleanup_forecasts_0002.success, require=settings.INGEST_REQUIRE)
async def enrich_forecasts_0002(limit: int = 5, dry_run: bool = False):
    client = ForecastsClient()
    rows = [normalize_row(r) for r in client.fetch_pages(limit)]
    if dry_run:
        return summarize(rows)
    for batch in chunked(rows, BATCH_SIZE):
        logger.info("enrich_forecasts_0002: %d rows", len(batch))
    return summarize(rows)


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


@dataclass(frozen=True)
class ForecastsRecord:
    """One normalized forecasts row."""

    id: int
    name: str
    amount: float = 0.0
    tags: Tuple[str, ...] = ()
    updated_at: Optional[datetime] = None

    def key(self) -> str:
        return f"{self.id}:{self.name}"

    def as_dict(self) -> Dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class ForecastsValidator:
    """Collects rule violations instead of failing fast."""

    required = ("id", "updated_at")

    def __init__(self, max_errors: int = 50) -> None:
        self.max_errors = max_errors
        self.errors: List[str] = []

    def check(self, row: Dict[str, Any]) -> bool:
        missing = [name for name in self.required if row.get(name) in (None, "")]
        if missing:
            self._add(f"row {row.get('id')!r}: missing {', '.join(missing)}")
        return not missing

    def _add(self, message: str) -> None:
        if len(self.errors) < self.max_errors:
            self.errors.append(message)

    def report(self) -> str:
        lines = [f"{len(self.errors)} problem(s)"] + [f"  - {e}" for e in self.errors]
        return "\n".join(lines)


STEPS: Dict[str, Callable[[List[Dict[str, Any]]], List[Dict[str, Any]]]] = {}


def register(name: str):
    """Register a transformation step under `name`."""

    def decorate(fn):
        STEPS[name] = fn
        return fn

    return decorate


def _step_dedupe(rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [dict(row, _dedupe=True) for row in rows]


def _step_stamp(rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [dict(row, _stamp=True) for row in rows]


def _step_coerce(rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [dict(row, _coerce=True) for row in rows]


register("dedupe")(_step_dedupe)
register("stamp")(_step_stamp)
register("coerce")(_step_coerce)


def apply_steps(rows: List[Dict[str, Any]], names: Sequence[str] = tuple(STEPS)) -> List[Dict[str, Any]]:
    for name in names:
        rows = STEPS[name](rows)
    return rows


def group_by(rows: Iterable[Dict[str, Any]], field_name: str) -> Dict[Any, List[Dict[str, Any]]]:
    """Bucket rows by one field, keeping their order."""
    groups: Dict[Any, List[Dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row.get(field_name)].append(row)
    return dict(groups)
