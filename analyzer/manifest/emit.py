"""The manifest as bytes: serialized the way dlt stores it (`dlt.common.json`: orjson with
`OPT_NON_STR_KEYS`, and up to dlt 1.30 `OPT_UTC_Z`, so a UTC datetime ends in `Z` there and
in `+00:00` in 1.31.0; everything else through `isoformat()`/`str()`), indented."""

from __future__ import annotations

import datetime
import decimal
import os
from typing import Any, Optional

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def _encode(obj: Any) -> Any:
    """dlt's `custom_encode` for what orjson does not serialize natively."""
    if isinstance(obj, decimal.Decimal):
        return str(obj)
    if isinstance(obj, (datetime.datetime, datetime.date, datetime.time)):
        return obj.isoformat()
    if isinstance(obj, bytes):
        import base64

        return base64.b64encode(obj).decode("ascii")
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def manifest_bytes(manifest: dict, utc_z: bool = True) -> bytes:
    """`utc_z`: UTC datetimes end in `Z` (dlt up to 1.30), else in `+00:00` (1.31.0)."""
    return orjson.dumps(manifest, default=_encode, option=_OPTIONS | (orjson.OPT_UTC_Z if utc_z else 0))


def created_at(now: Optional[datetime.datetime] = None) -> str:
    """`pendulum.now("UTC").isoformat()`, or from SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if now is None:
        if epoch and epoch.strip().isdigit():
            now = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        else:
            now = datetime.datetime.now(datetime.timezone.utc)
    return now.isoformat()

