"""Set order workspace: sets of numbers iterate in CPython's table order."""

from dlt.hub import run

OFFSETS = {-1, 5, -2, 3, 9, 0}  # a frozenset constant: -1 and -2 both hash to -2
MINUTES = set()
for m in (40, 8, 24, 0, 16):
    MINUTES.add(m)
MERGED = {*MINUTES, 56, 4}
FIRST = set(MINUTES).pop()


@run.job(
    trigger=f"{FIRST} 1 * * *",
    expose={"tags": [str(o) for o in OFFSETS] + [str(m) for m in MINUTES] + [str(m) for m in MERGED]},
)
def load_data():
    """Load data."""


__all__ = ["load_data"]
