"""A name in __all__ served by a module-level __getattr__ (PEP 562)."""
from dlt.hub import run


@run.job
def _hidden(): ...


def __getattr__(name):
    if name == "lazy":
        return _hidden
    raise AttributeError(name)


__all__ = ["lazy"]
