"""Time zones: ``TzDb`` and ``Zone``."""
import collections
import ctypes
import os
from typing import Iterator, Optional, Tuple, Union

from . import _native
from ._text import c_path, c_string
from ._owner import NativeOwner
from ._time import Instant, Results, Time, int32, to_epoch
from .errors import InvalidArgument, Never, from_status

ZoneInfo = collections.namedtuple("ZoneInfo", "utc_offset is_dst abbr")
ZoneInfo.__doc__ = ("The local time type at an instant: offset east of UTC (a timedelta, or seconds with "
                    "epoch=True), DST flag, abbreviation.")

Civil = collections.namedtuple("Civil", "year month day hour minute second")
Civil.__doc__ = "Wall-clock fields of a date and time."

_DISAMBIGUATION = {"compatible": 0, "earlier": 1, "later": 2, "reject": 3}


class TzDb(NativeOwner):
    """A time zone database on a directory of TZif files.

    ``dir`` None means ``$TZDIR`` or ``/usr/share/zoneinfo``. Use it as a
    context manager, or call ``close()``; zones obtained from it stop working
    once it is closed. One database may be shared by many threads. Its zones
    return instants as aware datetimes in the zone and offsets as
    timedeltas; with ``epoch=True``, as ints (epoch seconds, seconds).
    """

    _free = staticmethod(_native.lib.slate_tzdb_free)
    _kind = "TzDb"

    def __init__(self, dir: Union[str, bytes, "os.PathLike[str]", None] = None, *, epoch: bool = False):
        super().__init__(None)
        self._zones = {}
        self._results = Results(epoch)
        handle = ctypes.c_void_p()
        err = _native.ErrorRecord()
        arg = None if dir is None else c_path(dir, "zone directory")
        st = _native.lib.slate_tzdb_open(arg, ctypes.byref(handle), ctypes.byref(err))
        if st:
            raise from_status(st, err)
        self._ptr = handle

    @property
    def dir(self) -> str:
        """The directory the database reads."""
        return self._call(_native.lib.slate_tzdb_dir).decode()

    def zone(self, name: str) -> "Zone":
        """The zone called ``name`` (an IANA name such as ``Asia/Kolkata``)."""
        zone = self._zones.get(name)
        if zone is None:
            out = ctypes.c_void_p()
            err = _native.ErrorRecord()
            st = self._call(_native.lib.slate_tzdb_zone, c_string(name, "zone name"), ctypes.byref(out),
                            ctypes.byref(err))
            if st:
                raise from_status(st, err)
            zone = self._zones[name] = Zone(self, out)
        return zone

    def _forget(self):
        self._zones = {}


class Zone:
    """One zone of a ``TzDb``; obtain it with ``TzDb.zone``."""

    def __init__(self, db, ptr):
        self._db = db
        self._raw = ptr

    def _call(self, fn, *args):
        """fn(zone, *args) as one native call, the database held open."""
        with self._db._use():
            return fn(self._raw, *args)

    @property
    def name(self) -> str:
        """The name the zone was asked for by."""
        return self._call(_native.lib.slate_zone_name).decode()

    def __repr__(self):
        return f"Zone({self.name!r})"

    def _instant(self, t):
        with self._db._use():
            return self._db._results.instant(t, self._raw)

    def lookup(self, t: Instant) -> ZoneInfo:
        """``ZoneInfo(utc_offset, is_dst, abbr)`` in force at instant ``t``."""
        out = _native.ZoneInfoRecord()
        st = self._call(_native.lib.slate_zone_lookup, to_epoch(t, "t"), ctypes.byref(out))
        if st:
            raise from_status(st, None, f"cannot look up instant {t!r}")
        return ZoneInfo(self._db._results.duration(out.utc_offset), bool(out.is_dst), out.abbr.decode())

    def at(self, t: Instant) -> Time:
        """Instant ``t`` as an aware datetime here (epoch seconds with epoch=True)."""
        return self._instant(to_epoch(t, "t"))

    def to_civil(self, t: Instant) -> Civil:
        """``Civil(year, month, day, hour, minute, second)`` of instant ``t`` here."""
        out = _native.CivilRecord()
        st = self._call(_native.lib.slate_zone_to_civil, to_epoch(t, "t"), ctypes.byref(out))
        if st:
            raise from_status(st, None, f"cannot convert instant {t!r}")
        return Civil(out.year, out.month, out.day, out.hour, out.minute, out.second)

    def from_civil(self, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
                   disambiguation: str = "compatible") -> Time:
        """The instant at which clocks here show the given time, as an aware
        datetime here (epoch seconds with epoch=True).

        ``disambiguation``: "compatible", "earlier", "later" or "reject", as in
        TC39 Temporal; "reject" raises ``AmbiguousTime`` or ``NonexistentTime``.
        """
        how = _DISAMBIGUATION.get(disambiguation)
        if how is None:
            raise InvalidArgument(f"unknown disambiguation {disambiguation!r}; use one of "
                                  + ", ".join(_DISAMBIGUATION))
        civil = _civil_record((year, month, day, hour, minute, second))
        out = ctypes.c_int64()
        err = _native.ErrorRecord()
        st = self._call(_native.lib.slate_zone_from_civil, ctypes.byref(civil), how, ctypes.byref(out),
                        ctypes.byref(err))
        if st:
            raise from_status(st, err)
        return self._instant(out.value)

    def _next_transition(self, t):
        out = ctypes.c_int64()
        st = self._call(_native.lib.slate_zone_next_transition, t, ctypes.byref(out))
        if st == Never.code:
            return None
        if st:
            raise from_status(st, None, f"cannot search transitions after {t!r}")
        return out.value

    def next_transition(self, t: Instant) -> Optional[Time]:
        """The first instant after ``t`` at which the offset, DST flag or
        abbreviation changes (a datetime here, in the new offset), or None
        if none does before 2401."""
        return self._instant(self._next_transition(to_epoch(t, "t")))

    def transitions(self, start: Instant, end: Instant) -> Iterator[Time]:
        """Yields each transition instant in [start, end), as ``next_transition`` gives it."""
        t, end = to_epoch(start, "start") - 1, to_epoch(end, "end")
        while True:
            t = self._next_transition(t)
            if t is None or t >= end:
                return
            yield self._instant(t)


def days_from_civil(year: int, month: int, day: int) -> int:
    """The day number (days since 1970-01-01) of a proleptic Gregorian date."""
    return _native.lib.slate_days_from_civil(year, month, day)


def civil_from_days(days: int) -> Tuple[int, int, int]:
    """The (year, month, day) of a day number."""
    y, m, d = ctypes.c_int32(), ctypes.c_int(), ctypes.c_int()
    _native.lib.slate_civil_from_days(days, ctypes.byref(y), ctypes.byref(m), ctypes.byref(d))
    return y.value, m.value, d.value


def weekday(days: int) -> int:
    """The ISO weekday (1 Monday .. 7 Sunday) of a day number."""
    return _native.lib.slate_weekday(days)


def days_in_month(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar."""
    return _native.lib.slate_days_in_month(year, month)


def parse_civil(text: str) -> Civil:
    """A local date and time ``YYYY-MM-DDTHH:MM[:SS]`` as a checked ``Civil``."""
    out = _native.CivilRecord()
    err = _native.ErrorRecord()
    st = _native.lib.slate_civil_parse(c_string(text, "local time"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    return Civil(out.year, out.month, out.day, out.hour, out.minute, out.second)


def _civil_record(fields):
    """A CivilRecord of six ints, each checked to fit (ctypes would keep
    only the low 32 bits)."""
    names = ("year", "month", "day", "hour", "minute", "second")
    fields = tuple(fields)
    if len(fields) != 6:
        raise InvalidArgument(f"a civil time has six fields ({', '.join(names)}), not {len(fields)}")
    return _native.CivilRecord(*(int32(v, n) for v, n in zip(fields, names)))


def check_civil(civil: Union[Civil, Tuple[int, int, int, int, int, int]]) -> None:
    """Raises ``InvalidArgument`` naming the bad field unless the ``Civil``
    (or 6-tuple) is a real date and time."""
    record = _civil_record(civil)
    err = _native.ErrorRecord()
    st = _native.lib.slate_civil_check(ctypes.byref(record), ctypes.byref(err))
    if st:
        raise from_status(st, err)
