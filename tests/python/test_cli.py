"""The slate command: outputs and exit codes. SLATE_CLI names the binary."""
import json
import os
import subprocess
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


if __name__ == "__main__":
    unittest.main()
