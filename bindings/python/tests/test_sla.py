"""Tests of the Python binding's SLA clock."""
import datetime
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

H = datetime.timedelta(hours=1)

POLICY = {
    "calendars": {"office": {"timezone": "UTC",
                             "weekly": {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}}},
    "slas": [{"id": "incident", "calendar": "office", "targets": [
        {"name": "resolution", "durations": {"P1": "PT3H", "*": "PT16H"},
         "pause_when": {"field": "status", "equals": "pending_customer"},
         "stop_when": {"field": "status", "equals": "resolved"}}]}],
    "escalations": [{"id": "chain", "sla": "incident", "target": "resolution",
                     "acknowledge_when": {"field": "event", "equals": "ack"},
                     "steps": [{"id": "half", "at": {"percent": 50}, "notify": ["lead"], "data": {"n": 1}},
                               {"id": "page", "at": {"after_breach": "PT0S"}, "measure": "wall",
                                "repeat": {"every": "PT1H", "times": 2},
                                "when": {"field": "acknowledged", "equals": False}}]}],
}


class SlaTest(unittest.TestCase):
    def setUp(self):
        self.policy = slate.Policy.from_json(json.dumps(POLICY))

    def tearDown(self):
        self.policy.close()

    def test_weekend_pending(self):
        history = [
            {"at": "2026-03-06T15:00:00Z", "kind": "created", "fields": {"status": "new", "priority": "P3"}},
            {"at": "2026-03-06T16:00:00Z", "fields": {"status": "pending_customer"}},
            ("2026-03-09T10:00:00Z", None, {"status": "open"}),
        ]
        [r] = self.policy.evaluate(history, "2026-03-09T12:00:00Z")
        self.assertEqual((r.sla, r.target, r.state, r.breached), ("incident", "resolution", "running", False))
        self.assertEqual((r.elapsed, r.paused, r.remaining), (H * 3, H * 66, H * 13))
        self.assertEqual(slate.format_time(r.due), "2026-03-10T17:00:00Z")
        self.assertEqual([s.why for s in r.steps], ["start", "pause", "resume"])
        self.assertEqual(r.steps[1].condition, "/slas/0/targets/0/pause_when")

    def test_escalations(self):
        history = [{"at": "2026-03-02T09:00:00Z", "kind": "created", "fields": {"priority": "P1"}}]
        status = self.policy.escalations(history, "2026-03-02T12:30:00Z")
        self.assertEqual([(e.step, slate.format_time(e.at), e.repeat) for e in status.fired],
                         [("half", "2026-03-02T10:30:00Z", 0), ("page", "2026-03-02T12:00:00Z", 0)])
        self.assertEqual((status.fired[0].notify, status.fired[0].data), (("lead",), {"n": 1}))
        self.assertEqual(slate.format_time(status.next_wake), "2026-03-02T13:00:00Z")
        acked = history + [{"at": "2026-03-02T12:10:00Z", "kind": "ack"}]
        status = self.policy.escalations(acked, "2026-03-02T18:00:00Z")
        self.assertEqual([e.step for e in status.fired], ["half", "page"])
        self.assertIsNone(status.next_wake)
        window = self.policy.escalations(history, "2026-03-02T11:00:00Z", until="2026-03-02T14:00:00Z")
        self.assertEqual([(e.step, e.repeat) for e in window], [("page", 0), ("page", 1)])

    def test_breach_after_upgrade_and_cycles(self):
        # P3 (16 h) from Monday 10:00, raised to P1 (3 h) at 14:00 with 4 h
        # used: breached at 13:00, when the third hour ran out; known at 14:00.
        history = [{"at": "2026-03-02T10:00:00Z", "fields": {"status": "new", "priority": "P3"}},
                   {"at": "2026-03-02T14:00:00Z", "fields": {"priority": "P1"}}]
        [r] = self.policy.evaluate(history, "2026-03-02T15:00:00Z")
        self.assertEqual(slate.format_time(r.breach_time), "2026-03-02T13:00:00Z")
        breach = r.steps[-1]
        self.assertEqual((breach.why, slate.format_time(breach.at), slate.format_time(breach.noted)),
                         ("breach", "2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z"))
        [cycle] = r.history
        self.assertEqual((cycle.number, cycle.outcome, cycle.priority, cycle.end), (1, "breached", "P1", None))
        self.assertEqual((cycle.elapsed, cycle.late_by), (H * 5, H * 2))

    def test_breach_and_errors(self):
        history = [{"at": "2026-03-02T10:00:00Z", "fields": {"status": "new", "priority": "P1"}}]
        [r] = self.policy.evaluate(history, "2026-03-02T16:00:00Z")
        self.assertTrue(r.breached)
        self.assertEqual(slate.format_time(r.breach_time), "2026-03-02T13:00:00Z")
        self.assertEqual(r.percent, 200.0)
        with self.assertRaises(slate.InvalidArgument) as caught:
            self.policy.evaluate(history + [{"at": "2026-03-01T00:00:00Z", "fields": {}}], "2026-03-03T00:00:00Z")
        self.assertIn("event 1", caught.exception.message)
        with self.assertRaises(slate.InvalidArgument):
            self.policy.evaluate(history, "2026-03-01T00:00:00Z")
        with slate.Policy.from_json('{"calendars": {}}') as empty:
            with self.assertRaises(slate.NotFound):
                empty.evaluate([], 0)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
FOLLOWING = {
    "calendars": {"office": {"timezone": "UTC", "weekly": {d: ["09:00-17:00"] for d in WEEKDAYS}},
                  "evening": {"timezone": "UTC", "weekly": {d: ["12:00-20:00"] for d in WEEKDAYS}},
                  "pune": {"timezone": "Asia/Kolkata", "weekly": {d: ["09:00-18:00"] for d in WEEKDAYS}},
                  "both": {"union": ["office", "pune"]}},
    "slas": [{"id": "care", "calendar": {"field": "team", "map": {"L2": "evening"}, "default": "office"},
              "timezone": {"field": "requester.timezone", "default": "America/Chicago"},
              "targets": [{"name": "visit", "durations": {"*": {"by": "18:00", "business_days": 1}}}]},
             {"id": "late", "calendar": "both",
              "targets": [{"name": "eod", "durations": {"*": {"end_of_business_day": 0}}}]}],
}


class FollowingTest(unittest.TestCase):
    """The clock follows the ticket's zone and team (docs/guides/sla.md)."""

    def setUp(self):
        self.policy = slate.Policy.from_json(json.dumps(FOLLOWING))

    def tearDown(self):
        self.policy.close()

    def test_warnings(self):
        [w] = self.policy.warnings
        self.assertEqual((w.pointer, w.line, w.file), ("/slas/1/calendar", 1, ""))
        self.assertIn("UTC dates", w.message)

    def test_zone_deadline_and_switch(self):
        # Monday 10:00 CST in Chicago: by 18:00 CST on Tuesday (Wednesday
        # 00:00Z). The evening team takes over at 12:00 CST; both calendars
        # are read in the requester's zone.
        history = [{"at": "2026-03-02T16:00:00Z", "kind": "created", "fields": {"requester": {"timezone": "America/Chicago"}}},
                   {"at": "2026-03-02T18:00:00Z", "fields": {"team": "L2"}}]
        visit = self.policy.evaluate(history, "2026-03-02T18:00:00Z")[0]
        self.assertEqual(slate.format_time(visit.deadline), "2026-03-04T00:00:00Z")
        self.assertEqual((visit.calendar, visit.zone), ("evening", "America/Chicago"))
        self.assertEqual([(s.why, s.calendar, s.zone) for s in visit.steps],
                         [("start", "office", "America/Chicago"), ("calendar", "evening", "America/Chicago")])
        self.assertEqual(visit.steps[1].condition, "/slas/0/calendar/map/L2")

    def test_unknown_zone(self):
        with self.assertRaises(slate.NotFound) as caught:
            self.policy.evaluate([{"at": "2026-03-02T16:00:00Z", "fields": {"requester": {"timezone": "Mars/Base"}}}],
                                 "2026-03-02T16:00:00Z")
        self.assertIn("requester.timezone", caught.exception.message)


if __name__ == "__main__":
    unittest.main()
