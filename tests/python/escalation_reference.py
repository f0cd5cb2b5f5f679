#!/usr/bin/env python3
"""Reference test: escalation chains against a minute-walk model of the
rules in docs/guides/escalations.md, over random ticket histories.

Everything is minute-aligned (events, calendars, durations, thresholds), so
the model can walk time a minute at a time. At each minute it applies that
minute's events, then fires every step whose conditions all hold at that
instant, then lets a minute of business time pass. It keeps its own SLA
state machine and asks slate's calendars only whether a minute is open and,
for wall-time steps before the breach, when the remaining business time
runs out. Prints a summary and exits 1 on any difference.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import slate  # noqa: E402

PRIORITIES = ["P1", "P2", "P3"]
SECONDS = {"P1": 3 * 3600, "P2": 16 * 3600, "P3": 24 * 3600}
STATUSES = ["open", "open", "pending", "resolved"]
KINDS = [None, None, None, "ack", "moved_queue"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
POLICY = {
    "calendars": {
        "office": {"timezone": "Europe/Warsaw", "weekly": {d: ["08:00-12:00", "13:00-17:30"] for d in WEEKDAYS},
                   "closed": ["2026-03-25"]},
        "oncall": {"timezone": "Europe/Warsaw",
                   "weekly": {d: ["07:00-19:00"] for d in WEEKDAYS + ("sat", "sun")}},
    },
    "priorities": {"levels": PRIORITIES, "default": "P3"},
    "slas": [{"id": "incident", "calendar": "office", "targets": [
        {"name": "resolution", "durations": {"P1": "PT3H", "P2": "PT16H", "P3": "PT24H"},
         "pause_when": {"field": "status", "equals": "pending"},
         "stop_when": {"field": "status", "equals": "resolved"},
         "reset_when": {"field": "event", "equals": "moved_queue"},
         "restart": "new_cycle"}]}],
    "escalations": [{"id": "chain", "sla": "incident", "target": "resolution",
                     "acknowledge_when": {"field": "event", "equals": "ack"}, "steps": [
        {"id": "s25", "at": {"percent": 25}},
        {"id": "s75", "at": {"percent": 75}, "when": {"field": "state", "equals": "running"}},
        {"id": "pre", "at": {"before_breach": "PT30M"}},
        {"id": "brk", "at": {"after_breach": "PT0S"}, "measure": "wall",
         "repeat": {"every": "PT20M", "times": 3}, "when": {"field": "acknowledged", "equals": False}},
        {"id": "late", "at": {"after_breach": "PT1H"}, "delivery_calendar": "oncall",
         "repeat": {"every": "PT2H", "times": 2}},
        {"id": "el", "at": {"elapsed": "PT2H"}, "measure": "wall", "when": {"field": "priority", "equals": "P1"}},
        {"id": "wpre", "at": {"before_breach": "PT45M"}, "measure": "wall"}]}],
}
STEPS = POLICY["escalations"][0]["steps"]


class Model:
    """The resolution target and its chain, a minute at a time."""

    def __init__(self, office, oncall):
        self.office, self.oncall = office, oncall
        self.state, self.cycle, self.fields = "not_started", 0, {}
        self.fired = []

    def new_cycle(self, t, seconds):
        self.cycle += 1
        self.start, self.elapsed, self.target = t, 0, seconds
        self.breached, self.breach_time, self.reached_at = False, None, None
        self.acked, self.count, self.last_at, self.last_elapsed = False, {}, {}, {}

    def event(self, t, kind, changes):
        self.fields.update(changes)
        priority = self.fields.get("priority", "P3")
        seconds, status = SECONDS[priority], self.fields.get("status")
        if self.state in ("running", "paused") and seconds != self.target:
            self.target = seconds
            if not self.breached and self.elapsed > seconds:
                self.breached, self.breach_time = True, t
            self.reached_at = t if self.elapsed >= seconds else None
        started = False
        if self.state == "not_started" or kind == "moved_queue" or (self.state == "met" and status != "resolved"):
            self.new_cycle(t, seconds)
            started = True
        if kind == "ack":
            self.acked = True
        if status == "resolved" and (self.state != "met" or started):
            self.state = "met"
        elif self.state != "met" or started:
            self.state = "paused" if status == "pending" else "running"

    def due_projected(self, t):
        """When the running target falls due (its breach time once breached)."""
        if self.breached:
            return self.breach_time
        return self.office.add(t, self.target - self.elapsed)

    def trigger_reached(self, step, t):
        sid, at, wall = step["id"], step["at"], step.get("measure") == "wall"
        if self.count.get(sid, 0) > 0:
            every = slate.parse_duration(step["repeat"]["every"])
            return t >= self.last_at[sid] + every if wall else self.elapsed >= self.last_elapsed[sid] + every
        if "elapsed" in at:
            d = slate.parse_duration(at["elapsed"])
            return t >= self.start + d if wall else self.elapsed >= d
        if self.target <= 0:
            return False
        if "percent" in at:
            return self.elapsed * 100 >= self.target * at["percent"]
        if "before_breach" in at:
            d = slate.parse_duration(at["before_breach"])
            if not wall:
                return self.elapsed >= self.target - d
            return self.state == "running" and self.due_projected(t) - t <= d
        d = slate.parse_duration(at["after_breach"])
        if not wall:
            return self.elapsed >= self.target + d
        if self.breached:
            return t >= self.breach_time + d
        return self.state == "running" and self.reached_at is not None and t >= self.reached_at + d

    def when_holds(self, step):
        when = step.get("when")
        if when is None:
            return True
        seen = {"state": self.state, "acknowledged": self.acked,
                "priority": self.fields.get("priority", "P3")}[when["field"]]
        return seen == when["equals"]

    def fire_at(self, t):
        if self.state not in ("running", "paused"):
            return
        for step in STEPS:
            sid = step["id"]
            times = step.get("repeat", {}).get("times", 0)
            if self.count.get(sid, 0) > times or not self.trigger_reached(step, t) or not self.when_holds(step):
                continue
            if "delivery_calendar" in step and not self.oncall.is_open(t):
                continue
            self.fired.append((sid, t, self.count.get(sid, 0), self.cycle))
            self.count[sid] = self.count.get(sid, 0) + 1
            self.last_at[sid], self.last_elapsed[sid] = t, self.elapsed

    def minute_passes(self, t):
        if self.state == "running":
            if self.target > 0 and self.elapsed >= self.target and not self.breached:
                self.breached, self.breach_time = True, self.reached_at
            if self.office.is_open(t):
                self.elapsed += 60
                if self.elapsed >= self.target and self.reached_at is None:
                    self.reached_at = t + 60


def model(office, oncall, events, now):
    m = Model(office, oncall)
    by_minute = {}
    for at, kind, changes in events:
        by_minute.setdefault(at, []).append((kind, changes))
    for t in range(events[0][0], now + 1, 60):
        for kind, changes in by_minute.get(t, []):
            m.event(t, kind, changes)
        m.fire_at(t)
        m.minute_passes(t)
    return m.fired


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=150)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    diffs, compared = [], 0
    with slate.Policy.from_json(json.dumps(POLICY), epoch=True) as policy:
        office, oncall = policy.calendar("office"), policy.calendar("oncall")
        for h in range(args.histories):
            t = slate.parse_time("2026-03-16T00:00:00Z") + 60 * rng.randrange(0, 20 * 24 * 60)
            events = [(t, "created", {"status": "open", "priority": rng.choice(PRIORITIES)})]
            for _ in range(rng.randrange(0, 7)):
                t += 60 * rng.choice([0, 1, 10, 45, 120, 600, 1440, 2880]) + 60 * rng.randrange(0, 90)
                changes = {}
                if rng.random() < 0.5:
                    changes["status"] = rng.choice(STATUSES)
                if rng.random() < 0.25:
                    changes["priority"] = rng.choice(PRIORITIES)
                events.append((t, rng.choice(KINDS), changes))
            now = t + 60 * rng.randrange(0, 4 * 24 * 60)
            history = [{"at": a, "kind": k, "fields": f} for a, k, f in events]
            got = [(e.step, e.at, e.repeat, e.cycle) for e in policy.escalations(history, now).fired]
            want = model(office, oncall, events, now)
            compared += len(want)
            if sorted(got, key=lambda x: (x[1], x[0], x[2])) != sorted(want, key=lambda x: (x[1], x[0], x[2])):
                diffs.append(f"history {h}:\n  slate {got}\n  model {want}\n  {events} now {now}")
    for d in diffs[:5]:
        print("DIFF", d)
    print(f"escalation reference: {args.histories} histories, {compared} firings, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
