"""The SLA clock from Python: replay a ticket's history at an instant."""
import collections
import ctypes
import json
from typing import Any, Iterable, List

from . import _native
from ._text import c_string, c_string_or_none
from ._time import Instant, to_epoch
from .classify import flatten
from ._owner import NativeOwner
from .errors import InvalidArgument, from_status

SlaStep = collections.namedtuple("SlaStep", "at event from_state to_state why condition calendar zone noted")
SlaStep.__doc__ = ("One transition of a target: when (a datetime), which event (its index), the states, why ('start', 'pause', 'resume', "
                   "'stop', 'reset', 'cancel', 'restart', 'calendar' or 'breach'), the JSON Pointer of the rule "
                   "that caused it, the calendar and zone (or None) the target counts on after it, and when the "
                   "clock learned of it (a breach is known at the next event, or at now).")

SlaCycle = collections.namedtuple(
    "SlaCycle", "number state outcome priority start end target_seconds elapsed paused due breached breach_time "
                "late_by")
SlaCycle.__doc__ = ("One cycle of a target: its number (1 first), state, outcome ('open', 'met', 'breached', "
                    "'cancelled', 'reset'), priority, start and end (None while open), business time allowed "
                    "(target_seconds) and used (elapsed), wall time paused, due (or None), breached, "
                    "breach_time (or None) and late_by (business time beyond the goal). Instants are UTC "
                    "datetimes and durations timedeltas (ints with epoch=True).")

_OUTCOMES = ("open", "met", "breached", "cancelled", "reset")

SlaResult = collections.namedtuple(
    "SlaResult", "sla target state breached priority target_seconds start elapsed paused remaining "
                 "due breach_time percent cycles steps deadline calendar zone history")
SlaResult.__doc__ = ("Where one SLA target stands: state ('not_started', 'running', 'paused', 'met', "
                     "'cancelled'), breached, the priority and business time allowed (target_seconds), the "
                     "cycle's start, elapsed / paused / remaining time, due and breach_time (or None), "
                     "percent used (an int), cycles, the steps that led there, the wall-clock deadline "
                     "of a relative or field goal (or None), the calendar and zone it counts on "
                     "(None before it starts), and its history: every cycle (``SlaCycle``), oldest first. "
                     "Instants are UTC datetimes and durations timedeltas (ints with epoch=True).")


Escalation = collections.namedtuple(
    "Escalation", "chain step sla target rule pointer cycle repeat at eligible elapsed notify channel "
                  "template data oncall")
Escalation.__doc__ = ("One firing of an escalation step: its chain and step, the SLA target it follows, the "
                      "trigger in words and the step's JSON Pointer, the target's cycle, the repeat number "
                      "(0 first), when it fires and when it became eligible (earlier when a delivery "
                      "calendar held it; UTC datetimes), the target's business time then (a timedelta), "
                      "and the action: notify (tuple), channel, template and data (parsed JSON) or None, and "
                      "oncall: (schedule, member, layer) of the step's on-call recipient at that instant, or None.")

EscalationStatus = collections.namedtuple("EscalationStatus", "fired next_wake")
EscalationStatus.__doc__ = ("The steps fired by an instant, oldest first, and the next wake time: the earliest "
                            "later instant at which a step fires or a target falls due (a UTC datetime), or None.")


def _state(code):
    return _native.lib.slate_sla_state_name(code).decode()


_EVENT_FORMS = 'a dict {"at": instant, "kind": str or None, "fields": dict} or an (at, kind, fields) tuple'


def _event(item):
    """(at, kind, fields) from a dict {"at", "kind", "fields"} or a tuple."""
    if isinstance(item, dict):
        unknown = set(item) - {"at", "kind", "fields"}
        if unknown:
            raise InvalidArgument(f"unknown event keys {sorted(unknown)}; use at, kind, fields")
        return item.get("at"), item.get("kind"), item.get("fields") or {}
    if not isinstance(item, (tuple, list)) or len(item) != 3:
        raise TypeError(f"event must be {_EVENT_FORMS}, not {type(item).__name__}")
    at, kind, fields = item
    return at, kind, fields or {}


def event_record(item):
    """The native record of one event (its field array kept alive by it)."""
    at, kind, fields = _event(item)
    if not isinstance(fields, dict):
        raise TypeError(f"event fields must be a dict, not {type(fields).__name__}")
    pairs = [(c_string(k, "field name"), c_string(v, f"field {k}")) for k, v in flatten(fields)]
    array = (_native.FieldRecord * max(len(pairs), 1))(*[_native.FieldRecord(k, v) for k, v in pairs])
    event = _native.EventRecord(to_epoch(at, "event at"), c_string_or_none(kind, "event kind"), array, len(pairs))
    event._keep = array
    return event


class Clock(NativeOwner):
    """An SLA clock that follows one ticket: feed it the ticket's events in
    time order with ``apply``, and ask at any instant with ``results`` and
    ``escalations``. Create it with ``Policy.clock()``; close it (or use it
    as a context manager) to free it at once. A clock belongs to one thread
    at a time; the policy it reads may be shared.

    Instants are epoch seconds (int or float), aware datetimes or RFC 3339
    strings, and come back as UTC datetimes (epoch seconds for a policy
    loaded with ``epoch=True``); an event is ``{"at": ..., "kind": ..., "fields": {...}}`` or an
    ``(at, kind, fields)`` tuple (nested field dicts become dotted names).
    """

    _free = staticmethod(_native.lib.slate_clock_free)
    _kind = "Clock"

    def __init__(self, policy):
        out = ctypes.c_void_p()
        self._err = _native.ErrorRecord()
        self._results = policy._results
        with policy._use() as p:
            st = _native.lib.slate_clock_new(p, ctypes.byref(out), ctypes.byref(self._err))
            if st:
                raise from_status(st, self._err)
            try:  # the policy's memory stays until the clock is freed
                super().__init__(out, (policy,))
            except BaseException:
                _native.lib.slate_clock_free(out)
                raise

    def _check(self, st):
        if st:
            raise from_status(st, self._err)

    def apply(self, event: Any) -> None:
        """Applies the ticket's next event. All or nothing: when it raises,
        the clock is as it was."""
        record = event_record(event)
        self._check(self._call(_native.lib.slate_clock_apply, ctypes.byref(record), ctypes.byref(self._err)))

    def apply_all(self, events: Iterable[Any]) -> None:
        """Applies events in order (see ``apply``)."""
        for event in events:
            self.apply(event)

    def reset(self) -> None:
        """Forgets the ticket, for the next one."""
        self._call(_native.lib.slate_clock_reset)

    def results(self, now: Instant) -> List[SlaResult]:
        """Every SLA target's ``SlaResult`` at ``now`` (not before the last event)."""
        results = ctypes.POINTER(_native.SlaResultRecord)()
        count = ctypes.c_size_t()
        with self._use() as c:
            self._check(_native.lib.slate_clock_results(c, to_epoch(now, "now"), ctypes.byref(results),
                                                        ctypes.byref(count), ctypes.byref(self._err)))
            return [_result(results[i], self._results) for i in range(count.value)]

    def escalations(self, now: Instant) -> EscalationStatus:
        """An ``EscalationStatus``: the steps fired by ``now`` and the next wake time."""
        status = _native.EscalationStatusRecord()
        with self._use() as c:
            self._check(_native.lib.slate_clock_escalations(c, to_epoch(now, "now"), ctypes.byref(status),
                                                            ctypes.byref(self._err)))
            out = self._results
            return EscalationStatus([_escalation(status.fired[i], out) for i in range(status.fired_count)],
                                    out.instant(status.next_wake) if status.has_next_wake else None)

    def escalations_between(self, t1: Instant, t2: Instant) -> List[Escalation]:
        """The ``Escalation`` firings with ``t1 <= at < t2``, past and to come."""
        fired = ctypes.POINTER(_native.EscalationRecord)()
        count = ctypes.c_size_t()
        with self._use() as c:
            self._check(_native.lib.slate_clock_escalations_between(c, to_epoch(t1, "t1"), to_epoch(t2, "t2"),
                                                                    ctypes.byref(fired), ctypes.byref(count),
                                                                    ctypes.byref(self._err)))
            return [_escalation(fired[i], self._results) for i in range(count.value)]

    def set_policy(self, policy: Any, at: Instant) -> None:
        """Moves the ticket to another policy (a new version) at ``at``: see
        ``slate_clock_set_policy``. The old policy must stay open while the
        clock lives (its explanations point into it); the clock keeps a
        reference to it."""
        with self._use() as c, policy._use() as p:
            self._check(_native.lib.slate_clock_set_policy(c, p, to_epoch(at, "at"), ctypes.byref(self._err)))
            self._adopt(policy)


def evaluate(policy, history, now):
    """Replays ``history`` (events in time order) and reports every target at ``now``."""
    with Clock(policy) as clock:
        clock.apply_all(history)
        return clock.results(now)


def escalations(policy, history, now, until=None):
    """Replays ``history``; returns the steps fired by ``now`` and the next
    wake time, or with ``until`` the firings in [now, until)."""
    with Clock(policy) as clock:
        clock.apply_all(history)
        return clock.escalations_between(now, until) if until is not None else clock.escalations(now)


def _text(b):
    return None if b is None else b.decode()


def _escalation(e, out):
    return Escalation(e.chain.decode(), e.step.decode(), e.sla.decode(), e.target.decode(), e.rule.decode(),
                      e.pointer.decode(), e.cycle, e.repeat, out.instant(e.at), out.instant(e.eligible),
                      out.duration(e.elapsed), tuple(e.notify[i].decode() for i in range(e.notify_count)),
                      _text(e.channel), _text(e.template_id), None if e.data is None else json.loads(e.data.decode()),
                      None if e.oncall_schedule is None
                      else (e.oncall_schedule.decode(), _text(e.oncall_member), _text(e.oncall_layer)))


def _result(r, out):
    at, span = out.instant, out.duration
    steps = tuple(SlaStep(at(s.at), s.event, _state(s.from_), _state(s.to), s.why.decode(), s.condition.decode(),
                          _text(s.calendar), _text(s.zone), at(s.noted))
                  for s in (r.steps[i] for i in range(r.step_count)))
    history = tuple(SlaCycle(c.number, _state(c.state), _OUTCOMES[c.outcome], _text(c.priority), at(c.start),
                             at(c.end) if c.has_end else None, span(c.target_seconds), span(c.elapsed),
                             span(c.paused), at(c.due) if c.has_due else None, bool(c.breached),
                             at(c.breach_time) if c.breached else None, span(c.late_by))
                    for c in (r.cycle_list[i] for i in range(r.cycle_count)))
    return SlaResult(r.sla.decode(), r.target.decode(), _state(r.state), bool(r.breached),
                     _text(r.priority), span(r.target_seconds),
                     at(r.start) if r.cycles else None, span(r.elapsed), span(r.paused), span(r.remaining),
                     at(r.due) if r.has_due else None, at(r.breach_time) if r.has_breach_time else None,
                     r.percent, r.cycles, steps, at(r.deadline) if r.has_deadline else None,
                     _text(r.calendar), _text(r.zone), history)
