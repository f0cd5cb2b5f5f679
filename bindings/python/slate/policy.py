"""Policies and their business-hours calendars."""
import collections
import contextlib
import ctypes
import datetime

from . import _native
from ._text import c_path, c_string
from ._owner import NativeOwner
from ._time import in_range, int32, int64, parse_duration, to_epoch
from .classify import ClassifierPool, classify
from .contract import report
from .sla import Clock, escalations, evaluate
from .errors import InvalidArgument, NotFound, from_status

Interval = collections.namedtuple("Interval", "start end date source rule")
BusinessDay = collections.namedtuple("BusinessDay", "date start end")
Interval.__doc__ = ("One open stretch: UTC start and end (epoch seconds), the local date "
                    "(datetime.date), the source ('weekly', 'spill', 'override', 'always', "
                    "'composed') and the JSON Pointer of the rule that opened it.")

_SOURCES = ("weekly", "spill", "override", "always", "composed")

PolicyWarning = collections.namedtuple("PolicyWarning", "message pointer line column file")
PolicyWarning.__doc__ = ("Something the policy loads with but probably did not mean (such as a deadline on UTC "
                   "dates): the sentence, the JSON Pointer, line and column, and the file ('' for text).")


def _seconds(d):
    """Business seconds from an int, a timedelta or an ISO 8601 duration."""
    if isinstance(d, bool):
        raise InvalidArgument("a bool is not a duration")
    if isinstance(d, int):
        return int64(d, "duration")
    if isinstance(d, datetime.timedelta):
        if d.microseconds:
            raise InvalidArgument("durations are whole seconds")
        return int64(d.days * 86400 + d.seconds, "duration")
    if isinstance(d, str):
        return parse_duration(d)
    raise InvalidArgument(f"not a duration: {d!r} (use seconds, a timedelta or ISO 8601 such as PT4H)")


class Policy(NativeOwner):
    """A compiled policy document. Build it with ``Policy.from_json`` or
    ``Policy.load``; use it as a context manager or call ``close()``.

    ``tzdb``: a ``TzDb`` to take zones from (kept alive by the policy), or
    None for the default database (``$TZDIR`` or /usr/share/zoneinfo).
    """

    _free = staticmethod(_native.lib.slate_policy_free)
    _kind = "Policy"

    def __init__(self, handle, tzdb):
        super().__init__(handle, () if tzdb is None else (tzdb,))
        self._calendars = {}
        self._classifiers = ClassifierPool()

    @classmethod
    def from_json(cls, text, tzdb=None):
        """Compiles a policy from JSON text (str or bytes)."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return cls._build(tzdb, lambda db, out, err: _native.lib.slate_policy_from_json(db, data, len(data), out, err))

    @classmethod
    def load(cls, path, tzdb=None):
        """Reads and compiles a policy file."""
        name = c_path(path, "policy file")
        return cls._build(tzdb, lambda db, out, err: _native.lib.slate_policy_from_file(db, name, out, err))

    @classmethod
    def _build(cls, tzdb, compile_into):
        """A policy compiled by compile_into(db handle, out, err), the
        database kept open meanwhile and, after, as long as the policy."""
        out = ctypes.c_void_p()
        err = _native.ErrorRecord()
        with contextlib.nullcontext(None) if tzdb is None else tzdb._use() as db:
            st = compile_into(db, ctypes.byref(out), ctypes.byref(err))
            if st:
                raise from_status(st, err)
            try:
                return cls(out, tzdb)
            except BaseException:
                _native.lib.slate_policy_free(out)
                raise

    def calendar_names(self):
        """The names of the policy's calendars, in the document's order."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_calendar_id(p, i).decode() for i in range(lib.slate_policy_calendar_count(p))]

    def calendar(self, name):
        """The calendar called ``name``; raises ``NotFound`` if there is none."""
        cal = self._calendars.get(name)
        if cal is None:
            ptr = self._call(_native.lib.slate_policy_calendar, c_string(name, "calendar"))
            if not ptr:
                raise NotFound(f"no calendar named {name!r} in this policy")
            cal = self._calendars[name] = Calendar(self, ptr)
        return cal

    def _before_free(self):
        self._classifiers.free_all()

    def _forget(self):
        self._calendars = {}

    @property
    def priorities(self):
        """The priority levels, most urgent first (empty without a priorities section)."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_priority_id(p, i).decode() for i in range(lib.slate_policy_priority_count(p))]

    def classify(self, fields, explain=False):
        """Classifies a ticket given as a dict of fields (nested dicts are
        flattened with dots). Returns a ``Classification``; with
        ``explain=True`` its ``trail`` says why each rule tried matched or
        not. Thread-safe: each thread uses its own native classifier."""
        with self._use() as p:
            return classify(p, self._classifiers, fields, explain)

    def evaluate(self, history, now):
        """Replays a ticket's history against the policy's SLAs and returns
        one ``SlaResult`` per target at ``now``. ``history`` is a list of
        events in time order, each ``{"at": instant, "kind": str or None,
        "fields": dict}`` (or an ``(at, kind, fields)`` tuple)."""
        return evaluate(self, history, now)

    def escalations(self, history, now, until=None):
        """Replays a ticket's history (as for ``evaluate``) and returns an
        ``EscalationStatus``: every escalation step fired by ``now`` with its
        exact instant, and the next wake time, the earliest later instant
        at which a step fires or a target falls due if no event comes
        first. With ``until``, returns instead the list of ``Escalation``
        firings with ``now <= at < until``."""
        return escalations(self, history, now, until)

    def clock(self):
        """A new ``Clock`` over this policy's SLAs, for one ticket at a time."""
        return Clock(self)

    @property
    def slas(self):
        """The SLAs: a list of (id, [target names])."""
        lib = _native.lib
        with self._use() as p:
            return [(lib.slate_policy_sla_id(p, i).decode(),
                     [lib.slate_policy_sla_target_id(p, i, j).decode()
                      for j in range(lib.slate_policy_sla_target_count(p, i))])
                    for i in range(lib.slate_policy_sla_count(p))]

    @property
    def escalation_chains(self):
        """The escalation chains: a list of (id, sla, target, number of steps)."""
        lib = _native.lib
        with self._use() as p:
            return [(lib.slate_policy_escalation_id(p, i).decode(), lib.slate_policy_escalation_sla(p, i).decode(),
                     lib.slate_policy_escalation_target(p, i).decode(), lib.slate_policy_escalation_step_count(p, i))
                    for i in range(lib.slate_policy_escalation_count(p))]

    @property
    def warnings(self):
        """What loading the policy warned about: a list of ``PolicyWarning``."""
        lib, out = _native.lib, []
        with self._use() as p:
            for i in range(min(lib.slate_policy_warning_count(p), 64)):
                w = lib.slate_policy_warning(p, i).contents
                out.append(PolicyWarning(w.message.decode(), w.pointer.decode(), w.line, w.column, w.file.decode()))
        return out

    @property
    def contracts(self):
        """The ids of the policy's contracts."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_contract_id(p, i).decode() for i in range(lib.slate_policy_contract_count(p))]

    def report(self, tickets, start, end, contract=None):
        """The compliance ``Report`` of a contract (None: the policy's only
        one) over [start, end): ``tickets`` is an iterable of histories,
        each ``{"id": ..., "events": [...]}`` as in a JSON Lines export (or
        an ``(id, events)`` pair), with events as for ``evaluate``. Months
        are calendar months in the contract's zone; money is Decimal."""
        with self._use() as p:
            return report(p, tickets, start, end, contract)


class Calendar:
    """A business-hours calendar of a ``Policy``. Instants are epoch seconds,
    aware datetimes or RFC 3339 strings; results are epoch seconds."""

    def __init__(self, policy, ptr):
        self._policy = policy
        self._raw = ptr

    def _call(self, fn, *args):
        """fn(calendar, *args) as one native call, the policy held open."""
        with self._policy._use():
            return fn(self._raw, *args)

    @property
    def name(self):
        """The calendar's name in its policy."""
        return self._call(_native.lib.slate_calendar_name).decode()

    @property
    def memory(self):
        """Bytes the calendar holds now: its rules and the windows compiled so far."""
        return self._call(_native.lib.slate_calendar_memory)

    def __repr__(self):
        return f"Calendar({self.name!r})"

    def _time_call(self, fn, *args):
        out = ctypes.c_int64()
        st = self._call(fn, *args, ctypes.byref(out))
        if st:
            raise from_status(st, None, f"{fn.__name__} failed for {args!r} on calendar {self.name!r}")
        return out.value

    def is_open(self, t):
        """Whether instant ``t`` is open (``OutOfRange`` outside 1800-2400,
        where the C call answers "closed")."""
        return bool(self._call(_native.lib.slate_calendar_is_open, in_range(to_epoch(t))))

    def next_open(self, t):
        """``t`` if open, else the start of the next open interval."""
        return self._time_call(_native.lib.slate_calendar_next_open, to_epoch(t))

    def prev_open(self, t):
        """The start of the open interval containing ``t``, or of the last
        one before it (``Never`` when there is none, or it began before 1800)."""
        return self._time_call(_native.lib.slate_calendar_prev_open, to_epoch(t))

    def prev_close(self, t):
        """The end of the last open interval that ends at or before ``t``."""
        return self._time_call(_native.lib.slate_calendar_prev_close, to_epoch(t))

    def stretch(self, t):
        """The open interval containing ``t``, or the last one before it, as
        ``(start, end)``: ``(prev_open(t), next_close(prev_open(t)))``."""
        start = self.prev_open(t)
        return start, self.next_close(start)

    def add_business_days(self, t, days):
        """Excel's WORKDAY with a time: ``t``'s wall-clock time on the
        ``days``-th business day after its local date (before, when
        negative), moved to the next open instant when closed then."""
        return self._time_call(_native.lib.slate_calendar_add_business_days, to_epoch(t), int32(days, "days"))

    def business_days(self, a, b):
        """Business days after ``a``'s local date up to and including ``b``'s
        (negative when ``b`` is earlier); NETWORKDAYS is this plus one when
        ``a``'s date is a business day."""
        out = ctypes.c_int32()
        st = self._call(_native.lib.slate_calendar_business_days, to_epoch(a), to_epoch(b), ctypes.byref(out))
        if st:
            raise from_status(st, None, f"cannot count business days on calendar {self.name!r}")
        return out.value

    def business_day(self, t):
        """The ``BusinessDay`` (its local date, first open instant and end) in
        progress at ``t``, else the next one to start."""
        rec = _native.BusinessDayRecord()
        st = self._call(_native.lib.slate_calendar_business_day, to_epoch(t), ctypes.byref(rec))
        if st:
            raise from_status(st, None, f"no business day at or after {t!r} on calendar {self.name!r}")
        return BusinessDay(datetime.date(rec.year, rec.month, rec.day), rec.start, rec.end)

    def next_close(self, t):
        """The end of the open interval containing ``t``, or of the next one."""
        return self._time_call(_native.lib.slate_calendar_next_close, to_epoch(t))

    def add(self, t, seconds):
        """``t`` plus business time (seconds, a timedelta or "PT4H"); negative goes back."""
        return self._time_call(_native.lib.slate_calendar_add, to_epoch(t), _seconds(seconds))

    def between(self, a, b):
        """Business seconds in [a, b); negative when b < a."""
        return self._time_call(_native.lib.slate_calendar_between, to_epoch(a), to_epoch(b))

    def intervals(self, a, b):
        """Yields each open ``Interval`` overlapping [a, b), clipped to it."""
        it = _native.IntervalIterRecord()
        st = self._call(_native.lib.slate_calendar_intervals, to_epoch(a), to_epoch(b), ctypes.byref(it))
        if st:
            raise from_status(st, None, f"cannot enumerate [{a!r}, {b!r})")
        rec = _native.IntervalRecord()
        while True:
            with self._policy._use():  # the iterator points into the policy
                more = _native.lib.slate_calendar_intervals_next(ctypes.byref(it), ctypes.byref(rec))
            if not more:
                return
            yield Interval(rec.start, rec.end, datetime.date(rec.year, rec.month, rec.day),
                           _SOURCES[rec.source], rec.rule.decode())
