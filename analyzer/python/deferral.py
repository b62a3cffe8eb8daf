"""Statements bound when something reads them (issue 8, demand-driven analysis).

The source layer leaves out of LibCST's parse the top-level statements of a module that
bind names and do nothing else (`files.deferrable`: undecorated `def`s whose defaults and
annotations are constants, names and subscripts of names; `NAME = literal`). When the
module runs, such a statement is deferred if the names its header reads are bound to
values whose reading and subscripting has no effect and cannot change (`_stable`): its
names are then pending in the module's namespace (`Namespace`), and the statements that
bind a pending name (with those that bind their other names: `_Group.closure`) are parsed
and run — with exactly the values they would have read in order — only when it is read.
A statement never read is never parsed: what it would have done is binding a name nobody
reads. The source layer also leaves out of CPython's parse the lines of a module of data
(`datalines`): they are deferred statements like the others.

Anything that could tell the difference makes the analysis start over without deferral
(`NeedEager`): a change of the namespace as a whole (`update`, `clear`), a header name bound
to another value by the time it is read, a statement that does more than bind its names. A
read of the whole namespace binds every pending name and orders the names as their first
bindings would have (`Namespace._whole`).
"""

from __future__ import annotations

import ast
from typing import Any, Iterator

from dlt_manifest.python import builtins, typeforms
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import External, ExternalModule, Modeled, TypeForm, is_poison
from dlt_manifest.source import noraise

_MISSING = object()
_LATE = float("inf")  # the place of a name bound after its module finished
_UNORDERED = float("nan")  # `Namespace._last` when a name came in before one bound earlier
_CONSTANT_TYPES = (bool, int, float, complex, str, bytes, type(None), type(...))
# `objects.subscript` of these is an effect (the environment, `sys.modules`)
_SUBSCRIPT_EFFECTS = frozenset(["os.environ", "sys.modules"])


class NeedEager(BaseException):
    """A deferred statement cannot be bound late without a difference: analyze again,
    every statement in order. (A BaseException: no handler of the analysis catches it.)"""


def statements(source) -> Iterator[Any]:
    """The module's statements in source order: LibCST's and the deferred units (`Deferred`)."""
    body = source.module.body
    units = source.deferred
    lines = source.statement_lines
    j = 0
    for k, statement in enumerate(body):
        line = lines[k] if k < len(lines) else float("inf")
        while j < len(units) and units[j].first < line:
            yield units[j]
            j += 1
        yield statement
    yield from units[j:]


class _Group:
    """Deferred statements with nothing run between them, in order. Each only binds its
    names, with the values its header read when it was deferred (`reads`), so reading a
    name runs just the statements that bind it — and those that bind the names they bind
    too (`closure`) — in order; the rest stay pending."""

    def __init__(self):
        self.units: list = []
        self.reads: dict = {}  # id(unit) -> [(name, value read)]
        self.done: set = set()  # id() of the units that ran (or were rebound unread)
        self.position: dict = {}  # id(unit) -> its place in `units`
        self._by_name: dict = {}  # name -> its units, in order

    def add(self, unit, reads: list) -> None:
        self.position[id(unit)] = len(self.units)
        self.units.append(unit)
        self.reads[id(unit)] = reads
        for name in unit.names:
            self._by_name.setdefault(name, []).append(unit)

    def closure(self, name: str) -> list:
        """The pending units to run, in order, for `name` to be bound as in order."""
        wanted, chosen, queue = {name}, {}, [name]
        while queue:
            for unit in self._by_name.get(queue.pop(), ()):
                if id(unit) not in self.done and id(unit) not in chosen:
                    chosen[id(unit)] = unit
                    for other in unit.names:
                        if other not in wanted:
                            wanted.add(other)
                            queue.append(other)
        return sorted(chosen.values(), key=lambda unit: unit.first)


class Deferrals:
    """The deferred statements of one running module."""

    def __init__(self, interp, module):
        self.interp = interp
        self.module = module
        self.pending: dict = {}  # name -> the _Group that binds it
        self.deferred_any = False
        self._group: Any = None  # the group the next deferred statement joins
        # the place in the module of the top-level statement running (or bound late) now;
        # `_LATE` once the module finished: a name's first binding orders the namespace
        self.position: float = 0
        self.places: dict = {}  # id(unit) -> its place, for the units deferred
        module.namespace = Namespace(module.namespace, self)

    def at(self, position: int) -> None:
        """The module's top-level statement (or deferred unit) number `position` is next."""
        self.position = position

    def finished(self) -> None:
        self.position = _LATE

    def place_of(self, name: str) -> float:
        """Where pending `name` would have been bound first: its first unit's place."""
        group = self.pending[name]
        return min(self.places[id(unit)] for unit in group.closure(name))

    def defer(self, unit) -> bool:
        """Leaves `unit` for later when that makes no difference (see the module doc)."""
        interp, module = self.interp, self.module
        if interp.everything_tainted is not None or module.open_namespace is not None:
            return self._ran()
        if any(name in self.pending and self.pending[name] is not self._group for name in unit.names):
            return self._ran()  # it rebinds a name of an earlier group: that one runs first
        reads = unit.header + (() if module.future_annotations else unit.annotations)
        for name, _ in reads:  # what it reads pending is bound now (as running it would)
            if name in self.pending:
                self.module.namespace.get(name)
        recorded = []
        for name, subscripted in reads:
            value = self._resolve(name)
            if value is _MISSING or not _stable(value) or (subscripted and not _subscriptable(value)):
                return self._ran()
            recorded.append((name, value))
        values = dict(recorded)
        for node, annotation in unit.subscripts:  # typing may refuse them: they run in order
            if not (annotation and module.future_annotations) and _made(node, values, interp.python_version) is _REFUSED:
                return self._ran()
        if unit.value is not None and not noraise.cannot_raise(unit.value, {n: _plain(v) for n, v in values.items()}):
            return self._ran()
        for name, key in unit.requires:  # (a method's `property`: the builtin, not a name rebound)
            if not (isinstance(values[name], Modeled) and values[name].key == key):
                return self._ran()
        if self._group is None:
            self._group = _Group()
        self._group.add(unit, recorded)
        self.places[id(unit)] = self.position
        for name in unit.names:
            self.pending[name] = self._group
        self.deferred_any = True
        return True

    def _ran(self) -> bool:
        self._group = None
        return False

    def ran(self) -> None:
        """A statement ran: the next deferred one starts a group."""
        self._group = None

    def parse(self, unit) -> Any:
        statements = self.module.source.statements_between(unit.first, unit.last)
        if isinstance(statements, str):
            raise NeedEager(f"{self.module.name}: {statements}")
        return statements[0]

    def _resolve(self, name: str) -> Any:
        """What the module-level name `name` reads now (as `Evaluator._global`), without
        binding anything pending."""
        namespace = self.module.namespace
        if dict.__contains__(namespace, name):
            return dict.__getitem__(namespace, name)
        if name in self.pending:
            return _MISSING
        if ("builtins", name) in self.interp.external_attributes:
            return self.interp.external_attributes[("builtins", name)]
        return builtins.BUILTINS.get(name, _MISSING)

    def binds_others(self, name: str) -> bool:
        return any(other != name for unit in self.pending[name].closure(name) for other in unit.names)

    def drop(self, name: str) -> None:
        """`name`, pending and bound by nothing else, is rebound before it was read."""
        group = self.pending.pop(name)
        group.done.update(id(unit) for unit in group.closure(name))

    def bind(self, name: str) -> None:
        """Runs the pending statements that bind `name` (`_Group.closure`), with the
        values they would have read in order."""
        reuse = self.interp.reuse  # (its record must hold before anything changes)
        kept = reuse.binding(self.module) if reuse is not None else None
        group = self.pending[name]
        units = group.closure(name)
        for unit in units:
            group.done.add(id(unit))
            for bound in unit.names:
                if self.pending.get(bound) is group:
                    del self.pending[bound]
        if self._group is group:
            self._group = None
        if any(self._resolve(read) is not value for unit in units for read, value in group.reads[id(unit)]):
            raise NeedEager(f"{self.module.name}: a name read by a deferred statement changed")
        statements = []
        for run in _adjacent(group, units):  # one parse for the statements next to each other
            parsed = self.module.source.statements_between(run[0].first, run[-1].last)
            if isinstance(parsed, str) or len(parsed) != len(run):
                raise NeedEager(f"{self.module.name}: deferred statements cannot be parsed apart")
            statements += parsed
        interp, module = self.interp, self.module
        before = _effects(interp, module)
        saved = module.current_statement, interp._collectors
        interp._collectors = []
        places = [self.places[id(unit)] for run in _adjacent(group, units) for unit in run]
        position = self.position
        try:
            for statement, place in zip(statements, places):
                module.current_statement = statement
                self.position = place  # (the names it binds take their place in the namespace)
                interp.exec_statement(statement, Scope(module))
        except Exception as ex:
            raise NeedEager(f"{module.name}: a deferred statement did more than bind: {ex!r}") from None
        finally:
            module.current_statement, interp._collectors = saved
            self.position = position
        if _effects(interp, module) != before:
            raise NeedEager(f"{module.name}: a deferred statement did more than bind its names")
        if kept is not None:
            interp.reuse.bound(module, kept)


def _adjacent(group: _Group, units: list) -> list:
    """`units` (in order) in runs of statements next to each other in `group`."""
    position = group.position
    runs: list = []
    for unit in units:
        if runs and position[id(unit)] == position[id(runs[-1][-1])] + 1:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _effects(interp, module) -> tuple:
    """What a statement that only binds names leaves unchanged."""
    return (
        len(interp.failures), len(interp.notices), len(interp.tainted), interp.everything_tainted,
        len(interp.mutated_objects), len(interp.unmodeled_imports), len(interp.closures),
        module.open_namespace, len(module.import_sites), len(interp.modules),
    )


def _stable(value: Any, depth: int = 0) -> bool:
    """A value that no code can change and whose reading has no effect."""
    if type(value) in _CONSTANT_TYPES or isinstance(value, (External, ExternalModule)):
        return True
    if depth > 20:
        return False
    if isinstance(value, Modeled):
        return value.bound is None
    if isinstance(value, TypeForm):
        return all(_stable(arg, depth + 1) for arg in value.args)
    if type(value) is tuple and len(value) <= 100:
        return all(_stable(item, depth + 1) for item in value)
    return False


def _plain(value: Any) -> Any:
    """What `noraise` knows of a stable value: itself (a constant, a tuple), a builtin
    function, or a value it knows nothing of."""
    if isinstance(value, Modeled):
        return noraise.Builtin(value.key[len("builtins."):]) if value.key.startswith("builtins.") else value
    if type(value) is tuple:
        return tuple(_plain(item) for item in value)
    return value


_REFUSED = object()


def _made(node: ast.expr, values: dict, python: tuple) -> Any:
    """What a header's subscript (`files._atomic`: names, constants, lists, subscripts of
    names) makes from the names' `values`, as `objects.subscript` makes it (without
    reporting anything: this only decides); `_REFUSED` where typing may refuse it or it
    is not known."""
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_made(item, values, python) for item in node.elts]
        if any(item is _REFUSED for item in items):
            return _REFUSED
        return items if isinstance(node, ast.List) else tuple(items)
    form = values[node.value.id]
    key = _made(node.slice, values, python)
    if key is _REFUSED:
        return _REFUSED
    if isinstance(form, TypeForm) or (isinstance(form, Modeled) and form.key in typeforms.BUILTIN_GENERICS):
        made = typeforms.subscript(form, key, python, None)
        return _REFUSED if is_poison(made) else made
    if isinstance(form, (External, ExternalModule)) and not typeforms.is_typing_name(getattr(form, "qualname", "")):
        return External(f"{node.value.id}[...]", None)  # as `objects.subscript`: opaque
    return _REFUSED


def _subscriptable(value: Any) -> bool:
    """Subscripting it builds a value and does nothing else (`objects.subscript`)."""
    if isinstance(value, Modeled):
        return value.key not in _SUBSCRIPT_EFFECTS
    return isinstance(value, (TypeForm, External, ExternalModule))


class Namespace(dict):
    """A module's namespace with pending names: reading one binds it first. Reading the
    whole namespace binds every pending name and puts each name where its first binding
    would have put it in order (`_first`: the place of the statement that bound it); changing
    it other than by `[name] = value`, `del` or `pop` starts the analysis over without
    deferral."""

    __slots__ = ("_deferrals", "_first", "_last")

    def __init__(self, items: dict, deferrals: Deferrals):
        super().__init__(items)
        self._deferrals = deferrals
        self._first: dict = {}  # name -> the place of its first binding (the names there before: none)
        self._last: float = -1  # the greatest place in `_first`: a smaller one comes out of order

    def _bind(self, key: Any) -> None:
        pending = self._deferrals.pending
        if pending and isinstance(key, str) and key in pending:
            self._deferrals.bind(key)

    def _whole(self) -> None:
        """Every pending name bound (in the order of their statements), and the names in the
        order their first bindings would have given them."""
        deferrals = self._deferrals
        if not deferrals.pending and self._last is not _UNORDERED:
            return
        reuse = deferrals.interp.reuse  # (the record must hold before anything changes)
        kept = reuse.binding(deferrals.module) if reuse is not None else None
        while deferrals.pending:
            deferrals.bind(min(deferrals.pending, key=deferrals.place_of))
        first = self._first
        items = sorted(dict.items(self), key=lambda item: first.get(item[0], -1))
        dict.clear(self)
        dict.update(self, items)
        self._last = max(first.values(), default=-1)
        if kept is not None:
            reuse.bound(deferrals.module, kept)

    def _placed(self, key: Any, place: float) -> None:
        """`key` is bound for the first time (it was not in the namespace)."""
        self._first[key] = place
        if self._last is not _UNORDERED:
            self._last = _UNORDERED if place < self._last else place

    def __getitem__(self, key):
        self._bind(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        self._bind(key)
        return dict.get(self, key, default)

    def __contains__(self, key):
        self._bind(key)
        return dict.__contains__(self, key)

    def __setitem__(self, key, value):
        deferrals = self._deferrals
        pending = deferrals.pending
        place = deferrals.position
        if pending and isinstance(key, str) and key in pending:
            if deferrals.binds_others(key):
                deferrals.bind(key)  # its statements bind other names too: in order
            else:
                place = deferrals.place_of(key)  # (where the name was first bound)
                deferrals.drop(key)  # never read: rebinding it is all that happened
        if not dict.__contains__(self, key):
            self._placed(key, place)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        self._bind(key)
        dict.__delitem__(self, key)
        self._first.pop(key, None)

    def pop(self, key, *default):
        self._bind(key)
        self._first.pop(key, None)
        return dict.pop(self, key, *default)

    def setdefault(self, key, default=None):
        self._bind(key)
        if not dict.__contains__(self, key):
            self._placed(key, self._deferrals.position)
        return dict.setdefault(self, key, default)

    def __iter__(self):
        self._whole()
        return dict.__iter__(self)

    def __len__(self):
        self._whole()
        return dict.__len__(self)

    def __reversed__(self):
        self._whole()
        return dict.__reversed__(self)

    def keys(self):
        self._whole()
        return dict.keys(self)

    def values(self):
        self._whole()
        return dict.values(self)

    def items(self):
        self._whole()
        return dict.items(self)

    def copy(self):
        self._whole()
        return dict(dict.items(self))

    def update(self, *args, **kwargs):
        self._changed()
        dict.update(self, *args, **kwargs)

    def clear(self):
        self._changed()
        dict.clear(self)

    def popitem(self):
        self._changed()
        return dict.popitem(self)

    def _changed(self) -> None:
        if self._deferrals.deferred_any:
            raise NeedEager(f"{self._deferrals.module.name}: the namespace is changed as a whole")

    def __eq__(self, other):
        self._whole()
        return dict.__eq__(self, other)

    def __ne__(self, other):
        self._whole()
        return dict.__ne__(self, other)

    def __or__(self, other):
        self._whole()
        return dict.__or__(self, other)

    def __ror__(self, other):
        self._whole()
        return dict.__ror__(self, other)

    def __ior__(self, other):
        self._whole()
        dict.update(self, other)
        return self

    def __repr__(self):
        self._whole()
        return dict.__repr__(self)

    def __reduce_ex__(self, protocol):
        self._whole()
        return dict.__reduce_ex__(self, protocol)

    __hash__ = None
