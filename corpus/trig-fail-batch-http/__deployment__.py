"""Partner feeds workspace"""

from dlt.hub import run

from feeds import ingest_partner_feed, publish_catalog


@run.interactive(interface="rest_api", section="partners")
def partner_api():
    """Partner-facing REST API (interactive, gets `http:` automatically)."""


__all__ = ["ingest_partner_feed", "publish_catalog", "partner_api"]
