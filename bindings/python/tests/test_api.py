"""Tests of the rest of the Python surface: the Clock, policy listings,
tickets and histories read by slate's reader, civil-date helpers, and that
every exported C function has a Python counterpart."""
import datetime
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import slate  # noqa: E402
from slate import _native  # noqa: E402

ROOT = os.path.join(HERE, "..", "..", "..")
ITSM = os.path.join(ROOT, "examples", "policies", "itsm-desk.json")


class ClockTest(unittest.TestCase):
    def test_incremental_matches_evaluate(self):
        history = [{"at": "2026-03-09T01:00:00Z", "kind": "created",
                    "fields": {"summary": "Phishing mail clicked", "category": "security", "status": "new"}},
                   {"at": datetime.datetime(2026, 3, 9, 1, 5, tzinfo=datetime.timezone.utc), "kind": "agent_comment",
                    "fields": {"status": "in_progress"}}]
        with slate.Policy.load(ITSM) as policy, policy.clock() as clock:
            clock.apply(history[0])
            early = clock.escalations("2026-03-09T01:02:00Z")
            self.assertEqual(slate.format_time(early.next_wake), "2026-03-09T01:10:00Z")  # the P1 bridge falls due
            clock.apply(history[1])
            self.assertEqual(clock.results("2026-03-09T06:00:00Z"), policy.evaluate(history, "2026-03-09T06:00:00Z"))
            fired = clock.escalations_between("2026-03-09T00:00:00Z", "2026-03-09T05:00:01Z")
            self.assertEqual([f.step for f in fired], ["assignee-50", "l2-hour-before", "page-l3"])
            with self.assertRaises(slate.InvalidArgument):
                clock.apply({"at": "2026-03-09T00:00:00Z"})
            clock.reset()
            self.assertTrue(all(r.state == "not_started" for r in clock.results("2026-03-09T06:00:00Z")))
        with self.assertRaises(slate.InvalidArgument):
            clock.results("2026-03-09T06:00:00Z")  # closed

    def test_set_policy(self):
        with slate.Policy.load(ITSM) as old, slate.Policy.load(ITSM) as new:
            clock = old.clock()
            clock.apply({"at": "2026-03-09T01:00:00Z", "kind": "created", "fields": {"category": "security"}})
            clock.set_policy(new, "2026-03-09T02:00:00Z")
            response = {(r.sla, r.target): r for r in clock.results("2026-03-09T02:00:00Z")}[("incident", "response")]
            self.assertTrue(response.breached)
            clock.close()


class ListingTest(unittest.TestCase):
    def test_policy_listings(self):
        with slate.Policy.load(ITSM) as policy:
            self.assertEqual(policy.slas, [("incident", ["response", "resolution"]), ("p1-bridge", ["bridge"])])
            self.assertEqual(policy.escalation_chains, [("response-warnings", "incident", "response", 2),
                                                        ("resolution-chain", "incident", "resolution", 4)])
            self.assertEqual(policy.contracts, [])


class ReaderTest(unittest.TestCase):
    def test_ticket_and_history(self):
        self.assertEqual(slate.parse_ticket('{"a": {"b": 1.50}, "c": true, "d": null, "e": "\\u00fc"}'),
                         {"a.b": "1.50", "c": "true", "e": "\u00fc"})
        ticket_id, events = slate.parse_history(json.dumps(
            {"id": 7, "events": [{"at": "2026-03-02T10:00:00Z", "kind": "created", "fields": {"s": "x"}}]}))
        at = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.timezone.utc)
        self.assertEqual((ticket_id, events), ("7", [{"at": at, "kind": "created", "fields": {"s": "x"}}]))
        self.assertEqual(slate.parse_history('{"events": [{"at": "2026-03-02T10:00:00Z"}]}', epoch=True)[1][0]["at"],
                         1772445600)
        with self.assertRaises(slate.ParseError) as caught:
            slate.parse_history('{"events": [{"at": "2026-03-02T10:00:00Z", "when": 1}]}')
        self.assertEqual(caught.exception.pointer, "/events/0/when")


class CivilTest(unittest.TestCase):
    def test_helpers(self):
        self.assertEqual(slate.days_from_civil(2026, 3, 9), datetime.date(2026, 3, 9).toordinal() - 719163)
        self.assertEqual(slate.civil_from_days(slate.days_from_civil(2026, 3, 8)), (2026, 3, 8))
        self.assertEqual(slate.weekday(slate.days_from_civil(2026, 3, 9)), 1)
        self.assertEqual(slate.days_in_month(2028, 2), 29)
        self.assertEqual(slate.parse_civil("2026-03-08T02:30"), slate.Civil(2026, 3, 8, 2, 30, 0))
        with self.assertRaises(slate.Error):
            slate.check_civil((2026, 2, 30, 0, 0, 0))


class DocstringTest(unittest.TestCase):
    def test_every_public_name_is_documented(self):
        undocumented = []
        for name in slate.__all__:
            obj = getattr(slate, name)
            if not (obj.__doc__ or "").strip():
                undocumented.append(name)
            if isinstance(obj, type):
                for attr, member in vars(obj).items():
                    if attr.startswith("_") or not (callable(member) or isinstance(member, (property, classmethod))):
                        continue
                    doc = getattr(member, "__doc__", None) or getattr(getattr(member, "__func__", None), "__doc__", None)
                    if not (doc or "").strip():
                        undocumented.append(f"{name}.{attr}")
        self.assertEqual(undocumented, [])


class CoverageTest(unittest.TestCase):
    def test_every_exported_function_is_declared(self):
        library = os.environ.get("SLATE_LIBRARY")
        if not library:
            self.skipTest("SLATE_LIBRARY is not set")
        symbols = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True)
        if symbols.returncode != 0:
            self.skipTest("nm is not available")
        exported = {line.split()[-1] for line in symbols.stdout.splitlines() if line.split()[-1].startswith("slate_")}
        # _declare sets argtypes (to a list, empty for no arguments); undeclared functions have None.
        declared = {name for name in exported if getattr(_native.lib, name).argtypes is not None}
        missing = exported - declared - {"slate_set_allocator"}
        self.assertEqual(missing, set())


if __name__ == "__main__":
    unittest.main()
