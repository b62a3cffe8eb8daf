"""Control flow while code is interpreted: `return`, `break` and `continue` unwind as
Python exceptions to the statement that handles them; `Diverged` says that code the
analyzer could not follow (a branch on an unknown condition, a loop over an unknown
iterable) may have transferred control, so what follows is no longer certain; `Budget`
says that a budget of the analysis ran out."""

from __future__ import annotations

from typing import Any


class Return(Exception):
    def __init__(self, value: Any):
        super().__init__()
        self.value = value


class Break(Exception):
    pass


class Continue(Exception):
    pass


class Diverged(Exception):
    """Code that was not followed may `return`, `break`, `continue` or `raise` (`kinds`);
    `unknown` says why it was not followed. Caught by the statement that ends such a
    transfer (a loop for break/continue, a call for return, a `try` or the module for
    raise), which then treats the whole of itself as not followed."""

    def __init__(self, kinds: frozenset, unknown: Any):
        super().__init__(unknown.reason)
        self.kinds = kinds
        self.unknown = unknown


class Budget(Exception):
    """A budget of the analysis is exhausted: `unknown` (DM904) says which and where."""

    def __init__(self, unknown: Any):
        super().__init__(unknown.reason)
        self.unknown = unknown
