"""Post-deploy audit."""

from dlt.hub.run import trigger

__trigger__ = ("deployment", trigger.tag("audit"), "  every:2h ")
