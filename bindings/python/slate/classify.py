"""Priority classification results and the per-thread classifier."""
import collections
import ctypes
import json
import threading

from . import _native
from ._text import c_string
from .errors import InvalidArgument, from_status

TrailEntry = collections.namedtuple("TrailEntry", "rule matched reason")
TrailEntry.__doc__ = "One rule tried: its id, whether its condition held, and why."

Classification = collections.namedtuple(
    "Classification", "priority priority_index impact urgency decided_by fired trail")
Classification.__doc__ = ("The outcome of classifying a ticket: the priority name and index "
                          "(0 = most urgent), the impact and urgency used (or None), what set the "
                          "base priority ('rule', 'matrix' or 'default'), the ids of the rules "
                          "that fired, and the trail (empty unless explain=True).")


def flatten(fields, prefix=""):
    """Ticket fields as (name, text) pairs: nested dicts joined with dots,
    booleans as true/false, None left out, as the C ticket parser does."""
    out = []
    for name, value in fields.items():
        key = f"{prefix}.{name}" if prefix else str(name)
        if value is None:
            continue
        if isinstance(value, dict):
            out.extend(flatten(value, key))
        elif isinstance(value, bool):
            out.append((key, "true" if value else "false"))
        elif isinstance(value, (str, int, float)):
            out.append((key, str(value)))
        else:
            raise TypeError(f"field {key!r}: unsupported value type {type(value).__name__} "
                            "(use str, int, float, bool, None or a nested dict)")
    return out


class _Classifiers(threading.local):
    """One native classifier per thread, created on first use."""

    def __init__(self):
        self.handle = None


class ClassifierPool:
    """The classifiers of one policy, one per thread, all freed together."""

    def __init__(self):
        self._local = _Classifiers()
        self._all = []
        self._lock = threading.Lock()

    def get(self, policy_handle):
        if self._local.handle is None:
            out = ctypes.c_void_p()
            err = _native.ErrorRecord()
            st = _native.lib.slate_classifier_new(policy_handle, ctypes.byref(out), ctypes.byref(err))
            if st:
                raise from_status(st, err)
            self._local.handle = out
            with self._lock:
                self._all.append(out)
        return self._local.handle

    def free_all(self):
        with self._lock:
            for handle in self._all:
                _native.lib.slate_classifier_free(handle)
            self._all = []
        self._local = _Classifiers()


def ticket_fields(fields):
    """A ticket's fields as a dict: the dict itself, or the JSON object that
    text (str or bytes) holds; anything else is a TypeError."""
    if isinstance(fields, (str, bytes, bytearray)):
        try:
            fields = json.loads(fields)
        except ValueError as exc:
            raise InvalidArgument(f"ticket is not JSON: {exc}") from None
        if not isinstance(fields, dict):
            raise InvalidArgument(f"ticket JSON must be an object, not {type(fields).__name__}")
    if not isinstance(fields, dict):
        raise TypeError(f"ticket must be a dict of fields or the JSON text of an object, not {type(fields).__name__}")
    return fields


def classify(policy_handle, pool, fields, explain):
    """Classifies a ticket (see ``ticket_fields``) with the calling thread's classifier."""
    pairs = flatten(ticket_fields(fields))
    encoded = [(c_string(k, "field name"), c_string(v, f"field {k}")) for k, v in pairs]
    array = (_native.FieldRecord * max(len(encoded), 1))(*[_native.FieldRecord(k, v) for k, v in encoded])
    out = _native.ClassificationRecord()
    err = _native.ErrorRecord()
    st = _native.lib.slate_classify(pool.get(policy_handle), array, len(encoded), 1 if explain else 0,
                                    ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)

    def text(b):
        return None if b is None else b.decode()

    fired = tuple(out.fired[i].decode() for i in range(out.fired_count))
    trail = tuple(TrailEntry(out.trail[i].rule.decode(), bool(out.trail[i].matched), out.trail[i].reason.decode())
                  for i in range(out.trail_count))
    return Classification(text(out.priority_name), out.priority, text(out.impact_name), text(out.urgency_name),
                          text(out.decided_by), fired, trail)
