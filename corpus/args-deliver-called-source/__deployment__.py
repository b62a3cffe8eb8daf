"""Pokemon workspace."""

from dlt.hub import run
from dlt.hub.run import trigger

from pokemon import pokemon_source


@run.job(trigger=trigger.every("6h"), deliver=pokemon_source())
def load_pokemon():
    """Loads pokemon and berries."""


__all__ = ["load_pokemon"]
