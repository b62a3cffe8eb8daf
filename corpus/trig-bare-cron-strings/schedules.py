"""Jobs scheduled with bare cron strings (auto-detected as `schedule:`)."""

from dlt.hub import run


@run.pipeline("orders_pipeline", trigger="*/15 * * * *")
def load_orders():
    """Loads new orders every 15 minutes."""


# six fields: croniter reads the sixth (last) field as seconds -> 02:30:15
@run.job(trigger="30 2 * * * 15")
def snapshot_inventory():
    """Takes a nightly inventory snapshot."""


@run.job(trigger="@hourly")
def fetch_fx_rates():
    """Fetches currency exchange rates."""


# surrounding whitespace is stripped, inner double spaces are kept
@run.job(trigger="   @daily  ")
def compact_tables():
    """Compacts small parquet files."""


@run.job(trigger=["  0 6  * * mon-fri "])
def refresh_dim_stores():
    """Refreshes the stores dimension on weekdays."""


# seven fields (seconds, then year) are also valid for croniter
@run.job(trigger="0 0 1 1 * 0 2027")
def archive_year():
    """Archives the previous year once."""
