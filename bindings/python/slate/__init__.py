"""slate: service-level agreement arithmetic (Python binding over ctypes).

Time zones (``TzDb``, ``Zone``), policies and business-hours calendars
(``Policy``, ``Calendar``), ISO 8601 helpers, and errors as
``slate.Error`` subclasses. See the project README.
"""
from . import _native
from ._time import format_duration, format_time, parse_duration, parse_time, to_epoch
from .errors import (AmbiguousTime, Error, InvalidArgument, IOFailure, LimitExceeded, Never,
                     NonexistentTime, NotFound, OutOfMemory, OutOfRange, ParseError)
from .classify import Classification, TrailEntry
from .contract import Report, ReportCredit, ReportPeriod, ReportRow
from .policy import Calendar, Interval, Policy
from .sla import Escalation, EscalationStatus, SlaResult, SlaStep
from .tz import Civil, TzDb, Zone, ZoneInfo

__version__ = _native.lib.slate_version().decode()

__all__ = [
    "AmbiguousTime", "Calendar", "Escalation", "EscalationStatus", "Civil", "Classification", "Error", "InvalidArgument", "IOFailure", "Interval", "LimitExceeded", "Never",
    "NonexistentTime", "NotFound", "OutOfMemory", "OutOfRange", "ParseError", "Policy", "Report", "ReportCredit",
    "ReportPeriod", "ReportRow", "SlaResult", "SlaStep", "TrailEntry", "TzDb", "Zone",
    "ZoneInfo", "format_duration", "format_time", "parse_duration", "parse_time", "to_epoch",
]
