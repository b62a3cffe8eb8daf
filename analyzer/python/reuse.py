"""Interpretations of workspace modules kept from one analysis to the next (the language
server's re-analysis after an edit): a module whose run can be proven to come out the same
is not interpreted again; the objects its run made are put back as they were.

Exact, not a heuristic: an analysis that reuses gives what one that does not gives
(`tests/test_reuse.py` and `tests/test_reuse_generated.py` compare them over edits that
change what modules read and do). A module's run is kept (`Recorder.end`) only when

- it ran to its end and reached nothing shared: no failure and no notice, no change to an
  installed module, no read of `sys.modules`, no workspace module named like a standard
  one (taints its own run made are replayed; a taint by other code drops the module);
- the whole state of every object reachable from its namespace when it finished is seen:
  each object's kind is known and what it holds is recorded (`_walk`, `_holds_records`:
  compared by identity); an object another module's record saw is that module's;
- each workspace module it imported held its record at the import (a change made and
  undone around the import is seen there), and so did each module its objects reach;
- at the end of the analysis its record still holds: nothing changed its objects later.

It is put back (`Recorder.install`, where the import would run it) when the memo hands out
the same parsed file, the workspace answers what its run asked the same way (where modules
are, the `.dlt/` files), no shared table it would have read is in use, the budgets allow
what its run consumed (charged again), its record holds, and each module it imported is
either loaded now — the same object, its record holding — or put back first, in the order
of its imports. What its run added to the interpreter's tables is then added again, in
that order. Anything else runs the module as usual.

Records are checked again only after a change that may reach them (the write barrier:
`wrote`, `handed`, `binds`); a change the barrier does not see is still caught at the end
of the analysis, which then runs again without reuse if a module put back was changed
(`finish`). Pending names bound later (`binding`, `bound`) and submodules bound in a package
after its run (`attach`) are part of the module's own run.
"""

from __future__ import annotations

import collections
import datetime
import decimal
import enum
import fractions
import operator
from operator import is_
import re
import types
from typing import Any, Iterator, Optional

import attrs
import libcst as cst
from dlt_manifest.python import budget
from dlt_manifest.python.deferral import Namespace
from dlt_manifest.python.syntax import CodeInfo
from dlt_manifest.python.values import ModuleObject
from dlt_manifest.source.files import SourceFile
from dlt_manifest.source.span import Site, Span
from dlt_manifest.source.workspace import DEPLOYMENT_MODULE, ModuleLocation


class Store:
    """What the last analysis kept (held by `workspace.SourceMemo`, so the language
    server's analyses of one workspace share it): module name -> `Entry`."""

    def __init__(self):
        self.setup: Any = None  # what every kept run depends on (`Recorder.__init__`)
        self.entries: dict = {}


@attrs.define(eq=False)
class Entry:
    module: ModuleObject
    log: list  # what its run did to shared tables, in order, its imports among them
    lookups: list  # (workspace method, arguments, answer)
    steps: tuple  # (statements, evaluation steps, cells) its run consumed
    records: "_Records"  # every object reachable from its namespace, and its state
    keep: list  # what the records' ids name, kept alive so that no id is reused
    reach: tuple  # names of the other workspace modules its objects reach
    # what binding its pending names (`deferral`) consumed since its run: an analysis that
    # runs it afresh binds them only where read
    slack: tuple = (0, 0, 0)
    # submodules `import pkg.sub` bound in its namespace after its run (not part of its
    # record: an analysis that runs it afresh binds them where they are imported)
    attached: set = attrs.field(factory=set)

    @property
    def name(self) -> str:
        return self.module.name

    @property
    def location(self) -> ModuleLocation:
        return self.module.location


class _Frame:
    __slots__ = ("module", "ok", "log", "lookups", "marks", "external", "steps")

    def __init__(self, module: ModuleObject, ok: bool):
        self.module = module
        self.ok = ok
        self.log: list = []
        self.lookups: list = []
        self.marks: tuple = ()
        self.external: frozenset = frozenset()
        self.steps = [0, 0, 0]


class Recorder:
    """The record of one analysis (`Interpreter.reuse`)."""

    def __init__(self, interp, store: Store, setup: tuple):
        self.interp = interp
        self.store = store
        if store.setup != setup:
            store.setup, store.entries = setup, {}
        self.kept = store.entries  # the last analysis's
        self.entries: dict = {}  # this analysis's: made or put back
        self.frames: list = []
        # changes that may have reached an object a record saw (`wrote`, `handed`,
        # `binds`): a record that held at this count still holds (`_holds`)
        self.epoch = 0
        self.checked: dict = {}  # module name -> the epoch when its record last held
        self.reused: list = []  # names put back (for tests and benchmarks)
        self.owner: dict = {}  # id of an object a record saw -> the module whose record saw it first
        self.stopped = False  # a budget stopped the interpretation
        self.retry = False  # a file changed while modules were put back
        self.dropped: list = []  # what dropped records saw, kept alive to the end
        interp.workspace.journal = []

    # --- recording --------------------------------------------------------------------

    def begin(self, module: ModuleObject) -> None:
        if self.frames:
            self._pause(self.frames[-1])
        frame = _Frame(module, self._shareable(module))
        self._resume(frame)
        self.frames.append(frame)

    def end(self, module: ModuleObject, completed: bool) -> None:
        self.stopped = self.stopped or not completed
        frame = self.frames.pop()
        self._pause(frame)
        if completed and frame.ok and self._shareable(module) and module.state == "done":
            entry = self._entry(frame)
            if entry is not None:
                self._keep(entry)
        if self.frames:
            self._resume(self.frames[-1])

    def imported(self, name: str, module: ModuleObject) -> None:
        """The running module imports workspace module `name` (loaded, run or put back)."""
        if not self.frames:
            return
        frame = self.frames[-1]
        if frame.ok:
            self._pause(frame)
            frame.log.append(("dep", name, module))
            self._resume(frame)
            if not self._holds(name, module):
                frame.ok = False

    def taint(self, obj: Any, unknown: Any) -> None:
        """`obj` was made Unknown (`Effects.taint_value`): by its own module's run, a change
        that run replays; by any other code, its module's record no longer holds."""
        owner = self.owner.get(id(obj))
        running = self.frames[-1] if self.frames else None
        if owner is not None and (running is None or owner != running.module.name):
            self._drop(owner)
            if running is not None:
                running.ok = False
        elif running is not None:
            running.log.append(("taint", obj, unknown))

    def refuse(self) -> None:
        """The running module did what no record can replay."""
        if self.frames:
            self.frames[-1].ok = False

    def attach(self, parent: ModuleObject, name: str) -> None:
        """Submodule `name` is about to be bound in `parent`'s namespace (`import
        parent.name`): outside the parent's run, that is no change to its record."""
        entry = self.entries.get(parent.name)
        if entry is None or entry.module is not parent or parent.state != "done":
            return
        if name in dict.keys(parent.namespace) and name not in entry.attached or not _holds_records(entry):
            self._drop(parent.name, changed=True)
        else:
            entry.attached.add(name)

    def binding(self, module: ModuleObject) -> Optional[tuple]:
        """Pending names of `module` are about to be bound (`deferral.Deferrals.bind`)."""
        entry = self.entries.get(module.name)
        if entry is None or entry.module is not module:
            return None
        if not _holds_records(entry):
            self._drop(module.name, changed=True)
            return None
        return entry, self._marks()

    def bound(self, module: ModuleObject, binding: tuple) -> None:
        """They are bound: the record of `module` takes in the values made (its record
        held just before), and what binding them consumed."""
        entry, marks = binding
        recorded = self._recorded(module, entry.attached)
        if recorded is None:
            self._drop(module.name)
            return
        now = self._marks()
        entry.records, entry.keep, entry.reach = recorded
        entry.slack = tuple(a + b - c for a, b, c in zip(entry.slack, now[7:], marks[7:]))
        self._keep(entry)

    def finish(self) -> bool:
        """The analysis is over: what still holds is kept for the next one. False when the
        analysis must run again without reuse: a module put back (or one it reaches) was
        changed since, a budget stopped the analysis, or might have stopped one that binds
        afresh the pending names put back bound, or a file changed while it was read."""
        from dlt_manifest.python.interpreter import MAX_STEPS

        interp, meter = self.interp, budget.meter()
        changed = {name for name, e in self.entries.items() if not _holds_records(e)}
        interp.workspace.journal = None
        again = self.retry
        if self.reused and not again:
            reused = [self.entries[n] for n in self.reused if n in self.entries]
            slack = [sum(e.slack[i] for e in reused) for i in range(3)]
            fits = (
                interp.steps + slack[0] <= MAX_STEPS and meter.steps + slack[1] <= meter.limits.steps
                and meter.cells + slack[2] <= meter.limits.total_cells
            )
            # a module put back changed after, or before by a change `wrote` does not see:
            # the analysis cannot tell which (the first would not matter)
            touched = changed & {name for e in reused for name in (e.name, *e.reach)}
            again = self.stopped or not fits or bool(touched)
        self.store.entries = {} if again else {n: e for n, e in self.entries.items() if n not in changed}
        return not again

    def _drop(self, name: str, changed: bool = False) -> None:
        """`name`'s run is not kept; `changed`: its objects were found changed (which, for
        one put back, may have been before a decision that relied on them)."""
        dropped = self.entries.pop(name, None)
        if dropped is not None:
            self.dropped.append(dropped.keep)  # (no id in `owner` is reused by a new object)
        self.checked.pop(name, None)
        if changed and name in self.reused:
            self.stopped = True  # (the analysis runs again: `finish`)

    def _shareable(self, module: ModuleObject) -> bool:
        i = self.interp
        source = module.source
        return (
            module.name != DEPLOYMENT_MODULE and source is not None
            and source.module is not None and module.failure is None and module.open_namespace is None
            and i.everything_tainted is None
            and not i.mutated_objects and not i.external_attributes and not i.active_exceptions
        )

    def _marks(self) -> tuple:
        i, meter = self.interp, budget.meter()
        return (
            len(i.closures), len(i.enum_models), len(i.tuple_models), len(i.unmodeled_imports),
            len(i.workspace.journal), len(i.notices), len(i.failures), i.steps, meter.steps, meter.cells,
        )

    def _resume(self, frame: _Frame) -> None:
        frame.marks = self._marks()
        frame.external = frozenset(self.interp.loaded_external)

    def _pause(self, frame: _Frame) -> None:
        """Adds to `frame` what happened since it resumed (its own doing)."""
        i, (closures, enums, tuples, unmodeled, lookups, notices, failures, steps, msteps, cells) = self.interp, frame.marks
        now = self._marks()
        if now[5] != notices or now[6] != failures:
            frame.ok = False
        if not frame.ok:
            return
        if now[0] != closures:
            frame.log.append(("closures", i.closures[closures:]))
        if now[1] != enums:
            frame.log.append(("enum_models", list(i.enum_models.items())[enums:]))
        if now[2] != tuples:
            frame.log.append(("tuple_models", list(i.tuple_models.items())[tuples:]))
        if now[3] != unmodeled:
            frame.log.append(("unmodeled", i.unmodeled_imports[unmodeled:]))
        added = i.loaded_external - frame.external
        if added:
            frame.log.append(("external", sorted(added)))
        frame.lookups.extend(i.workspace.journal[lookups:])
        frame.steps[0] += now[7] - steps
        frame.steps[1] += now[8] - msteps
        frame.steps[2] += now[9] - cells

    def _entry(self, frame: _Frame) -> Optional[Entry]:
        attached: set = set()
        recorded = self._recorded(frame.module, attached)
        if recorded is None:
            return None
        records, keep, reach = recorded
        return Entry(frame.module, frame.log, frame.lookups, tuple(frame.steps), records, keep, reach, attached=attached)

    def _recorded(self, module: ModuleObject, attached: set) -> Optional[tuple]:
        """(records, kept objects, the other modules reached) of `module`'s objects; None
        when their state cannot be seen or they reach a module whose run is not kept."""
        walked = _walk(module, attached, self.owner)
        if walked is None:
            return None
        records, keep, reach = walked
        reach.discard(module.name)
        if any(name not in self.entries for name in reach):
            return None
        return records, keep, tuple(reach)

    def _keep(self, entry: Entry) -> None:
        self.entries[entry.name] = entry
        self.checked[entry.name] = self.epoch
        owner = self.owner
        for obj in entry.records.objects():
            owner.setdefault(id(obj), entry.name)

    def wrote(self, obj: Any) -> None:
        """`obj` is changed in place (an item, an attribute, `+=`)."""
        if id(obj) in self.owner:
            self.epoch += 1

    def handed(self, bound: Any, args: list, kwargs: dict) -> None:
        """A modeled callable or a library's object is called: it may change what it is
        given (or is bound to)."""
        owner = self.owner
        if id(bound) in owner or type(bound) is tuple and any(id(b) in owner for b in bound):
            self.epoch += 1
        elif any(id(a) in owner for a in args) or any(id(v) in owner for v in kwargs.values()):
            self.epoch += 1

    def binds(self, scope: Any, binding: Any) -> None:
        """A name of `scope` is bound or deleted in `binding` (`scope.binding_scope`): a
        change when that is a module that finished, or another scope (`global`, `nonlocal`)."""
        if binding is not scope or binding.is_module and binding.module.state == "done":
            self.epoch += 1

    def _holds(self, name: str, module: ModuleObject, seen: Optional[set] = None) -> bool:
        """Workspace module `name` is `module`, finished, kept this analysis, and it and
        every module its objects reach hold their records now."""
        entry = self.entries.get(name)
        if entry is None or entry.module is not module or module.state != "done":
            return False
        ran = self.epoch
        if self.checked.get(name) == ran:  # nothing that may reach it changed since
            return True
        seen = set() if seen is None else seen
        seen.add(name)
        if not _holds_records(entry):
            return False
        for other in entry.reach:
            if other not in seen:
                found = self.interp.modules.get(other)
                if found is None or not self._holds(other, found, seen):
                    return False
        self.checked[name] = ran
        return True

    # --- putting back -----------------------------------------------------------------

    def install(self, name: str, location: ModuleLocation) -> Optional[ModuleObject]:
        """The module the last analysis kept for `name`, put back with what its run did,
        when that is what running it would give; else None (it runs)."""
        entry = self.kept.get(name)
        if entry is None or not self._shareable(entry.module):
            return None
        order: list = []
        if not self._plan(entry, location, order, set()) or not self._affordable(order):
            return None
        workspace = self.interp.workspace  # (the files are read as a run would read them, in its order)
        if any(workspace.source(e.location.path) is not e.module.source for e in order):
            self.retry = True  # a file changed since `_plan` read it: the analysis runs again
            return None
        if self.frames:
            self._pause(self.frames[-1])
        self._put(entry, {e.name: e for e in order})
        if self.frames:
            self._resume(self.frames[-1])
        return entry.module

    def _plan(self, entry: Entry, location: Optional[ModuleLocation], order: list, planned: set) -> bool:
        interp, workspace = self.interp, self.interp.workspace
        if entry.location != location or workspace.kept_source(location.path) is not entry.module.source:
            return False
        if not _holds_records(entry):
            return False
        for method, args, answer in entry.lookups:
            if getattr(workspace, method)(*args) != answer:
                return False
        planned.add(entry.name)
        order.append(entry)
        for other in entry.reach:
            found = interp.modules.get(other)
            if found is not None and not self._holds(other, found):
                return False
        for event in entry.log:
            if event[0] != "dep":
                continue
            _, name, module = event
            found = interp.modules.get(name)
            if found is not None:
                if not self._holds(name, found) or found is not module:
                    return False
            elif name not in planned:
                kept = self.kept.get(name)
                if kept is None or kept.module is not module:
                    return False
                if not self._plan(kept, self._locate(name, order), order, planned):
                    return False
        return True

    def _locate(self, name: str, order: list) -> Optional[ModuleLocation]:
        """Where the import system finds module `name` now (its package's folder for a
        submodule: the package is loaded, or put back earlier in `order`)."""
        if "." not in name:
            return self.interp.workspace.find_module(name)
        package = name.rsplit(".", 1)[0]
        parent = self.interp.modules.get(package) or next((e.module for e in order if e.name == package), None)
        if parent is None or not parent.location.is_package:
            return None
        return self.interp.workspace.find_module(name, parent.location.package_dir)

    def _affordable(self, order: list) -> bool:
        """Whether the budgets allow what the runs put back consumed (running them would
        have stopped at the limit otherwise)."""
        from dlt_manifest.python.interpreter import MAX_STEPS

        interp, meter = self.interp, budget.meter()
        statements = sum(e.steps[0] for e in order)
        steps = sum(e.steps[1] for e in order)
        cells = sum(e.steps[2] for e in order)
        if interp.steps + statements > MAX_STEPS or meter.steps + steps > meter.limits.steps:
            return False
        if meter.cells + cells > meter.limits.total_cells:
            return False
        return interp.workspace.can_keep([e.module.source for e in order])

    def _put(self, entry: Entry, planned: dict) -> None:
        interp = self.interp
        module = entry.module
        interp.modules[entry.name] = module
        namespace = module.namespace
        for name in entry.attached:  # bound again where this analysis imports them
            dict.__delitem__(namespace, name)
        entry.attached.clear()
        if hasattr(namespace, "_deferrals"):  # its pending statements run in this analysis
            namespace._deferrals.interp = interp
        for event in entry.log:
            kind, value = event[0], event[1]
            if kind == "dep":
                if value not in interp.modules:
                    self._put(planned[value], planned)
                    if "." in value:
                        interp.attach_submodule(interp.modules[value.rsplit(".", 1)[0]], interp.modules[value])
            elif kind == "closures":
                for scope in value:
                    if id(scope) not in interp._closure_ids:
                        interp._closure_ids.add(id(scope))
                        interp.closures.append(scope)
            elif kind == "enum_models":
                interp.enum_models.update(value)
            elif kind == "tuple_models":
                interp.tuple_models.update(value)
            elif kind == "unmodeled":
                interp.unmodeled_imports.extend(value)
            elif kind == "external":
                interp.loaded_external.update(value)
            elif kind == "taint":
                interp.tainted[id(value)] = (value, event[2])
                interp.taint_markers[id(event[2])] = event[2]
        statements, steps, cells = entry.steps
        interp.steps += statements
        meter = budget.meter()
        meter.steps += steps
        meter.cells += cells
        self._keep(entry)
        self.reused.append(entry.name)


# --- the state of objects ---------------------------------------------------------------

_LEAF, _DICT, _NAMESPACE, _LIST, _SET, _ITEMS, _FIELDS, _FROZEN, _MODULE, _OPAQUE = range(10)
_LEAF_TYPES = (
    type(None), bool, int, float, complex, str, bytes, range, slice, type(Ellipsis), type(NotImplemented),
    types.FunctionType, types.BuiltinFunctionType, types.BuiltinMethodType, types.WrapperDescriptorType,
    types.MethodDescriptorType, type, datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo,
    decimal.Decimal, fractions.Fraction, re.Pattern, enum.Enum, cst.CSTNode, SourceFile, Site, Span,
    ModuleLocation, CodeInfo,
)
_kinds: dict = {}


def _kind(t: type) -> tuple:
    """(kind, what reads an object's state) of the objects of class `t`."""
    found = _kinds.get(t)
    if found is None:
        found = _kinds[t] = _classify(t)
    return found


def _classify(t: type) -> tuple:
    if issubclass(t, _LEAF_TYPES):
        return (_LEAF, None)
    if t is ModuleObject:
        return (_MODULE, None)
    if t is dict or t is collections.OrderedDict or t is collections.Counter:
        return (_DICT, None)
    if t is Namespace:
        return (_NAMESPACE, _namespace_state)
    if t is list:
        return (_LIST, None)
    if t is set:
        return (_SET, _set_state)
    if t is tuple or t is frozenset or (issubclass(t, tuple) and not _has_dict(t) and not _slots(t)):
        return (_ITEMS, None)
    if issubclass(t, (dict, list, set, tuple, frozenset)) or any(_native(c) for c in t.__mro__[1:]):
        return (_OPAQUE, None)  # a container with more state, or an object with state in C
    names = tuple(f.name for f in attrs.fields(t)) if attrs.has(t) else _slots(t)
    if not names:
        return (_FIELDS, lambda obj: _flat(obj.__dict__)) if _has_dict(t) else (_OPAQUE, None)
    fields = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
    if _has_dict(t):
        return (_FIELDS, lambda obj: (*fields(obj), *_flat(obj.__dict__)))
    if attrs.has(t) and t.__setattr__ is _FROZEN_SETATTR:
        return (_FROZEN, fields)  # its fields never change: only what they hold is walked
    return (_FIELDS, fields)


_FROZEN_SETATTR = attrs.frozen(type("_Probe", (), {"__annotations__": {}})).__setattr__


def _native(c: type) -> bool:
    """A class other than `object` whose instances' state CPython keeps out of sight."""
    return c is not object and c.__module__ == "builtins"


def _slots(t: type) -> tuple:
    return tuple(name for c in t.__mro__ for name in vars(c).get("__slots__", ()) if name not in ("__dict__", "__weakref__"))


def _has_dict(t: type) -> bool:
    return any("__dict__" in vars(c) for c in t.__mro__ if c is not object)


def _flat(d: dict) -> tuple:
    return (*d.keys(), None, *d.values())


def _namespace_state(obj: dict) -> tuple:
    return (*map(id, dict.keys(obj)), None, *map(id, dict.values(obj)), None, *obj._deferrals.pending)


def _set_state(obj: set) -> frozenset:
    return frozenset(map(id, obj))


def _module_state(module: ModuleObject) -> tuple:
    return tuple(map(id, (module.namespace, module.open_namespace, module.failure, module.state)))


class _Without:
    """The state of a module's namespace but the submodules bound in it after its run."""

    __slots__ = ("attached",)

    def __init__(self, attached: set):
        self.attached = attached

    def __call__(self, namespace: dict) -> tuple:
        attached = self.attached
        keys = [k for k in dict.keys(namespace) if k not in attached] if attached else list(dict.keys(namespace))
        values = [dict.__getitem__(namespace, k) for k in keys]
        state = (*map(id, keys), None, *map(id, values))
        return (*state, None, *namespace._deferrals.pending) if type(namespace) is Namespace else state


def _walk(module: ModuleObject, attached: set, owner: dict) -> Optional[tuple]:
    """(records, kept objects, module names reached) of everything reachable from
    `module`'s namespace (but the submodules in `attached`); None when an object's whole
    state cannot be seen. A record is an object and its state: the ids of what it holds,
    all kept alive in `keep` so that no id is reused. An object another module's record
    saw (`owner`) is that record's: its module is reached instead. Records compare what an
    object holds by identity (`is`), not equality."""
    namespace, name = module.namespace, module.name
    view = _Without(attached)
    records = _Records()
    records.other += [(module, _module_state, _module_state(module)), (namespace, view, view(namespace))]
    lists, dicts, fields, other = records.lists, records.dicts, records.fields, records.other
    keep: list = [module, namespace, module.open_namespace, module.failure, module.state]
    reach: set = set()
    seen = {id(module), id(namespace)}
    keys = [k for k in dict.keys(namespace) if k not in attached]
    stack = [module.open_namespace, module.failure, *keys, *(dict.__getitem__(namespace, k) for k in keys)]
    kinds, pop = _kinds, stack.pop
    while stack:
        obj = pop()
        found = kinds.get(type(obj))
        kind, state = found if found is not None else _kind(type(obj))
        if kind == _LEAF or id(obj) in seen:
            continue
        other_module = owner.get(id(obj))
        if other_module is not None and other_module != name:
            reach.add(other_module)
            seen.add(id(obj))
            continue
        seen.add(id(obj))
        keep.append(obj)
        if kind == _LIST:
            stack.extend(obj)
            lists.append((obj, tuple(obj)))
        elif kind == _DICT:
            keys, values = tuple(dict.keys(obj)), tuple(dict.values(obj))
            stack.extend(keys)
            stack.extend(values)
            dicts.append((obj, keys, values))
        elif kind == _FIELDS:
            values = state(obj)
            stack.extend(values)
            fields.append((obj, state, values))
        elif kind == _FROZEN or kind == _ITEMS:
            stack.extend(state(obj) if kind == _FROZEN else obj)
        elif kind == _NAMESPACE or kind == _SET:
            stack.extend(dict.keys(obj) if kind == _NAMESPACE else obj)
            if kind == _NAMESPACE:
                stack.extend(dict.values(obj))
            other.append((obj, state, state(obj)))
        elif kind == _MODULE:
            reach.add(obj.name)
        else:
            return None
    return records, keep, reach


class _Records:
    """What a walk saw, by kind (so that checking them is a tight loop per kind)."""

    __slots__ = ("lists", "dicts", "fields", "other")

    def __init__(self):
        self.lists: list = []  # (list, its items)
        self.dicts: list = []  # (dict, its keys, its values)
        self.fields: list = []  # (object, what reads its fields, their values)
        self.other: list = []  # (object, what reads its state, that state: ids, kept alive in `keep`)

    def objects(self) -> Iterator[Any]:
        for group in (self.lists, self.dicts, self.fields, self.other):
            for record in group:
                yield record[0]


def _holds_records(entry: Entry) -> bool:
    """Every object the record saw holds what it held then, the same objects (the
    module's namespace aside from the submodules bound in it since: `Entry.attached`)."""
    records = entry.records
    for obj, held in records.lists:
        if len(obj) != len(held) or not all(map(is_, obj, held)):
            return False
    for obj, keys, values in records.dicts:
        if len(obj) != len(keys) or not all(map(is_, obj, keys)) or not all(map(is_, dict.values(obj), values)):
            return False
    for obj, getter, held in records.fields:
        now = getter(obj)
        if len(now) != len(held) or not all(map(is_, now, held)):
            return False
    for obj, state, held in records.other:
        if state(obj) != held:
            return False
    return True
