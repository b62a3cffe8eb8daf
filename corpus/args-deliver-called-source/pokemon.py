"""PokeAPI source."""

import dlt


@dlt.source(name="pokemon")
def pokemon_source(base_url: str = "https://pokeapi.co/api/v2"):
    @dlt.resource(primary_key="id")
    def pokemon():
        yield []

    @dlt.resource(primary_key="id")
    def berries():
        yield []

    return pokemon, berries
