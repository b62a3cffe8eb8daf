"""Regional order ingestion: one job per sales region."""

from regions import load_eu, load_us, load_apac

__all__ = ["load_eu", "load_us", "load_apac"]
