"""slate: service-level agreement arithmetic (Python binding over ctypes).

Time zones (``TzDb``, ``Zone``, civil-date helpers), policies and
business-hours calendars (``Policy``, ``Calendar``), priority
classification (``Policy.classify``), SLA clocks and escalations
(``Clock``, ``Policy.evaluate``, ``Policy.escalations``), AMC contract
reports (``Policy.report``), tickets and histories read as the C library
reads them (``parse_ticket``, ``parse_history``), ISO 8601 helpers, and
errors as ``slate.Error`` subclasses.

Instants are accepted as epoch seconds (int or float), aware ``datetime``
objects or RFC 3339 strings; durations as seconds, ``timedelta`` objects or
ISO 8601 strings. Results are aware datetimes (a calendar's in its zone, a
zone's in that zone, SLA clocks' in UTC) and timedeltas; a ``Policy`` or
``TzDb`` made with ``epoch=True`` returns epoch seconds and seconds (ints)
instead, as fast as the C calls. A wrong type is a ``TypeError`` naming the
argument and the forms it takes. Native objects are freed
by ``close()``, at the end of a ``with`` block, or when collected.
The library is the one ``$SLATE_LIBRARY`` names (an ImportError if it does
not load), else one next to the package, else the system's (after
``cmake --install`` as root). Not wrapped:
``slate_set_allocator`` (a process-wide hook for C hosts).
"""
from . import _native
from ._time import Duration, Instant, Span, Time, format_duration, format_time, parse_duration, parse_time, to_epoch
from .errors import (AmbiguousTime, Error, InvalidArgument, IOFailure, LimitExceeded, Misuse, Never,
                     NonexistentTime, NotFound, OutOfMemory, OutOfRange, ParseError)
from .classify import Classification, TrailEntry
from .contract import Report, ReportBreach, ReportCredit, ReportPeriod, ReportRow
from .policy import BusinessDay, Calendar, Closure, Interval, OnCall, Policy, PolicyWarning, Schedule
from .sla import Clock, Escalation, EscalationStatus, SlaCycle, SlaResult, SlaStep
from .ticket import parse_history, parse_ticket
from .tz import (Civil, TzDb, Zone, ZoneInfo, check_civil, civil_from_days, days_from_civil, days_in_month,
                 parse_civil, weekday)

__version__ = _native.lib.slate_version().decode()

__all__ = [
    "AmbiguousTime", "BusinessDay", "Calendar", "Closure", "Civil", "Classification", "Clock", "Error", "Escalation", "EscalationStatus",
    "InvalidArgument", "IOFailure", "Interval", "LimitExceeded", "Misuse", "Never", "NonexistentTime", "NotFound", "OnCall", "OutOfMemory", "OutOfRange", "ParseError", "Policy", "PolicyWarning", "Report", "ReportBreach", "ReportCredit",
    "ReportPeriod", "ReportRow", "Schedule", "SlaCycle", "SlaResult", "SlaStep", "TrailEntry", "TzDb", "Zone",
    "ZoneInfo", "check_civil", "civil_from_days", "days_from_civil", "days_in_month", "format_duration",
    "format_time", "parse_civil", "parse_duration", "parse_history", "parse_ticket", "parse_time", "to_epoch", "weekday",
]
