import datetime

SNAPSHOT_DAY = datetime.date(2026, 1, 1)


def export() -> str:
    return f"snapshots/{SNAPSHOT_DAY.isoformat()}.parquet"
