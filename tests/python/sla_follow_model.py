"""A plain Python model of the SLA clock's rules that follow the ticket
(docs/guides/sla.md): wall-clock deadlines and business days, calendars and
zones chosen by ticket fields, goals and starts from fields, resume
conditions and cancelling when an SLA stops applying.

It asks slate's calendars only for open time and open stretches (they are
checked by calendar_reference.py); dates and local midnights come from
Python's zoneinfo. Used by sla_reference.py.
"""
import datetime
from zoneinfo import ZoneInfo

UTC = datetime.timezone.utc
SEARCH_DAYS = 3660


class Cal:
    """A calendar as the model sees it: slate's open time, a name and the
    zone of its dates (None: UTC)."""

    def __init__(self, name, zone, cal):
        self.name, self.zone, self.cal = name, zone, cal
        self.tz = ZoneInfo(zone) if zone else UTC

    def key(self):
        return (self.name, self.zone)

    def between(self, a, b):
        return self.cal.between(a, b)

    def add(self, t, seconds):
        return self.cal.add(t, seconds)

    def date_of(self, t):
        return datetime.datetime.fromtimestamp(t, self.tz).date()

    def at(self, day, second):
        """The instant of a wall time on a local date; a time skipped by a
        change of offset moves forward by the gap (Python's fold=0)."""
        wall = datetime.datetime.combine(day, datetime.time(second // 3600, second // 60 % 60, second % 60))
        return int(wall.replace(tzinfo=self.tz).timestamp())

    def stretches(self, a, b):
        """Open stretches overlapping [a, b), merged where they touch."""
        out = []
        for iv in self.cal.intervals(a, b):
            if out and out[-1][1] == iv.start:
                out[-1][1] = iv.end
            else:
                out.append([iv.start, iv.end])
        return out

    def day_end(self, day):
        """The end of local date `day` as a business day, or None."""
        one = datetime.timedelta(days=1)
        m0, m1, m2 = self.at(day, 0), self.at(day + one, 0), self.at(day + 2 * one, 0)
        found = self.stretches(m0 - 1, m2 + 1)
        first_open = m0
        if found and found[0][0] <= m0 - 1 and found[0][1] > m0:  # the previous night's spill
            if found[0][1] >= m1:
                return m1
            first_open = found[0][1]
        starting = [s for s in found if first_open <= s[0] < m1]
        if not starting:
            return None
        end = starting[-1][1]
        return m1 if end >= m2 else end

    def nth_day_after(self, day, n):
        for _ in range(SEARCH_DAYS):
            day += datetime.timedelta(days=1)
            end = self.day_end(day)
            if end is not None:
                n -= 1
                if n == 0:
                    return day, end
        return None, None


def parse_goal_text(text):
    """('at', instant) or ('after', seconds) from a field; None when neither."""
    import slate
    try:
        if text.startswith("P"):
            seconds = slate.parse_duration(text)
            return ("after", seconds) if seconds > 0 else None
        return ("at", slate.parse_time(text))
    except Exception:
        return None


def deadline_of(rule, cal, start):
    kind, n = rule[0], rule[-1]
    today = cal.date_of(start)
    if kind == "by":
        minute = rule[1]
        if n == 0 and cal.day_end(today) is not None and cal.at(today, minute * 60) > start:
            return cal.at(today, minute * 60)
        day, _ = cal.nth_day_after(today, max(n, 1))
        return None if day is None else cal.at(day, minute * 60)
    prev = cal.day_end(today - datetime.timedelta(days=1))
    if prev is not None and start < prev:
        today, end = today - datetime.timedelta(days=1), prev
    else:
        end = cal.day_end(today)
        end = start if end is None else end
    if n == 0 and end > start:
        return end
    return cal.nth_day_after(today, max(n, 1))[1]


def goal_of(rule, cal, start, fields):
    """(seconds, deadline or None), or None when there is no goal."""
    if rule[0] == "after":
        return rule[1], None
    if rule[0] == "field":
        text = fields.get(rule[1])
        if not text:  # absent or empty: not given
            return (rule[2], None) if rule[2] else None
        parsed = parse_goal_text(text)
        if parsed[0] == "after":
            return parsed[1], None
        deadline = parsed[1]
    else:
        deadline = deadline_of(rule, cal, start)
        if deadline is None:
            return None
    return (cal.between(start, deadline) if deadline > start else 0), deadline


class Target:
    def __init__(self, spec):
        self.spec = spec
        self.state, self.cycles = "not_started", 0
        self.start = self.since = 0
        self.elapsed = self.paused = self.target = 0
        self.breached, self.breach_time = False, None
        self.cal = None
        self.deadline, self.paused_open = None, False
        self.steps = []
        self.runs = []  # the current cycle's running stretches: [from, to, elapsed before, calendar]
        self.history = []  # one dict per cycle

    def step(self, at, why):
        self.steps.append((why, at))

    def breach(self, at):
        self.breached, self.breach_time = True, at
        self.step(at, "breach")

    def advance(self, t):
        if self.state == "paused":
            self.paused += t - self.since
            if self.spec["dated"] and not self.paused_open and t > self.since and self.cal.between(self.since, t) > 0:
                self.paused_open, self.deadline = True, None
        if self.state == "running" and t > self.since:
            if not self.breached:
                if self.deadline is not None:
                    if t > self.deadline:
                        self.breach(max(self.deadline, self.since))
                elif self.target > 0:
                    due = self.cal.add(self.since, self.target - self.elapsed)
                    if t > due:
                        self.breach(due)
            self.runs.append((self.since, t, self.elapsed, self.cal))
            self.elapsed += self.cal.between(self.since, t)
        if self.state in ("running", "paused"):
            self.since = t

    def first_overrun(self):
        """When the running time of the cycle first went past its goal: the
        due instant of the first running stretch that went on past it."""
        for start, end, before, cal in self.runs:
            if self.deadline is not None:
                if end > self.deadline:
                    return max(start, self.deadline)
                continue
            if self.target <= 0:
                return None
            if before + cal.between(start, end) >= self.target:
                due = cal.add(start, self.target - before) if self.target > before else start
                if end > due:
                    return due
        return None

    def figures(self, now=None):
        """The current cycle's figures as of now (or its end)."""
        breached = self.breached and self.breach_time >= self.start
        return {"target": self.target, "elapsed": self.elapsed, "paused": self.paused, "breached": breached,
                "breach_time": self.breach_time if breached else None,
                "late_by": self.elapsed - self.target if breached and self.elapsed > self.target else 0}

    def open_cycle(self, priority):
        self.runs = []
        self.history.append({"number": self.cycles, "start": self.start, "end": None, "outcome": "open",
                             "priority": priority})

    def close_cycle(self, t, how):
        cycle = self.history[-1]
        if cycle["end"] is not None:
            return
        cycle.update(self.figures(), end=t)
        cycle["outcome"] = ("cancelled" if how == "cancel" else "breached" if cycle["breached"]
                            else "met" if how == "stop" else "reset")

    def set_goal(self, goal):
        self.target = goal[0]
        self.deadline = goal[1] if not self.paused_open else None

    def begin(self, t, keep=False):
        self.cycles += 1
        self.start = self.since = t
        if not keep:
            self.elapsed = self.paused = 0
            self.breached, self.breach_time, self.paused_open = False, None, False

    def cycle_list(self):
        """Every cycle, the open one with its figures at the end of the run."""
        out = []
        for cycle in self.history:
            if cycle["end"] is None:
                cycle = dict(cycle, **self.figures())
                cycle["outcome"] = "breached" if cycle["breached"] else "open"
            out.append((cycle["number"], cycle["outcome"], cycle["start"], cycle["end"], cycle["target"],
                        cycle["elapsed"], cycle["paused"], cycle["breached"], cycle["breach_time"],
                        cycle["late_by"], cycle["priority"]))
        return out


def choose_calendar(sla, fields, cals):
    """The model calendar an SLA counts on for the ticket."""
    name = sla["calendar"](fields)
    zone_rule = sla.get("zone")
    if zone_rule is None:
        return cals[name]
    field, default, known = zone_rule
    zone = fields.get(field)
    if zone not in known:
        zone = default
    return cals[(name, zone)]


def run(slas, cals, events, now):
    """Replays events [(at, kind, changes)]; returns the targets in policy order."""
    targets = [[Target(t) for t in sla["targets"]] for sla in slas]
    fields, priority = {}, None
    for at, kind, changes in events:
        for group in targets:
            for tg in group:
                tg.advance(at)
        fields.update(changes)
        new_priority = fields.get("priority", "P3")
        view = dict(fields, priority=new_priority)
        for sla, group in zip(slas, targets):
            applies = sla["applies"](view)
            cal = choose_calendar(sla, view, cals)
            for tg in group:
                spec = tg.spec
                h = {role: cond(view, kind) for role, cond in spec["when"].items()}
                h.setdefault("start", True)
                goal_changed = new_priority != priority or spec["field_goal"]
                follow(tg, cal, view, at, goal_changed)
                transition(tg, sla, spec, h, applies, cal, view, at)
        priority = new_priority
    for group in targets:
        for tg in group:
            tg.advance(now)
    return [tg for group in targets for tg in group]


def follow(tg, cal, view, at, goal_changed):
    if tg.state not in ("running", "paused"):
        return
    if cal.key() != tg.cal.key():
        tg.cal = cal
        tg.step(at, "calendar")
        goal_changed = True
    if not goal_changed:
        return
    goal = goal_of(tg.spec["goal"](view["priority"]), tg.cal, tg.start, view)
    if goal is None:
        return
    tg.set_goal(goal)
    tg.history[-1]["priority"] = view["priority"]
    overrun = tg.first_overrun()
    if not tg.breached and overrun is not None:
        tg.breach(overrun)


def transition(tg, sla, spec, h, applies, cal, view, at):
    if tg.state == "cancelled":
        return
    if (h.get("cancel") and tg.state != "met") or \
            (sla["cancel_na"] and not applies and tg.state in ("running", "paused")):
        if tg.state in ("running", "paused"):
            tg.close_cycle(at, "cancel")
        tg.step(at, "cancel")
        tg.state = "cancelled"
        return
    new_cycle = False
    if tg.state == "not_started":
        start_at = at
        text = view.get(spec.get("start_from") or "")
        parsed = parse_goal_text(text) if text else None
        if parsed and parsed[0] == "at" and parsed[1] < at:
            start_at = parsed[1]
        goal = goal_of(spec["goal"](view["priority"]), cal, start_at, view) if applies and h["start"] else None
        if goal is None:
            return
        tg.cal = cal
        tg.begin(start_at)
        tg.set_goal(goal)
        tg.open_cycle(view["priority"])
        if start_at < at:
            tg.step(start_at, "start")
            tg.state = "running"
            tg.advance(at)
        else:
            new_cycle = True
            why = "start"
    elif h.get("reset"):
        if tg.state != "met":
            tg.close_cycle(at, "reset")
        renew(tg, spec, cal, view, at, keep=False)
        new_cycle, why = True, "reset"
    elif tg.state == "met":
        if spec["restart"] == "never" or not h["start"] or h.get("stop"):
            return
        renew(tg, spec, cal, view, at, keep=spec["restart"] == "continue")
        new_cycle, why = True, "restart"
    if h.get("stop"):
        if new_cycle:
            tg.step(at, why)
            tg.state = "running"
        tg.close_cycle(at, "stop")
        tg.step(at, "stop")
        tg.state = "met"
        return
    if "resume" in spec["when"] and not new_cycle and tg.state == "paused":
        nxt = "running" if h.get("resume") else "paused"
    else:
        nxt = "paused" if h.get("pause") else "running"
    if not new_cycle and nxt == tg.state:
        return
    tg.step(at, why if new_cycle else ("pause" if nxt == "paused" else "resume"))
    tg.state = nxt


def renew(tg, spec, cal, view, at, keep):
    tg.cal = cal
    tg.begin(at, keep)
    goal = None if keep else goal_of(spec["goal"](view["priority"]), cal, at, view)
    if goal is not None:
        tg.set_goal(goal)
    else:
        tg.deadline = None
    tg.open_cycle(view["priority"])
