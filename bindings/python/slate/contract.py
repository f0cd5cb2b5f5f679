"""AMC contract reports from Python: compliance and service credits."""
import collections
import ctypes
import decimal

from . import _native
from ._text import c_string, c_string_or_none
from ._time import to_epoch
from .errors import InvalidArgument, from_status
from .sla import event_record

ReportRow = collections.namedtuple("ReportRow", "target priority met breached open finished median p90")
ReportRow.__doc__ = ("How one target did at one priority in a month: counts met, breached and open, and the "
                     "median and 90th percentile (nearest rank) business time of the finished ones.")

ReportCredit = collections.namedtuple("ReportCredit", "clause pointer ticket target priority at late units amount")
ReportCredit.__doc__ = ("One service credit: the clause's id and JSON Pointer, the ticket, target and priority "
                        "(None for availability), the breach time, the business time late, "
                        "the units (breaches or started hours) and the amount (a Decimal).")

ReportBreach = collections.namedtuple("ReportBreach", "ticket cycle target priority due at late_by clause")
ReportBreach.__doc__ = ("One breach, credited or not: the ticket, the target's cycle (1 first), the target and "
                        "priority, when it was due and when it breached, the business time late, and the first "
                        "credit clause that priced it (None: no credit).")

ReportPeriod = collections.namedtuple(
    "ReportPeriod", "start end fee committed downtime availability availability_met credits_due cap "
                    "credits_owed rows credits breaches")
ReportPeriod.__doc__ = ("One calendar month of the contract (clipped to the report): its fee, the availability "
                        "calendar's open and down time, the availability in percent and whether it met the "
                        "commitment, the credits due, the cap (None without one) and what is owed, the rows "
                        "the credits and every breach.")

Report = collections.namedtuple(
    "Report", "contract customer currency sla timezone coverage availability_calendar availability_target "
              "start end tickets credits_owed periods uncovered")
Report.__doc__ = ("A contract's compliance report over [start, end) (within its term): per month, targets met "
                  "and breached, business times, availability and credits owed, and the ids of the tickets "
                  "outside its scope (``uncovered``). Money is in Decimal units of the currency. Instants "
                  "are datetimes in the contract's zone and durations timedeltas (ints for a policy "
                  "loaded with epoch=True).")


def _money(hundredths):
    return decimal.Decimal(hundredths).scaleb(-2)


def _text(b):
    return None if b is None else b.decode()


def _ticket(item):
    """(id, events) from {"id": ..., "events": [...]} or an (id, events) pair."""
    if isinstance(item, dict):
        unknown = set(item) - {"id", "events"}
        if unknown:
            raise InvalidArgument(f"unknown ticket keys {sorted(unknown)}; use id, events")
        return item.get("id"), item.get("events") or []
    if not isinstance(item, (tuple, list)) or len(item) != 2:
        raise TypeError('ticket must be a dict {"id": ..., "events": [...]} or an (id, events) pair, '
                        f"not {type(item).__name__}")
    ticket_id, events = item
    return ticket_id, events


def report(policy_handle, results, tickets, start, end, contract=None):
    """Builds the report of ``contract`` (None: the only one) over [start, end),
    its times returned as ``results`` says."""
    out = ctypes.c_void_p()
    err = _native.ErrorRecord()
    lib = _native.lib
    st = lib.slate_report_new(policy_handle, c_string_or_none(contract, "contract"),
                              to_epoch(start, "start"), to_epoch(end, "end"), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    try:
        for item in tickets:
            ticket_id, events = _ticket(item)
            records = [event_record(e) for e in events]
            array = (_native.EventRecord * max(len(records), 1))(*records)
            name = None if ticket_id is None else c_string(str(ticket_id), "ticket id")
            st = lib.slate_report_add(out, name, array, len(records), ctypes.byref(err))
            if st:
                raise from_status(st, err)
        result = ctypes.POINTER(_native.ReportResultRecord)()
        st = lib.slate_report_result_get(out, ctypes.byref(result), ctypes.byref(err))
        if st:
            raise from_status(st, err)
        return _report(result.contents, results)
    finally:
        lib.slate_report_free(out)


def _period(p, zone, out):
    at, span = (lambda t: out.instant(t, zone)), out.duration
    rows = [ReportRow(r.target.decode(), r.priority.decode(), r.met, r.breached, r.open, r.finished, span(r.median),
                      span(r.p90))
            for r in (p.rows[i] for i in range(p.row_count))]
    credits = [ReportCredit(c.clause.decode(), c.pointer.decode(), _text(c.ticket), _text(c.target), _text(c.priority),
                            at(c.at), span(c.late), c.units, _money(c.amount))
               for c in (p.credits[i] for i in range(p.credit_count))]
    breaches = [ReportBreach(_text(b.ticket), b.cycle, b.target.decode(), _text(b.priority),
                             at(b.due) if b.has_due else None, at(b.at), span(b.late_by), _text(b.clause))
                for b in (p.breaches[i] for i in range(p.breach_count))]
    return ReportPeriod(at(p.start), at(p.end), _money(p.fee), span(p.committed), span(p.downtime), p.availability,
                        bool(p.availability_met), _money(p.credits_due), None if p.cap < 0 else _money(p.cap),
                        _money(p.credits_owed), rows, credits, breaches)


def _report(r, out):
    zone = _native.lib.slate_zone_name(r.zone).decode() if r.zone else "UTC"
    return Report(r.contract.decode(), _text(r.customer), _text(r.currency), r.sla.decode(), zone, r.coverage.decode(),
                  _text(r.availability_calendar), r.availability_target, out.instant(r.start, r.zone),
                  out.instant(r.end, r.zone), r.tickets, _money(r.credits_owed),
                  [_period(r.periods[i], r.zone, out) for i in range(r.period_count)],
                  [_text(r.uncovered[i]) for i in range(r.uncovered_count)])
