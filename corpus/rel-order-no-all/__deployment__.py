"""Without __all__: 1.30 scans dir() (sorted), earlier releases scan __dict__ (definition order)."""
from dlt.hub import run


@run.job
def zeta(): ...


@run.job
def alpha(): ...


@run.job
def Middle(): ...


@run.job
def _private(): ...
