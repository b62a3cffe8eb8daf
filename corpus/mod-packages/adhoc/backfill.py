"""One-off backfill script (adhoc/ has no __init__.py: a namespace package)."""
