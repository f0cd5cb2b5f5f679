"""Tests of the Python binding's policy and calendar surface."""
import datetime
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

TZDIR = os.environ.get("SLATE_TEST_TZDIR") or "/usr/share/zoneinfo"
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "policies")

OFFICE = {"calendars": {
    "office": {"timezone": "America/New_York",
               "weekly": {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
               "closed": [{"yearly": "12-25", "observed": True}]},
    "night": {"timezone": "Asia/Kolkata", "weekly": {"sat": ["22:00-06:00"]}},
    "both": {"union": ["office", "night"]},
    "always": "24x7"}}


def utc(t):
    """An instant as RFC 3339 in UTC, whatever zone the datetime is in."""
    return slate.format_time(t, 0)


class CalendarTest(unittest.TestCase):
    def setUp(self):
        self.db = slate.TzDb(TZDIR)
        self.policy = slate.Policy.from_json(json.dumps(OFFICE), tzdb=self.db)
        self.office = self.policy.calendar("office")

    def tearDown(self):
        self.policy.close()
        self.db.close()

    def test_arithmetic(self):
        fmt = utc
        self.assertEqual(fmt(self.office.add("2026-03-02T14:00:00Z", 8 * 3600)), "2026-03-02T22:00:00Z")
        self.assertEqual(fmt(self.office.add("2026-03-02T14:00:00Z", "PT9H")), "2026-03-03T15:00:00Z")
        self.assertEqual(fmt(self.office.add("2026-03-09T14:00:00Z", datetime.timedelta(hours=-2))),
                         "2026-03-06T21:00:00Z")
        self.assertEqual(self.office.between("2026-03-09T14:00:00Z", "2026-03-06T21:00:00Z"),
                         datetime.timedelta(hours=-2))
        self.assertTrue(self.office.is_open("2026-03-09T14:00:00Z"))
        self.assertFalse(self.office.is_open("2026-12-25T15:00:00Z"))
        self.assertEqual(fmt(self.office.next_open("2026-03-07T12:00:00Z")), "2026-03-09T13:00:00Z")
        self.assertEqual(fmt(self.office.next_close("2026-03-07T12:00:00Z")), "2026-03-09T21:00:00Z")
        aware = datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=-4)))
        self.assertEqual(self.office.next_open(aware), datetime.datetime(2026, 3, 9, 14, tzinfo=datetime.timezone.utc))

    def test_results_read_in_the_calendars_zone(self):
        due = self.office.add("2026-03-02T14:00:00Z", 8 * 3600)
        self.assertEqual((due.isoformat(), due.tzname()), ("2026-03-02T17:00:00-05:00", "EST"))
        after_dst = self.office.next_open("2026-03-07T12:00:00Z")
        self.assertEqual((after_dst.isoformat(), after_dst.tzname()), ("2026-03-09T09:00:00-04:00", "EDT"))
        self.assertEqual(slate.format_time(after_dst), "2026-03-09T09:00:00-04:00")
        self.assertEqual((self.office.zone, self.policy.calendar("always").zone), ("America/New_York", None))
        always = self.policy.calendar("always").add("2026-03-02T14:00:00Z", 60)
        self.assertEqual(always.tzinfo, datetime.timezone.utc)

    def test_backward_queries(self):
        fmt = utc
        # Saturday: Friday's stretch, 09:00-17:00 EST; on Monday 10:00 EDT, its own start.
        self.assertEqual(fmt(self.office.prev_open("2026-03-07T12:00:00Z")), "2026-03-06T14:00:00Z")
        self.assertEqual(fmt(self.office.prev_close("2026-03-07T12:00:00Z")), "2026-03-06T22:00:00Z")
        self.assertEqual(fmt(self.office.prev_open("2026-03-09T14:00:00Z")), "2026-03-09T13:00:00Z")
        self.assertEqual(fmt(self.office.prev_close("2026-03-09T14:00:00Z")), "2026-03-06T22:00:00Z")
        self.assertEqual([fmt(t) for t in self.office.stretch("2026-03-09T14:00:00Z")],
                         ["2026-03-09T13:00:00Z", "2026-03-09T21:00:00Z"])
        # The Indian night shift, Saturday 22:00 to Sunday 06:00, seen from Sunday noon.
        night = self.policy.calendar("night")
        self.assertEqual([fmt(t) for t in night.stretch("2026-11-22T06:30:00Z")],
                         ["2026-11-21T16:30:00Z", "2026-11-22T00:30:00Z"])
        with self.assertRaises(slate.Never):
            self.policy.calendar("always").prev_open("2026-01-01T00:00:00Z")

    def test_business_days(self):
        fmt = utc
        # Friday 15:00 EST plus 3 business days: Wednesday 15:00 EDT; and the count back.
        self.assertEqual(fmt(self.office.add_business_days("2026-03-06T20:00:00Z", 3)), "2026-03-11T19:00:00Z")
        self.assertEqual(self.office.business_days("2026-03-06T20:00:00Z", "2026-03-11T19:00:00Z"), 3)
        self.assertEqual(self.office.business_days("2026-03-11T19:00:00Z", "2026-03-06T20:00:00Z"), -3)
        # Christmas 2027 falls on a Saturday: observed Friday the 24th.
        self.assertEqual(fmt(self.office.add_business_days("2027-12-23T15:00:00Z", 1)), "2027-12-27T15:00:00Z")
        day = self.office.business_day("2026-03-07T12:00:00Z")
        self.assertEqual((day.date, fmt(day.start), fmt(day.end)),
                         (datetime.date(2026, 3, 9), "2026-03-09T13:00:00Z", "2026-03-09T21:00:00Z"))
        with self.assertRaises(slate.OutOfRange):
            self.office.add_business_days("2026-03-06T20:00:00Z", 2**31)

    def test_intervals(self):
        night = self.policy.calendar("night")
        got = list(night.intervals("2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"))
        self.assertEqual([(utc(i.start), utc(i.end), i.date.day, i.source, i.rule)
                          for i in got],
                         [("2026-11-21T16:30:00Z", "2026-11-21T18:30:00Z", 21, "weekly", "/calendars/night/weekly/sat/0"),
                          ("2026-11-21T18:30:00Z", "2026-11-22T00:30:00Z", 22, "spill", "/calendars/night/weekly/sat/0")])
        both = self.policy.calendar("both")
        sources = {i.source for i in both.intervals("2026-11-20T00:00:00Z", "2026-11-23T00:00:00Z")}
        self.assertEqual(sources, {"composed"})

    def test_policy_surface(self):
        self.assertEqual(self.policy.calendar_names(), ["office", "night", "both", "always"])
        self.assertGreater(self.office.memory, 0)
        with self.assertRaises(slate.NotFound):
            self.policy.calendar("nope")
        with self.assertRaises(slate.Never):
            self.policy.calendar("always").next_close("2026-01-01T00:00:00Z")
        with self.assertRaises(slate.OutOfRange):
            self.office.add("2400-12-01T00:00:00Z", 30 * 86400)
        with self.assertRaises(slate.InvalidArgument):
            self.office.add(0, 1.5)

    def test_errors_carry_pointer_and_position(self):
        bad = '{"calendars": {\n  "c": {"timezone": "UTC", "weekly": {"mon": ["09:00-25:00"]}}}}'
        with self.assertRaises(slate.ParseError) as caught:
            slate.Policy.from_json(bad, tzdb=self.db)
        e = caught.exception
        self.assertEqual((e.pointer, e.line, e.column), ("/calendars/c/weekly/mon/0", 2, 47))
        with self.assertRaises(slate.NotFound) as caught:
            slate.Policy.from_json('{"calendars": {"u": {"union": ["x"]}}}', tzdb=self.db)
        self.assertEqual(caught.exception.pointer, "/calendars/u/union/0")

    def test_load_file_and_close(self):
        with slate.Policy.load(os.path.join(EXAMPLES, "follow-the-sun.json")) as policy:
            pune = policy.calendar("pune-l2")
            self.assertEqual(utc(pune.add("2026-03-06T10:00:00Z", "PT4H")), "2026-03-07T06:00:00Z")
        with self.assertRaises(slate.InvalidArgument):
            pune.is_open(0)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write('{"calendars": {"c": "9to5"}}')
        try:
            with self.assertRaises(slate.ParseError) as caught:
                slate.Policy.load(f.name)
            self.assertEqual(caught.exception.file, f.name)
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
