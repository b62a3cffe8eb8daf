"""Scripting workspace."""

from dlt.hub import run


@run.job(section="py", name="py", trigger="@daily")
def run_scripts():
    """Runs the nightly maintenance scripts."""


@run.job(section="scripts", trigger="@hourly")
def cleanup():
    """Removes temporary files."""


__all__ = ["run_scripts", "cleanup"]
