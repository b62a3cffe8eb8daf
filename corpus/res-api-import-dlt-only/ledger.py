"""General ledger sync from the ERP."""

import dlt


@dlt.hub.run.job(trigger="0 2 * * *")
def sync_ledger(company_code: str = "DE01"):
    """Pull yesterday's ledger entries."""
    pipeline = dlt.pipeline("ledger", destination="duckdb")
    print(pipeline, company_code)
