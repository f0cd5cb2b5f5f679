"""Converting the instants and durations the Python API accepts, and the
results it returns (aware datetimes and timedeltas, or epoch integers)."""
import ctypes
import datetime
import decimal
import math
import numbers
from typing import Optional, Union

from . import _native
from ._text import c_string
from .errors import InvalidArgument, OutOfRange, from_status

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
TIME_MIN, TIME_MAX = -5364662400, 13601087999  # SLATE_TIME_MIN, SLATE_TIME_MAX: 1800 to 2400
_UTC = datetime.timezone.utc
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=_UTC)
INSTANT_FORMS = "epoch seconds (int or float), an aware datetime, or RFC 3339 text such as '2026-03-08T07:30:00Z'"
DURATION_FORMS = "seconds (int or float), a timedelta, or ISO 8601 text such as 'PT4H'"

#: What an instant may be given as.
Instant = Union[int, float, datetime.datetime, str]
#: What a duration may be given as.
Duration = Union[int, float, datetime.timedelta, str]
#: An instant as returned: an aware datetime, or epoch seconds for objects made with epoch=True.
Time = Union[datetime.datetime, int]
#: A duration as returned: a timedelta, or seconds for objects made with epoch=True.
Span = Union[datetime.timedelta, int]


def int32(value, what):
    """value itself when a C int holds it; else OutOfRange (TypeError when
    it is not an integer)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int, not {type(value).__name__} ({value!r})")
    value = int(value)
    if not -(2**31) <= value < 2**31:
        raise OutOfRange(f"{what} {value} does not fit in a C int")
    return value


def int64(value, what):
    """value itself when a C int64_t holds it; else OutOfRange (ctypes would
    silently keep only the low 64 bits)."""
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise OutOfRange(f"{what} {value} does not fit in 64 bits")
    return value


def in_range(t, what="instant"):
    """t itself when it is within 1800-01-01 to 2400-12-31 (UTC); else
    OutOfRange, for the calls whose C answer cannot say so."""
    if not TIME_MIN <= t <= TIME_MAX:
        raise OutOfRange(f"{what} {t} is outside the years 1800 to 2400")
    return t


def parse_time(text: str) -> int:
    """Parses an RFC 3339 instant (``2026-03-08T07:30:00Z``) to epoch seconds."""
    out = ctypes.c_int64()
    err = _native.ErrorRecord()
    st = _native.lib.slate_time_parse(c_string(text, "time"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return out.value


def format_time(t: Instant, utc_offset: Optional[Duration] = None) -> str:
    """Formats an instant (any form ``to_epoch`` takes) as RFC 3339 at a UTC
    offset (seconds east, or a timedelta). Without one, a datetime keeps its
    own offset and anything else is written in UTC."""
    if utc_offset is None:
        utc_offset = t.utcoffset() if isinstance(t, datetime.datetime) and t.utcoffset() is not None else 0
    buf = ctypes.create_string_buffer(32)
    st = _native.lib.slate_time_format(to_epoch(t), to_seconds(utc_offset, "utc_offset"), buf, len(buf))
    if st:
        raise from_status(st, None, f"cannot format instant {t}")
    return buf.value.decode()


def parse_duration(text: str) -> int:
    """Parses an ISO 8601 duration (``PT4H``, ``P2DT3H``) to seconds."""
    out = ctypes.c_int64()
    err = _native.ErrorRecord()
    st = _native.lib.slate_duration_parse(c_string(text, "duration"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return out.value


def format_duration(seconds: Duration) -> str:
    """Formats a duration (seconds, a timedelta or ISO 8601 text) as ISO 8601 (``PT4H``)."""
    buf = ctypes.create_string_buffer(48)
    st = _native.lib.slate_duration_format(to_seconds(seconds), buf, len(buf))
    if st:
        raise from_status(st, None, f"cannot format duration {seconds}")
    return buf.value.decode()


def to_epoch(t: Instant, what: str = "instant") -> int:
    """Epoch seconds from an int or float (fractions of a second are dropped:
    the second the instant falls in), an aware ``datetime`` or RFC 3339
    text. Another type is a TypeError naming ``what`` and the forms taken."""
    if isinstance(t, bool):
        raise TypeError(f"{what} must be {INSTANT_FORMS}, not a bool")
    if isinstance(t, numbers.Integral):
        return int64(int(t), what)
    if isinstance(t, (numbers.Real, decimal.Decimal)):
        return int64(_whole(t, what, math.floor(t) if _finite(t) else None), what)
    if isinstance(t, datetime.datetime):
        if t.tzinfo is None or t.utcoffset() is None:
            raise InvalidArgument(f"{what} {t!r} is a naive datetime: attach a tzinfo so the instant is exact")
        delta = t - _EPOCH
        return delta.days * 86400 + delta.seconds
    if isinstance(t, datetime.date):
        raise TypeError(f"{what} must be {INSTANT_FORMS}, not a date (which zone's midnight?)")
    if isinstance(t, str):
        return parse_time(t)
    raise TypeError(f"{what} must be {INSTANT_FORMS}, not {type(t).__name__}")


def _finite(x):
    return x.is_finite() if isinstance(x, decimal.Decimal) else math.isfinite(x)


def _whole(x, what, whole):
    """whole, or InvalidArgument when it is None (x not a whole number of seconds)."""
    if whole is None:
        raise InvalidArgument(f"{what} {x!r} is not a whole number of seconds")
    return whole


def to_seconds(d: Duration, what: str = "duration") -> int:
    """Whole seconds from an int, a float holding a whole number, a
    ``timedelta`` or ISO 8601 text; a fraction of a second is InvalidArgument
    (business time is counted in seconds), another type a TypeError."""
    if isinstance(d, bool):
        raise TypeError(f"{what} must be {DURATION_FORMS}, not a bool")
    if isinstance(d, numbers.Integral):
        return int64(int(d), what)
    if isinstance(d, (numbers.Real, decimal.Decimal)):
        whole = math.floor(d) if _finite(d) else None
        return int64(_whole(d, what, whole if whole == d else None), what)
    if isinstance(d, datetime.timedelta):
        if d.microseconds:
            raise InvalidArgument(f"{what} {d!r} is not a whole number of seconds")
        return int64(d.days * 86400 + d.seconds, what)
    if isinstance(d, str):
        return parse_duration(d)
    raise TypeError(f"{what} must be {DURATION_FORMS}, not {type(d).__name__}")


class Results:
    """How an object returns times: aware datetimes and timedeltas, or, made
    with ``epoch=True``, epoch seconds and seconds as ints (no conversion,
    for speed)."""

    def __init__(self, epoch):
        if not isinstance(epoch, bool):
            raise TypeError(f"epoch must be True or False, not {type(epoch).__name__}")
        self.epoch = epoch
        self._zones = {}

    def instant(self, t, zone=None):
        """Epoch seconds t as a datetime in the native zone ``zone`` (its
        offset and abbreviation at t), or UTC when zone is None."""
        if self.epoch or t is None:
            return t
        tz = _UTC
        if zone:
            info = _native.ZoneInfoRecord()
            if _native.lib.slate_zone_lookup(zone, t, ctypes.byref(info)) == 0:
                key = (info.utc_offset, info.abbr)
                tz = self._zones.get(key)
                if tz is None:
                    tz = self._zones[key] = datetime.timezone(datetime.timedelta(seconds=info.utc_offset),
                                                              info.abbr.decode())
        return (_EPOCH + datetime.timedelta(seconds=t)).astimezone(tz)

    def duration(self, seconds):
        """Seconds as a timedelta."""
        if self.epoch or seconds is None:
            return seconds
        return datetime.timedelta(seconds=seconds)
