"""slate: service-level agreement arithmetic (Python binding over ctypes).

Time zones today: ``TzDb``, ``Zone``; ISO 8601 helpers; errors as
``slate.Error`` subclasses. See the project README.
"""
from . import _native
from ._time import format_duration, format_time, parse_duration, parse_time, to_epoch
from .errors import (AmbiguousTime, Error, InvalidArgument, IOFailure, LimitExceeded, Never,
                     NonexistentTime, NotFound, OutOfMemory, OutOfRange, ParseError)
from .tz import Civil, TzDb, Zone, ZoneInfo

__version__ = _native.lib.slate_version().decode()

__all__ = [
    "AmbiguousTime", "Civil", "Error", "InvalidArgument", "IOFailure", "LimitExceeded", "Never",
    "NonexistentTime", "NotFound", "OutOfMemory", "OutOfRange", "ParseError", "TzDb", "Zone",
    "ZoneInfo", "format_duration", "format_time", "parse_duration", "parse_time", "to_epoch",
]
