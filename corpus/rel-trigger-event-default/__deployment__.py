from dlt.hub import run
from dlt.hub.run import trigger


@run.job(trigger="*/5 * * * *")
def up(): ...


@run.job(trigger=up.success)
def only_event(): ...


@run.job(trigger=[up.fail, trigger.tag("x"), trigger.webhook("/h")])
def event_then_tag(): ...


@run.job(trigger=[up.success, trigger.every("1h")])
def event_and_every(): ...


__all__ = ["up", "only_event", "event_then_tag", "event_and_every"]
