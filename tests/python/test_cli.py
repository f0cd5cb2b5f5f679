"""The slate command: outputs and exit codes. SLATE_CLI names the binary."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("SLATE_CLI", "slate")


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


class TzCommandTest(unittest.TestCase):
    def test_convert_table(self):
        code, out, _ = run("tz", "convert", "2026-03-08T07:30:00Z", "America/Chicago", "Asia/Kolkata",
                           "Asia/Manila")
        self.assertEqual(code, 0)
        self.assertEqual(out.splitlines(), [
            "America/Chicago          2026-03-08T01:30:00-06:00  CST",
            "Asia/Kolkata             2026-03-08T13:00:00+05:30  IST",
            "Asia/Manila              2026-03-08T15:30:00+08:00  PST",
        ])

    def test_convert_json(self):
        code, out, _ = run("tz", "convert", "2026-07-01T12:00:00Z", "Europe/Dublin", "--format", "json")
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out), [{"zone": "Europe/Dublin", "utc": "2026-07-01T12:00:00Z",
                                            "local": "2026-07-01T13:00:00+01:00", "utc_offset": 3600,
                                            "abbr": "IST", "is_dst": False}])

    def test_resolve(self):
        code, out, _ = run("tz", "resolve", "2026-03-08T02:30", "America/New_York")
        self.assertEqual((code, out.split()[1]), (0, "2026-03-08T03:30:00-04:00"))
        code, out, _ = run("tz", "resolve", "2026-03-08T02:30", "America/New_York", "--disambiguation=earlier")
        self.assertEqual(out.split()[1], "2026-03-08T01:30:00-05:00")
        code, _, err = run("tz", "resolve", "2026-11-01T01:30", "America/New_York", "--disambiguation", "reject")
        self.assertEqual(code, 3)
        self.assertIn("occurs 2 times", err)

    def test_transitions(self):
        code, out, _ = run("tz", "transitions", "America/New_York", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
        self.assertEqual(code, 0)
        self.assertEqual([line.split()[1] for line in out.splitlines()],
                         ["2026-03-08T03:00:00-04:00", "2026-11-01T01:00:00-05:00"])

    def test_errors_and_exit_codes(self):
        code, _, err = run("tz", "convert", "2026-03-08T07:30:00Z", "../../etc/passwd")
        self.assertEqual(code, 3)
        self.assertIn("invalid time zone name", err)
        code, _, err = run("tz", "convert", "2026-03-08T07:30", "UTC")
        self.assertEqual(code, 3)
        self.assertIn("column 17", err)
        self.assertEqual(run("tz", "convert")[0], 2)
        self.assertEqual(run("tz", "explode")[0], 2)
        self.assertEqual(run("tz", "convert", "--bogus")[0], 2)
        self.assertEqual(run("nonsense")[0], 2)
        self.assertEqual(run()[0], 2)

    def test_help(self):
        code, out, _ = run("tz", "--help")
        self.assertEqual(code, 0)
        self.assertIn("slate tz convert 2026-03-08T07:30:00Z", out)
        code, out, _ = run("--help")
        self.assertEqual(code, 0)
        self.assertIn("Exit codes", out)
        code, out, _ = run("version")
        self.assertTrue(out.startswith("slate "))


POLICY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "policies",
                      "follow-the-sun.json")


class CalendarCommandTest(unittest.TestCase):
    def cal(self, *args, calendar="pune-l2"):
        return run("calendar", *args, "--policy", POLICY, "--calendar", calendar)

    def test_add(self):
        code, out, _ = self.cal("add", "2026-03-06T10:00:00Z", "PT4H")
        self.assertEqual((code, out), (0, "2026-03-07T06:00:00Z  2026-03-07T11:30:00+05:30 IST\n"))
        code, out, _ = self.cal("add", "2026-03-06T10:00:00Z", "-PT1H", "--format", "json")
        self.assertEqual(json.loads(out)["due"]["utc"], "2026-03-06T09:00:00Z")

    def test_between_and_next(self):
        code, out, _ = self.cal("between", "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", calendar="follow-the-sun")
        self.assertEqual(out, "P3DT12H (302400 seconds)\n")
        code, out, _ = self.cal("next-open", "2026-03-07T10:00:00Z", calendar="krakow-l3")
        self.assertTrue(out.startswith("2026-03-09T08:00:00Z  2026-03-09T09:00:00+01:00 CET"))
        code, out, _ = self.cal("next-close", "2026-03-09T08:30:00Z", calendar="krakow-l3")
        self.assertTrue(out.startswith("2026-03-09T16:00:00Z"))
        code, _, err = self.cal("next-close", "2026-03-09T08:30:00Z", calendar="always")
        self.assertEqual(code, 3)
        self.assertIn("never", err)

    def test_unknown_option_suggests(self):
        for wrong, meant in (("--explian", "--explain"), ("--polcy=x", "--policy"), ("--calender", "--calendar"),
                             ("--tz-dir", "--tzdir"), ("--strikt", "--strict")):
            code, _, err = run("classify", wrong)
            self.assertEqual((code, err), (2, f"slate: unknown option {wrong} (did you mean {meant}?)\n"))
        code, _, err = run("classify", "--zzz")
        self.assertEqual((code, err), (2, "slate: unknown option --zzz\n"))

    def test_bad_times_exit_3_wherever_they_are(self):
        # The documented code for a bad time is 3, in an option as in an argument.
        self.assertEqual(run("evaluate", "--policy", ITSM, HISTORIES, "--at", "yesterday")[0], 3)
        self.assertEqual(self.cal("add", "notatime", "PT1H", calendar="pune-l2")[0], 3)
        self.assertEqual(run("tz", "convert", "2026-03-08", "UTC")[0], 3)

    def test_unknown_zone_suggests(self):
        code, _, err = run("tz", "convert", "2026-03-08T07:30:00Z", "asia/manila")
        self.assertEqual(code, 3)
        self.assertIn('unknown time zone "asia/manila"', err)
        self.assertTrue(err.rstrip().endswith("did you mean Asia/Manila?"), err)
        code, _, err = run("tz", "convert", "2026-03-08T07:30:00Z", "PHT")
        self.assertIn("PHT is an abbreviation, not a zone: use Asia/Manila", err)

    def test_holidays_listing_and_inline(self):
        ics = os.path.join(os.path.dirname(POLICY), "india-support-ics.json")
        code, out, _ = run("calendar", "holidays", "2026-01-01T00:00:00+05:30", "2026-03-10T00:00:00+05:30",
                           "--policy", ics, "--calendar", "pune-support")
        self.assertEqual((code, out.splitlines()),
                         (0, ["2026-01-26  closed all day               Republic Day                     "
                              "../holidays/in-mh-2026.ics republic-day@in.slate.example",
                              "2026-03-04  closed all day               Holi                             "
                              "../holidays/in-mh-2026.ics holi-2026@in.slate.example"]))
        code, out, _ = run("calendar", "holidays", "2026-01-01T00:00:00+05:30", "2026-03-10T00:00:00+05:30",
                           "--policy", ics, "--calendar", "pune-support", "--inline")
        self.assertEqual(json.loads(out), [{"date": "2026-01-26", "name": "Republic Day"},
                                           {"date": "2026-03-04", "name": "Holi"}])
        code, out, _ = run("calendar", "holidays", "2026-01-01T00:00:00+05:30", "2026-03-10T00:00:00+05:30",
                           "--policy", ics, "--calendar", "pune-support", "--format", "json")
        code, flagged, _ = run("calendar", "holidays", "--from", "2026-01-01T00:00:00+05:30", "--to",
                               "2026-03-10T00:00:00+05:30", "--policy", ics, "--calendar", "pune-support", "--format", "json")
        self.assertEqual((code, flagged), (0, out))
        first = json.loads(out)[0]
        self.assertEqual((first["whole_day"], first["start"]["local"], first["source"]),
                         (True, "2026-01-26T00:00:00+05:30", "../holidays/in-mh-2026.ics republic-day@in.slate.example"))

    def test_oncall_who_timeline_next(self):
        code, out, _ = run("oncall", "who", "l3-krakow", "2026-03-30T07:00:00Z", "--policy", POLICY)
        self.assertEqual((code, out), (0, "2026-03-30T09:00:00+02:00  2026-03-30T17:00:00+02:00  piotr            "
                                          "weekly     /oncall/l3-krakow/layers/0\n"))
        code, out, _ = run("oncall", "timeline", "l3-krakow", "2026-03-27T07:00:00Z", "2026-03-27T18:00:00Z",
                           "--policy", POLICY, "--format", "json")
        self.assertEqual([(r["member"], r["layer"], r["from"]["local"]) for r in json.loads(out)],
                         [("marek", "duty-manager", "2026-03-27T08:00:00+01:00"),
                          ("kasia", "override", "2026-03-27T09:00:00+01:00"),
                          ("marek", "duty-manager", "2026-03-27T17:00:00+01:00")])
        code, out, _ = run("oncall", "next", "l3-krakow", "2026-03-27T17:00:00Z", "--policy", POLICY)
        self.assertEqual(out, "2026-03-30T07:00:00Z  2026-03-30T09:00:00+02:00 CEST\n")
        code, _, err = run("oncall", "who", "l4", "2026-03-30T07:00:00Z", "--policy", POLICY)
        self.assertEqual(code, 3)
        self.assertIn('no schedule "l4"', err)

    def test_prev_open_and_close(self):
        code, out, _ = self.cal("prev-open", "2026-03-07T10:00:00Z", calendar="krakow-l3")
        self.assertEqual((code, out), (0, "2026-03-06T08:00:00Z  2026-03-06T09:00:00+01:00 CET\n"))
        code, out, _ = self.cal("prev-close", "2026-03-09T08:30:00Z", calendar="krakow-l3")
        self.assertEqual(out, "2026-03-06T16:00:00Z  2026-03-06T17:00:00+01:00 CET\n")
        code, out, _ = self.cal("prev-close", "2026-03-09T08:30:00Z", "--format", "json", calendar="krakow-l3")
        self.assertEqual(json.loads(out)["prev_close"]["utc"], "2026-03-06T16:00:00Z")
        code, _, err = self.cal("prev-open", "2026-03-09T08:30:00Z", calendar="always")
        self.assertEqual((code, err), (3, "slate: prev-open: no such instant since 1800 (the calendar never "
                                          "opened before, or has been open since)\n"))

    def test_business_days(self):
        us = os.path.join(os.path.dirname(POLICY), "us-office.json")
        code, out, _ = run("calendar", "add-days", "2026-03-06T20:00:00Z", "3", "--policy", us, "--calendar", "ny-office")
        self.assertEqual((code, out), (0, "2026-03-11T19:00:00Z  2026-03-11T15:00:00-04:00 EDT\n"))
        code, out, _ = run("calendar", "add-days", "2026-03-06T20:00:00Z", "-3", "--policy", us, "--calendar",
                           "ny-office", "--format", "json")
        self.assertEqual(json.loads(out)["due"]["utc"], "2026-03-03T20:00:00Z")
        code, out, _ = run("calendar", "days", "2026-03-06T20:00:00Z", "2026-03-11T19:00:00Z", "--policy", us,
                           "--calendar", "ny-office")
        self.assertEqual((code, out), (0, "3 business days\n"))
        code, out, _ = run("calendar", "days", "2026-03-06T20:00:00Z", "2026-03-11T19:00:00Z", "--policy", us,
                           "--calendar", "ny-office", "--format", "json")
        self.assertEqual(json.loads(out), {"calendar": "ny-office", "business_days": 3})
        code, _, err = run("calendar", "add-days", "2026-03-06T20:00:00Z", "three", "--policy", us, "--calendar",
                           "ny-office")
        self.assertEqual((code, err), (3, 'slate calendar add-days: "three" is not a number of days (-1000000 to '
                                          '1000000)\n'))

    def test_intervals(self):
        code, out, _ = self.cal("intervals", "2026-03-06T00:00:00Z", "2026-03-08T00:00:00Z")
        self.assertEqual(out.splitlines()[0],
                         "2026-03-06T03:30:00Z  2026-03-06T07:30:00Z  2026-03-06  weekly    /calendars/pune-l2/weekly/fri/0")
        self.assertEqual(len(out.splitlines()), 3)
        code, out, _ = self.cal("intervals", "2026-03-06T00:00:00Z", "2026-03-08T00:00:00Z", "--format=json")
        self.assertEqual(json.loads(out)[2]["rule"], "/calendars/pune-l2/weekly/sat/0")

    def test_list_and_errors(self):
        code, out, _ = run("calendar", "list", "--policy", POLICY)
        self.assertEqual([line.split()[0] for line in out.splitlines()],
                         ["manila-l1", "pune-l2", "krakow-l3", "follow-the-sun", "chicago-weekdays",
                          "pune-for-chicago", "escalation-desk", "always"])
        self.assertEqual(self.cal("add", "2026-03-06T10:00:00Z")[0], 2)
        self.assertEqual(run("calendar", "add", "2026-03-06T10:00:00Z", "PT1H")[0], 2)
        code, _, err = self.cal("add", "2026-03-06T10:00:00Z", "P1M")
        self.assertEqual(code, 3)
        self.assertIn("years and months have no fixed length", err)
        code, _, err = self.cal("add", "2026-03-06T10:00:00Z", "PT1H", calendar="nope")
        self.assertEqual(code, 3)
        bad = subprocess.run([CLI, "calendar", "list", "--policy", "-"], input='{"calendars": {"c": 5}}',
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(bad.returncode, 3)
        self.assertIn("<stdin>:1:21: expected an object, found a number (at /calendars/c)", bad.stderr)


ITSM = os.path.join(os.path.dirname(POLICY), "itsm-desk.json")
TICKETS = os.path.join(os.path.dirname(POLICY), "..", "tickets.jsonl")


class ClassifyCommandTest(unittest.TestCase):
    def test_json_lines(self):
        code, out, _ = run("classify", "--policy", ITSM, TICKETS)
        self.assertEqual(code, 0)
        rows = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([(r["id"], r["priority"]) for r in rows],
                         [("INC-1001", "P1"), ("INC-1002", "P1"), ("INC-1003", "P3"), ("INC-1004", "P3"),
                          ("INC-1005", "P5"), ("INC-1006", "P5")])
        self.assertEqual(rows[2]["rules"], ["vip-customer", "headset"])
        self.assertNotIn("trail", rows[0])

    def test_explain_and_table(self):
        code, out, _ = run("classify", "--policy", ITSM, TICKETS, "--explain")
        first = json.loads(out.splitlines()[0])
        self.assertEqual(first["trail"][0]["rule"], "security-incident")
        self.assertTrue(first["trail"][0]["matched"])
        code, out, _ = run("classify", "--policy", ITSM, TICKETS, "--format", "table")
        self.assertEqual(out.splitlines()[0].split(), ["INC-1001", "P1", "rule", "security-incident"])

    def test_bad_lines(self):
        proc = subprocess.run([CLI, "classify", "--policy", ITSM, "-"], input='{"summary": "x"}\n{"a": tru}\n',
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 3)
        self.assertEqual(len(proc.stdout.splitlines()), 1)
        self.assertIn("<stdin>:2:7: invalid literal", proc.stderr)
        self.assertEqual(run("classify")[0], 2)
        code, _, err = run("classify", "--policy", os.path.join(os.path.dirname(POLICY), "us-office.json"), TICKETS)
        self.assertEqual(code, 3)
        self.assertIn("no \"priorities\" section", err)


HISTORIES = os.path.join(os.path.dirname(POLICY), "..", "tickets", "itsm-sample.jsonl")


class EvaluateCommandTest(unittest.TestCase):
    def test_histories(self):
        code, out, _ = run("evaluate", "--policy", ITSM, HISTORIES, "--at", "2026-03-09T04:00:00Z")
        self.assertEqual(code, 0)
        rows = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([r["id"] for r in rows], ["INC-2001", "INC-2002", "INC-2003", "INC-2004"])
        first = {t["target"]: t for t in rows[0]["targets"]}
        self.assertEqual((first["bridge"]["state"], first["bridge"]["elapsed"]), ("met", 480))
        self.assertEqual((first["response"]["priority"], first["response"]["elapsed"]), ("P1", 600))
        second = {t["target"]: t for t in rows[1]["targets"]}
        self.assertEqual(second["resolution"]["state"], "running")
        self.assertEqual(second["resolution"]["elapsed"], 12600)
        self.assertEqual(second["resolution"]["due"], "2026-03-20T08:30:00Z")
        third = {t["target"]: t for t in rows[2]["targets"]}
        self.assertTrue(third["response"]["breached"])
        self.assertEqual(third["response"]["breach_time"], "2026-03-07T01:00:00Z")
        fourth = rows[3]  # --at leaves out the events after it
        self.assertEqual({t["target"]: t["state"] for t in fourth["targets"]}["resolution"], "running")
        self.assertEqual([(e["step"], e["at"]) for e in fourth["escalations"]],
                         [("assignee-50", "2026-03-09T03:00:00Z"), ("l2-hour-before", "2026-03-09T04:00:00Z")])
        self.assertEqual(fourth["next_wake"], "2026-03-09T05:00:00Z")

    def test_table(self):
        code, out, _ = run("evaluate", "--policy", ITSM, HISTORIES, "--at", "2026-03-09T12:00:00Z", "--format", "table")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("ticket       sla/target"))
        self.assertIn("INC-2002     incident/resolution      running           P4    PT10H30M/P5D       -         "
                      "2026-03-20T08:30:00Z      -", lines)
        # A late target says so, and by how much business time.
        self.assertIn("INC-2004     incident/resolution      met, late         P1        PT9H/PT4H      PT5H      -"
                      "                         2026-03-09T05:00:00Z", lines)
        self.assertIn("INC-2004       escalation resolution-chain/page-l3 #1 at 2026-03-09T05:30:00Z", lines)
        self.assertIn("INC-2002       next wake 2026-03-14T01:30:00Z", lines)

    def test_table_explain_and_zone(self):
        code, out, _ = run("evaluate", "--policy", ITSM, HISTORIES, "--at", "2026-03-09T12:00:00Z", "--format", "table",
                           "--explain", "--tz", "Asia/Kolkata")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        self.assertIn("INC-2004       escalation resolution-chain/page-l3 #1 at 2026-03-09T11:00:00+05:30", lines)
        steps = [line.split() for line in lines if line.strip().startswith(("step", "cycle"))]
        self.assertIn(["step", "2026-03-09T10:30:00+05:30", "breach", "running", "desk"], steps)
        self.assertTrue(any(s[:3] == ["cycle", "1", "breached"] for s in steps))
        self.assertEqual(run("evaluate", "--policy", ITSM, HISTORIES, "--tz", "Mars/Base")[0], 3)

    def test_escalations(self):
        code, out, _ = run("evaluate", "--policy", ITSM, HISTORIES, "--at", "2026-03-09T12:00:00Z", "--explain")
        self.assertEqual(code, 0)
        last = json.loads(out.splitlines()[3])
        fired = [(e["step"], e["at"], e["repeat"]) for e in last["escalations"]]
        self.assertEqual(fired, [("assignee-50", "2026-03-09T03:00:00Z", 0),
                                 ("l2-hour-before", "2026-03-09T04:00:00Z", 0),
                                 ("page-l3", "2026-03-09T05:00:00Z", 0),
                                 ("page-l3", "2026-03-09T05:30:00Z", 1),
                                 ("page-l3", "2026-03-09T06:00:00Z", 2),
                                 ("service-manager", "2026-03-09T09:00:00Z", 0)])
        page = last["escalations"][2]
        self.assertEqual((page["notify"], page["channel"], page["data"]), (["L3-krakow-oncall"], "sms", {"bridge": True}))
        self.assertEqual(page["rule"], "PT0S after the due time (wall time), then every PT30M up to 3 times")
        self.assertIsNone(last["next_wake"])

    def test_explain_and_findings(self):
        code, out, _ = run("evaluate", "--policy", ITSM, HISTORIES, "--at", "2026-03-09T04:00:00Z",
                           "--explain", "--fail-on-breach")
        self.assertEqual(code, 1)
        steps = json.loads(out.splitlines()[1])["targets"][1]["steps"]
        self.assertEqual([s["why"] for s in steps], ["start", "pause", "resume"])
        self.assertEqual(steps[1]["condition"], "/slas/0/targets/1/pause_when")

    def test_bad_histories(self):
        proc = subprocess.run([CLI, "evaluate", "--policy", ITSM, "-"],
                              input='{"events": [{"at": "2026-03-02T10:00:00Z"}, {"at": "2026-03-01T10:00:00Z"}]}\n'
                                    '{"events": [{"when": "x"}]}\n',
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 3)
        self.assertIn("<stdin>:1: event 1 at 2026-03-01T10:00:00Z is before event 0", proc.stderr)
        self.assertIn("<stdin>:2:14: unknown key \"when\" (at /events/0/when)", proc.stderr)


AMC = os.path.join(os.path.dirname(POLICY), "amc-vendor.json")
AMC_TICKETS = os.path.join(os.path.dirname(POLICY), "..", "tickets", "amc-sample.jsonl")
MARCH = ("--from", "2026-03-01T00:00:00+05:30", "--to", "2026-04-01T00:00:00+05:30")


class FollowTheSunTest(unittest.TestCase):
    """examples/tickets/follow-the-sun.jsonl, worked out by hand."""

    def evaluate(self):
        tickets = os.path.join(os.path.dirname(POLICY), "..", "tickets", "follow-the-sun.jsonl")
        code, out, _ = run("evaluate", "--policy", POLICY, tickets, "--at", "2026-03-16T21:00:00Z", "--explain")
        self.assertEqual(code, 0)
        return {row["id"]: {(t["sla"], t["target"]): t for t in row["targets"]} for row in map(json.loads, out.splitlines())}

    def test_clock_follows_the_team(self):
        # Manila from Monday 09:00 PHT (01:00Z) to 15:00 PHT: 6 h. Pune from
        # 07:00Z: 07:00-07:30Z and 08:30-11:00Z, 3 h. Krakow from 11:00Z
        # (12:00 CET) to its close at 16:00Z, 5 h, and Tuesday 08:00-09:00Z,
        # 1 h: 15 h of 16, met.
        fix = self.evaluate()["FTS-1001"][("global-incident", "resolution")]
        self.assertEqual((fix["state"], fix["elapsed"], fix["breached"]), ("met", 15 * 3600, False))
        self.assertEqual((fix["calendar"], fix["timezone"]), ("krakow-l3", "Europe/Warsaw"))
        moves = [(s["at"], s["calendar"], s["condition"]) for s in fix["steps"] if s["why"] == "calendar"]
        self.assertEqual(moves, [("2026-03-09T07:00:00Z", "pune-l2", "/slas/0/calendar/map/L2-Pune"),
                                 ("2026-03-09T11:00:00Z", "krakow-l3", "/slas/0/calendar/map/L3-Krakow")])

    def test_chicago_customer_served_from_pune(self):
        # Friday 10:00 CDT: the next business day in Chicago is Monday, so the
        # visit is due Monday 16:00 CDT (21:00Z). Pune's hours on Chicago's
        # weekdays before then: Friday 23:30-24:00 CDT (Pune's Saturday
        # morning), Monday 00:00-02:30 and 03:30-07:30 CDT: 7 h.
        visit = self.evaluate()["ACME-7"][("chicago-amc", "visit")]
        self.assertEqual((visit["state"], visit["breached"]), ("met", False))
        self.assertEqual((visit["target_seconds"], visit["deadline"]), (7 * 3600, "2026-03-16T21:00:00Z"))
        self.assertEqual(visit["timezone"], "America/Chicago")


class ReportCommandTest(unittest.TestCase):
    def test_table(self):
        code, out, _ = run("report", "--policy", AMC, *MARCH, AMC_TICKETS)
        self.assertEqual(code, 0)
        self.assertIn("contract pune-floor-amc-2026 (Acme BPO, Pune floor 3)", out)
        self.assertRegex(out, r"response +P2 +1 +1 +0  PT1H +PT5H")
        self.assertIn("credit late-fix           2026-03-16T16:00:00+05:30  AMC-104  resolution P1     2 x  1500.00", out)
        self.assertIn("credits due 21500.00, cap 18000.00, owed 18000.00", out)
        self.assertTrue(out.endswith("total owed 18000.00 INR\n"))

    def test_json_and_findings(self):
        code, out, _ = run("report", "--policy", AMC, *MARCH, AMC_TICKETS, "--format", "json", "--fail-on-breach")
        self.assertEqual(code, 1)
        report = json.loads(out)
        self.assertEqual((report["timezone"], report["tickets"], report["credits_owed"]), ("Asia/Kolkata", 8, 18000))
        [march] = report["periods"]
        self.assertEqual((march["committed"], march["downtime"], march["availability_met"]), (2232000, 25200, False))
        self.assertEqual([c["clause"] for c in march["credits"]],
                         ["late-onsite", "late-fix", "late-onsite", "availability-99"])

    def test_bad_line_is_skipped_and_counted(self):
        with open(AMC_TICKETS, encoding="utf-8") as f:
            tickets = '{"id": "bad", "events": [{"at": "nope"}]}\n' + f.read()
        for fmt in ("table", "json"):
            proc = subprocess.run([CLI, "report", "--policy", AMC, *MARCH, "-", "--format", fmt], input=tickets,
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("<stdin>:1:33: expected a 4-digit year", proc.stderr)
            if fmt == "table":
                self.assertIn("1 ticket skipped", proc.stdout)
                self.assertIn("total owed 18000.00 INR", proc.stdout)
            else:
                report = json.loads(proc.stdout)
                self.assertEqual((report["skipped"], report["tickets"], report["credits_owed"]), (1, 8, 18000))
                breaches = report["periods"][0]["breaches"]
                self.assertEqual([(b["ticket"], b["target"], b["clause"]) for b in breaches],
                                 [("AMC-102", "response", "late-onsite"), ("AMC-104", "resolution", "late-fix"),
                                  ("AMC-107", "response", "late-onsite")])

    def test_no_median_without_data(self):
        # AMC-107 alone: nobody came, so nothing finished: no times to show.
        with open(AMC_TICKETS, encoding="utf-8") as f:
            [line] = [line for line in f if '"AMC-107"' in line]
        for fmt in ("table", "json"):
            proc = subprocess.run([CLI, "report", "--policy", AMC, *MARCH, "-", "--format", fmt], input=line,
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, 0)
            if fmt == "table":
                self.assertRegex(proc.stdout, r"response +P3 +0 +1 +0  - +- *\n")
            else:
                row = json.loads(proc.stdout)["periods"][0]["rows"][0]
                self.assertEqual((row["finished"], row["median"], row["p90"]), (0, None, None))

    def test_month_quarter_and_local_dates(self):
        # Chicago's March 2026 has 30 days and 23 hours (DST on the 8th):
        # --month gives exactly it, as do local dates; fixed -06:00 offsets
        # would leave a one-hour April.
        policy = json.dumps({
            "calendars": {"desk": {"timezone": "America/Chicago",
                                   "weekly": {"mon": ["08:00-17:00"], "fri": ["08:00-17:00"]}}},
            "slas": [{"id": "s", "calendar": "desk", "targets": [{"name": "fix", "durations": {"*": "PT8H"}}]}],
            "contracts": [{"id": "k", "sla": "s", "fee": {"monthly": 3100, "currency": "USD"}}]})
        for period in (["--month", "2026-03"], ["--from", "2026-03-01", "--to", "2026-04-01"]):
            proc = subprocess.run([CLI, "report", "--policy", "-", *period, "/dev/null", "--format", "json"],
                                  input=policy, capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            [march] = json.loads(proc.stdout)["periods"]
            self.assertEqual((march["start"], march["end"], march["fee"]),
                             ("2026-03-01T06:00:00Z", "2026-04-01T05:00:00Z", 3100))
        proc = subprocess.run([CLI, "report", "--policy", "-", "--quarter", "2026-Q1", "/dev/null", "--format", "csv"],
                              input=policy, capture_output=True, text=True, timeout=60)
        periods = [line.split(",")[2:4] for line in proc.stdout.splitlines() if line.startswith("k,period,")]
        self.assertEqual(periods, [["2026-01-01T06:00:00Z", "2026-02-01T06:00:00Z"],
                                   ["2026-02-01T06:00:00Z", "2026-03-01T06:00:00Z"],
                                   ["2026-03-01T06:00:00Z", "2026-04-01T05:00:00Z"]])
        # A bad time is bad input (3), as everywhere; options that do not go together are usage (2).
        for bad, code in ((["--month", "2026-13"], 3), (["--month", "2026-3"], 3), (["--quarter", "2026-Q5"], 3),
                          (["--month", "2026-03", "--from", "2026-03-01"], 2)):
            proc = subprocess.run([CLI, "report", "--policy", "-", *bad, "/dev/null"], input=policy,
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, code, bad)
        self.assertEqual(run("check", AMC, "--format", "csv")[0], 2)

    def test_every_contract_over_the_same_tickets(self):
        # A vendor with two customers: each contract has its scope and its
        # zone's March; one run reports both, a JSON line each.
        policy = json.dumps({
            "calendars": {"all": "24x7"},
            "slas": [{"id": "s", "calendar": "all", "targets": [
                {"name": "fix", "durations": {"*": "PT4H"}, "stop_when": {"field": "status", "equals": "resolved"}}]}],
            "contracts": [
                {"id": "acme", "sla": "s", "timezone": "America/Chicago", "fee": {"yearly": 12000},
                 "scope": {"field": "customer", "equals": "acme"}},
                {"id": "globex", "sla": "s", "timezone": "Asia/Kolkata", "fee": {"monthly": 500},
                 "scope": {"field": "customer", "equals": "globex"}}]})
        tickets = "".join(json.dumps({"id": f"T{i}", "events": [
            {"at": "2026-03-10T10:00:00Z", "fields": {"customer": c, "status": "open"}},
            {"at": "2026-03-10T16:00:00Z", "fields": {"status": "resolved"}}]}) + "\n"
            for i, c in enumerate(["acme", "globex", "acme", "initech"]))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(policy)
        try:
            proc = subprocess.run([CLI, "report", "--policy", f.name, "--month", "2026-03", "-", "--format", "json"],
                                  input=tickets, capture_output=True, text=True, timeout=60)
        finally:
            os.unlink(f.name)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        acme, globex = map(json.loads, proc.stdout.splitlines())
        self.assertEqual((acme["contract"], acme["tickets"], acme["not_covered"]), ("acme", 2, ["T1", "T3"]))
        self.assertEqual((acme["periods"][0]["start"], acme["periods"][0]["fee"]), ("2026-03-01T06:00:00Z", 1000))
        self.assertEqual((globex["tickets"], globex["not_covered"]), (1, ["T0", "T2", "T3"]))
        self.assertEqual(globex["periods"][0]["start"], "2026-02-28T18:30:00Z")
        self.assertEqual([b["ticket"] for b in acme["periods"][0]["breaches"]], ["T0", "T2"])

    def test_errors(self):
        self.assertEqual(run("report", "--policy", AMC, AMC_TICKETS)[0], 2)
        code, _, err = run("report", "--policy", AMC, "--from", "March", "--to", "2026-04-01T00:00:00Z")
        self.assertEqual(code, 3)
        self.assertIn("--from", err)
        code, _, err = run("report", "--policy", AMC, *MARCH, "--contract", "nope", AMC_TICKETS)
        self.assertEqual(code, 3)
        self.assertIn("no contract \"nope\"", err)


class CheckCommandTest(unittest.TestCase):
    def test_summary(self):
        code, out, _ = run("check", ITSM)
        self.assertEqual(code, 0)
        self.assertIn("priorities   5  P1 P2 P3 P4 P5", out)
        self.assertIn("  incident               response resolution", out)
        self.assertIn("  resolution-chain       incident/resolution, 4 steps", out)
        code, out, _ = run("check", AMC, "--format", "json")
        summary = json.loads(out)
        self.assertEqual(summary["contracts"], ["pune-floor-amc-2026"])
        self.assertEqual(summary["slas"], [{"id": "amc", "targets": ["response", "resolution"]}])

    def test_warnings_and_strict(self):
        policy = json.dumps({
            "calendars": {"pune": {"timezone": "Asia/Kolkata", "weekly": {"mon": ["09:00-18:00"]}},
                          "chicago": {"timezone": "America/Chicago", "weekly": {"mon": ["08:00-17:00"]}},
                          "desk": {"union": ["pune", "chicago"]}},
            "slas": [{"id": "acme", "calendar": "desk",
                      "targets": [{"name": "visit", "durations": {"*": {"by": "16:00", "business_days": 1}}}]}]})
        for strict, code in (([], 0), (["--strict"], 1)):
            proc = subprocess.run([CLI, "check", "-", *strict], input=policy, capture_output=True, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, code)
            self.assertIn("slate: warning: line 1, column ", proc.stderr)
            self.assertIn("deadlines of SLA \"acme\" fall on UTC dates", proc.stderr)
            self.assertIn("(at /slas/0/calendar)", proc.stderr)
        for example in ("follow-the-sun.json", "itsm-desk.json", "amc-vendor.json"):
            code, _, err = run("check", os.path.join(os.path.dirname(POLICY), example), "--strict")
            self.assertEqual((code, err), (0, ""), example)

    def test_invalid(self):
        proc = subprocess.run([CLI, "check", "-"], input='{"calendars": {"x": {"timezone": "Mars/Base"}}}',
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 3)
        self.assertIn("unknown time zone \"Mars/Base\"", proc.stderr)
        self.assertIn("(at /calendars/x/timezone)", proc.stderr)
        self.assertEqual(run("check")[0], 2)

    def test_every_command_has_help_with_an_example(self):
        for command in ["check", "tz", "calendar", "classify", "evaluate", "report"]:
            code, out, _ = run(command, "--help")
            self.assertEqual(code, 0, command)
            self.assertTrue(out.startswith("usage: slate " + command), command)
            self.assertIn("example", out, command)

    def test_man_page(self):
        page = os.path.join(os.path.dirname(CLI), "slate.1")
        with open(page, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(".SH REPORT", text)
        self.assertIn("usage: slate evaluate", text)


AMC = os.path.join(os.path.dirname(POLICY), "amc-vendor.json")


def run_shell(script):
    """Runs a shell pipeline with SLATE set to the command; its status and
    standard error."""
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "SLATE": CLI})
    return proc.returncode, proc.stderr


class HostileInputTest(unittest.TestCase):
    """Issue 16's reproductions that the command meets, by their numbers."""

    def test_hostile_04_20_check_stdin(self):
        with open(ITSM, "rb") as f:
            proc = subprocess.run([CLI, "check", "-"], stdin=f, capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 0)
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([CLI, "check", "-"], stdin=os.open(tmp, os.O_RDONLY), capture_output=True,
                                  text=True, timeout=60)
        self.assertEqual(proc.returncode, 3)
        self.assertEqual(proc.stderr, "slate: <stdin>: cannot read the policy: Is a directory\n")
        # Past 64 MiB, standard input is refused as a file would be, without reading on.
        code, err = run_shell('head -c 80000000 /dev/zero | tr "\\0" " " | "$SLATE" check -')
        self.assertEqual(code, 3)
        self.assertEqual(err, "slate: <stdin>: the policy is larger than 64 MiB\n")

    def test_hostile_10_directories_and_endless_lines(self):
        with tempfile.TemporaryDirectory() as tmp:
            for args in (("evaluate", "--policy", ITSM, tmp),
                         ("classify", "--policy", ITSM, tmp),
                         ("report", "--policy", AMC, "--from", "2026-03-01", "--to", "2026-04-01", tmp)):
                code, out, err = run(*args)
                self.assertEqual((code, err), (3, f"slate: cannot read {tmp}: Is a directory\n"), args)
        # 40 MB without a newline: one line too long, skipped in constant memory.
        code, err = run_shell(f'head -c 40000000 /dev/zero | "$SLATE" classify --policy {ITSM} -')
        self.assertEqual(code, 3)
        self.assertEqual(err, "slate: -:1: line longer than 16 MiB, skipped\n")

    def test_hostile_11_write_errors(self):
        commands = (["version"], ["check", ITSM], ["tz", "convert", "2026-03-08T07:30:00Z", "Asia/Kolkata"],
                    ["calendar", "intervals", "--policy", POLICY, "--calendar", "pune-l2",
                     "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"],
                    ["classify", "--policy", ITSM, TICKETS],
                    ["evaluate", "--policy", ITSM, HISTORIES],
                    ["report", "--policy", AMC, "--from", "2026-03-01", "--to", "2026-04-01", HISTORIES])
        for args in commands:
            with open("/dev/full", "w") as full:
                proc = subprocess.run([CLI, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
            self.assertEqual(proc.returncode, 3, args)
            self.assertEqual(proc.stderr, "slate: cannot write the output: No space left on device\n", args)
        # A reader that stops early is no error, and the command stops too.
        with tempfile.TemporaryDirectory() as tmp:
            many = os.path.join(tmp, "many.jsonl")
            with open(HISTORIES) as f, open(many, "w") as out:
                out.write(f.read() * 5000)
            for command in (f'"$SLATE" evaluate --policy {ITSM} {many}',
                            f'"$SLATE" calendar intervals --policy {POLICY} --calendar pune-l2 '
                            '1900-01-01T00:00:00Z 2300-01-01T00:00:00Z'):
                code, err = run_shell(command + " | head -1 > /dev/null")
                self.assertEqual((code, err), (0, ""), command)

    def test_hostile_24_long_lines_constant_memory(self):
        events = [{"at": "2026-03-06T01:00:00Z", "kind": "created", "fields": {"status": "new"}}]
        events += [{"at": "2026-03-06T02:00:00Z", "kind": "note", "fields": {"n": str(i)}} for i in range(40000)]
        line = json.dumps({"id": "long", "events": events}) + "\n"  # about 3 MB
        with tempfile.TemporaryDirectory() as tmp:
            few, many = os.path.join(tmp, "few.jsonl"), os.path.join(tmp, "many.jsonl")
            with open(few, "w") as f:
                f.write(line * 10)
            with open(many, "w") as f:
                f.write(line * 60)
            code, err = run_shell(f'"$SLATE" evaluate --policy {ITSM} {many} | wc -l | grep -qx 60')
            self.assertEqual((code, err), (0, ""))
            # Six times the input (180 MB), about the same peak: the batches in flight.
            self.assertLess(_peak_kib([CLI, "evaluate", "--policy", ITSM, many]),
                            1.5 * _peak_kib([CLI, "evaluate", "--policy", ITSM, few]))


def _peak_kib(argv):
    """The peak resident memory of a command, in KiB (its output dropped).
    Under AddressSanitizer, freed memory is quarantined (256 MB) rather than
    reused, which would measure the quarantine: it is kept small here."""
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "quarantine_size_mb=1"]))
    # Spawned, not forked from this interpreter, whose pages would count.
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0
    return usage.ru_maxrss


if __name__ == "__main__":
    unittest.main()
