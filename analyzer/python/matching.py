"""`match` statements, as CPython matches patterns (PEP 634): literal, singleton, capture
and wildcard, sequence (with a star), mapping (with `**rest`), class patterns (builtins and
workspace classes with `__match_args__`), or-patterns and guards. A part of
`interpreter.Interpreter`; a subject or pattern not known statically makes the whole
statement not followed."""

from __future__ import annotations

from typing import Any

import libcst as cst
from dlt_manifest.python import classes, syntax
from dlt_manifest.python.plain import is_plain_shallow
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import (
    Class,
    Instance,
    Modeled,
    Raised,
    Unknown,
    describe,
    is_poison,
)

_SEQUENCES = (list, tuple, range)
_SELF_MATCHING = {f"builtins.{t.__name__}": t for t in (bool, bytes, dict, float, frozenset, int, list, set, str, tuple)}


class Matching:
    """The `match` statement (a part of `interpreter.Interpreter`)."""

    def _match(self, node: cst.Match, scope: Scope) -> bool:
        subject = self.eval(node.subject, scope)
        if isinstance(subject, Raised):
            self.fail(subject)
            return False
        if is_poison(subject):
            return self._not_executed(node, scope, None, f"bound in a `match` on a value not known statically ({subject.reason})", subject)
        for case in node.cases:
            captured: dict = {}
            matched = self._pattern(case.pattern, subject, scope, captured)
            if is_poison(matched):
                if isinstance(matched, Raised):
                    self.fail(matched)
                    return False
                return self._not_executed(node, scope, None, f"bound in a `match` whose pattern cannot be decided statically ({matched.reason})", matched)
            if not matched:
                continue
            for name, value in captured.items():
                self.bind(scope, name, value, None)
            if case.guard is not None:
                guard = self.truth(self.eval(case.guard, scope), self.site(scope, case.guard))
                if is_poison(guard):
                    if isinstance(guard, Raised):
                        self.fail(guard)
                        return False
                    return self._not_executed(node, scope, None, f"bound in a `match` whose guard is not known statically ({guard.reason})", guard)
                if not guard:
                    continue
            return self.exec_block(syntax.block(case.body), scope)
        return True

    def _pattern(self, pattern, subject: Any, scope: Scope, captured: dict) -> Any:
        """Does `subject` match `pattern`? True / False, or poison; captures go to `captured`."""
        site = self.site(scope, pattern)
        if isinstance(pattern, cst.MatchAs):
            if pattern.pattern is not None:
                inner = self._pattern(pattern.pattern, subject, scope, captured)
                if inner is not True:
                    return inner
            if pattern.name is not None:
                captured[scope.mangle(pattern.name.value)] = subject
            return True
        if isinstance(pattern, cst.MatchOr):
            for element in pattern.patterns:
                attempt: dict = {}
                matched = self._pattern(element.pattern, subject, scope, attempt)
                if matched is not False:
                    captured.update(attempt)
                    return matched
            return False
        if isinstance(pattern, cst.MatchSingleton):
            return subject is {"True": True, "False": False, "None": None}[pattern.value.value]
        if isinstance(pattern, cst.MatchValue):
            value = self.eval(pattern.value, scope)
            if is_poison(value):
                return value
            return self.equals(subject, value, site)
        if isinstance(pattern, (cst.MatchList, cst.MatchTuple)):
            return self._sequence_pattern(pattern, subject, scope, captured, site)
        if isinstance(pattern, cst.MatchMapping):
            return self._mapping_pattern(pattern, subject, scope, captured, site)
        if isinstance(pattern, cst.MatchClass):
            return self._class_pattern(pattern, subject, scope, captured, site)
        return Unknown(f"`{type(pattern).__name__}` patterns are not modeled", site)

    def _sequence_pattern(self, pattern, subject: Any, scope: Scope, captured: dict, site) -> Any:
        if isinstance(subject, (str, bytes)) or not isinstance(subject, _SEQUENCES):
            return False if self._plain_or_known(subject) else Unknown(f"matching {describe(subject)} as a sequence is not modeled", site)
        items = list(subject)
        elements = list(pattern.patterns)
        stars = [i for i, e in enumerate(elements) if isinstance(e, cst.MatchStar)]
        if stars:
            star = stars[0]
            after = len(elements) - star - 1
            if len(items) < len(elements) - 1:
                return False
            heads = list(zip(elements[:star], items[:star]))
            tails = list(zip(elements[star + 1:], items[len(items) - after:])) if after else []
            for element, item in heads + tails:
                matched = self._pattern(element.value, item, scope, captured)
                if matched is not True:
                    return matched
            if elements[star].name is not None:
                captured[elements[star].name.value] = items[star:len(items) - after]
            return True
        if len(items) != len(elements):
            return False
        for element, item in zip(elements, items):
            matched = self._pattern(element.value, item, scope, captured)
            if matched is not True:
                return matched
        return True

    def _mapping_pattern(self, pattern, subject: Any, scope: Scope, captured: dict, site) -> Any:
        if not isinstance(subject, dict):
            return False if self._plain_or_known(subject) else Unknown(f"matching {describe(subject)} as a mapping is not modeled", site)
        used = []
        for element in pattern.elements:
            key = self.eval(element.key, scope)
            if is_poison(key):
                return key
            if key not in subject:
                return False
            used.append(key)
            matched = self._pattern(element.pattern, subject[key], scope, captured)
            if matched is not True:
                return matched
        if pattern.rest is not None:
            captured[pattern.rest.value] = {k: v for k, v in subject.items() if k not in used}
        return True

    def _class_pattern(self, pattern, subject: Any, scope: Scope, captured: dict, site) -> Any:
        cls = self.eval(pattern.cls, scope)
        if is_poison(cls):
            return cls
        positional = [p.value for p in pattern.patterns]
        keywords = [(k.key.value, k.pattern) for k in pattern.kwds]
        if isinstance(cls, Modeled) and cls.key in _SELF_MATCHING:
            if not self._plain_or_known(subject):
                return Unknown(f"matching {describe(subject)} against a class is not modeled", site)
            if not isinstance(subject, _SELF_MATCHING[cls.key]):
                return False
            if len(positional) > 1:
                return Raised("TypeError", f"{cls.key[9:]}() accepts 1 positional sub-pattern ({len(positional)} given)", site, "DM411")
            if positional:
                matched = self._pattern(positional[0], subject, scope, captured)
                if matched is not True:
                    return matched
            if keywords:
                return Unknown(f"keyword patterns on `{cls.key[9:]}` are not modeled", site)
            return True
        if not isinstance(cls, Class):
            return Unknown(f"class patterns of {describe(cls)} are not modeled", site)
        if not isinstance(subject, Instance):
            return False if self._plain_or_known(subject) else Unknown(f"matching {describe(subject)} against `{cls.name}` is not modeled", site)
        if not any(c is cls for c in (subject.cls, *subject.cls.mro)):
            return False
        names: list = []
        if positional:
            match_args = classes.lookup(subject.cls, "__match_args__")[1]
            if match_args is None and subject.cls.dataclass is not None:
                match_args = tuple(f.name for f in subject.cls.fields if f.init)
            if not isinstance(match_args, tuple):
                return Raised("TypeError", f"{cls.name}() accepts 0 positional sub-patterns ({len(positional)} given)", site, "DM411")
            if len(positional) > len(match_args):
                return Raised("TypeError", f"{cls.name}() accepts {len(match_args)} positional sub-patterns ({len(positional)} given)", site, "DM411")
            names = list(match_args[:len(positional)])
        for name, sub in [*zip(names, positional), *keywords]:
            value = self.get_attribute(subject, name, site)
            if isinstance(value, Raised) and value.exc == "AttributeError":
                return False
            if is_poison(value):
                return value
            matched = self._pattern(sub, value, scope, captured)
            if matched is not True:
                return matched
        return True

    def _plain_or_known(self, value: Any) -> bool:
        return is_plain_shallow(value) or isinstance(value, (Instance, Class))

