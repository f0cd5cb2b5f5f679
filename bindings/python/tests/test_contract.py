"""Tests of the Python binding's contract reports on the AMC example."""
import datetime
import decimal
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import slate  # noqa: E402

ROOT = os.path.join(HERE, "..", "..", "..")
POLICY = os.path.join(ROOT, "examples", "policies", "amc-vendor.json")
TICKETS = os.path.join(ROOT, "examples", "tickets", "amc-sample.jsonl")


class ContractTest(unittest.TestCase):
    def setUp(self):
        self.policy = slate.Policy.load(POLICY)
        with open(TICKETS, encoding="utf-8") as f:
            self.tickets = [json.loads(line) for line in f if line.strip()]

    def tearDown(self):
        self.policy.close()

    def test_march(self):
        self.assertEqual(self.policy.contracts, ["pune-floor-amc-2026"])
        r = self.policy.report(self.tickets, "2026-03-01T00:00:00+05:30", "2026-04-01T00:00:00+05:30")
        self.assertEqual((r.contract, r.currency, r.timezone, r.tickets), ("pune-floor-amc-2026", "INR", "Asia/Kolkata", 8))
        [march] = r.periods
        rows = {(row.target, row.priority): row for row in march.rows}
        H = datetime.timedelta(hours=1)
        self.assertEqual(rows[("response", "P2")][2:], (1, 1, 0, 2, H, 5 * H))
        # Months are the contract's: the period starts at midnight in Pune.
        self.assertEqual((march.start.isoformat(), march.end.isoformat()),
                         ("2026-03-01T00:00:00+05:30", "2026-04-01T00:00:00+05:30"))
        self.assertEqual(rows[("resolution", "P3")][2:5], (1, 0, 1))
        self.assertFalse(march.availability_met)
        self.assertEqual([(c.clause, c.ticket, c.amount) for c in march.credits],
                         [("late-onsite", "AMC-102", decimal.Decimal("1000.00")),
                          ("late-fix", "AMC-104", decimal.Decimal("1500.00")),
                          ("late-onsite", "AMC-107", decimal.Decimal("1000.00")),
                          ("availability-99", None, decimal.Decimal("18000.00"))])
        self.assertEqual((march.credits_due, march.cap, march.credits_owed),
                         (decimal.Decimal("21500.00"), decimal.Decimal("18000.00"), decimal.Decimal("18000.00")))
        self.assertEqual(r.credits_owed, decimal.Decimal("18000.00"))
        # Every breach, with its cycle, how late (business seconds) and the clause that priced it.
        self.assertEqual([(b.ticket, b.cycle, b.target, b.priority, b.late_by, b.clause) for b in march.breaches],
                         [("AMC-102", 1, "response", "P2", H, "late-onsite"),
                          ("AMC-104", 1, "resolution", "P1", 2 * H, "late-fix"),
                          ("AMC-107", 1, "response", "P3", 8 * H, "late-onsite")])
        with slate.Policy.load(POLICY, epoch=True) as fast:
            [march] = fast.report(self.tickets, "2026-03-01T00:00:00+05:30", "2026-04-01T00:00:00+05:30").periods
            self.assertEqual([b.late_by for b in march.breaches], [3600, 7200, 8 * 3600])
            self.assertEqual(march.start, 1772303400)

    def test_errors(self):
        with self.assertRaises(slate.NotFound):
            self.policy.report([], "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", contract="nope")
        bad = [{"id": "X", "events": [{"at": "2026-03-02T10:00:00Z"}, {"at": "2026-03-01T10:00:00Z"}]}]
        with self.assertRaises(slate.InvalidArgument):
            self.policy.report(bad, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")


if __name__ == "__main__":
    unittest.main()
