"""Generate tests/data/isotime_cases.json: expected dlt 1.27.2 / pendulum 3.3.0 behaviour for
analyzer/isotime.py.

Run with the interpreter that has the real libraries (dlt 1.27.2, pendulum 3.3.0 with its Rust
extension), from the repository root:

    /tmp/oracle127/bin/python tests/data/make_isotime_cases.py

For every input it records what these real functions do:
  * non_utc: dlt.common.time.ensure_pendulum_datetime_non_utc(value)
             -> {"wall": naive wall-clock isoformat, "offset": UTC offset seconds or null}
             or {"error": cls}
  * utc:     dlt.common.time.ensure_pendulum_datetime_utc(value).isoformat() or {"error": cls}
  * once:    dlt.trigger.once(value) (the "once:..." string) or {"error": cls}
Inputs are encoded as {"type": "str"|"int"|"float"|"bool"|"date"|"datetime", "value": ...};
floats are stored as repr() strings, dates/datetimes as stdlib isoformat() strings.
The input list is deterministic (fixed random seed), so re-running reproduces the same file.
"""

import datetime
import json
import os
import random
import sys
from importlib.metadata import version

from dlt._workspace.deployment import trigger
from dlt.common.time import ensure_pendulum_datetime_non_utc, ensure_pendulum_datetime_utc

assert version("pendulum") == "3.3.0", version("pendulum")
from pendulum.parsing import parse_iso8601  # noqa: E402

assert parse_iso8601.__module__ != "pendulum.parsing.iso8601", "Rust extension must be active"

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "isotime_cases.json")


def handpicked_strings():
    return [
        # plain forms
        "2026", "2026-01", "2026-1", "202601", "2026-01-15", "20260115", "2026-1-15", "2026-01-5",
        "2026-001", "2026001", "2026-015", "2026015", "2026-365", "2026-366", "2024-366", "2024366",
        "2026-000", "2026000", "2026-367", "0001-01-01", "0000-01-01", "9999-12-31", "1000", "0999",
        "1030", "1999", "0000", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-01-32", "2026-04-31",
        # week dates
        "2026-W01", "2026W01", "2026-W01-1", "2026W011", "2026-W011", "2026W01-1", "2026-W01-7",
        "2026-W01-0", "2026-W01-8", "2026-W00", "2026-W00-1", "2026W001", "2026-W52-7", "2026-W53",
        "2026-W53-7", "2025-W53", "2020-W53-7", "2026-W54", "2026-W1", "2026-w01", "0000-W01-1",
        "0000-W52-7", "0000-W53-7", "0001-W01-1", "9999-W52-7", "9999-W52-5", "2026-W01T10:00",
        "2026-W01-1T10:00:00", "2026W011T1000", "2026W01T10", "2026-W01 10:00", "2026W011T10:00:00",
        # times
        "2026-01-15T10", "2026-01-15T10:30", "2026-01-15T10:30:45", "2026-01-15 10:30:45",
        "2026-01-15t10:30:45", "2026-01-15_10:30:45", "2026-01-15  10:30", "2026-01-15T",
        "2026-01-15 ", " 2026-01-15", "2026-01-15T1030", "2026-01-15T103045", "20260115T1030",
        "20260115T103045", "20260115T10:30", "20260115T10:30:45", "20260115 103045.5",
        "2026-01-15T10:3", "2026-01-15T1:30", "2026-01-15T10:30:4", "2026-01-15T10:30:45:00",
        "2026-01-15T24:00", "2026-01-15T24:00:00", "2026-01-15T24:00:00Z", "2026-01-15T23:59:60",
        "2026-01-15T23:60", "2026-01-15T25:00", "2026-01-15T99:99:99", "2026-01-15T10.5",
        "2026-01-15T10:30.5", "2026-01-15T10:30:45.", "2026-01-15T10:30:45.5", "2026-01-15T10:30:45,5",
        "2026-01-15T10:30:45.123", "2026-01-15T10:30:45.123456", "2026-01-15T10:30:45.1234567",
        "2026-01-15T10:30:45.123456789", "2026-01-15T10:30:45.1234567890123", "2026-01-15T10:30:45.999999999",
        "2026-01-15T10:30:45.000000", "2026-01-15T10:30:45.|5", "2026-01-15T10:30:45.5a",
        "2026-01-15T10:30:45.٥",
        # offsets
        "2026-01-15T10:30:45Z", "2026-01-15T10:30:45z", "2026-01-15T10:30:45+02", "2026-01-15T10:30:45+0200",
        "2026-01-15T10:30:45+02:00", "2026-01-15T10:30:45-02:00", "2026-01-15T10:30:45+02:30",
        "2026-01-15T10:30:45+2", "2026-01-15T10:30:45+02:", "2026-01-15T10:30:45+02:3", "2026-01-15T10:30:45+023",
        "2026-01-15T10:30:45+00:00", "2026-01-15T10:30:45-00:00", "2026-01-15T10:30:45+01:99",
        "2026-01-15T10:30:45+23:59", "2026-01-15T10:30:45+24:00", "2026-01-15T10:30:45+24:01",
        "2026-01-15T10:30:45-23:59", "2026-01-15T10:30:45-24:00", "2026-01-15T10:30:45-24:01",
        "2026-01-15T10:30:45-99:99", "2026-01-15T10:30:45+99:99", "2026-01-15T10:30:45 +02:00",
        "2026-01-15T10:30:45Z+02:00", "2026-01-15T10:30:45+02:00Z", "2026-01-15T10:30:45UTC",
        "2026-01-15T10:30:45 UTC", "2026-01-15T10Z", "2026-01-15T10+02", "2026-01-15T10:30Z",
        "2026-01-15T10:30-0530", "2026-01-15T10:30:45.5+05:45", "2026-01-15Z", "2026-01-15+02:00",
        "20260115T103045Z", "20260115T103045+0200", "20260115T103045+02:00", "20260115T10+02",
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:01", "0001-01-01T00:00:00-00:01",
        "9999-12-31T23:59:59.999999", "9999-12-31T23:59:59-00:01", "9999-12-31T23:59:59+00:01",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
        # times only
        "T10", "T10:30", "T1030", "T10:30:45", "T10:30:45Z", "10:30", "10:30:45", "10:30:45.5",
        "10:30Z", "10", "1030", "103045", "25:00", "T25:00", "T", "10:", "10:3", "24:00",
        # pendulum _parse_common fallback
        "2026/01/15", "2026/01/15 10:30", "2026/01/15 10:30:45", "2026/01/15 10:30:45.5",
        "2026/01/15 10:30:45,5", "2026/01/15 10:30:45|5", "2026/01/15 10:30:45.1234567",
        "2026/01/1510:30", "2026:01:15", "2026:01:15 10:30", "2026/0115", "202601/15", "2026/01",
        "2026/1/15", "2026/01/15T10:30", "2026/01/15 1:2", "2026/01/15 1:2:3", "2026/01/15 10:",
        "2026/01/15 10::45", "2026/01/15 24:00", "2026/13/15", "2026/01/15 10:30Z",
        "2026-01-15 10:", "2026-01-15 10:30:", "2026 10:30", "202610:30", "2026 10:", "202601 10:30",
        "２０２６", "２０２６/０１/１５", "２０２６-０１-１５", "٢٠٢٦", "٢٠٢٦/٠١/١٥ ١٠:٣٠",
        "2026/01/15\n", "2026\n",
        # numeric strings -> float(value) -> pendulum.from_timestamp
        "0", "1", "-1", "1700000000", "1700000000.5", "1700000000.123456789", "1.7e9", "1.7E9",
        "17e8", "+1700000000", " 1700000000 ", "1_700_000_000", "1700000000\n", "0x10", "1e20",
        "1e18", "1e17", "1e12", "253402300799", "253402300799.999999", "253402300799.9999999",
        "253402300800", "-62135596800", "-62135596800.5", "-62135596801", "inf", "-inf", "infinity",
        "nan", "NaN", "-0", "0.0000005", "0.0000015", "0.0000025", "1.5e-6", "2.5e-6",
        "1.0000005", "-0.0000005", "-0.0000015", ".5", "5.", "1e-7", "１７００００００００", "٣",
        "12345", "123456", "1234567", "12345678", "123456789", "99999999", "20261301",
        "00000000", "00010101", "99991231", "2026011",
        # durations and intervals
        "P1D", "PT1H", "P1Y2M3DT4H5M6.7S", "P", "PT", "P1W", "PT1.5H", "P99999999999999999999D",
        "P1D/2026-01-01", "2026-01-01/P1D", "2026-01-01T00:00:00/P1D", "2026-01-01T00:00/2026-02-01T00:00",
        "2026-01-01/2026-02-01", "20260101T10/20260102T10", "2026-01-01T10:00/", "R5/2026-01-01T00:00:00Z/P1D",
        # junk
        "", " ", "now", "today", "tomorrow", "Jan 1 2026", "1 Jan 2026", "2026-01-15T10:30:45.123Z junk",
        "2026-01-15\x00", "\x002026", "2026-01-15T10:30:45\ud800", "\ud8002026", "-2026-01-15",
        "+2026-01-15", "12026-01-15", "２０２６-01-15", "2026–01–15",
    ]


def systematic_strings():
    dates = ["2026-03-07", "20260307", "2026-066", "2026066", "2026-W10-6", "2026W106", "2026-03",
             "2024-02-29"]
    times = ["", "T14", "T14:05", "T14:05:09", "T1405", "T140509", " 14:05:09", " 140509",
             "T14:05:09.5", "T14:05:09,25", "T140509.123456789", "T14:05:09.000001", "T00:00:00",
             "T23:59:59.999999"]
    zones = ["", "Z", "+01", "-0130", "+05:45", "-11:00", "+14:00", "+00:00"]
    out = []
    for d in dates:
        for t in times:
            for z in zones:
                if not t and z:
                    continue
                out.append(d + t + z)
    return out


def random_strings(rng):
    alphabet = "0123456789" * 3 + "-:T WZ+.,/P|"
    out = []
    for _ in range(400):
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 22))))
    base = systematic_strings() + handpicked_strings()[:150]
    for _ in range(600):
        s = list(rng.choice(base))
        op = rng.randrange(4)
        pos = rng.randrange(len(s) + 1)
        if op == 0 and s:
            del s[min(pos, len(s) - 1)]
        elif op == 1:
            s.insert(pos, rng.choice(alphabet))
        elif op == 2 and s:
            s[min(pos, len(s) - 1)] = rng.choice(alphabet)
        else:
            s = s[:pos]
        out.append("".join(s))
    for _ in range(150):  # random valid-ish extended datetimes with offsets
        y, mo, d = rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28)
        hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        frac = rng.choice(["", "." + str(rng.randint(0, 10**9)).zfill(rng.randint(1, 9))])
        tz = rng.choice(["", "Z", f"{rng.choice('+-')}{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"])
        out.append(f"{y:04d}-{mo:02d}-{d:02d}{rng.choice('T ')}{hh:02d}:{mm:02d}:{ss:02d}{frac}{tz}")
    return out


def grammar_strings(rng, count=600):
    """Random compositions of the date / time / offset pieces of the ISO grammar (incl. bad values)."""
    def digits(n):
        return "".join(rng.choice("0123456789") for _ in range(n))

    def num(lo, hi, width):
        if rng.random() < 0.9:
            return str(rng.randint(lo, hi)).zfill(width)
        return digits(rng.choice([width - 1, width, width + 1]))

    def date():
        year = rng.choice([num(1, 9999, 4), "2024", "2026", "2020", "0000", "0001", "9999"])
        rest = rng.choice([
            "-" + num(1, 12, 2) + "-" + num(1, 31, 2), num(1, 12, 2) + num(1, 31, 2),
            "-" + num(0, 367, 3), num(0, 367, 3), "-" + num(1, 12, 2), "",
            "-W" + num(0, 54, 2) + rng.choice(["", "-" + num(0, 8, 1)]),
            "W" + num(0, 54, 2) + rng.choice(["", num(0, 8, 1)])])
        return year + rest

    def time():
        h, m, s = num(0, 24, 2), num(0, 60, 2), num(0, 60, 2)
        f = rng.choice(["", "." + digits(rng.randint(0, 11)), "," + digits(rng.randint(1, 4))])
        return rng.choice([h, h + ":" + m, h + ":" + m + ":" + s + f, h + m, h + m + s + f,
                           h + ":" + m + s, h + m + ":" + s])

    def tz():
        sign = rng.choice("+-") + num(0, 25, 2)
        return rng.choice(["", "", "Z", sign + rng.choice(["", ":", ":" + num(0, 99, 2), num(0, 99, 2)])])

    out = []
    for _ in range(count):
        s = date()
        if rng.random() < 0.85:
            s += rng.choice(["T", " ", "T", "t"]) + time() + tz()
        if rng.random() < 0.1:
            s = s[:rng.randint(0, len(s))]
        out.append(s)
    return out


def numbers(rng):
    ints = [0, 1, -1, 1700000000, 253402300799, 253402300800, -62135596800, -62135596801,
            10**12, 10**17, 10**18, 10**20, -10**20, 2**63, True, False]
    ints += [rng.randint(-62135596800, 253402300799) for _ in range(60)]
    floats = [0.0, -0.0, 0.5, 1.5e-6, 2.5e-6, 0.0000005, 0.0000015, 1700000000.5, 1700000000.0000005,
              1700000000.1234567, 253402300799.999999, 253402300799.9999999, -62135596800.0,
              -62135596800.5, -0.0000005, 1e20, 1e18, float("inf"), float("-inf"), float("nan"),
              1.7e9, 2**53 + 0.0, 1e-300]
    floats += [rng.uniform(-62135596800, 253402300799) for _ in range(60)]
    floats += [rng.randint(0, 2_000_000_000) + rng.randint(0, 2_000_000) / 2_000_000 for _ in range(60)]
    floats += [rng.randint(0, 2_000_000_000) + rng.randint(0, 999999) / 1e6 + 5e-7 for _ in range(40)]
    return ints, floats


def datetimes(rng):
    tz = datetime.timezone
    td = datetime.timedelta
    out = [datetime.date(2026, 1, 15), datetime.date(1, 1, 1), datetime.date(9999, 12, 31),
           datetime.datetime(2026, 1, 15, 10, 30), datetime.datetime(2026, 1, 15, 10, 30, 0, 5),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz.utc),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(hours=2))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(hours=-5, minutes=-30))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(seconds=3600.5))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(seconds=-3600.5))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(microseconds=1))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(seconds=3600.7))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(seconds=-3600.7))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(microseconds=-1))),
           datetime.datetime(2026, 1, 15, 10, 30, tzinfo=tz(td(hours=23, minutes=59, seconds=59))),
           datetime.datetime(1, 1, 1, tzinfo=tz(td(hours=1))),
           datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=tz(td(hours=-1))),
           datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)]
    for _ in range(40):
        off = rng.choice([None, 0, rng.randint(-86399, 86399), rng.randint(-14, 14) * 3600])
        d = datetime.datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28),
                              rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                              rng.choice([0, rng.randint(0, 999999)]),
                              tzinfo=None if off is None else tz(td(seconds=off)))
        out.append(d)
    return out


def outcome(fn, value):
    try:
        return fn(value)
    except BaseException as e:  # noqa: BLE001 - record exactly what dlt raises
        return {"error": type(e).__name__}


def non_utc(value):
    r = ensure_pendulum_datetime_non_utc(value)
    # ask the tzinfo directly: datetime.utcoffset() rejects the >= 24h offsets pendulum keeps
    off = None if r.tzinfo is None else r.tzinfo.utcoffset(r)
    wall = datetime.datetime(r.year, r.month, r.day, r.hour, r.minute, r.second, r.microsecond)
    return {"wall": wall.isoformat(), "offset": None if off is None else int(off.total_seconds())}


def encode(value):
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    if isinstance(value, float):
        return {"type": "float", "value": repr(value)}
    if isinstance(value, datetime.datetime):
        return {"type": "datetime", "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"type": "date", "value": value.isoformat()}
    return {"type": "str", "value": value}


def main():
    rng = random.Random(20260115)
    strings = handpicked_strings() + systematic_strings() + random_strings(rng)
    strings += grammar_strings(rng)
    ints, floats = numbers(rng)
    values, seen = [], set()
    for v in strings + ints + floats + datetimes(rng):
        key = (type(v).__name__, repr(v))
        if key not in seen:
            seen.add(key)
            values.append(v)
    cases = []
    for v in values:
        case = encode(v)
        case["non_utc"] = outcome(non_utc, v)
        case["utc"] = outcome(lambda x: ensure_pendulum_datetime_utc(x).isoformat(), v)
        case["once"] = outcome(trigger.once, v)
        cases.append(case)
    doc = {"generator": "tests/data/make_isotime_cases.py",
           "versions": {"dlt": version("dlt"), "pendulum": version("pendulum"),
                        "python": sys.version.split()[0]},
           "cases": cases}
    with open(OUT, "w", encoding="utf-8") as f:
        # one case per line: diff-friendly, still plain JSON
        head = json.dumps({k: doc[k] for k in ("generator", "versions")})[:-1]
        f.write(head + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=True) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
