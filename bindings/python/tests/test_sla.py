"""Tests of the Python binding's SLA clock."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

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
        self.assertEqual((r.elapsed, r.paused, r.remaining), (3 * 3600, 66 * 3600, 13 * 3600))
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


if __name__ == "__main__":
    unittest.main()
