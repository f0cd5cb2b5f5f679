"""Hostile input from Python (issue 16): each reproduction of the
adversarial review, named by its number there, gets a clean exception."""
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

TZDIR = os.environ.get("SLATE_TEST_TZDIR") or "/usr/share/zoneinfo"
OFFICE = {"calendars": {
    "office": {"timezone": "UTC", "weekly": {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}},
    "always": "24x7"}}
T = 1772791200  # 2026-03-06T10:00:00Z


class HostileNumbersTest(unittest.TestCase):
    def setUp(self):
        self.db = slate.TzDb(TZDIR)
        self.policy = slate.Policy.from_json(json.dumps(OFFICE), tzdb=self.db)
        self.office = self.policy.calendar("office")

    def tearDown(self):
        self.policy.close()
        self.db.close()

    def test_hostile_01_add_int64_min(self):
        for name in ("office", "always"):
            cal = self.policy.calendar(name)
            with self.assertRaises(slate.OutOfRange):
                cal.add(T, -2**63)
            with self.assertRaises(slate.OutOfRange):
                cal.add(T, 2**63 - 1)

    def test_hostile_09_no_silent_truncation(self):
        with self.assertRaises(slate.OutOfRange):
            self.office.add(2**64 + T, 3600)
        with self.assertRaises(slate.OutOfRange):
            self.office.between(T, 2**64 + T + 86400)
        with self.assertRaises(slate.OutOfRange):
            self.office.add(T, 2**64 + 3600)
        with self.assertRaises(slate.OutOfRange):
            slate.format_time(2**64)
        with self.assertRaises(slate.OutOfRange):
            slate.format_duration(-2**64)
        zone = self.db.zone("Europe/Warsaw")
        with self.assertRaises(slate.OutOfRange):
            zone.from_civil(2**32 + 2026, 3, 6)
        with self.assertRaises(slate.OutOfRange):
            zone.lookup(-2**63 - 1)
        with self.assertRaises(TypeError):
            zone.from_civil(2026.0, 3, 6)
        # is_open cannot say "out of range" in C (it answers closed); Python can.
        with self.assertRaises(slate.OutOfRange):
            self.office.is_open(2**62)
        self.assertTrue(self.office.is_open(T))
        # The largest values that fit are passed on and answered by the library.
        with self.assertRaises(slate.OutOfRange):
            self.office.add(2**63 - 1, 3600)


class HostileTextTest(unittest.TestCase):
    def setUp(self):
        self.db = slate.TzDb(TZDIR)

    def tearDown(self):
        self.db.close()

    def test_hostile_13_explanation_cut_in_a_character(self):
        rules = {"priorities": {"levels": ["P1", "P3"], "default": "P3", "rules": [
            {"id": "r", "when": {"field": "title", "equals": "x"}, "set": {"priority": "P1"}}]}}
        policy = slate.Policy.from_json(json.dumps(rules), tzdb=self.db)
        title = "a" + "\u00e9" * 40
        result = policy.classify({"title": title}, explain=True)
        self.assertEqual(result.trail[0].reason, f'title equals "x": no (value "{title[:30]}")')
        policy.close()

    def test_hostile_22_nul_and_lone_surrogates(self):
        policy = slate.Policy.from_json(json.dumps(OFFICE), tzdb=self.db)
        with self.assertRaisesRegex(slate.InvalidArgument, "calendar 'office\\\\x00junk' contains a NUL"):
            policy.calendar("office\0junk")
        with self.assertRaisesRegex(slate.InvalidArgument, "zone name .* contains a NUL"):
            self.db.zone("UTC\0/../../etc/passwd")
        with self.assertRaisesRegex(slate.InvalidArgument, "field title .* not valid Unicode"):
            policy.classify({"title": "\udc00"})
        # In JSON, the C side refuses them where they are.
        for text, column in (('{"calendars": {"x": {"timezone": "UTC\\u0000/../../etc/passwd", "weekly": {}}}}', 38),
                             ('{"calendars": {"x\\udc00": "24x7"}}', 18)):
            with self.assertRaises(slate.ParseError) as caught:
                slate.Policy.from_json(text, tzdb=self.db)
            self.assertEqual((caught.exception.line, caught.exception.column), (1, column))
        policy.close()


SLA_POLICY = dict(OFFICE, slas=[{"id": "s", "calendar": "office", "targets": [
    {"name": "fix", "durations": {"*": "PT8H"}, "stop_when": {"field": "status", "equals": "resolved"}}]}],
    priorities={"levels": ["P1", "P3"], "default": "P3", "rules": [
        {"id": "vpn", "when": {"field": "title", "matches": "vpn"}, "set": {"priority": "P1"}}]})


class HostileLifetimeTest(unittest.TestCase):
    """6: closing a parent while children live, or while other threads are
    inside calls, never reaches freed memory (run against the sanitizer
    build by ctest: a use after free aborts there)."""

    def setUp(self):
        self.db = slate.TzDb(TZDIR)
        self.policy = slate.Policy.from_json(json.dumps(SLA_POLICY), tzdb=self.db, epoch=True)

    def tearDown(self):
        self.policy.close()
        self.db.close()

    def test_hostile_06_children_keep_parents_alive(self):
        clock = self.policy.clock()
        office = self.policy.calendar("office")
        intervals = office.intervals(T, T + 7 * 86400)
        self.assertEqual(next(intervals).start, T)
        zone = self.db.zone("Europe/Warsaw")
        self.db.close()  # the policy still holds the database's zones
        self.policy.close()  # the clock still reads the policy
        clock.apply({"at": T, "kind": "created", "fields": {"status": "new"}})
        self.assertEqual(clock.results(T + 3600)[0].elapsed, 3600)
        for closed in (lambda: self.policy.classify({}), lambda: office.add(T, 60), lambda: next(intervals),
                       lambda: zone.lookup(T), lambda: self.db.zone("UTC"), self.policy.clock):
            with self.assertRaisesRegex(slate.InvalidArgument, "is closed"):
                closed()
        clock.close()  # frees the clock, then the policy, then the database
        with self.assertRaisesRegex(slate.InvalidArgument, "the Clock is closed"):
            clock.results(T)
        # A clock moved to a second policy keeps both.
        with slate.Policy.from_json(json.dumps(SLA_POLICY), epoch=True) as first, \
                slate.Policy.from_json(json.dumps(SLA_POLICY), epoch=True) as second:
            moving = first.clock()
            moving.apply({"at": T, "kind": "created", "fields": {"status": "new"}})
            moving.set_policy(second, T + 60)
        self.assertEqual(moving.results(T + 120)[0].elapsed, 120)
        moving.close()

    def test_hostile_06_close_while_threads_call(self):
        for round_ in range(5):
            db = slate.TzDb(TZDIR)
            policy = slate.Policy.from_json(json.dumps(SLA_POLICY), tzdb=db)
            office, zone = policy.calendar("office"), db.zone("Asia/Kolkata")
            started, errors = threading.Barrier(5), []

            def hammer(work):
                started.wait()
                try:
                    while True:
                        work()
                except slate.InvalidArgument as e:
                    if "is closed" not in str(e):
                        errors.append(e)
                except Exception as e:  # anything else is a failure
                    errors.append(e)

            def replay():
                with policy.clock() as clock:
                    clock.apply({"at": T, "kind": "created", "fields": {"status": "new"}})
                    clock.results(T + 3600)

            work = [lambda: office.between(T, T + 30 * 86400), lambda: policy.classify({"title": "vpn down"}),
                    replay, lambda: zone.to_civil(T)]
            threads = [threading.Thread(target=hammer, args=(w,)) for w in work]
            for t in threads:
                t.start()
            started.wait()
            time.sleep(0.02)  # let them get going
            (policy if round_ % 2 else db).close()
            (db if round_ % 2 else policy).close()
            for t in threads:
                t.join(timeout=60)
            self.assertFalse(any(t.is_alive() for t in threads))
            self.assertEqual(errors, [])


if __name__ == "__main__":
    unittest.main()
