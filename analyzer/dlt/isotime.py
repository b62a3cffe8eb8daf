"""Static reproduction of how dlt 1.27.2 (pendulum 3.3.0) coerces user date/time values.

Main entry point: ``once_expr(value)``, the text ``dlt.trigger.once(value)`` puts after ``once:``.
Stdlib only.  Each function names the dlt/pendulum code it mirrors.  Note that pendulum 3.3.0 parses
ISO 8601 with its Rust extension (``pendulum._pendulum``), whose grammar differs a lot from the
pure-Python fallback ``pendulum/parsing/iso8601.py``; we follow the Rust code (what dlt runs).
tests/data/isotime_cases.json (made with the real libraries) checks equivalence.

Errors: ``ValueError`` wherever dlt raises anything (ValueError, TypeError, pendulum's ParserError,
and also the OverflowError/OSError of ``fromtimestamp``/``astimezone`` that ``trigger.once`` lets
escape).  ``UnsupportedTimeFormat`` (a ValueError) only where dlt *succeeds* but the result cannot
be represented/verified here: UTC offsets of 24h or more in ``ensure_datetime_non_utc`` and
datetime inputs whose tzinfo is not a fixed ``datetime.timezone``.
"""

import calendar
import datetime as _dt
import re
from typing import Optional, Tuple, Union

__all__ = ["UnsupportedTimeFormat", "parse_iso8601", "parse_datetime_common", "from_timestamp",
           "ensure_datetime_non_utc", "to_utc", "pendulum_isoformat", "once_expr"]

_UTC = _dt.timezone.utc
_Parsed = Union[_dt.datetime, _dt.date, _dt.time]


class UnsupportedTimeFormat(ValueError):
    """dlt accepts the value, but this module cannot reproduce the result with confidence."""


# The grammar of pendulum-3.3.0 rust/src/parsing.rs (Parser::parse_datetime/parse_time) for values
# with a date.  The Rust code is a deterministic left-to-right scanner; each alternative below is
# chosen by the same character it tests (ASCII digits only, like char::to_digit(10)).
_ISO = re.compile(
    r"""(?P<year>\d{4})
    (?: -W(?P<xweek>\d\d) (?:-(?P<xwday>\d))?                # YYYY-Www[-D]
      | -(?P<xmonth>\d\d) (?:-(?P<xday>\d\d)|(?P<xord>\d))?  # YYYY-MM[-DD], YYYY-DDD
      | W(?P<week>\d\d) (?P<wday>\d)?                        # YYYYWww[D]
      | (?P<month>\d\d) (?P<ord>\d) (?P<day>\d)?             # YYYYMMDD, YYYYDDD
    )
    (?: [T ] (?P<hour>\d\d)                                  # date-time separator: T or space
        (?: (?P<msep>:)? (?P<minute>\d\d)
            (?: (?(msep):) (?P<second>\d\d)
                (?: [.,] (?P<frac>\d{1,6}) \d* )? )? )?      # digits past 6 are dropped
        (?P<tz> Z | (?P<sign>[+-]) (?P<tzh>\d\d) :? (?P<tzm>\d\d)? )?  # "+01:" is accepted
    )?""",
    re.VERBOSE | re.ASCII,
)


def _from_ordinal(year: int, ordinal: int) -> _dt.date:
    """``ordinal_to_ymd``; week dates may roll into the previous/next year (0 and 10000 fail)."""
    try:
        return _dt.date(year, 1, 1) + _dt.timedelta(days=ordinal - 1)
    except (ValueError, OverflowError):
        raise ValueError(f"day {ordinal} of year {year} is out of range") from None


def _iso_week(year: int, week: int, weekday: int) -> _dt.date:
    """``iso_to_ymd``: week 00 and weekday 0 are accepted (they roll back), W53 needs a long year.

    Rust's ``is_long_year``/``week_day`` equal the stdlib ISO calendar for years 1..9999 (checked
    exhaustively); year 0 always ends in an error in pendulum too (here: ``date(0, ...)``).
    """
    if week > 53 or weekday > 7 or (
            week == 53 and _dt.date(year, 12, 28).isocalendar()[1] != 53):
        raise ValueError(f"invalid ISO week date {year}-W{week:02d}-{weekday}")
    return _from_ordinal(year, week * 7 + weekday - (_dt.date(year, 1, 4).isoweekday() + 3))


def parse_iso8601(text: str) -> Tuple[_dt.date, Optional[int]]:
    """Mirror of ``pendulum.parsing.parse_iso8601`` (Rust extension) for dates and date-times.

    Returns ``(naive date | naive datetime, UTC offset seconds or None)``.  Raises ValueError where
    pendulum raises, and also for the *time-only* forms it accepts (``T10:30``, ``10:30``) and
    for durations/intervals (``P1D``, ``a/b``): dlt rejects those in every code path.  The offset
    is kept apart because pendulum's FixedTimezone also holds offsets of 24h and more.
    """
    m = _ISO.fullmatch(text)
    if not m:
        raise ValueError(f"not an ISO 8601 date/datetime pendulum accepts: {text!r}")
    g = m.group
    year, extended = int(g("year")), g("week") is None and g("month") is None
    if g("xweek") or g("week"):
        date = _iso_week(year, int(g("xweek") or g("week")), int(g("xwday") or g("wday") or 1))
    elif g("xord") or (g("ord") and not g("day")):
        ordinal = int((g("xmonth") or g("month")) + (g("xord") or g("ord")))
        if not 1 <= ordinal <= (366 if calendar.isleap(year) else 365):
            raise ValueError(f"ordinal day {ordinal} out of range for {year}")
        date = _from_ordinal(year, ordinal)
    elif g("xmonth"):
        date = _dt.date(year, int(g("xmonth")), int(g("xday") or 1))
    else:
        date = _dt.date(year, int(g("month")), int(g("ord") + g("day")))
    if g("hour") is None:
        return date, None
    if g("msep") and g("second") and not extended:  # only checked when seconds are present!
        raise ValueError(f"basic date with extended time: {text!r}")
    if g("minute") and not g("msep") and extended:
        raise ValueError(f"extended date with basic time: {text!r}")
    offset = None
    if g("tz") == "Z":
        offset = 0
    elif g("tz"):
        minutes = int(g("tzh")) * 60 + int(g("tzm") or 0)
        if g("sign") == "+" and minutes > 24 * 60:  # the only check: "-99:99", "+01:99" pass
            raise ValueError(f"timezone offset is too large: {text!r}")
        offset = minutes * 60 * (1 if g("sign") == "+" else -1)
    micro = int(g("frac").ljust(6, "0")) if g("frac") else 0
    hms = int(g("hour")), int(g("minute") or 0), int(g("second") or 0)
    return _dt.datetime(date.year, date.month, date.day, *hms, micro), offset


# pendulum.parsing.COMMON, verbatim (\d matches any Unicode decimal digit, "|" is a separator)
_COMMON = re.compile(
    r"^(?P<date>    (?P<classic>  (?P<year>\d{4})"
    r"        (?P<monthday>  (?P<monthsep>[/:])?(?P<month>\d{2})"
    r"                       ((?P<daysep>[/:])?(?P<day>\d{2}))  )?"
    r"    ))?"
    r"(?P<time>    (?P<timesep>\ )?"
    r"    (?P<hour>\d{1,2}):(?P<minute>\d{1,2})?(?::(?P<second>\d{1,2}))?"
    r"    (?P<subsecondsection>  (?:[.|,])  (?P<subsecond>\d{1,9})  )?"
    r")?$",
    re.VERBOSE,
)


def parse_datetime_common(text: str) -> _Parsed:
    """Mirror of ``pendulum.parsing._parse_common(text, **DEFAULT_OPTIONS)`` (day_first=False).

    Always naive.  Where pendulum hits ``int(None)`` (a TypeError, e.g. ``"2026/01/01 10:"``) this
    raises ValueError, as ``trigger.once`` turns that TypeError into one.
    """
    m = _COMMON.fullmatch(text)
    if not m or not (m.group("date") or m.group("time")):
        raise ValueError(f"Invalid datetime string {text!r}")
    year, month, day = 0, 1, 1
    if m.group("date"):
        year = int(m.group("year"))
        if m.group("monthday"):
            month, day = int(m.group("month")), int(m.group("day"))
    if not m.group("time"):
        return _dt.date(year, month, day)
    if m.group("minute") is None:
        raise ValueError(f"minute missing in {text!r} (pendulum raises TypeError)")
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    second = int(m.group("second")) if m.group("second") else 0
    micro = int(f"{m.group('subsecond')[:6]:0<6}") if m.group("subsecondsection") else 0
    if m.group("date"):
        return _dt.datetime(year, month, day, hour, minute, second, micro)
    return _dt.time(hour, minute, second, micro)


def from_timestamp(ts: Union[int, float]) -> _dt.datetime:
    """Mirror of ``pendulum.from_timestamp``: ``datetime.fromtimestamp(ts, UTC)`` (half-even us).

    OverflowError/OSError (``inf``, ``1e18``...), which dlt lets escape, become ValueError.
    """
    try:
        return _dt.datetime.fromtimestamp(ts, tz=_UTC)
    except (ValueError, OverflowError, OSError) as e:
        raise ValueError(f"cannot convert timestamp {ts!r}: {e}") from None


def _coerce(value: object) -> Tuple[_dt.datetime, Optional[int]]:
    """``ensure_pendulum_datetime_non_utc`` as (naive wall-clock time, UTC offset seconds or None).

    str: ``parse_iso8601`` -> ``_datetime_from_ts_or_iso`` / ``parse_iso_like_datetime``
    (-> ``_parse_common`` -> ``float()`` + ``from_timestamp``); datetime: ``ensure_pendulum_dt``.
    """
    if isinstance(value, str):
        try:
            parsed, offset = parse_iso8601(value)
        except ValueError:
            try:
                parsed, offset = parse_datetime_common(value), None
            except ValueError as outer:
                try:
                    number = float(value)  # accepts " 1e9 ", "1_700_000_000", "nan", "٣"...
                except ValueError:
                    raise outer from None
                return from_timestamp(number).replace(tzinfo=None), 0
    elif isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            return value, None
        if type(value.tzinfo) is not _dt.timezone:  # named zones: pendulum's own DST logic
            raise UnsupportedTimeFormat(f"tzinfo {value.tzinfo!r} is not a fixed datetime.timezone")
        # to_pendulum_tz: int(total_seconds()) drops sub-second parts of the offset
        return value.replace(tzinfo=None), int(value.utcoffset().total_seconds())
    elif isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day), None
    elif isinstance(value, (int, float)):  # bool included, as in dlt
        return from_timestamp(value).replace(tzinfo=None), 0
    else:
        raise ValueError(f"Cannot coerce {value!r} (dlt raises TypeError)")
    if isinstance(parsed, _dt.datetime):
        return parsed, offset
    if isinstance(parsed, _dt.date):
        return _dt.datetime(parsed.year, parsed.month, parsed.day), None
    raise ValueError(f"Cannot coerce `{value}` to `pendulum.DateTime` object.")  # a time


def _fixed(offset: int) -> _dt.timezone:
    if not -86400 < offset < 86400:
        raise ValueError(f"UTC offset {offset}s is not strictly between -24h and 24h")
    return _UTC if offset == 0 else _dt.timezone(_dt.timedelta(seconds=offset))


def ensure_datetime_non_utc(value: object) -> _dt.datetime:
    """Mirror of ``dlt.common.time.ensure_pendulum_datetime_non_utc`` (str/int/float/date/datetime).

    Returns a naive datetime or one with a fixed ``datetime.timezone`` (``timezone.utc`` for
    timestamps, ``Z`` and zero offsets).  ValueError where dlt raises; UnsupportedTimeFormat for
    offsets >= 24h (kept by pendulum, impossible in stdlib) and non-fixed tzinfo inputs.
    """
    naive, offset = _coerce(value)
    if offset is None:
        return naive
    try:
        return naive.replace(tzinfo=_fixed(offset))
    except ValueError as e:
        raise UnsupportedTimeFormat(str(e)) from None


def to_utc(dt: _dt.datetime) -> _dt.datetime:
    """Mirror of ``DateTime.in_tz(UTC)`` in ``ensure_pendulum_datetime_utc``: naive counts as UTC.

    Leaving years 1..9999 (pendulum: OverflowError "date value out of range") raises ValueError.
    """
    if dt.tzinfo is None:
        return dt.replace(tzinfo=_UTC)
    try:
        return dt.astimezone(_UTC)
    except OverflowError as e:
        raise ValueError(f"{dt!r} is out of range in UTC: {e}") from None


def pendulum_isoformat(dt: _dt.datetime) -> str:
    """``pendulum.DateTime.isoformat()``: stdlib isoformat (``.ffffff`` only if us != 0)."""
    return dt.isoformat()


def once_expr(value: object) -> str:
    """Text after ``once:`` in ``dlt.trigger.once(value)``; ValueError wherever that raises."""
    naive, offset = _coerce(value)
    if offset is None:
        return pendulum_isoformat(to_utc(naive))
    return pendulum_isoformat(to_utc(naive.replace(tzinfo=_fixed(offset))))
