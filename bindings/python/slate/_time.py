"""Converting the instants and durations the Python API accepts."""
import ctypes
import datetime

from . import _native
from ._text import c_string
from .errors import InvalidArgument, OutOfRange, from_status

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
TIME_MIN, TIME_MAX = -5364662400, 13601087999  # SLATE_TIME_MIN, SLATE_TIME_MAX: 1800 to 2400


def int32(value, what):
    """value itself when a C int holds it; else OutOfRange."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{what} must be an int, not {value!r}")
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


def parse_time(text):
    """Parses an RFC 3339 instant (``2026-03-08T07:30:00Z``) to epoch seconds."""
    out = ctypes.c_int64()
    err = _native.ErrorRecord()
    st = _native.lib.slate_time_parse(c_string(text, "time"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return out.value


def format_time(t, utc_offset=0):
    """Formats epoch seconds as RFC 3339 at a UTC offset (seconds east)."""
    buf = ctypes.create_string_buffer(32)
    st = _native.lib.slate_time_format(int64(int(t), "instant"), int64(int(utc_offset), "offset"), buf,
                                       len(buf))
    if st:
        raise from_status(st, None, f"cannot format instant {t}")
    return buf.value.decode()


def parse_duration(text):
    """Parses an ISO 8601 duration (``PT4H``, ``P2DT3H``) to seconds."""
    out = ctypes.c_int64()
    err = _native.ErrorRecord()
    st = _native.lib.slate_duration_parse(c_string(text, "duration"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return out.value


def format_duration(seconds):
    """Formats seconds as an ISO 8601 duration (``PT4H``)."""
    buf = ctypes.create_string_buffer(48)
    st = _native.lib.slate_duration_format(int64(int(seconds), "duration"), buf, len(buf))
    if st:
        raise from_status(st, None, f"cannot format duration {seconds}")
    return buf.value.decode()


def to_epoch(t):
    """Epoch seconds from an int, an aware ``datetime`` or an RFC 3339 string."""
    if isinstance(t, bool):
        raise InvalidArgument("a bool is not an instant")
    if isinstance(t, int):
        return int64(t, "instant")
    if isinstance(t, datetime.datetime):
        if t.tzinfo is None or t.utcoffset() is None:
            raise InvalidArgument("naive datetime: attach a tzinfo so the instant is exact")
        delta = t - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return delta.days * 86400 + delta.seconds
    if isinstance(t, str):
        return parse_time(t)
    raise InvalidArgument(f"not an instant: {t!r} (use epoch seconds, an aware datetime or RFC 3339 text)")
