"""Exceptions workspace: arguments, messages and handlers as CPython keeps them."""

from dlt.hub import run


class PipelineError(Exception):
    pass


class ScheduleMissing(PipelineError):
    def __init__(self, table, fallback):
        super().__init__(table)  # `args` becomes ("orders",): `__new__` stored both
        self.table = table
        self.fallback = fallback


class NoSuper(Exception):
    def __init__(self, code, hint):
        self.hint = hint  # `args` keeps what `__new__` stored: (code, hint)


class MissingKey(KeyError):
    pass


def lookup(table):
    raise ScheduleMissing(table, "0 6 * * *")


try:
    CRON = lookup("orders")
except PipelineError as err:
    CRON = err.fallback
    NOTE = f"{err} {err.args} {err!r}"

try:
    raise NoSuper(7, "retry")
except Exception as err:
    NOTE2 = f"{err} {len(err.args)}"

try:
    raise MissingKey("region")
except LookupError as err:
    NOTE3 = str(err)

try:
    raise UnicodeError("bad bytes")
except ValueError as err:  # UnicodeError is a ValueError
    NOTE4 = type(err).__name__


def swallowed():
    try:
        raise RuntimeError("boom")
    finally:
        return "swallowed"  # a return in finally discards the exception


@run.job(trigger=CRON, expose={"display_name": NOTE, "tags": [NOTE2, NOTE3, NOTE4, swallowed()]})
def load_orders():
    """Load orders."""


__all__ = ["load_orders"]
