"""Deal pipeline from the CRM."""

from dlt.hub import run


@run.pipeline("crm_deals", trigger="*/20 * * * *")
def load_deals():
    """Load changed deals."""
