"""HRIS extraction and headcount reporting."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("hris", trigger="0 5 * * *")
def extract_employees():
    """Extracts employee records from the HRIS."""


@run.job(trigger=extract_employees.success)
def load_headcount():
    """Builds the headcount table after each extract."""


@run.job(trigger=[load_headcount.completed[1], extract_employees.fail])
def notify_hr():
    """Notifies HR when either step fails."""
