"""Support analytics (no __all__: everything imported is scanned)"""

import json
import os

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

import pipelines
from pipelines import ingest_tickets
import tickets_notebook
import triage_mcp
import helpers as _helpers

DEFAULT_QUEUE = "support"


@run.job(trigger=ingest_tickets.success, section="support")
def score_tickets():
    """Score new tickets for urgency."""
