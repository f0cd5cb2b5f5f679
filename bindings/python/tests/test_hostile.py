"""Hostile input from Python (issue 16): each reproduction of the
adversarial review, named by its number there, gets a clean exception."""
import json
import os
import sys
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
        with self.assertRaises(slate.InvalidArgument):
            zone.from_civil(2026.0, 3, 6)
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


if __name__ == "__main__":
    unittest.main()
