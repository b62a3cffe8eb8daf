"""Load CSV drops from the shared bucket."""

BUCKET = "s3://drops"
