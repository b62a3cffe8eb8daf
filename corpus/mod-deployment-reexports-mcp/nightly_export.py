"""Export tables to parquet."""
