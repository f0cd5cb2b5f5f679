#!/usr/bin/env python3
"""Reference test: slate's on-call schedules against a minute walk over the
written rules (docs/guides/oncall.md), with Python's zoneinfo for local
time. Random schedules: 1 to 3 layers of 1 to 4 members, rotations of 1 to
14 days or patterns of 1 to 4 shifts, handoffs on a 15-minute grid (some
inside the hour a DST change skips or repeats), some layers restricted to weekly windows (a calendar of
the policy), 0 to 3 overrides; windows of 12 days around DST changes and
the first handoff. Every edge is on a whole minute, so the walk is exact.
Checks who(t) at every minute and at a random second in it,
next_handoff at random instants, and the timeline of the window. Exits 1 on any difference.

Usage: oncall_reference.py [--schedules N] [--seed S]
"""
import argparse
import bisect
import datetime
import json
import os
import random
import sys
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import slate  # noqa: E402

ZONES = ["Europe/Warsaw", "America/Chicago", "Asia/Kolkata", "America/New_York", "Australia/Lord_Howe",
         "Pacific/Apia"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Days near each zone's changes in the years used, and plain days.
STARTS = [datetime.date(2026, 3, 24), datetime.date(2026, 10, 20), datetime.date(2026, 3, 4),
          datetime.date(2026, 10, 28), datetime.date(2026, 4, 1), datetime.date(2011, 12, 25),
          datetime.date(2026, 6, 10)]
WINDOW_DAYS = 12


def hhmm(m):
    return f"{m // 60:02d}:{m % 60:02d}"


def random_rotation(rng):
    """One shift length, or (a third of the time) a pattern of 1 to 4."""
    def one():
        return rng.choice(["P1D", "P1D", "P2D", "P3D", "P1W", "P7D", "P14D", "P2W"])
    return one() if rng.random() < 0.67 else [one() if rng.random() < 0.3 else f"P{rng.randrange(1, 4)}D"
                                              for _ in range(rng.randrange(1, 5))]


def random_schedule(rng, start):
    zone = rng.choice(ZONES)
    calendars, layers = {}, []
    for i in range(rng.randrange(1, 4)):
        layer = {"name": f"layer{i}", "members": [f"m{i}{k}" for k in range(rng.randrange(1, 5))],
                 "rotation": random_rotation(rng),
                 "handoff": hhmm(15 * rng.randrange(96)),
                 "start": (start + datetime.timedelta(days=rng.randrange(-20, 6))).isoformat()}
        if rng.random() < 0.5:
            weekly = {}
            for d in DAYS:
                if rng.random() < 0.7:
                    a, b = sorted(rng.sample(range(0, 97), 2))
                    weekly[d] = [f"{hhmm(15 * a)}-{hhmm(15 * b)}"]
            calendars[f"r{i}"] = {"timezone": zone, "weekly": weekly}
            layer["restrict"] = f"r{i}"
        layers.append(layer)
    t0 = datetime.datetime.combine(start, datetime.time(), datetime.timezone.utc)
    overrides, cursor = [], t0 + datetime.timedelta(minutes=rng.randrange(0, 2000))
    for k in range(rng.randrange(0, 4)):
        length = datetime.timedelta(minutes=rng.randrange(1, 3000))
        overrides.append({"member": f"o{k}", "from": cursor.isoformat(), "to": (cursor + length).isoformat()})
        cursor += length + datetime.timedelta(minutes=rng.randrange(0, 5000))
    schedule = {"timezone": zone, "layers": layers}
    if overrides:
        schedule["overrides"] = overrides
    doc = {"oncall": {"s": schedule}}
    if calendars:
        doc["calendars"] = calendars
    return doc


class Model:
    def __init__(self, doc, last_day):
        s = doc["oncall"]["s"]
        self.last_day = last_day
        self.zone = zoneinfo.ZoneInfo(s["timezone"])
        self.layers = s["layers"]
        self.calendars = doc.get("calendars", {})
        self.overrides = [(int(datetime.datetime.fromisoformat(o["from"]).timestamp()),
                           int(datetime.datetime.fromisoformat(o["to"]).timestamp()), o["member"])
                          for o in s.get("overrides", [])]
        self.shifts = [self.handoffs(layer) for layer in self.layers]

    def handoffs(self, layer):
        """Every shift's first instant through the window: the handoff wall
        time on its date, the dates stepping through the rotation's shift
        lengths in turn (fold 0: a skipped time is read with the offset
        before the gap, the compatible reading)."""
        rotation = layer["rotation"] if isinstance(layer["rotation"], list) else [layer["rotation"]]
        lengths = [int(r[1:-1]) * (7 if r.endswith("W") else 1) for r in rotation]
        h, m = map(int, layer["handoff"].split(":"))
        day, out = datetime.date.fromisoformat(layer["start"]), []
        while day <= self.last_day:
            out.append(int(datetime.datetime(day.year, day.month, day.day, h, m, tzinfo=self.zone).timestamp()))
            day += datetime.timedelta(days=lengths[(len(out) - 1) % len(lengths)])
        return out

    def open(self, name, t):
        local = datetime.datetime.fromtimestamp(t, self.zone)
        minute = local.hour * 60 + local.minute
        for w in self.calendars[name]["weekly"].get(DAYS[local.weekday()], []):
            a, b = w.split("-")
            if int(a[:2]) * 60 + int(a[3:]) <= minute < int(b[:2]) * 60 + int(b[3:]):
                return True
        return False

    def layer_member(self, i, t):
        layer = self.layers[i]
        k = bisect.bisect_right(self.shifts[i], t) - 1
        if k < 0:
            return None
        if "restrict" in layer and not self.open(layer["restrict"], t):
            return None
        return layer["members"][k % len(layer["members"])]

    def who(self, t):
        for a, b, member in self.overrides:
            if a <= t < b:
                return member
        for i in range(len(self.layers)):
            member = self.layer_member(i, t)
            if member is not None:
                return member
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    queries, diffs = 0, []
    with slate.TzDb(epoch=True) as db:
        for n in range(args.schedules):
            start = rng.choice(STARTS)
            doc = random_schedule(rng, start)
            try:
                policy = slate.Policy.from_json(doc, tzdb=db, epoch=True)
            except slate.Error as e:
                diffs.append(f"schedule {n} rejected: {e.message}\n{json.dumps(doc)}")
                continue
            model = Model(doc, start + datetime.timedelta(days=WINDOW_DAYS + 2))
            t0 = int(datetime.datetime.combine(start, datetime.time(), datetime.timezone.utc).timestamp())
            minutes = WINDOW_DAYS * 1440
            with policy:
                s = policy.schedule("s")
                answers = [model.who(t0 + 60 * i) for i in range(minutes)]
                before = len(diffs)
                for i in range(minutes):
                    t = t0 + 60 * i + (rng.randrange(60) if rng.random() < 0.1 else 0)
                    got = s.who(t).member
                    queries += 1
                    if got != answers[i]:
                        diffs.append(f"schedule {n} who({t}): slate {got} model {answers[i]}")
                for _ in range(60):
                    i = rng.randrange(0, minutes - 1440)
                    change = next((j for j in range(i + 1, minutes) if answers[j] != answers[i]), None)
                    if change is None:
                        continue
                    queries += 1
                    got = s.next_handoff(t0 + 60 * i)
                    if got != t0 + 60 * change:
                        diffs.append(f"schedule {n} next_handoff({t0 + 60 * i}): slate {got} model {t0 + 60 * change}")
                cursor = t0  # the timeline: stretches tile the window, each one person
                for r in s.timeline(t0, t0 + 60 * minutes):
                    queries += 1
                    first, last = (r.since - t0) // 60, (r.until - t0 + 59) // 60
                    if r.since != cursor or any(answers[j] != r.member for j in range(first, last)):
                        diffs.append(f"schedule {n} timeline stretch [{r.since}, {r.until}) {r.member}")
                    cursor = r.until
                if len(diffs) > before:
                    diffs.append(f"  (schedule {n}: {json.dumps(doc)})")
    for line in diffs[:30]:
        print("DIFF", line)
    print(f"oncall reference: {args.schedules} schedules, {queries} queries, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
