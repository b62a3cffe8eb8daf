from typing import List, Optional
from typing_extensions import NotRequired, TypedDict
import dlt
from dlt.common.configuration.specs import BaseConfiguration, ConnectionStringCredentials, configspec
from dlt.hub import run


@configspec
class Sub(BaseConfiguration):
    depth: int = 2
    label: Optional[str] = None


@configspec
class Settings(BaseConfiguration):
    """Docstrings of configspecs are not used."""
    host: str = None
    port: int = 5432
    sub: Sub = None
    _private: str = "p"


@configspec
class ChildSettings(Settings):
    extra: bool = False


class Item(TypedDict):
    """An item.

       Second line."""
    x: int
    y: NotRequired[str]


class Tree(TypedDict, total=False):
    item: Item
    items: List[Item]
    children: List["Tree"]


@run.job(spec=ChildSettings)
def with_spec(host: str = dlt.config.value, port: int = 1): ...


@run.job
def spec_params(creds: ConnectionStringCredentials = dlt.secrets.value, sub: Sub = None, maybe: Optional[Settings] = None): ...


@run.job
def typeddict_params(item: Item = None, tree: Tree = dlt.config.value): ...


__all__ = ["with_spec", "spec_params", "typeddict_params"]
