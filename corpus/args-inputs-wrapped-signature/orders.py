from dlt.hub import run


def _impl(region: str = "eu", limit: int = 10):
    """Load orders."""


def load_orders(*args, **kwargs):
    return _impl(*args, **kwargs)


load_orders.__wrapped__ = _impl
load_orders.__doc__ = _impl.__doc__
load_orders = run.job(trigger="0 2 * * *")(load_orders)
