"""Policies and their business-hours calendars."""
import collections
import contextlib
import ctypes
import datetime
import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _native
from ._text import c_path, c_string
from ._owner import NativeOwner
from ._time import Duration, Instant, Results, Span, Time, in_range, int32, to_epoch, to_seconds
from .classify import ClassifierPool, classify
from .contract import report
from .sla import Clock, escalations, evaluate
from .errors import InvalidArgument, NotFound, from_status
from .classify import Classification
from .contract import Report
from .sla import SlaResult
from .tz import TzDb

Interval = collections.namedtuple("Interval", "start end date source rule")
BusinessDay = collections.namedtuple("BusinessDay", "date start end")
OnCall = collections.namedtuple("OnCall", "member layer rule since until")
OnCall.__doc__ = ("Who is on call: the member (None for nobody), the layer that decided (\"override\" for an "
                  "override, None for nobody), the JSON Pointer of that rule, and the stretch it holds: since and "
                  "until (datetimes in the schedule's zone, or epoch seconds with epoch=True).")
Closure = collections.namedtuple("Closure", "date start end whole_day name source")
Closure.__doc__ = ("A day or stretch a calendar's own rules close: its local date, start and end (datetimes in "
                   "the calendar's zone, or epoch seconds with epoch=True), whether it is a whole day, its name "
                   "(or None) and source (the rule's JSON Pointer, or \"FILE UID\" of an iCalendar event).")
Interval.__doc__ = ("One open stretch: start and end (datetimes in the calendar's zone, or epoch "
                    "seconds with epoch=True), the local date (datetime.date), the source ('weekly', "
                    "'spill', 'override', 'always', 'composed') and the JSON Pointer of the rule that "
                    "opened it.")
BusinessDay.__doc__ = ("A business day: its local date (datetime.date) and its first open instant and "
                       "the end of its last open stretch (datetimes in the calendar's zone, or epoch seconds "
                       "with epoch=True).")

_SOURCES = ("weekly", "spill", "override", "always", "composed")

PolicyWarning = collections.namedtuple("PolicyWarning", "message pointer line column file")
PolicyWarning.__doc__ = ("Something the policy loads with but probably did not mean (such as a deadline on UTC "
                   "dates): the sentence, the JSON Pointer, line and column, and the file ('' for text).")


_POLICY_FORMS = "a dict, JSON text (str, bytes) or, with Policy.load, a path"


def _policy_text(source):
    """The UTF-8 JSON text of a policy given as a dict, str or bytes."""
    if isinstance(source, dict):
        try:
            return json.dumps(source, indent=1, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise TypeError(f"policy dict is not JSON: {exc}") from None
    if isinstance(source, str):
        return source.encode("utf-8", "surrogatepass")
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, os.PathLike):
        raise TypeError(f"policy must be {_POLICY_FORMS}: use Policy.load for the file {os.fspath(source)!r}")
    raise TypeError(f"policy must be {_POLICY_FORMS}, not {type(source).__name__}")


def _sources(files):
    """A SourcesRecord over a dict of name -> text, or a directory; the
    record keeps its callback and the texts alive as long as it lives."""
    record = _native.SourcesRecord()
    if isinstance(files, dict):
        texts = {name: text.encode("utf-8") if isinstance(text, str) else bytes(text) for name, text in files.items()}
        buffers = []

        def read(ctx, name, text, length):
            data = texts.get(name.decode("utf-8", "replace"))
            if data is None:
                return 3  # SLATE_ENOENT
            buffer = ctypes.create_string_buffer(data, len(data))
            buffers.append(buffer)
            text[0] = ctypes.cast(buffer, ctypes.c_char_p)
            length[0] = len(data)
            return 0

        record.read = _native.SourceReader(read)
        record._keep = (record.read, buffers)
    elif isinstance(files, (str, os.PathLike)):
        record.base_dir = c_path(files, "files directory")
    else:
        raise TypeError(f"files must be a dict of name to text or a directory, not {type(files).__name__}")
    return record


class Policy(NativeOwner):
    """A compiled policy document. Build it with ``Policy.from_json`` or
    ``Policy.load``; use it as a context manager or call ``close()``.

    ``tzdb``: a ``TzDb`` to take zones from (kept alive by the policy), or
    None for the default database (``$TZDIR`` or /usr/share/zoneinfo).

    Instants given to it and to its calendars and clocks may be epoch
    seconds (int or float), aware datetimes or RFC 3339 text; durations
    seconds, timedeltas or ISO 8601 text. Results are aware datetimes (a
    calendar's in its zone, SLA clocks' in UTC) and timedeltas; with
    ``epoch=True`` they are epoch seconds and seconds (ints), as fast as
    the C calls.
    """

    _free = staticmethod(_native.lib.slate_policy_free)
    _kind = "Policy"

    def __init__(self, handle, tzdb, results):
        super().__init__(handle, () if tzdb is None else (tzdb,))
        self._calendars = {}
        self._classifiers = ClassifierPool()
        self._results = results

    @classmethod
    def from_json(cls, source: Union[Dict[str, Any], str, bytes], tzdb: Optional["TzDb"] = None, *,
                  epoch: bool = False,
                  files: Union[Dict[str, Union[str, bytes]], str, "os.PathLike[str]", None] = None) -> "Policy":
        """Compiles a policy from a dict or JSON text (str or bytes). Errors
        give the JSON Pointer (and, for text, the line and column). The
        files the policy names (iCalendar holiday sources: ``{"ics":
        "holidays.ics"}`` in a calendar's ``closed``) come from ``files``: a
        dict of name to text, or the directory relative names are read
        from; without it, a policy that names one is an error."""
        data, results = _policy_text(source), Results(epoch)
        if files is None:
            return cls._build(tzdb, results,
                              lambda db, out, err: _native.lib.slate_policy_from_json(db, data, len(data), out, err))
        sources = _sources(files)
        return cls._build(tzdb, results, lambda db, out, err: _native.lib.slate_policy_from_json_sources(
            db, data, len(data), ctypes.byref(sources), out, err))

    @classmethod
    def load(cls, path: Union[str, bytes, "os.PathLike[str]"], tzdb: Optional["TzDb"] = None, *,
             epoch: bool = False) -> "Policy":
        """Reads and compiles a policy file (a str, bytes or os.PathLike path)."""
        if isinstance(path, str) and path.lstrip().startswith("{"):
            raise TypeError("policy file: this is JSON text, not a path; use Policy.from_json")
        name, results = c_path(path, "policy file"), Results(epoch)
        return cls._build(tzdb, results,
                          lambda db, out, err: _native.lib.slate_policy_from_file(db, name, out, err))

    @classmethod
    def _build(cls, tzdb, results, compile_into):
        """A policy compiled by compile_into(db handle, out, err), the
        database kept open meanwhile and, after, as long as the policy."""
        out = ctypes.c_void_p()
        err = _native.ErrorRecord()
        with contextlib.nullcontext(None) if tzdb is None else tzdb._use() as db:
            st = compile_into(db, ctypes.byref(out), ctypes.byref(err))
            if st:
                raise from_status(st, err)
            try:
                return cls(out, tzdb, results)
            except BaseException:
                _native.lib.slate_policy_free(out)
                raise

    def calendar_names(self) -> List[str]:
        """The names of the policy's calendars, in the document's order."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_calendar_id(p, i).decode() for i in range(lib.slate_policy_calendar_count(p))]

    def schedule_names(self) -> List[str]:
        """The names of the policy's on-call schedules, in the document's order."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_schedule_id(p, i).decode() for i in range(lib.slate_policy_schedule_count(p))]

    def schedule(self, name: str) -> "Schedule":
        """The on-call schedule called ``name``; raises ``NotFound`` if there is none."""
        ptr = self._call(_native.lib.slate_policy_schedule, c_string(name, "schedule"))
        if not ptr:
            raise NotFound(f"no schedule named {name!r} in this policy")
        return Schedule(self, ptr)

    def calendar(self, name: str) -> "Calendar":
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
    def priorities(self) -> List[str]:
        """The priority levels, most urgent first (empty without a priorities section)."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_priority_id(p, i).decode() for i in range(lib.slate_policy_priority_count(p))]

    @property
    def epoch(self) -> bool:
        """Whether results are epoch seconds and seconds (ints) rather than datetimes and timedeltas."""
        return self._results.epoch

    def classify(self, fields: Union[Dict[str, Any], str, bytes], explain: bool = False) -> "Classification":
        """Classifies a ticket given as a dict of fields (nested dicts are
        flattened with dots) or as the JSON text of one object. Returns a ``Classification``; with
        ``explain=True`` its ``trail`` says why each rule tried matched or
        not. Thread-safe: each thread uses its own native classifier."""
        with self._use() as p:
            return classify(p, self._classifiers, fields, explain)

    def evaluate(self, history: Iterable[Any], now: Instant) -> List["SlaResult"]:
        """Replays a ticket's history against the policy's SLAs and returns
        one ``SlaResult`` per target at ``now``. ``history`` is a list of
        events in time order, each ``{"at": instant, "kind": str or None,
        "fields": dict}`` (or an ``(at, kind, fields)`` tuple)."""
        return evaluate(self, history, now)

    def escalations(self, history: Iterable[Any], now: Instant, until: Optional[Instant] = None) -> Any:
        """Replays a ticket's history (as for ``evaluate``) and returns an
        ``EscalationStatus``: every escalation step fired by ``now`` with its
        exact instant, and the next wake time, the earliest later instant
        at which a step fires or a target falls due if no event comes
        first. With ``until``, returns instead the list of ``Escalation``
        firings with ``now <= at < until``."""
        return escalations(self, history, now, until)

    def clock(self) -> Clock:
        """A new ``Clock`` over this policy's SLAs, for one ticket at a time."""
        return Clock(self)

    @property
    def slas(self) -> List[Tuple[str, List[str]]]:
        """The SLAs: a list of (id, [target names])."""
        lib = _native.lib
        with self._use() as p:
            return [(lib.slate_policy_sla_id(p, i).decode(),
                     [lib.slate_policy_sla_target_id(p, i, j).decode()
                      for j in range(lib.slate_policy_sla_target_count(p, i))])
                    for i in range(lib.slate_policy_sla_count(p))]

    @property
    def escalation_chains(self) -> List[Tuple[str, str, str, int]]:
        """The escalation chains: a list of (id, sla, target, number of steps)."""
        lib = _native.lib
        with self._use() as p:
            return [(lib.slate_policy_escalation_id(p, i).decode(), lib.slate_policy_escalation_sla(p, i).decode(),
                     lib.slate_policy_escalation_target(p, i).decode(), lib.slate_policy_escalation_step_count(p, i))
                    for i in range(lib.slate_policy_escalation_count(p))]

    @property
    def warnings(self) -> List[PolicyWarning]:
        """What loading the policy warned about: a list of ``PolicyWarning``."""
        lib, out = _native.lib, []
        with self._use() as p:
            for i in range(min(lib.slate_policy_warning_count(p), 64)):
                w = lib.slate_policy_warning(p, i).contents
                out.append(PolicyWarning(w.message.decode(), w.pointer.decode(), w.line, w.column, w.file.decode()))
        return out

    @property
    def contracts(self) -> List[str]:
        """The ids of the policy's contracts."""
        lib = _native.lib
        with self._use() as p:
            return [lib.slate_policy_contract_id(p, i).decode() for i in range(lib.slate_policy_contract_count(p))]

    def report(self, tickets: Iterable[Any], start: Instant, end: Instant,
               contract: Optional[str] = None) -> "Report":
        """The compliance ``Report`` of a contract (None: the policy's only
        one) over [start, end): ``tickets`` is an iterable of histories,
        each ``{"id": ..., "events": [...]}`` as in a JSON Lines export (or
        an ``(id, events)`` pair), with events as for ``evaluate``. Months
        are calendar months in the contract's zone; money is Decimal."""
        with self._use() as p:
            return report(p, self._results, tickets, start, end, contract)


class Calendar:
    """A business-hours calendar of a ``Policy``. Instants are epoch seconds
    (int or float), aware datetimes or RFC 3339 strings; durations seconds,
    timedeltas or ISO 8601 text. Instants come back as aware datetimes in
    the calendar's zone (UTC for a calendar without one), durations as
    timedeltas; with a policy loaded with ``epoch=True``, as ints."""

    def __init__(self, policy, ptr):
        self._policy = policy
        self._raw = ptr
        self._zone = _native.lib.slate_calendar_zone(ptr)

    def _call(self, fn, *args):
        """fn(calendar, *args) as one native call, the policy held open."""
        with self._policy._use():
            return fn(self._raw, *args)

    def _instant(self, t):
        with self._policy._use():
            return self._policy._results.instant(t, self._zone)

    @property
    def name(self) -> str:
        """The calendar's name in its policy."""
        return self._call(_native.lib.slate_calendar_name).decode()

    @property
    def zone(self) -> Optional[str]:
        """The name of the calendar's time zone, or None (a calendar without one counts in UTC)."""
        if not self._zone:
            return None
        with self._policy._use():
            return _native.lib.slate_zone_name(self._zone).decode()

    @property
    def memory(self) -> int:
        """Bytes the calendar holds now: its rules and the windows compiled so far."""
        return self._call(_native.lib.slate_calendar_memory)

    def __repr__(self):
        return f"Calendar({self.name!r})"

    def _epoch_call(self, fn, *args):
        out = ctypes.c_int64()
        st = self._call(fn, *args, ctypes.byref(out))
        if st:
            raise from_status(st, None, f"{fn.__name__} failed for {args!r} on calendar {self.name!r}")
        return out.value

    def _time_call(self, fn, *args):
        return self._instant(self._epoch_call(fn, *args))

    def is_open(self, t: Instant) -> bool:
        """Whether instant ``t`` is open (``OutOfRange`` outside 1800-2400,
        where the C call answers "closed")."""
        return bool(self._call(_native.lib.slate_calendar_is_open, in_range(to_epoch(t, "t"))))

    def next_open(self, t: Instant) -> Time:
        """``t`` if open, else the start of the next open interval."""
        return self._time_call(_native.lib.slate_calendar_next_open, to_epoch(t, "t"))

    def prev_open(self, t: Instant) -> Time:
        """The start of the open interval containing ``t``, or of the last
        one before it (``Never`` when there is none, or it began before 1800)."""
        return self._time_call(_native.lib.slate_calendar_prev_open, to_epoch(t, "t"))

    def prev_close(self, t: Instant) -> Time:
        """The end of the last open interval that ends at or before ``t``."""
        return self._time_call(_native.lib.slate_calendar_prev_close, to_epoch(t, "t"))

    def stretch(self, t: Instant) -> Tuple[Time, Time]:
        """The open interval containing ``t``, or the last one before it, as
        ``(start, end)``: ``(prev_open(t), next_close(prev_open(t)))``."""
        start = self._epoch_call(_native.lib.slate_calendar_prev_open, to_epoch(t, "t"))
        return self._instant(start), self._time_call(_native.lib.slate_calendar_next_close, start)

    def add_business_days(self, t: Instant, days: int) -> Time:
        """Excel's WORKDAY with a time: ``t``'s wall-clock time on the
        ``days``-th business day after its local date (before, when
        negative), moved to the next open instant when closed then."""
        return self._time_call(_native.lib.slate_calendar_add_business_days, to_epoch(t, "t"),
                               int32(days, "days"))

    def business_days(self, a: Instant, b: Instant) -> int:
        """Business days (an int) after ``a``'s local date up to and including
        ``b``'s (negative when ``b`` is earlier); NETWORKDAYS is this plus one
        when ``a``'s date is a business day."""
        out = ctypes.c_int32()
        st = self._call(_native.lib.slate_calendar_business_days, to_epoch(a, "a"), to_epoch(b, "b"),
                        ctypes.byref(out))
        if st:
            raise from_status(st, None, f"cannot count business days on calendar {self.name!r}")
        return out.value

    def business_day(self, t: Instant) -> BusinessDay:
        """The ``BusinessDay`` (its local date, first open instant and end) in
        progress at ``t``, else the next one to start."""
        rec = _native.BusinessDayRecord()
        st = self._call(_native.lib.slate_calendar_business_day, to_epoch(t, "t"), ctypes.byref(rec))
        if st:
            raise from_status(st, None, f"no business day at or after {t!r} on calendar {self.name!r}")
        return BusinessDay(datetime.date(rec.year, rec.month, rec.day), self._instant(rec.start),
                           self._instant(rec.end))

    def next_close(self, t: Instant) -> Time:
        """The end of the open interval containing ``t``, or of the next one."""
        return self._time_call(_native.lib.slate_calendar_next_close, to_epoch(t, "t"))

    def add(self, t: Instant, duration: Duration) -> Time:
        """``t`` plus business time (seconds, a timedelta or "PT4H"); negative goes back."""
        return self._time_call(_native.lib.slate_calendar_add, to_epoch(t, "t"), to_seconds(duration, "duration"))

    def between(self, a: Instant, b: Instant) -> Span:
        """Business time in [a, b) (a timedelta, or seconds with epoch=True); negative when b < a."""
        seconds = self._epoch_call(_native.lib.slate_calendar_between, to_epoch(a, "a"), to_epoch(b, "b"))
        return self._policy._results.duration(seconds)

    def closures(self, a: Instant, b: Instant) -> List[Closure]:
        """The days and stretches the calendar's own rules close (closed dates,
        holiday rules, iCalendar events) that overlap [a, b), in time order,
        with their names and sources: what ``slate calendar holidays`` lists."""
        it = _native.ClosureIterRecord()
        st = self._call(_native.lib.slate_calendar_closures, to_epoch(a, "a"), to_epoch(b, "b"), ctypes.byref(it))
        if st:
            raise from_status(st, None, f"cannot list closures in [{a!r}, {b!r})")
        rec, out = _native.ClosureRecord(), []
        while True:
            with self._policy._use():
                if not _native.lib.slate_calendar_closures_next(ctypes.byref(it), ctypes.byref(rec)):
                    return out
                out.append(Closure(datetime.date(rec.year, rec.month, rec.day), self._instant(rec.start),
                                   self._instant(rec.end), bool(rec.whole_day),
                                   None if rec.name is None else rec.name.decode(), rec.source.decode()))

    def intervals(self, a: Instant, b: Instant) -> Iterator[Interval]:
        """Yields each open ``Interval`` overlapping [a, b), clipped to it."""
        it = _native.IntervalIterRecord()
        st = self._call(_native.lib.slate_calendar_intervals, to_epoch(a, "a"), to_epoch(b, "b"), ctypes.byref(it))
        if st:
            raise from_status(st, None, f"cannot enumerate [{a!r}, {b!r})")
        rec = _native.IntervalRecord()
        while True:
            with self._policy._use():  # the iterator points into the policy
                more = _native.lib.slate_calendar_intervals_next(ctypes.byref(it), ctypes.byref(rec))
            if not more:
                return
            yield Interval(self._instant(rec.start), self._instant(rec.end),
                           datetime.date(rec.year, rec.month, rec.day), _SOURCES[rec.source], rec.rule.decode())


class Schedule:
    """An on-call schedule of a ``Policy``: who is on call, and when that
    changes. Instants as for calendars; results in the schedule's zone."""

    def __init__(self, policy, ptr):
        self._policy = policy
        self._raw = ptr
        self._zone = _native.lib.slate_schedule_zone(ptr)

    def _instant(self, t):
        with self._policy._use():
            return self._policy._results.instant(t, self._zone)

    def _who(self, t):
        rec = _native.OnCallRecord()
        with self._policy._use():
            st = _native.lib.slate_schedule_who(self._raw, t, ctypes.byref(rec))
        if st:
            raise from_status(st, None, f"cannot ask who is on call at {t!r}")
        return rec

    def who(self, t: Instant) -> OnCall:
        """Who is on call at ``t`` (at a handoff instant, the incoming member)."""
        t = to_epoch(t, "t")
        rec = self._who(t)
        return OnCall(None if rec.member is None else rec.member.decode(),
                      None if rec.layer is None else rec.layer.decode(), rec.rule.decode(), self._instant(t),
                      self._instant(rec.until))

    def next_handoff(self, t: Instant) -> Time:
        """The first instant after ``t`` at which the person on call changes
        (``Never`` when nobody takes over before 2401)."""
        out = ctypes.c_int64()
        with self._policy._use():
            st = _native.lib.slate_schedule_next_handoff(self._raw, to_epoch(t, "t"), ctypes.byref(out))
        if st:
            raise from_status(st, None, f"no handoff after {t!r}")
        return self._instant(out.value)

    def timeline(self, a: Instant, b: Instant) -> List[OnCall]:
        """The stretches of [a, b), each with its person, in time order (edges
        that change nothing are merged)."""
        it, rec, out = _native.OnCallIterRecord(), _native.OnCallStretchRecord(), []
        with self._policy._use():  # the iterator points into the policy
            st = _native.lib.slate_schedule_stretches(self._raw, to_epoch(a, "a"), to_epoch(b, "b"),
                                                      ctypes.byref(it))
            if st:
                raise from_status(st, None, f"cannot enumerate [{a!r}, {b!r})")
            while _native.lib.slate_schedule_stretches_next(ctypes.byref(it), ctypes.byref(rec)):
                out.append(OnCall(None if rec.member is None else rec.member.decode(),
                                  None if rec.layer is None else rec.layer.decode(), rec.rule.decode(),
                                  self._instant(rec.from_), self._instant(rec.to)))
        return out
