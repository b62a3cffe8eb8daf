"""Class protocols workspace."""

from dataclasses import InitVar, dataclass, field, fields
from enum import Flag, auto

from dlt.hub import run


class Key:
    """A descriptor: `__set_name__` at class creation, `__get__` on every read."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner):
        return f"{owner.__name__.lower()}.{self.name}"


class Sources:
    orders = Key()


class Warehouse(Sources):
    pass


@dataclass(frozen=True)
class Schedule:
    hour: int
    cron: str = "0 0 * * *"

    def __post_init__(self):
        object.__setattr__(self, "cron", f"30 {self.hour} * * *")  # bypasses frozen


@dataclass
class Job:
    name: str
    env: InitVar[str] = "dev"
    timeout: str = field(init=False)

    def __post_init__(self, env):
        self.timeout = "2h" if env == "prod" else "10m"


class Table:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Table) and self.name.lower() == other.name.lower()

    __hash__ = None


class Env(Flag):
    DEV = auto()
    STAGING = auto()
    PROD = auto()


TABLES = [Table("Orders"), Table("users"), Table("ORDERS")]
TABLES.remove(Table("orders"))  # the first equal item: "Orders"
JOB = Job("orders", "prod")
TARGETS = Env.DEV | Env.PROD


@run.job(
    trigger=Schedule(3).cron,
    execute={"timeout": JOB.timeout, "concurrency": TABLES.count(Table("ORDERS"))},
    expose={
        "display_name": str(TARGETS),
        "tags": [Sources.orders, Warehouse.orders] + [t.name for t in TABLES]
        + [f.name for f in fields(JOB)] + [m.name.lower() for m in TARGETS],
    },
)
def load_data():
    """Load data."""


__all__ = ["load_data"]
