"""Scopes: where names are looked up while code is interpreted."""

from __future__ import annotations

from typing import Optional

from dlt_manifest.python.values import ModuleObject


class Scope:
    """Where names are looked up: a module's namespace, or a class body / comprehension
    (`locals`) in front of it."""

    def __init__(self, module: ModuleObject, local: Optional[dict] = None, parent=None):
        self.module = module
        self.locals = module.namespace if local is None else local
        self.parent = parent

    @property
    def is_module(self) -> bool:
        return self.locals is self.module.namespace

    def child(self, local: dict) -> "Scope":
        return Scope(self.module, local, self)
