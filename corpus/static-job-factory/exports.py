"""Table exports built by a small job factory."""

from dlt.hub import run


def make_export_job(table: str, cron: str, timeout: str = "1h"):
    """Build a batch job that exports `table` on `cron`."""

    @run.job(
        name=f"export_{table}",
        section="exports",
        trigger=cron,
        execute={"timeout": timeout},
        expose={"display_name": f"Export {table}", "tags": ["partner"]},
    )
    def export(file_format: str = "parquet"):
        """Export one table to the partner SFTP."""

    return export


export_orders = make_export_job("orders", "0 1 * * *")
export_customers = make_export_job("customers", "15 1 * * *")
export_returns = make_export_job("returns", "30 1 * * *", timeout="20m")
