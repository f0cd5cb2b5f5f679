"""On-call schedules through Python: the follow-the-sun example's Krakow L3
rotation, across the spring DST change, with its override."""
import datetime
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import slate  # noqa: E402

POLICY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "policies",
                      "follow-the-sun.json")


class OnCallTest(unittest.TestCase):
    def test_who_next_and_timeline(self):
        with slate.Policy.load(POLICY) as p:
            self.assertEqual(p.schedule_names(), ["l3-krakow"])
            s = p.schedule("l3-krakow")
            who = s.who("2026-03-30T07:00:00Z")  # Monday 09:00 CEST: the handoff instant
            self.assertEqual((who.member, who.layer, who.rule), ("piotr", "weekly", "/oncall/l3-krakow/layers/0"))
            self.assertEqual(who.until.isoformat(), "2026-03-30T17:00:00+02:00")
            self.assertEqual(s.who("2026-03-27T10:00:00Z").member, "kasia")  # the override
            self.assertEqual(s.who("2026-03-28T10:00:00Z").layer, "duty-manager")
            self.assertEqual(s.next_handoff("2026-03-27T17:00:00Z").isoformat(), "2026-03-30T09:00:00+02:00")
            stretches = s.timeline("2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z")
            self.assertEqual([(x.member, x.since.isoformat()) for x in stretches],
                             [("marek", "2026-03-27T01:00:00+01:00"), ("kasia", "2026-03-27T09:00:00+01:00"),
                              ("marek", "2026-03-27T17:00:00+01:00"), ("piotr", "2026-03-30T09:00:00+02:00"),
                              ("marek", "2026-03-30T17:00:00+02:00")])
            self.assertEqual(stretches[2].until - stretches[2].since, datetime.timedelta(hours=63))  # one hour lost
            with self.assertRaises(slate.NotFound):
                p.schedule("l4")


if __name__ == "__main__":
    unittest.main()
