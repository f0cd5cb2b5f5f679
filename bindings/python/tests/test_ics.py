"""Holidays from iCalendar sources through Python: given as a dict of
texts, or read from a directory; a policy naming a source without either is
an error at the source's JSON Pointer."""
import datetime
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

FEED = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20200126\r\n"
        "RRULE:FREQ=YEARLY\r\nSUMMARY:Republic Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "policies")
POLICY = {"calendars": {"pune": {"timezone": "Asia/Kolkata", "weekly": {"mon": ["09:00-18:00"], "tue": ["09:00-18:00"]},
                                 "closed": [{"ics": "feed.ics"}]}}}


def built_with_ical():
    try:
        slate.Policy.from_json(POLICY, files={"feed.ics": FEED}).close()
        return True
    except slate.InvalidArgument as e:
        return "without iCalendar support" not in e.message


@unittest.skipUnless(built_with_ical(), "libslate built without iCalendar support (-DSLATE_ICAL=OFF)")
class IcsTest(unittest.TestCase):
    def test_sources_from_a_dict_and_a_directory(self):
        with slate.Policy.from_json(POLICY, files={"feed.ics": FEED}) as p:
            self.assertFalse(p.calendar("pune").is_open("2026-01-26T05:00:00Z"))  # a Monday, Republic Day
            self.assertTrue(p.calendar("pune").is_open("2026-01-27T05:00:00Z"))
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "feed.ics"), "w", encoding="utf-8") as f:
                f.write(FEED)
            with slate.Policy.from_json(POLICY, files=d) as p:
                self.assertFalse(p.calendar("pune").is_open("2027-01-26T05:00:00Z"))  # a Tuesday

    def test_timed_closure(self):
        feed = FEED.replace("DTSTART;VALUE=DATE:20200126\r\nRRULE:FREQ=YEARLY",
                            "DTSTART;TZID=Asia/Kolkata:20260127T100000\r\nDTEND;TZID=Asia/Kolkata:20260127T120000")
        with slate.Policy.from_json(POLICY, files={"feed.ics": feed}) as p:
            self.assertEqual(p.calendar("pune").between("2026-01-27T00:00:00+05:30", "2026-01-28T00:00:00+05:30"),
                             datetime.timedelta(hours=7))

    def test_closures_by_name(self):
        with slate.Policy.load(os.path.join(EXAMPLES, "india-support-ics.json")) as p:
            got = p.calendar("pune-support").closures("2026-01-01T00:00:00+05:30", "2026-04-01T00:00:00+05:30")
        self.assertEqual([(c.date.isoformat(), c.whole_day, c.name, c.source) for c in got],
                         [("2026-01-26", True, "Republic Day", "../holidays/in-mh-2026.ics republic-day@in.slate.example"),
                          ("2026-03-04", True, "Holi", "../holidays/in-mh-2026.ics holi-2026@in.slate.example"),
                          ("2026-03-21", True, "Id-ul-Fitr", "../holidays/in-mh-2026.ics id-ul-fitr-2026@in.slate.example")])
        self.assertEqual(got[0].start.isoformat(), "2026-01-26T00:00:00+05:30")

    def test_errors(self):
        with self.assertRaises(slate.InvalidArgument) as caught:
            slate.Policy.from_json(POLICY)
        self.assertEqual(caught.exception.pointer, "/calendars/pune/closed/0/ics")
        with self.assertRaises(slate.NotFound):
            slate.Policy.from_json(POLICY, files={})
        with self.assertRaises(slate.NotFound) as caught:
            slate.Policy.from_json(POLICY, files={"feed.ics": FEED.replace("VALUE=DATE:20200126", "TZID=Mars/Base:20200126T090000")})
        self.assertIn("feed.ics line 6, DTSTART: unknown time zone", caught.exception.message)
        with self.assertRaises(TypeError):
            slate.Policy.from_json(POLICY, files=42)


if __name__ == "__main__":
    unittest.main()
