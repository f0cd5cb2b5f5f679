"""Converting the instants and durations the Python API accepts."""
import ctypes
import datetime

from . import _native
from .errors import InvalidArgument, from_status


def parse_time(text):
    """Parses an RFC 3339 instant (``2026-03-08T07:30:00Z``) to epoch seconds."""
    out = ctypes.c_int64()
    err = _native.ErrorRecord()
    st = _native.lib.slate_time_parse(text.encode("utf-8"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return out.value


def format_time(t, utc_offset=0):
    """Formats epoch seconds as RFC 3339 at a UTC offset (seconds east)."""
    buf = ctypes.create_string_buffer(32)
    st = _native.lib.slate_time_format(int(t), int(utc_offset), buf, len(buf))
    if st:
        raise from_status(st, None, f"cannot format instant {t}")
    return buf.value.decode()


def parse_duration(text):
    """Parses an ISO 8601 duration (``PT4H``, ``P2DT3H``) to seconds."""
    out = ctypes.c_int64()
    err = _native.ErrorRecord()
    st = _native.lib.slate_duration_parse(text.encode("utf-8"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return out.value


def format_duration(seconds):
    """Formats seconds as an ISO 8601 duration (``PT4H``)."""
    buf = ctypes.create_string_buffer(48)
    st = _native.lib.slate_duration_format(int(seconds), buf, len(buf))
    if st:
        raise from_status(st, None, f"cannot format duration {seconds}")
    return buf.value.decode()


def to_epoch(t):
    """Epoch seconds from an int, an aware ``datetime`` or an RFC 3339 string."""
    if isinstance(t, bool):
        raise InvalidArgument("a bool is not an instant")
    if isinstance(t, int):
        return t
    if isinstance(t, datetime.datetime):
        if t.tzinfo is None or t.utcoffset() is None:
            raise InvalidArgument("naive datetime: attach a tzinfo so the instant is exact")
        delta = t - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return delta.days * 86400 + delta.seconds
    if isinstance(t, str):
        return parse_time(t)
    raise InvalidArgument(f"not an instant: {t!r} (use epoch seconds, an aware datetime or RFC 3339 text)")
