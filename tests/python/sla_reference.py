#!/usr/bin/env python3
"""Reference test: the SLA clock against a plain Python model of the rules
in docs/guides/sla.md, over random ticket histories.

The model keeps its own state machine (start, pause, resume, stop, reset,
cancel, restart, re-targeting on priority changes, breach when still
running past the due second) and asks slate's calendar only for open time
(the calendar is checked by calendar_reference.py). Prints a summary and
exits 1 on any difference.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import slate  # noqa: E402

STATUSES = ["new", "open", "pending_customer", "pending_vendor", "resolved", "cancelled"]
KINDS = [None, None, "agent_comment", "moved_queue", "requester_comment"]
PRIORITIES = ["P1", "P2", "P3"]
DURATIONS = {"response": {"P1": 3600, "P2": 4 * 3600, "P3": 8 * 3600},
             "resolution": {"P1": 3 * 3600, "P2": 16 * 3600, "P3": 24 * 3600}}
POLICY = {
    "calendars": {"office": {"timezone": "Europe/Warsaw",
                             "weekly": {d: ["08:00-12:00", "13:00-17:30"] for d in ("mon", "tue", "wed", "thu", "fri")},
                             "closed": ["2026-03-25", {"easter": 1}]}},
    "priorities": {"levels": PRIORITIES, "default": "P3"},
    "slas": [{"id": "incident", "calendar": "office", "targets": [
        {"name": "response", "durations": {"P1": "PT1H", "P2": "PT4H", "P3": "PT8H"},
         "stop_when": {"field": "event", "equals": "agent_comment"}},
        {"name": "resolution", "durations": {"P1": "PT3H", "P2": "PT16H", "P3": "PT24H"},
         "pause_when": {"field": "status", "in": ["pending_customer", "pending_vendor"]},
         "stop_when": {"field": "status", "equals": "resolved"},
         "reset_when": {"field": "event", "equals": "moved_queue"},
         "cancel_when": {"field": "status", "equals": "cancelled"},
         "restart": "new_cycle"}]}],
}


class Target:
    def __init__(self, name):
        self.name, self.state, self.cycles = name, "not_started", 0
        self.start = self.since = 0
        self.elapsed = self.paused = self.target = 0
        self.breached, self.breach_time = False, None

    def advance(self, cal, t):
        if self.state == "paused":
            self.paused += t - self.since
        if self.state == "running":
            # Breached when still running at a wall instant after the due
            # one (the first instant at which the whole target is used).
            if not self.breached and self.target > 0:
                due = cal.add(self.since, self.target - self.elapsed)
                if t > due:
                    self.breached, self.breach_time = True, due
            self.elapsed += cal.between(self.since, t)
        if self.state in ("running", "paused"):
            self.since = t

    def new_cycle(self, t, keep=False):
        self.cycles += 1
        self.start = self.since = t
        if not keep:
            self.elapsed = self.paused = 0
            self.breached, self.breach_time = False, None


def holds(target, role, fields, kind):
    status = fields.get("status")
    if target == "response":
        return {"start": True, "stop": kind == "agent_comment"}.get(role, False)
    return {"start": True, "pause": status in ("pending_customer", "pending_vendor"), "stop": status == "resolved",
            "reset": kind == "moved_queue", "cancel": status == "cancelled"}[role]


def model(cal, events, now):
    targets = [Target("response"), Target("resolution")]
    fields = {}
    for at, kind, changes in events:
        for tg in targets:
            tg.advance(cal, at)
        fields.update(changes)
        priority = fields.get("priority", "P3")
        for tg in targets:
            seconds = DURATIONS[tg.name][priority]
            h = {r: holds(tg.name, r, fields, kind) for r in ("start", "pause", "stop", "reset", "cancel")}
            if tg.state in ("running", "paused") and seconds != tg.target:
                tg.target = seconds
                if not tg.breached and tg.elapsed > seconds:
                    tg.breached, tg.breach_time = True, at
            if tg.state == "cancelled":
                continue
            if h["cancel"] and tg.state != "met":
                tg.state = "cancelled"
                continue
            started = False
            if tg.state == "not_started":
                tg.new_cycle(at)
                tg.target = seconds
                started = True
            elif h["reset"]:
                tg.new_cycle(at)
                tg.target = seconds
                started = True
            elif tg.state == "met":
                if tg.name != "resolution" or h["stop"]:
                    continue
                tg.new_cycle(at)
                tg.target = seconds
                started = True
            if h["stop"]:
                tg.state = "met"
                continue
            nxt = "paused" if h["pause"] else "running"
            if started or nxt != tg.state:
                tg.state = nxt
    for tg in targets:
        tg.advance(cal, now)
    return targets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    diffs, compared = [], 0
    with slate.Policy.from_json(json.dumps(POLICY)) as policy:
        cal = policy.calendar("office")
        for h in range(args.histories):
            t = slate.parse_time("2026-03-20T06:00:00Z") + rng.randrange(0, 40 * 86400)
            events = [(t, "created", {"status": "new", "priority": rng.choice(PRIORITIES)})]
            for _ in range(rng.randrange(1, 12)):
                t += rng.choice([0, 60, 600, 3600, 4 * 3600, 86400, 3 * 86400]) + rng.randrange(0, 3600)
                changes = {}
                if rng.random() < 0.7:
                    changes["status"] = rng.choice(STATUSES)
                if rng.random() < 0.2:
                    changes["priority"] = rng.choice(PRIORITIES)
                events.append((t, rng.choice(KINDS), changes))
            now = t + rng.randrange(0, 5 * 86400)
            got = policy.evaluate([{"at": a, "kind": k, "fields": f} for a, k, f in events], now)
            want = model(cal, events, now)
            for g, w in zip(got, want):
                compared += 1
                mine = (g.state, g.elapsed, g.paused, g.breached, g.breach_time, g.cycles, g.target_seconds)
                theirs = (w.state, w.elapsed, w.paused, w.breached, w.breach_time, w.cycles, w.target)
                if mine != theirs:
                    diffs.append(f"history {h} {g.target}: slate {mine} model {theirs}\n  {events} now {now}")
    for d in diffs[:10]:
        print("DIFF", d)
    print(f"sla reference: {args.histories} histories, {compared} targets, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
