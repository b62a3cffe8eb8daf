"""Orders that cannot be known statically."""

from dlt.hub import run

# the compiler's frozenset constant iterates 17, 9, 1, 33 when the module is compiled, but
# 1, 33, 9, 17 when it is loaded from its cached .pyc (marshal rebuilds it in sorted order)
HOURS = {17, 1, 9, 33}


class Table:
    def __init__(self, name, schema):
        self.name, self.schema = name, schema

    def __eq__(self, other):
        return self.name.lower() == other.name.lower()

    def __hash__(self):
        return len(self.name)


SEEN = {}
for t in [Table("Orders", "raw"), Table("users", "raw"), Table("ORDERS", "clean")]:
    SEEN[t] = t.schema  # deduplicated by the workspace's own __eq__ / __hash__


@run.job(
    trigger="0 1 * * *",
    expose={"tags": [str(h) for h in HOURS] + [f"{k.name}:{v}" for k, v in SEEN.items()]},
)
def load_data():
    """Load data."""


__all__ = ["load_data"]
