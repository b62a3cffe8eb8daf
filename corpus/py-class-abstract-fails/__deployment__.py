"""Abstract class workspace."""

from abc import ABC, abstractmethod

from dlt.hub import run


class Source(ABC):
    @abstractmethod
    def cron(self): ...

    @abstractmethod
    def tags(self): ...


class Orders(Source):
    def cron(self):
        return "0 1 * * *"


SRC = Orders()  # `tags` is still abstract: TypeError


@run.job(trigger=SRC.cron())
def load_data():
    """Load data."""


__all__ = ["load_data"]
