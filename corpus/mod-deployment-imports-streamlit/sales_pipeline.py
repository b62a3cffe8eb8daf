from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("sales", trigger=trigger.every("6h"))
def load_sales():
    """Load sales from the CRM."""
