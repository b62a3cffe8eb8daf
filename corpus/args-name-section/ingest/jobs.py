from dlt.hub import run


@run.job(name="ads_sync", trigger="*/15 * * * *")
def sync_ads():
    """Syncs ad spend; module ingest.jobs -> section `jobs`."""
