#!/usr/bin/env python3
"""Reference test: the SLA clock against plain Python models of the rules
in docs/guides/sla.md, over random ticket histories.

The model (sla_follow_model.py) keeps its own state machine: start,
pause, resume, stop, reset, cancel, restart, re-targeting on priority
changes with the breach dated where the running time went past the new
goal, breach when still running past the due second, every step
including breaches, and every cycle with its outcome. Two scenarios:
"office", one calendar and the classic rules; "follow", the rules that
follow the ticket (wall-clock
deadlines and business days across night shifts and DST, calendars chosen
by team and priority, zones from the ticket, goals and starts from fields,
resume conditions, cancelling when an SLA stops applying); its histories
are built to hit openings, closings, midnights and offset changes exactly.
Both ask slate's calendars only for open time (they are checked by
calendar_reference.py). Prints a summary and exits 1 on any difference.
"""
import argparse
import datetime
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bindings", "python"))
sys.path.insert(0, HERE)
import slate  # noqa: E402
import sla_follow_model as fm  # noqa: E402

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


def status_in(*values):
    return lambda f, k: f.get("status") in values


def status_is(value):
    return lambda f, k: f.get("status") == value


def kind_is(value):
    return lambda f, k: k == value


OFFICE_SLAS = [
    {"calendar": lambda f: "office", "applies": lambda f: True, "cancel_na": False,
     "targets": [
         {"goal": lambda p: ("after", DURATIONS["response"][p]), "dated": False, "field_goal": False,
          "restart": "never", "when": {"stop": kind_is("agent_comment")}},
         {"goal": lambda p: ("after", DURATIONS["resolution"][p]), "dated": False, "field_goal": False,
          "restart": "new_cycle",
          "when": {"pause": status_in("pending_customer", "pending_vendor"), "stop": status_is("resolved"),
                   "reset": kind_is("moved_queue"), "cancel": status_is("cancelled")}}]}]


def same(got, want):
    """The figures slate and a model give for one target."""
    mine = (got.state, got.elapsed, got.paused, got.breached, got.breach_time, got.cycles,
            got.target_seconds, got.deadline, got.calendar, got.zone, [(s.why, s.at) for s in got.steps],
            [(c.number, c.outcome, c.start, c.end, c.target_seconds, c.elapsed, c.paused, c.breached,
              c.breach_time, c.late_by, c.priority) for c in got.history])
    theirs = (want.state, want.elapsed, want.paused, want.breached, want.breach_time, want.cycles,
              want.target if want.cycles else 0, want.deadline, want.cal.name if want.cal else None,
              want.cal.zone if want.cal else None, want.steps, want.cycle_list())
    return mine == theirs, mine, theirs


def compare(policy, slas, cals, events, now, label, diffs):
    """Replays one history on slate and on the model; notes each target that
    differs. Returns the number of targets compared."""
    got = policy.evaluate([{"at": a, "kind": k, "fields": f} for a, k, f in events], now)
    want = fm.run(slas, cals, events, now)
    for g, w in zip(got, want):
        equal, mine, theirs = same(g, w)
        if not equal:
            diffs.append(f"{label} {g.sla}/{g.target}:\n  slate {mine}\n  model {theirs}\n  {events} now {now}")
    return len(got)


def office(histories, rng):
    diffs, compared = [], 0
    with slate.Policy.from_json(json.dumps(POLICY), epoch=True) as policy:
        cals = {"office": fm.Cal("office", "Europe/Warsaw", policy.calendar("office"))}
        for h in range(histories):
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
            compared += compare(policy, OFFICE_SLAS, cals, events, now, f"office history {h}", diffs)
    return diffs, compared


def weekdays(hours, saturday=None):
    week = {d: hours for d in ("mon", "tue", "wed", "thu", "fri")}
    if saturday:
        week["sat"] = saturday
    return week


# The "follow" scenario: a follow-the-sun desk, a requester's zone, a
# calendar per priority. "hours" is defined once in UTC and used in the
# requester's zone; hours-<zone> define the same hours in each zone, and
# are what the model uses for those instances.
ZONES = {"America/Chicago": "chicago", "Europe/Warsaw": "warsaw", "Asia/Kolkata": "kolkata",
         "Australia/Lord_Howe": "lordhowe"}
HOURS = weekdays(["09:00-17:00"], ["10:00-13:00"])
FOLLOW_CALENDARS = {
    "manila": {"timezone": "Asia/Manila", "weekly": weekdays(["08:00-17:00"])},
    "pune": {"timezone": "Asia/Kolkata", "weekly": weekdays(["09:00-18:00"]), "closed": ["2026-03-04"]},
    "krakow": {"timezone": "Europe/Warsaw", "weekly": weekdays(["09:00-17:00"])},
    "night": {"timezone": "America/New_York", "weekly": weekdays(["22:00-06:00"], ["10:00-14:00"])},
    "desk": {"union": ["pune", "krakow"], "timezone": "Europe/Warsaw"},
    "watch": {"timezone": "Europe/London", "weekly": {"fri": ["18:00-24:00"], "sat": ["00:00-24:00"],
                                                      "sun": ["00:00-24:00"], "mon": ["00:00-06:00"]}},
    "always": "24x7",
    "hours": {"timezone": "UTC", "weekly": HOURS},
    "site-hours": {"timezone": {"field": "tz", "default": "Europe/Warsaw", "unknown": "default"}, "weekly": HOURS},
}
FOLLOW_CALENDARS.update({f"hours-{short}": {"timezone": zone, "weekly": HOURS} for zone, short in ZONES.items()})
TEAMS = {"L1": "manila", "L2": "pune", "L3": "krakow", "N": "night", "D": "desk", "W": "watch"}
FOLLOW_POLICY = {
    "calendars": FOLLOW_CALENDARS,
    "priorities": {"levels": PRIORITIES, "default": "P3"},
    "slas": [
        {"id": "sun", "calendar": {"field": "team", "map": TEAMS, "default": "manila"},
         "applies_when": {"field": "type", "not_equals": "request"}, "on_not_applicable": "cancel",
         "targets": [
             {"name": "resolution",
              "durations": {"P1": "PT4H", "P2": {"by": "16:00", "business_days": 1},
                            "P3": {"end_of_business_day": 0}},
              "pause_when": {"field": "status", "equals": "pending"},
              "resume_when": {"field": "event", "equals": "reply"},
              "stop_when": {"field": "status", "equals": "resolved"},
              "reset_when": {"field": "event", "equals": "moved"}, "restart": "new_cycle"},
             {"name": "response", "durations": {"*": {"field": "agreed", "default": "PT2H"}},
              "start_from": "opened_at", "stop_when": {"field": "event", "equals": "comment"}},
             {"name": "eod", "durations": {"*": {"end_of_business_day": 1}},
              "pause_when": {"field": "status", "equals": "pending"},
              "stop_when": {"field": "status", "equals": "resolved"}, "restart": "continue"}]},
        {"id": "care", "calendar": "hours",
         "timezone": {"field": "tz", "default": "America/Chicago", "unknown": "default"},
         "targets": [{"name": "fix", "durations": {"P1": {"by": "09:00"}, "*": "PT6H"},
                      "pause_when": {"field": "status", "equals": "pending"},
                      "stop_when": {"field": "status", "equals": "resolved"}}]},
        {"id": "site", "calendar": "site-hours",
         "targets": [{"name": "visit", "durations": {"*": {"by": "12:00", "business_days": 1}},
                      "stop_when": {"field": "event", "equals": "comment"}}]},
        {"id": "prio", "calendar": {"field": "priority", "map": {"P1": "always"}, "default": "krakow"},
         "targets": [{"name": "handle",
                      "durations": {"P1": {"end_of_business_day": 0}, "P2": {"end_of_business_day": 0},
                                    "P3": {"by": "12:00", "business_days": 2}},
                      "stop_when": {"field": "status", "equals": "resolved"},
                      "cancel_when": {"field": "status", "equals": "cancelled"}}]},
    ],
}


RESOLUTION = {"P1": ("after", 4 * 3600), "P2": ("by", 16 * 60, 1), "P3": ("eod", 0)}
FOLLOW_SLAS = [
    {"calendar": lambda f: TEAMS.get(f.get("team"), "manila"), "applies": lambda f: f.get("type") != "request",
     "cancel_na": True,
     "targets": [
         {"goal": RESOLUTION.get, "dated": True, "field_goal": False, "restart": "new_cycle",
          "when": {"pause": status_is("pending"), "resume": kind_is("reply"), "stop": status_is("resolved"),
                   "reset": kind_is("moved")}},
         {"goal": lambda p: ("field", "agreed", 7200), "dated": True, "field_goal": True, "restart": "never",
          "start_from": "opened_at", "when": {"stop": kind_is("comment")}},
         {"goal": lambda p: ("eod", 1), "dated": True, "field_goal": False, "restart": "continue",
          "when": {"pause": status_is("pending"), "stop": status_is("resolved")}}]},
    {"calendar": lambda f: "hours", "zone": ("tz", "America/Chicago", ZONES), "applies": lambda f: True,
     "cancel_na": False,
     "targets": [{"goal": lambda p: ("by", 9 * 60, 0) if p == "P1" else ("after", 6 * 3600), "dated": True,
                  "field_goal": False, "restart": "never",
                  "when": {"pause": status_is("pending"), "stop": status_is("resolved")}}]},
    {"calendar": lambda f: "site-hours", "zone": ("tz", "Europe/Warsaw", ZONES), "applies": lambda f: True,
     "cancel_na": False,
     "targets": [{"goal": lambda p: ("by", 12 * 60, 1), "dated": True, "field_goal": False, "restart": "never",
                  "when": {"stop": kind_is("comment")}}]},
    {"calendar": lambda f: "always" if f.get("priority") == "P1" else "krakow", "applies": lambda f: True,
     "cancel_na": False,
     "targets": [{"goal": {"P1": ("eod", 0), "P2": ("eod", 0), "P3": ("by", 12 * 60, 2)}.get, "dated": True,
                  "field_goal": False, "restart": "never",
                  "when": {"stop": status_is("resolved"), "cancel": status_is("cancelled")}}]},
]


def model_calendars(policy):
    zone_of = {"manila": "Asia/Manila", "pune": "Asia/Kolkata", "krakow": "Europe/Warsaw",
               "night": "America/New_York", "desk": "Europe/Warsaw", "watch": "Europe/London", "always": None}
    cals = {name: fm.Cal(name, zone, policy.calendar(name)) for name, zone in zone_of.items()}
    for zone, short in ZONES.items():
        cals[("hours", zone)] = fm.Cal("hours", zone, policy.calendar(f"hours-{short}"))
        cals[("site-hours", zone)] = fm.Cal("site-hours", zone, policy.calendar(f"hours-{short}"))
    return cals


# Local wall times at which something happens in one of the zones:
# openings, closings, midnight, and the hours skipped or repeated by DST.
EDGE_TIMES = [0, 2 * 3600, 2 * 3600 + 1800, 3 * 3600, 6 * 3600, 8 * 3600, 9 * 3600, 10 * 3600, 12 * 3600,
              13 * 3600, 14 * 3600, 16 * 3600, 17 * 3600, 18 * 3600, 22 * 3600, 86400 - 1]
EDGE_ZONES = ["Asia/Manila", "Asia/Kolkata", "Europe/Warsaw", "Europe/London", "America/New_York",
              "America/Chicago", "Australia/Lord_Howe", "UTC"]
# Days around the 2026 offset changes (US 8 Mar / 1 Nov, EU 29 Mar / 25 Oct,
# Lord Howe 5 Apr / 4 Oct) and a Holi closing in Pune.
EDGE_DAYS = ["2026-03-04", "2026-03-06", "2026-03-08", "2026-03-27", "2026-03-29", "2026-04-04",
             "2026-10-02", "2026-10-23", "2026-10-25", "2026-10-30", "2026-11-01"]


def edge_instant(rng):
    """An instant that is a wall time of interest in some zone, or a random one."""
    day = datetime.date.fromisoformat(rng.choice(EDGE_DAYS)) + datetime.timedelta(days=rng.randrange(-1, 3))
    zone = rng.choice(EDGE_ZONES)
    second = rng.choice(EDGE_TIMES) if rng.random() < 0.8 else rng.randrange(86400)
    return fm.Cal("x", None if zone == "UTC" else zone, None).at(day, second)


def follow_changes(rng, t, first):
    changes = {}
    pick = rng.random
    if first or pick() < 0.5:
        changes["status"] = rng.choice(["open", "open", "pending", "resolved", "cancelled"])
    if first or pick() < 0.3:
        changes["priority"] = rng.choice(PRIORITIES)
    if first or pick() < 0.3:
        changes["team"] = rng.choice(list(TEAMS) + ["X"])
    if pick() < 0.3:
        changes["tz"] = rng.choice(list(ZONES) + ["Mars/Olympus", ""])
    if first or pick() < 0.15:
        changes["type"] = rng.choice(["incident", "incident", "request"])
    if pick() < 0.2:
        changes["agreed"] = (slate.format_time(t + rng.choice([-3600, 0, 1, 3600, 86400, 3 * 86400]))
                             if pick() < 0.6 else rng.choice(["PT1H", "PT30M", "P1D", ""]))
    if first and pick() < 0.7:
        changes["opened_at"] = slate.format_time(t - rng.choice([0, 1, 3600, 86400, 3 * 86400]) + (
            7200 if pick() < 0.1 else 0))
    return changes


def follow(histories, rng):
    diffs, compared = [], 0
    with slate.Policy.from_json(json.dumps(FOLLOW_POLICY), epoch=True) as policy:
        cals = model_calendars(policy)
        for h in range(histories):
            t = edge_instant(rng)
            events = [(t, "created", follow_changes(rng, t, True))]
            for _ in range(rng.randrange(0, 10)):
                if rng.random() < 0.5:
                    t = max(t, edge_instant(rng))
                else:
                    t += rng.choice([0, 1, 60, 3600, 4 * 3600, 86400]) + rng.randrange(0, 1800)
                events.append((t, rng.choice([None, None, "reply", "moved", "comment"]),
                               follow_changes(rng, t, False)))
            now = max(t, edge_instant(rng)) if rng.random() < 0.5 else t + rng.randrange(0, 4 * 86400)
            compared += compare(policy, FOLLOW_SLAS, cals, events, now, f"follow history {h}", diffs)
    return diffs, compared


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    diffs, compared = [], 0
    for scenario in (office, follow):
        d, c = scenario(args.histories, rng)
        diffs += d
        compared += c
    for d in diffs[:10]:
        print("DIFF", d)
    print(f"sla reference: {args.histories} histories per scenario, {compared} targets, "
          f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
