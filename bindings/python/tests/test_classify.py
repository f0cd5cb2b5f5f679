"""Tests of the Python binding's classification surface."""
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "policies")


class ClassifyTest(unittest.TestCase):
    def setUp(self):
        self.policy = slate.Policy.load(os.path.join(EXAMPLES, "itsm-desk.json"))

    def tearDown(self):
        self.policy.close()

    def test_rules_and_matrix(self):
        r = self.policy.classify({"summary": "Ransomware note", "requester": {"email": "a@b.c"}})
        self.assertEqual((r.priority, r.priority_index, r.decided_by, r.fired), ("P1", 0, "rule", ("security-incident",)))
        r = self.policy.classify({"summary": "Floor 7 network down", "category": "network", "location": "Floor 7",
                                  "affected_users": 120, "requester": {"email": "a@b.c"}})
        self.assertEqual((r.priority, r.impact, r.urgency, r.decided_by), ("P1", "enterprise", "critical", "matrix"))
        r = self.policy.classify({"category": "headset", "customer": {"tier": "gold"}, "requester": {"email": "a@b.c"}})
        self.assertEqual((r.priority, r.fired), ("P3", ("vip-customer", "headset")))
        r = self.policy.classify({"summary": "[test] ignore", "category": "desktop", "requester": {"email": "a@b.c"},
                                  "shift_active": False, "gone": None})
        self.assertEqual(r.priority, "P5")
        self.assertEqual(self.policy.priorities, ["P1", "P2", "P3", "P4", "P5"])

    def test_explain(self):
        r = self.policy.classify({"summary": "Password expired", "requester": {"email": "a@b.c"}}, explain=True)
        self.assertEqual(r.priority, "P4")
        self.assertEqual(r.trail[-1], slate.TrailEntry(
            "password-reset", True, 'summary matches /password (reset|expired|locked)/: yes (value "Password expired")'))
        self.assertFalse(r.trail[0].matched)
        self.assertEqual(self.policy.classify({"summary": "x"}).trail, ())

    def test_threads(self):
        tickets = [{"summary": "Ransomware"}, {"category": "headset"}, {"summary": "Password reset"},
                   {"type": "request", "requester": {"email": "a@b.c"}}]
        want = [self.policy.classify(t).priority for t in tickets]
        results, errors = [], []

        def work():
            try:
                for _ in range(200):
                    results.append([self.policy.classify(t).priority for t in tickets])
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertTrue(all(r == want for r in results))

    def test_errors(self):
        with self.assertRaises(slate.ParseError) as caught:
            slate.Policy.from_json('{"priorities": {"levels": ["P1"], "default": "P1", "rules": ['
                                   '{"id": "r", "when": {"field": "s", "matches": "(x"}, "set": {"priority": "P1"}}]}}')
        self.assertEqual(caught.exception.pointer, "/priorities/rules/0/when/matches")
        with slate.Policy.from_json('{"calendars": {}}') as empty:
            with self.assertRaises(slate.NotFound):
                empty.classify({})
        with self.assertRaises(TypeError):
            self.policy.classify({"tags": ["a"]})
        evil = slate.Policy.from_json('{"priorities": {"levels": ["P1"], "default": "P1", "rules": ['
                                      '{"id": "evil", "when": {"field": "s", "matches": "^(a+)+$"}, "set": {"priority": "P1"}}]}}')
        with evil:
            with self.assertRaises(slate.LimitExceeded):
                evil.classify({"s": "a" * 40 + "!"})


if __name__ == "__main__":
    unittest.main()
