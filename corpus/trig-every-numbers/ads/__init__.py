"""Ad platform connectors."""
