"""Partner exports: nightly table dumps to the partner SFTP."""

from exports import export_orders, export_customers, export_returns

__all__ = ["export_orders", "export_customers", "export_returns"]
