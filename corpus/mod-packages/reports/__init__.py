"""Reporting package: renders the daily and monthly reports."""
