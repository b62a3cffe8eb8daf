"""Families of Python semantics the interpreter follows exactly or refuses, each checked
against CPython itself: every program below is this file's own code, run by CPython
(`exec`) and by the interpreter; a name listed as exact must have CPython's value, a name
listed as refused must be Unknown, and a program CPython fails must fail the import with
the same exception class.
"""

from __future__ import annotations

import textwrap

import dlt_manifest.dlt  # noqa: F401  (registers dlt's models)
import pytest
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.python.values import Raised, Unknown, deep_poison
from dlt_manifest.source.workspace import Workspace
from workspace_util import write_workspace


def run_both(tmp_path, source: str):
    source = textwrap.dedent(source)
    namespace: dict = {"__name__": "__deployment__"}
    error = None
    try:
        exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)  # the test's own program
    except Exception as ex:  # noqa: BLE001
        error = type(ex).__name__
    write_workspace(tmp_path, {"__deployment__.py": source})
    interp = Interpreter(Workspace(str(tmp_path)))
    module = interp.run_deployment()
    return namespace, error, module.namespace, interp


def check(tmp_path, source: str, exact: str = "", refused: str = "", raises: str = "") -> None:
    expected, error, mine, interp = run_both(tmp_path, source)
    if raises:
        assert error == raises, f"CPython: {error}"
        assert [f.exc for f in interp.failures][:1] == [raises], interp.failures
        return
    assert error is None, error
    assert not interp.failures, interp.failures
    for name in exact.split():
        value = mine.get(name)
        assert not isinstance(value, (Unknown, Raised)) and deep_poison(value) is None, (name, value)
        assert value == expected[name] and type(value) is type(expected[name]), (name, value, expected[name])
    for name in refused.split():
        value = mine.get(name)
        assert isinstance(value, Unknown) or deep_poison(value) is not None, (name, value, expected[name])


# --- definitions ------------------------------------------------------------------------


def test_a_return_annotation_is_evaluated_when_the_def_runs(tmp_path) -> None:
    """CPython evaluates it after the parameters' (a NameError fails the import); it was
    never evaluated, so the runtime's failure gave a manifest."""
    check(tmp_path, """
        def load() -> Undefined:
            pass
    """, raises="NameError")


def test_a_postponed_return_annotation_is_not_evaluated(tmp_path) -> None:
    check(tmp_path, """
        from __future__ import annotations
        def load() -> Undefined:
            pass
        OK = 1
    """, exact="OK")


def test_a_class_qualname_must_be_a_str(tmp_path) -> None:
    check(tmp_path, """
        class A:
            __qualname__ = 1
    """, raises="TypeError")


def test_a_class_qualname_is_kept_apart_from_its_namespace(tmp_path) -> None:
    check(tmp_path, """
        class A:
            __qualname__ = "X.Y"
        class B:
            class C:
                pass
        Q = A.__qualname__
        R = B.C.__qualname__
        IN_DICT = "__qualname__" in vars(A)
    """, exact="Q R")


# --- exceptions ---------------------------------------------------------------------------


def test_except_as_name_is_deleted_after_the_handler(tmp_path) -> None:
    check(tmp_path, """
        try:
            {}["orders"]
        except KeyError as e:
            CRON = "0 1 * * *"
        REASON = str(e)
    """, raises="NameError")


def test_except_as_name_in_a_function_is_deleted_too(tmp_path) -> None:
    check(tmp_path, """
        def f():
            e = "before"
            try:
                raise ValueError("x")
            except ValueError as e:
                pass
            return "e" in locals()
        BOUND = f()
    """, exact="BOUND")


def test_exception_args_follow_new_then_init(tmp_path) -> None:
    check(tmp_path, """
        class LoadError(Exception):
            def __init__(self, table, cron):
                super().__init__(f"cannot load {table}")
                self.cron = cron
        class NoSuper(Exception):
            def __init__(self, a, b):
                self.a = a
        class Empty(Exception):
            def __init__(self, a):
                super().__init__()
        class Plain(Exception):
            pass
        class Missing(KeyError):
            pass
        err = LoadError("orders", "0 2 * * *")
        p = Plain(1)
        p.args = [3, 4]
        ARGS = (err.args, NoSuper(1, 2).args, Empty(5).args, p.args)
        TEXT = (str(err), repr(err), str(NoSuper(1, 2)), str(Empty(5)), repr(Empty(5)), str(p))
        KEY = (str(Missing("x")), repr(Missing("x")), str(Missing()), str(Missing(1, 2)))
    """, exact="ARGS TEXT KEY")


def test_exception_keyword_arguments_fail(tmp_path) -> None:
    check(tmp_path, """
        class Plain(Exception):
            pass
        E = Plain(1, k=2)
    """, raises="TypeError")


def test_str_of_an_oserror_is_refused(tmp_path) -> None:
    check(tmp_path, """
        class Missing(FileNotFoundError):
            pass
        TEXT = str(Missing(2, "gone"))
    """, refused="TEXT")


def test_builtin_exception_hierarchy_is_cpythons(tmp_path) -> None:
    check(tmp_path, """
        CAUGHT = []
        try:
            raise UnicodeError("u")
        except ValueError as ex:
            CAUGHT.append(str(ex))
        try:
            raise FileNotFoundError("f")
        except IOError:
            CAUGHT.append("io")
        try:
            try:
                raise KeyboardInterrupt()
            except Exception:
                CAUGHT.append("wrong")
        except BaseException:
            CAUGHT.append("base")
        class Missing(KeyError):
            pass
        MRO = [c.__name__ for c in Missing.__mro__]
    """, exact="CAUGHT MRO")


def test_finally_that_returns_discards_the_exception(tmp_path) -> None:
    check(tmp_path, """
        def swallow():
            try:
                raise RuntimeError("boom")
            finally:
                return "swallowed"
        def skip():
            for i in range(3):
                try:
                    raise KeyError(i)
                finally:
                    if i < 2:
                        continue
            return i
        def replace():
            try:
                raise KeyError(1)
            finally:
                raise ValueError(2)
        try:
            replace()
        except ValueError as e:
            REPLACED = str(e)
        TAG = swallow()
    """, exact="TAG REPLACED")
    check(tmp_path, """
        def skip():
            for i in range(3):
                try:
                    raise KeyError(i)
                finally:
                    if i < 2:
                        continue
            return i
        LAST = skip()
    """, raises="KeyError")


# --- classes ------------------------------------------------------------------------------


def test_slots_restrict_attributes(tmp_path) -> None:
    check(tmp_path, """
        class Plan:
            __slots__ = ("cron", "__w")
            def __init__(self, cron):
                self.cron = cron
                self.__w = 2
        class Open(Plan):
            pass
        P = Plan("0 1 * * *")
        try:
            P.timeout = "1h"
        except AttributeError as ex:
            ERR = str(ex)
        o = Open("x")
        o.timeout = 3
        VALUES = (P.cron, o.timeout)
    """, exact="ERR VALUES")


def test_slots_conflicting_with_a_class_variable_fail(tmp_path) -> None:
    check(tmp_path, """
        class Plan:
            __slots__ = ("cron", "workers")
            cron = "0 1 * * *"
    """, raises="ValueError")


def test_abstract_classes_cannot_be_instantiated(tmp_path) -> None:
    check(tmp_path, """
        from abc import ABC, ABCMeta, abstractmethod
        class Source(ABC):
            @abstractmethod
            def cron(self): ...
            @property
            @abstractmethod
            def tags(self): ...
        class Orders(Source):
            def cron(self):
                return "0 1 * * *"
        class Done(Orders):
            tags = None
        class Meta(metaclass=ABCMeta):
            @abstractmethod
            def z(self): ...
        class Plain:
            @abstractmethod
            def z(self): ...
        ERRORS = []
        for cls in (Orders, Source, Meta):
            try:
                cls()
            except TypeError as ex:
                ERRORS.append(str(ex))
        MADE = (Done().cron(), type(Plain()).__name__)
    """, exact="ERRORS MADE")


def test_enum_members_cannot_be_reassigned(tmp_path) -> None:
    check(tmp_path, """
        from enum import Enum
        class Schedule(Enum):
            NIGHTLY = "0 2 * * *"
        Schedule.NIGHTLY = "0 3 * * *"
    """, raises="AttributeError")
    check(tmp_path, """
        from enum import Enum
        class Schedule(Enum):
            NIGHTLY = "0 2 * * *"
        ERRORS = []
        try:
            del Schedule.NIGHTLY
        except AttributeError as ex:
            ERRORS.append(str(ex))
        try:
            Schedule.NIGHTLY.value = 1
        except AttributeError as ex:
            ERRORS.append(str(ex))
        Schedule.label = "x"
        VALUE = (Schedule.NIGHTLY.value, Schedule.label)
    """, exact="ERRORS VALUE")


def test_object_setattr_bypasses_frozen_and_custom_setattr(tmp_path) -> None:
    check(tmp_path, """
        from dataclasses import dataclass
        @dataclass(frozen=True)
        class Schedule:
            hour: int
            cron: str = "0 0 * * *"
            def __post_init__(self):
                object.__setattr__(self, "cron", f"30 {self.hour} * * *")
        class Guard:
            def __init__(self):
                self.seen = []
            def __setattr__(self, name, value):
                if name != "seen":
                    self.seen.append(name)
                super().__setattr__(name, value)
        g = Guard()
        g.a = 1
        VALUES = (Schedule(3).cron, g.seen, g.a)
    """, exact="VALUES")


def test_frozen_dataclass_is_frozen_in_post_init(tmp_path) -> None:
    check(tmp_path, """
        from dataclasses import dataclass
        @dataclass(frozen=True)
        class Schedule:
            hour: int
            def __post_init__(self):
                self.cron = "x"
        S = Schedule(1)
    """, raises="FrozenInstanceError")


def test_dataclass_initvar(tmp_path) -> None:
    check(tmp_path, """
        from dataclasses import InitVar, dataclass, field, fields, replace
        @dataclass
        class Job:
            name: str
            env: InitVar[str] = "dev"
            cron: str = field(init=False)
            def __post_init__(self, env):
                self.cron = "0 3 * * *" if env == "prod" else "*/15 * * * *"
        JOB = Job("orders", "prod")
        VALUES = (JOB.cron, [f.name for f in fields(JOB)], repr(JOB), Job.env, replace(JOB).cron)
    """, exact="VALUES")


def test_descriptors(tmp_path) -> None:
    check(tmp_path, """
        class Key:
            def __set_name__(self, owner, name):
                self.name = name
            def __get__(self, obj, owner):
                return f"{owner.__name__.lower()}.{self.name}"
        class Typed:
            def __set_name__(self, owner, name):
                self.attr = "_" + name
            def __get__(self, obj, owner):
                return "class" if obj is None else getattr(obj, self.attr)
            def __set__(self, obj, value):
                setattr(obj, self.attr, str(value).upper())
        class Sources:
            orders = Key()
            cron = Typed()
            def __init__(self):
                self.cron = "abc"
        class Warehouse(Sources):
            pass
        w = Warehouse()
        VALUES = (Sources.orders, Warehouse.orders, w.orders, w.cron, Sources.cron, w._cron)
    """, exact="VALUES")


def test_custom_eq_and_hash_are_not_identity(tmp_path) -> None:
    check(tmp_path, """
        class Table:
            def __init__(self, name):
                self.name = name
            def __eq__(self, other):
                return isinstance(other, Table) and self.name.lower() == other.name.lower()
            __hash__ = None
        TABLES = [Table("Orders"), Table("users"), Table("ORDERS"), Table("events")]
        COUNT = TABLES.count(Table("orders"))
        POS = TABLES.index(Table("EVENTS"))
        TABLES.remove(Table("orders"))
        HAS = Table("USERS") in TABLES
        NAMES = [t.name for t in TABLES]
    """, exact="COUNT POS HAS NAMES")
    check(tmp_path, """
        class Table:
            def __init__(self, name):
                self.name = name
            def __eq__(self, other):
                return self.name.lower() == other.name.lower()
            def __hash__(self):
                return len(self.name)
        SEEN = {}
        for t in [Table("Orders"), Table("users"), Table("ORDERS")]:
            SEEN[t] = t.name
        TAGS = list(SEEN.values())
    """, refused="TAGS")
    check(tmp_path, """
        from dataclasses import dataclass
        @dataclass
        class Source:
            name: str
        KEYS = {Source("a"): 1}
    """, raises="TypeError")


def test_del_statements(tmp_path) -> None:
    check(tmp_path, """
        class C:
            def __init__(self):
                self.a = 1
        c = C()
        del c.a
        ERRORS = []
        try:
            del c.a
        except AttributeError as ex:
            ERRORS.append(str(ex))
        x = 1
        del x
        try:
            del x
        except NameError as ex:
            ERRORS.append(str(ex))
        HAS = hasattr(c, "a")
    """, exact="ERRORS HAS")


def test_flag_values_iterate_their_members(tmp_path) -> None:
    check(tmp_path, """
        from enum import Flag, IntFlag, auto
        class Env(Flag):
            DEV = auto()
            STAGING = auto()
            PROD = auto()
        class Perm(IntFlag):
            R = 4
            W = 2
        TARGETS = Env.DEV | Env.PROD
        VALUES = (str(TARGETS), [m.name for m in TARGETS], [m.name for m in Perm.R | Perm.W], TARGETS.value)
    """, exact="VALUES")


# --- hash order -----------------------------------------------------------------------------


@pytest.mark.parametrize("display", ["{-1, 5, -2, 3, 9, 0}", "{1, 2, 3}", "{8, 16, 24}", "{0.5, 1, 2}"])
def test_set_displays_of_numbers_in_cpythons_order(tmp_path, display: str) -> None:
    check(tmp_path, f"""
        S = {display}
        ORDER = list(S)
        MORE = list({{*S, 40, 8}})
        ADDED = set()
        for m in (40, 8, 24, 0, 16):
            ADDED.add(m)
        ADDED_ORDER = list(ADDED)
    """, exact="ORDER MORE ADDED_ORDER")


def test_set_constant_whose_order_a_cached_pyc_changes_is_refused(tmp_path) -> None:
    # the compiler's frozenset constant {17, 1, 9, 33} iterates 17, 9, 1, 33 when the
    # module is compiled, and 1, 33, 9, 17 when it is loaded from its cached .pyc
    check(tmp_path, """
        HOURS = {17, 1, 9, 33}
        ORDER = list(HOURS)
        SIZE = len({1, 2})
    """, exact="SIZE", refused="ORDER")


def test_pop_of_a_set_of_strings_is_refused(tmp_path) -> None:
    check(tmp_path, """
        CANDIDATES = {"0 1 * * *", "0 2 * * *", "0 3 * * *"}
        CRON = CANDIDATES.pop()
        NUMBERS = {3, 1, 2}
        FIRST = NUMBERS.pop()
    """, exact="FIRST", refused="CRON")


# --- builtins -------------------------------------------------------------------------------


def test_one_iterator_consumed_twice_by_zip(tmp_path) -> None:
    check(tmp_path, """
        ITEMS = ["a", "1", "b", "2"]
        it = iter(ITEMS)
        PAIRS = list(zip(it, it))
        g = (x for x in ITEMS)
        GEN_PAIRS = list(zip(g, g))
        L = [1, 2]
        j = iter(L)
        FIRST = next(j)
        L.append(3)
        REST = list(j)
    """, exact="PAIRS GEN_PAIRS FIRST REST")


def test_builtins_on_numbers_and_enums(tmp_path) -> None:
    check(tmp_path, """
        from enum import Enum, IntEnum
        class Color(Enum):
            RED = 1
            GREEN = 2
            CRIMSON = 1
        class Level(IntEnum):
            LOW = 1
            HIGH = 5
        try:
            raise KeyError("k")
        except KeyError as e:
            ARGS = e.args
            KIND = type(e).__name__
        VALUES = (
            len(Color), max(Level), Color.RED in Color, Level.LOW in Level,
            hash(5), hash((1, 2)), hash(1.5), format(3.14159, ".2f"), format(42, "08b"), bin(5), oct(8),
        )
        SEEDED = hash("text")
    """, exact="VALUES ARGS KIND", refused="SEEDED")


def test_exceptions_of_builtin_operations_keep_their_args(tmp_path) -> None:
    check(tmp_path, """
        try:
            {}["orders"]
        except KeyError as e:
            KEY = (str(e), e.args[0], repr(e))
        try:
            int("x1")
        except ValueError as e:
            VALUE = (str(e), e.args)
    """, exact="KEY VALUE")


# --- textwrap ---------------------------------------------------------------------------------


def test_textwrap_functions_are_cpythons(tmp_path) -> None:
    check(tmp_path, '''
        import textwrap
        from textwrap import dedent, shorten

        NAME = dedent("""
            Orders
              and refunds
        """).strip().replace("\\n", " ")
        SHORT = shorten("Orders, refunds and everything else that matters", width=20, placeholder="...")
        SHORT2 = textwrap.shorten("a  b   c", 5)
        INDENTED = textwrap.indent("a\\n\\nb\\n", "> ")
        FILLED = textwrap.fill("one two three four five six", width=9, initial_indent="* ", subsequent_indent="  ")
        WRAPPED = textwrap.wrap("one two three\\tfour", 8, expand_tabs=False, break_on_hyphens=False)
        CUT = textwrap.wrap("abcdefghij klm", width=4, max_lines=2, placeholder="~")
    ''', exact="NAME SHORT SHORT2 INDENTED FILLED WRAPPED CUT")


def test_textwrap_failures_and_refusals(tmp_path) -> None:
    check(tmp_path, """
        import textwrap
        BAD = textwrap.shorten("abc def", width=1)
    """, raises="ValueError")
    check(tmp_path, """
        import textwrap
        BAD = textwrap.fill("abc", width=10, colour=1)
    """, raises="TypeError")
    check(tmp_path, """
        import os, textwrap
        TAGGED = textwrap.indent("a\\nb", "- ", lambda line: True)
        BIG = textwrap.indent("x\\n" * 200000, "-" * 10)
    """, refused="TAGGED BIG")


# --- f-strings ----------------------------------------------------------------------------------


def test_fstring_debug_specifier_is_cpythons(tmp_path) -> None:
    check(tmp_path, '''
        hour, name, width, fill = 7, "café", 8, "*"
        items = [1, 2]
        A = f"{hour=}"
        B = f"{hour = }|{hour = :03}|{ hour=!s}|{name=!a}|{name=:{fill}>{width}}"
        C = f"{hour * 2 + 1=}|{items[0]=}|{(hour, name)=}|{'x'=}|{hour=:>{width}}"
        D = f"""{
        hour=}"""
    ''', exact="A B C D")
    check(tmp_path, """
        µ = 1
        E = f"{µ=}"
    """, refused="E")


def test_str_methods_of_the_type_are_the_strings_methods(tmp_path) -> None:
    check(tmp_path, """
        TABLES = ["ab", "Xyz", "cd", "q", "uvw"]
        TABLES.sort(key=str.upper)
        LOWER = list(map(str.lower, TABLES))
        JOINED = str.join("-", TABLES)
        STRIPPED = str.strip("  a  ")
        SPLIT = str.split("a,b", ",")
    """, exact="TABLES LOWER JOINED STRIPPED SPLIT")
    check(tmp_path, "X = str.upper(1)\n", raises="TypeError")
    check(tmp_path, "X = str.upper()\n", raises="TypeError")


def test_iter_of_dicts_and_sets_is_cpythons(tmp_path) -> None:
    check(tmp_path, """
        D = {1: "one", True: "true", 1.0: "float"}
        KEY = next(iter(D))
        FIRST = repr(next(iter(D)))
        S = {0, False, 0.0}
        ZERO = repr(next(iter(S)))
        NUMS = set([33, 1, 9, 17])
        IT = iter(NUMS)
        PAIR = (next(IT), next(IT))
        ITEMS = iter({"a": 1, "b": 2}.items())
        A = next(ITEMS)
        REST = list(ITEMS)
        E = next(iter({}), "empty")
    """, exact="KEY FIRST ZERO PAIR A REST E")
    check(tmp_path, """
        D = {"a": 1, "b": 2}
        IT = iter(D)
        FIRST = next(IT)
        D["c"] = 3
        try:
            SECOND = next(IT)
        except RuntimeError:
            SECOND = "changed"
        WORDS = iter({"x", "y"})
    """, exact="FIRST", refused="SECOND WORDS")
    check(tmp_path, """
        import os
        A = next(map(str, [os.environ.get("HOME"), 2]))  # an unknown item of a builtin iterator
        B = any(map(str, [os.environ.get("HOME")]))
    """, refused="A B")


def test_an_unfollowed_step_of_map_taints_what_its_function_changes(tmp_path) -> None:
    check(tmp_path, """
        import os
        SEEN = []
        def note(x):
            SEEN.append(x)
            return x
        FIRST = next(map(note, [os.environ.get("HOME"), 2]))
        COUNT = len(SEEN)
    """, refused="FIRST COUNT")


# --- operator, functools.reduce ------------------------------------------------------------------


def test_operator_functions_and_reduce_are_cpythons(tmp_path) -> None:
    check(tmp_path, """
        import operator
        from functools import reduce

        PARTS = [{"tags": ["a"]}, {"starred": True}, {"tags": ["b"], "display_name": "Merged"}]
        EXPOSE = reduce(operator.or_, PARTS, {})
        TOTAL = reduce(operator.add, [1, 2, 3])
        WORDS = reduce(lambda a, b: a + "-" + b, ["x", "y", "z"], "w")
        ONE = reduce(operator.mul, [], 1)
        RANKED = sorted([("b", 2), ("a", 2), ("c", 1)], key=operator.itemgetter(1))
        PAIRS = list(map(operator.itemgetter(0, 1), ["ab", "cd"]))
        SEEN = []
        def note(a, b):
            SEEN.append(b)
            return a + b
        SUM = reduce(note, [1, 2, 3])
    """, exact="EXPOSE TOTAL WORDS ONE RANKED PAIRS SEEN SUM")
    check(tmp_path, "from functools import reduce\nX = reduce(lambda a, b: a, [])\n", raises="TypeError")
    check(tmp_path, "import operator\nX = operator.add(1, 'a')\n", raises="TypeError")
    check(tmp_path, """
        import os
        from functools import reduce
        SEEN = []
        def note(a, b):
            SEEN.append(b)
            return a
        X = reduce(note, os.environ.get("HOME", "ab"), "")
        COUNT = len(SEEN)
    """, refused="X COUNT")


def test_copy_and_deepcopy_of_plain_data_are_cpythons(tmp_path) -> None:
    check(tmp_path, """
        import copy
        from copy import deepcopy

        TEMPLATE = {"tags": ["base"], "starred": False}
        A = copy.copy(TEMPLATE)
        A["tags"].append("a")
        B = deepcopy(TEMPLATE)
        B["tags"].append("b")
        SHARED = [1]
        PAIR = deepcopy([SHARED, SHARED])
        PAIR[0].append(2)
        SAME = copy.copy((1, [2]))
        NUMS = copy.copy({3, 1, 2})
    """, exact="TEMPLATE A B PAIR SAME NUMS")
    check(tmp_path, """
        import copy
        class Box:
            pass
        C = copy.copy(Box())
        D = copy.deepcopy([Box()])
    """, refused="C D")


def test_calling_a_typeddict_class_makes_a_dict(tmp_path) -> None:
    check(tmp_path, """
        from typing import TypedDict

        class JobCfg(TypedDict, total=False):
            cron: str
            tags: list

        class Wider(JobCfg):
            owner: str

        CFG = JobCfg(cron="0 5 * * *")
        TAGS = CFG.get("tags", ["untagged"]) + [type(CFG).__name__]
        W = Wider({"owner": "me"}, cron="x")
        EMPTY = JobCfg()
    """, exact="CFG TAGS W EMPTY")
