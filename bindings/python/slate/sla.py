"""The SLA clock from Python: replay a ticket's history at an instant."""
import collections
import ctypes

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


def evaluate(policy_handle, history, now):
    """Replays ``history`` (events in time order) and reports every target at ``now``."""
    out = ctypes.c_void_p()
    err = _native.ErrorRecord()
    st = _native.lib.slate_clock_new(policy_handle, ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    clock = out
    try:
        for item in history:
            at, kind, fields = _event(item)
            pairs = [(k.encode("utf-8"), v.encode("utf-8")) for k, v in flatten(fields)]
            array = (_native.FieldRecord * max(len(pairs), 1))(*[_native.FieldRecord(k, v) for k, v in pairs])
            event = _native.EventRecord(to_epoch(at), None if kind is None else kind.encode("utf-8"), array, len(pairs))
            st = _native.lib.slate_clock_apply(clock, ctypes.byref(event), ctypes.byref(err))
            if st:
                raise from_status(st, err)
        results = ctypes.POINTER(_native.SlaResultRecord)()
        count = ctypes.c_size_t()
        st = _native.lib.slate_clock_results(clock, to_epoch(now), ctypes.byref(results), ctypes.byref(count),
                                             ctypes.byref(err))
        if st:
            raise from_status(st, err)
        return [_result(results[i]) for i in range(count.value)]
    finally:
        _native.lib.slate_clock_free(clock)


def _result(r):
    steps = tuple(SlaStep(s.at, s.event, _state(s.from_), _state(s.to), s.why.decode(), s.condition.decode())
                  for s in (r.steps[i] for i in range(r.step_count)))
    return SlaResult(r.sla.decode(), r.target.decode(), _state(r.state), bool(r.breached),
                     None if r.priority is None else r.priority.decode(), r.target_seconds,
                     r.start if r.cycles else None, r.elapsed, r.paused, r.remaining,
                     r.due if r.has_due else None, r.breach_time if r.has_breach_time else None,
                     r.percent, r.cycles, steps)
