"""Create restock orders."""

__trigger__ = "15 6 * * *"
