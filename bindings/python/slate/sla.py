"""The SLA clock from Python: replay a ticket's history at an instant."""
import collections
import ctypes
import json

from . import _native
from ._time import to_epoch
from .classify import flatten
from .errors import InvalidArgument, from_status

SlaStep = collections.namedtuple("SlaStep", "at event from_state to_state why condition")
SlaStep.__doc__ = "One transition of a target: when, which event, the states, why and the condition's JSON Pointer."

SlaResult = collections.namedtuple(
    "SlaResult", "sla target state breached priority target_seconds start elapsed paused remaining "
                 "due breach_time percent cycles steps")
SlaResult.__doc__ = ("Where one SLA target stands: state ('not_started', 'running', 'paused', 'met', "
                     "'cancelled'), breached, the priority and business seconds allowed, the cycle's "
                     "start, elapsed / paused / remaining seconds, due and breach_time (epoch seconds "
                     "or None), percent used, cycles, and the steps that led there.")


Escalation = collections.namedtuple(
    "Escalation", "chain step sla target rule pointer cycle repeat at eligible elapsed notify channel "
                  "template data")
Escalation.__doc__ = ("One firing of an escalation step: its chain and step, the SLA target it follows, the "
                      "trigger in words and the step's JSON Pointer, the target's cycle, the repeat number "
                      "(0 first), when it fires and when it became eligible (earlier when a delivery "
                      "calendar held it; epoch seconds), the target's business seconds then, and the "
                      "action: notify (tuple), channel, template and data (parsed JSON) or None.")

EscalationStatus = collections.namedtuple("EscalationStatus", "fired next_wake")
EscalationStatus.__doc__ = ("The steps fired by an instant, oldest first, and the next wake time: the earliest "
                            "later instant at which a step fires or a target falls due (epoch seconds), or None.")


def _state(code):
    return _native.lib.slate_sla_state_name(code).decode()


def _event(item):
    """(at, kind, fields) from a dict {"at", "kind", "fields"} or a tuple."""
    if isinstance(item, dict):
        unknown = set(item) - {"at", "kind", "fields"}
        if unknown:
            raise InvalidArgument(f"unknown event keys {sorted(unknown)}; use at, kind, fields")
        return item.get("at"), item.get("kind"), item.get("fields") or {}
    at, kind, fields = item
    return at, kind, fields or {}


def event_record(item):
    """The native record of one event (its field array kept alive by it)."""
    at, kind, fields = _event(item)
    pairs = [(k.encode("utf-8"), v.encode("utf-8")) for k, v in flatten(fields)]
    array = (_native.FieldRecord * max(len(pairs), 1))(*[_native.FieldRecord(k, v) for k, v in pairs])
    event = _native.EventRecord(to_epoch(at), None if kind is None else kind.encode("utf-8"), array, len(pairs))
    event._keep = array
    return event


class _Replay:
    """A native clock that has replayed a history; closes with ``with``."""

    def __init__(self, policy_handle, history):
        out = ctypes.c_void_p()
        self.err = _native.ErrorRecord()
        st = _native.lib.slate_clock_new(policy_handle, ctypes.byref(out), ctypes.byref(self.err))
        if st:
            raise from_status(st, self.err)
        self.clock = out
        try:
            for item in history:
                self._apply(item)
        except BaseException:
            self.close()
            raise

    def _apply(self, item):
        event = event_record(item)
        self.check(_native.lib.slate_clock_apply(self.clock, ctypes.byref(event), ctypes.byref(self.err)))

    def check(self, st):
        if st:
            raise from_status(st, self.err)

    def close(self):
        if self.clock is not None:
            _native.lib.slate_clock_free(self.clock)
            self.clock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def evaluate(policy_handle, history, now):
    """Replays ``history`` (events in time order) and reports every target at ``now``."""
    with _Replay(policy_handle, history) as r:
        results = ctypes.POINTER(_native.SlaResultRecord)()
        count = ctypes.c_size_t()
        r.check(_native.lib.slate_clock_results(r.clock, to_epoch(now), ctypes.byref(results), ctypes.byref(count),
                                                ctypes.byref(r.err)))
        return [_result(results[i]) for i in range(count.value)]


def escalations(policy_handle, history, now, until=None):
    """Replays ``history``; returns the steps fired by ``now`` and the next
    wake time, or with ``until`` the firings in [now, until)."""
    with _Replay(policy_handle, history) as r:
        if until is not None:
            fired = ctypes.POINTER(_native.EscalationRecord)()
            count = ctypes.c_size_t()
            r.check(_native.lib.slate_clock_escalations_between(r.clock, to_epoch(now), to_epoch(until),
                                                                ctypes.byref(fired), ctypes.byref(count),
                                                                ctypes.byref(r.err)))
            return [_escalation(fired[i]) for i in range(count.value)]
        status = _native.EscalationStatusRecord()
        r.check(_native.lib.slate_clock_escalations(r.clock, to_epoch(now), ctypes.byref(status), ctypes.byref(r.err)))
        return EscalationStatus([_escalation(status.fired[i]) for i in range(status.fired_count)],
                                status.next_wake if status.has_next_wake else None)


def _text(b):
    return None if b is None else b.decode()


def _escalation(e):
    return Escalation(e.chain.decode(), e.step.decode(), e.sla.decode(), e.target.decode(), e.rule.decode(),
                      e.pointer.decode(), e.cycle, e.repeat, e.at, e.eligible, e.elapsed,
                      tuple(e.notify[i].decode() for i in range(e.notify_count)), _text(e.channel),
                      _text(e.template_id), None if e.data is None else json.loads(e.data.decode()))


def _result(r):
    steps = tuple(SlaStep(s.at, s.event, _state(s.from_), _state(s.to), s.why.decode(), s.condition.decode())
                  for s in (r.steps[i] for i in range(r.step_count)))
    return SlaResult(r.sla.decode(), r.target.decode(), _state(r.state), bool(r.breached),
                     None if r.priority is None else r.priority.decode(), r.target_seconds,
                     r.start if r.cycles else None, r.elapsed, r.paused, r.remaining,
                     r.due if r.has_due else None, r.breach_time if r.has_breach_time else None,
                     r.percent, r.cycles, steps)
