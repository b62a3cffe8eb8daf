"""Shared pipeline objects."""

import dlt

hubspot_pipeline = dlt.pipeline(
    pipeline_name="hubspot_crm",
    destination="duckdb",
    dataset_name="hubspot_data",
)

ads_pipeline = dlt.pipeline("google_ads", destination="duckdb", dataset_name="ads")
