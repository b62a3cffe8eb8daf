"""Iterators as CPython's builtins and `itertools` make them: lazy, consumed once, taking
items from their sources only as they are asked (`zip` stops where CPython stops), so that
what the code they call does happens when CPython would do it."""

from __future__ import annotations

from typing import Any, Optional

from dlt_manifest.python import plain
from dlt_manifest.python.calls import _MISSING, modeled
from dlt_manifest.python.values import GeneratorValue, Raised, Unknown, is_poison

RUNTIME_ERROR = "DM411"


def _iterator(stream, calls: Any = None) -> GeneratorValue:
    """An iterator: its items are made when it is consumed, once (as a generator's);
    `calls`: a workspace callable it calls for its items (its effects are tainted if the
    iteration cannot be followed to its end)."""
    return GeneratorValue(None, calls, None, stream)


def _not_iterable(call, *iterables: Any) -> Optional[Raised]:
    """`enumerate(1)`, `zip([], 2)`, `map(f, None)`: CPython calls `iter()` on each at
    once (only `itertools.chain` waits): a constant that is not iterable raises there."""
    for iterable in iterables:
        if type(iterable) in (int, float, bool, complex, type(None)):
            return Raised("TypeError", f"{type(iterable).__name__!r} object is not iterable", call.site, RUNTIME_ERROR)
    return None


def _items_of(ev, call, iterable: Any):
    """The items of an iterable, one at a time (a poison item ends them)."""
    if isinstance(iterable, GeneratorValue):
        yield from ev.generator_stream(iterable)
        return
    items = ev.iterate(iterable, call.site)
    if is_poison(items):
        yield items
        return
    yield from items


@modeled("itertools.chain", "(*iterables)")
def _chain(ev, call, bound, _):
    def stream():
        for iterable in bound["iterables"]:
            yield from _items_of(ev, call, iterable)

    return _iterator(stream())


@modeled("itertools.chain.from_iterable", "(iterable, /)")
def _chain_from_iterable(ev, call, bound, _):
    def stream():
        for iterable in _items_of(ev, call, bound["iterable"]):
            if is_poison(iterable):
                yield iterable
                return
            yield from _items_of(ev, call, iterable)

    return _iterator(stream())


@modeled("builtins.enumerate", "(iterable, start=0)")
def _enumerate(ev, call, bound, _):
    start = bound["start"]
    raised = _not_iterable(call, bound["iterable"])
    if raised is not None:
        return raised
    if not isinstance(start, int):
        return ev.not_static(start, call.site, "enumerate() from")

    def stream():
        for index, item in enumerate(_items_of(ev, call, bound["iterable"]), start):
            yield item if is_poison(item) else (index, item)

    return _iterator(stream())


@modeled("builtins.zip", "(*iterables, strict=False)")
def _zip(ev, call, bound, _):
    if bound["strict"]:
        return Unknown("zip(strict=True) is not modeled", call.site, may_raise=True)
    raised = _not_iterable(call, *bound["iterables"])
    if raised is not None:
        return raised
    streams = [_items_of(ev, call, it) for it in bound["iterables"]]

    def stream():
        if not streams:
            return
        while True:
            items = []
            for source in streams:  # pulled in order: the first ones may give one more
                item = next(source, _END)
                if item is _END:
                    return
                if is_poison(item):
                    yield item
                    return
                items.append(item)
            yield tuple(items)

    return _iterator(stream())


_END = object()


@modeled("builtins.reversed", "(sequence, /)")
def _reversed(ev, call, bound, _):
    sequence = bound["sequence"]
    if isinstance(sequence, GeneratorValue):
        return Raised("TypeError", "'generator' object is not reversible", call.site, RUNTIME_ERROR)
    items = ev.iterate(sequence, call.site)
    return items if is_poison(items) else _iterator(iter(list(reversed(items))))


@modeled("builtins.map", "(function, iterable, /, *iterables)")
def _map(ev, call, bound, _):
    function = bound["function"]
    raised = _not_iterable(call, bound["iterable"], *bound["iterables"])
    if raised is not None:
        return raised
    streams = [_items_of(ev, call, it) for it in (bound["iterable"], *bound["iterables"])]

    def stream():
        for args in zip(*streams):
            poison = next((a for a in args if is_poison(a)), None)
            if poison is not None:
                yield poison
                return
            yield ev.call(function, list(args), {}, call)

    return _iterator(stream(), function)


@modeled("builtins.filter", "(function, iterable, /)")
def _filter(ev, call, bound, _):
    function = bound["function"]
    raised = _not_iterable(call, bound["iterable"])
    if raised is not None:
        return raised

    def stream():
        for item in _items_of(ev, call, bound["iterable"]):
            if is_poison(item):
                yield item
                return
            test = item if function is None else ev.call(function, [item], {}, call)
            truth = ev.truth(test, call.site)
            if is_poison(truth):
                yield truth
                return
            if truth:
                yield item

    return _iterator(stream(), function)


@modeled("builtins.iter", "(obj, sentinel=MISSING, /)")
def _iter(ev, call, bound, _):
    """`iter(x)`: an iterator is itself; a list's iterator sees the list as it changes."""
    obj = bound["obj"]
    if is_poison(obj):
        return obj
    if bound["sentinel"] is not _MISSING:
        return Unknown("iter(callable, sentinel) is not modeled", call.site)
    if isinstance(obj, GeneratorValue):
        return obj
    raised = _not_iterable(call, obj)
    if raised is not None:
        return raised
    if isinstance(obj, (list, tuple, str, bytes, range)):
        return _iterator(iter(obj))
    if isinstance(obj, (dict, set, frozenset)) or plain.is_view(obj):
        return _checked_iterator(ev, call, obj)
    return Unknown(f"iter() of a {type(obj).__name__} value is not modeled", call.site)


_CHECKED_ITEMS = 1_000  # a dict or set iterated lazily is compared with its start at each step


def _checked_iterator(ev, call, obj: Any) -> Any:
    """`iter()` of a dict, a set or a dict view: its items in CPython's order (a set of
    anything but numbers is refused by `iterate`), taken lazily; when the container has
    changed since the iterator was made, CPython raises or sees the change: refused."""
    items = ev.iterate(obj, call.site)
    if is_poison(items):
        return items
    source = obj.mapping if plain.is_view(obj) else obj
    if len(items) > _CHECKED_ITEMS:
        return Unknown(f"iter() of a {type(obj).__name__} of more than {_CHECKED_ITEMS:,} items is not modeled", call.site)
    start = list(source)

    def stream():
        for item in items:
            if len(source) != len(start) or list(source) != start:
                yield Unknown(f"the {type(source).__name__} changed while an iterator over it was in use", call.site)
                return
            yield item

    return _iterator(stream())
