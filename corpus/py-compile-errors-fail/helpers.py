"""Helpers: a cleanup loop with a `continue` that ended up outside it after an edit."""

RATES_URL = "https://example.com/rates"


def fetch_rates():
    rows = []
    for attempt in range(3):
        rows.append(attempt)
    if not rows:
        continue
    return rows
