"""Tests of the Python binding's time zone surface."""
import datetime
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

TZDIR = os.environ.get("SLATE_TEST_TZDIR") or "/usr/share/zoneinfo"


class TzTest(unittest.TestCase):
    def setUp(self):
        self.db = slate.TzDb(TZDIR)

    def tearDown(self):
        self.db.close()

    def test_lookup_and_civil(self):
        pune = self.db.zone("Asia/Kolkata")
        t = slate.parse_time("2026-03-08T07:30:00Z")
        self.assertEqual(pune.lookup(t), slate.ZoneInfo(datetime.timedelta(hours=5, minutes=30), False, "IST"))
        self.assertEqual(pune.to_civil(t), (2026, 3, 8, 13, 0, 0))
        self.assertEqual(pune.to_civil(t).hour, 13)
        self.assertEqual(pune.name, "Asia/Kolkata")

    def test_instants_accepted(self):
        ny = self.db.zone("America/New_York")
        aware = datetime.datetime(2026, 3, 8, 7, 30, tzinfo=datetime.timezone.utc)
        self.assertEqual(ny.lookup(aware), ny.lookup(1772955000))
        self.assertEqual(ny.lookup("2026-03-08T07:30:00Z").abbr, "EDT")
        with self.assertRaises(slate.InvalidArgument):
            ny.lookup(datetime.datetime(2026, 3, 8, 7, 30))
        self.assertEqual(ny.lookup(1772955000.9), ny.lookup(1772955000))
        with self.assertRaises(TypeError):
            ny.lookup(datetime.date(2026, 3, 8))

    def test_from_civil_disambiguation(self):
        ny = self.db.zone("America/New_York")
        def fmt(t):
            return slate.format_time(t, 0)
        self.assertEqual(ny.from_civil(2026, 3, 8, 2, 30).isoformat(), "2026-03-08T03:30:00-04:00")
        self.assertEqual(fmt(ny.from_civil(2026, 3, 8, 2, 30)), "2026-03-08T07:30:00Z")
        self.assertEqual(fmt(ny.from_civil(2026, 3, 8, 2, 30, disambiguation="earlier")),
                         "2026-03-08T06:30:00Z")
        self.assertEqual(fmt(ny.from_civil(2026, 11, 1, 1, 30, disambiguation="later")),
                         "2026-11-01T06:30:00Z")
        with self.assertRaises(slate.NonexistentTime):
            ny.from_civil(2026, 3, 8, 2, 30, disambiguation="reject")
        with self.assertRaises(slate.AmbiguousTime) as caught:
            ny.from_civil(2026, 11, 1, 1, 30, disambiguation="reject")
        self.assertIn("occurs 2 times in America/New_York", caught.exception.message)
        with self.assertRaises(slate.InvalidArgument):
            ny.from_civil(2026, 2, 30)
        with self.assertRaises(slate.InvalidArgument):
            ny.from_civil(2026, 3, 8, disambiguation="nearest")

    def test_transitions(self):
        ny = self.db.zone("America/New_York")
        got = [t.isoformat() for t in ny.transitions("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
        self.assertEqual(got, ["2026-03-08T03:00:00-04:00", "2026-11-01T01:00:00-05:00"])
        self.assertEqual(ny.at("2026-03-08T07:30:00Z").isoformat(), "2026-03-08T03:30:00-04:00")
        self.assertIsNone(self.db.zone("Asia/Kolkata").next_transition("2026-01-01T00:00:00Z"))

    def test_errors(self):
        with self.assertRaises(slate.NotFound) as caught:
            self.db.zone("Mars/Olympus_Mons")
        self.assertEqual(caught.exception.code, 3)
        with self.assertRaises(slate.InvalidArgument):
            self.db.zone("../../etc/passwd")
        with self.assertRaises(slate.OutOfRange):
            self.db.zone("UTC").lookup("1700-01-01T00:00:00Z")
        with self.assertRaises(slate.NotFound):
            slate.TzDb("/nonexistent/zoneinfo")
        with self.assertRaises(slate.ParseError) as caught:
            slate.parse_time("2026-03-08T07:30:00")
        self.assertEqual(caught.exception.column, 20)
        self.assertIsInstance(caught.exception, slate.Error)

    def test_closed_database(self):
        db = slate.TzDb(TZDIR)
        zone = db.zone("Europe/Warsaw")
        db.close()
        db.close()
        with self.assertRaises(slate.InvalidArgument):
            zone.lookup(0)
        with slate.TzDb(TZDIR) as scoped:
            self.assertEqual(scoped.zone("Europe/Warsaw").lookup(0).abbr, "CET")
        with self.assertRaises(slate.InvalidArgument):
            scoped.zone("UTC")

    def test_text_helpers(self):
        self.assertEqual(slate.parse_duration("P2DT3H"), 183600)
        self.assertEqual(slate.format_duration(183600), "P2DT3H")
        self.assertEqual(slate.format_time(1772955000, 19800), "2026-03-08T13:00:00+05:30")
        self.assertEqual(slate.format_time(1772955000), "2026-03-08T07:30:00Z")
        self.assertEqual(slate.format_duration(datetime.timedelta(days=2, hours=3)), "P2DT3H")
        with self.assertRaises(slate.ParseError):
            slate.parse_duration("P1M")
        self.assertRegex(slate.__version__, r"^\d+\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main()
