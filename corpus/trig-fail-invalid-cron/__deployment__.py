"""Web analytics workspace"""

from pageviews import load_pageviews, sessionize, export_daily

__all__ = ["load_pageviews", "sessionize", "export_daily"]
