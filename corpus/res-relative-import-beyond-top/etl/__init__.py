"""HR pipelines."""
