"""Load ad touchpoints."""
