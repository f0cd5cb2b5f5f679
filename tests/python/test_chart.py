"""The views: slate calendar chart and slate evaluate --timeline (SVG, parsed
as XML: bands, day rows, stretches, labels, DST days at their real length,
coverage gaps, breaches and firings) and slate report --format html
(parsed, every element closed, the figures and clauses present), their
errors, and a headless Chromium screenshot of each when Chromium is
installed (required when SLATE_REQUIRE_CHROMIUM=1, as in CI). SLATE_CLI
names the binary."""
import html.parser
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

CLI = os.environ.get("SLATE_CLI", "slate")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SVG = "{http://www.w3.org/2000/svg}"
FOLLOW = os.path.join(ROOT, "examples", "policies", "follow-the-sun.json")
US = os.path.join(ROOT, "examples", "policies", "us-office.json")
ITSM = os.path.join(ROOT, "examples", "policies", "itsm-desk.json")
HISTORIES = os.path.join(ROOT, "examples", "tickets", "itsm-sample.jsonl")
AMC = os.path.join(ROOT, "examples", "policies", "amc-vendor.json")
AMC_TICKETS = os.path.join(ROOT, "examples", "tickets", "amc-sample.jsonl")
VOID = {"meta", "br", "img", "hr", "input", "link"}


class Page(html.parser.HTMLParser):
    """Checks that every element is closed in order, and collects the
    elements by class and the text."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.by_class, self.text, self.tags = [], [], {}, [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        for cls in (dict(attrs).get("class") or "").split():
            self.by_class[cls] = self.by_class.get(cls, 0) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def classes(root, name):
    return [e for e in root.iter() if e.get("class") == name]


def texts(root, name):
    return ["".join(e.itertext()) for e in classes(root, name)]


class ChartTest(unittest.TestCase):
    def chart(self, *args):
        code, out, err = run("calendar", "chart", *args)
        self.assertEqual(code, 0, err)
        return ET.fromstring(out), out

    def test_follow_the_sun_dst_week(self):
        # 2026-W13: Krakow's clocks go forward on Sunday 29 March.
        root, _ = self.chart("manila-l1", "pune-l2", "krakow-l3", "--week", "2026-W13", "--policy", FOLLOW)
        self.assertEqual(root.tag, SVG + "svg")
        self.assertEqual(texts(root, "band-title"), [
            "manila-l1 (Asia/Manila)", "pune-l2 (Asia/Kolkata)", "krakow-l3 (Europe/Warsaw)",
            "coverage: any calendar open (Asia/Manila)"])
        labels = texts(root, "day-label")
        self.assertEqual(len(labels), 28)
        self.assertEqual(labels[:7], ["Mon 23 Mar", "Tue 24 Mar", "Wed 25 Mar", "Thu 26 Mar", "Fri 27 Mar",
                                      "Sat 28 Mar", "Sun 29 Mar"])
        self.assertEqual(labels[20], "Sun 29 Mar (23 h)")  # Krakow's Sunday
        self.assertEqual(len(classes(root, "day dst")), 1)
        # A 23-hour day is drawn 23 hours long: 22 hour ticks, labelled.
        self.assertEqual(len(classes(root, "hour dst")), 22)
        # Each open stretch carries its local times.
        titles = ["".join(e.itertext()) for e in classes(root, "open")]
        self.assertIn("09:00-17:00", titles)
        # The union has gaps (weekends at least), each a red stretch titled so.
        gaps = classes(root, "gap")
        self.assertGreater(len(gaps), 0)
        self.assertTrue(all("".join(g.itertext()).endswith("nobody open") for g in gaps))

    def test_picture_in_docs_is_current(self):
        # docs/images/coverage-follow-the-sun.svg is this command's output,
        # kept current (write it anew with SLATE_WRITE_EXPECTED=1).
        _, svg = self.chart("manila-l1", "pune-l2", "krakow-l3", "--week", "2026-W13", "--policy", FOLLOW)
        path = os.path.join(ROOT, "docs", "images", "coverage-follow-the-sun.svg")
        if os.environ.get("SLATE_WRITE_EXPECTED") == "1":
            with open(path, "w") as f:
                f.write(svg)
        with open(path) as f:
            self.assertEqual(f.read(), svg)

    def test_holiday_by_name_and_display_zone(self):
        # 2026-W22 holds Memorial Day, Monday 25 May.
        root, _ = self.chart("--calendar", "ny-office", "--week", "2026-W22", "--policy", US, "--tz", "Europe/London")
        self.assertEqual(texts(root, "band-title"), ["ny-office (Europe/London)"])
        # New York's holiday, drawn in London, runs over two London days.
        self.assertEqual(texts(root, "closed-label"), ["Memorial Day", "Memorial Day"])
        self.assertEqual(["".join(e.itertext()) for e in classes(root, "closed")],
                         ["05:00-00:00 Memorial Day", "00:00-05:00 Memorial Day"])
        self.assertEqual(len(classes(root, "gap")), 0)  # one calendar: no coverage band
        self.assertEqual(len(classes(root, "open")), 4)  # Tuesday to Friday
        titles = ["".join(e.itertext()) for e in classes(root, "open")]
        self.assertEqual(titles[0], "14:00-22:00")  # 09:00-17:00 New York, in London

    def test_errors(self):
        code, _, err = run("calendar", "chart", "krakow-l3", "--week", "2026-13", "--policy", FOLLOW)
        self.assertEqual(code, 3)
        self.assertIn("--week is an ISO week, YYYY-Www (2026-W11), not \"2026-13\"", err)
        code, _, err = run("calendar", "chart", "krakow-l3", "--week", "2026-W54", "--policy", FOLLOW)
        self.assertEqual(code, 3)
        code, _, err = run("calendar", "chart", "krakow-l3", "--policy", FOLLOW)
        self.assertEqual(code, 2)
        code, _, err = run("calendar", "chart", "krakow", "--week", "2026-W13", "--policy", FOLLOW)
        self.assertEqual(code, 3)
        self.assertIn("no calendar \"krakow\"", err)
        code, _, err = run("calendar", "chart", "--week", "2026-W13", "--policy", FOLLOW)
        self.assertEqual(code, 2)
        self.assertIn("name one or more calendars", err)

    def test_week_53_and_year_edges(self):
        # 2026 has 53 ISO weeks (it starts on a Thursday); W53 ends on Sunday 3 January 2027.
        root, _ = self.chart("krakow-l3", "--week", "2026-W53", "--policy", FOLLOW)
        labels = texts(root, "day-label")
        self.assertEqual((labels[0], labels[-1]), ("Mon 28 Dec", "Sun 03 Jan"))
        root, _ = self.chart("krakow-l3", "--week", "2027-W01", "--policy", FOLLOW)
        self.assertEqual(texts(root, "day-label")[0], "Mon 04 Jan")
        code, _, _ = run("calendar", "chart", "krakow-l3", "--week", "2027-W53", "--policy", FOLLOW)
        self.assertEqual(code, 3)

    def timeline(self, ticket, *args):
        code, out, err = run("evaluate", "--policy", ITSM, HISTORIES, "--at", "2026-03-09T12:00:00Z",
                             "--timeline", ticket, *args)
        self.assertEqual(code, 0, err)
        return ET.fromstring(out), out

    @staticmethod
    def labels(root, cls):
        return [e.find(SVG + "text").text or "" for e in classes(root, cls)]

    def test_timeline_pause_and_due(self):
        root, _ = self.timeline("INC-2002")
        self.assertEqual(texts(root, "lane-title"), ["events", "incident/response", "incident/resolution",
                                                     "p1-bridge/bridge", "escalations"])
        self.assertEqual(self.labels(root, "event"), ["#0 created status=new",
                                                      "#1 agent_comment status=pending_customer",
                                                      "#2 requester_comment status=in_progress"])
        self.assertEqual(self.labels(root, "step"), ["start (#0 created)", "stop (#1 agent_comment)",
                                                     "start (#0 created)", "pause (#1 agent_comment)",
                                                     "resume (#2 requester_comment)"])
        self.assertEqual(len(classes(root, "paused")), 1)
        self.assertEqual(self.labels(root, "due"), ["due 20 Mar 08:30"])
        self.assertEqual(self.labels(root, "breach"), [])
        # Running time is split where the desk calendar closes: green where it counts.
        self.assertGreater(len(classes(root, "running")), 1)
        root, _ = self.timeline("INC-2002", "--tz", "Asia/Manila")
        self.assertEqual(self.labels(root, "due"), ["due 20 Mar 16:30"])

    def test_timeline_breaches_and_firings(self):
        root, _ = self.timeline("INC-2004")
        self.assertEqual(self.labels(root, "breach"), ["breached 09 Mar 05:00", "breached 09 Mar 01:10"])
        self.assertEqual(self.labels(root, "firing"), [
            "resolution-chain/assignee-50", "resolution-chain/l2-hour-before", "resolution-chain/page-l3",
            "resolution-chain/page-l3", "resolution-chain/page-l3", "resolution-chain/service-manager"])

    def test_timeline_errors(self):
        code, out, err = run("evaluate", "--policy", ITSM, HISTORIES, "--timeline", "INC-9999")
        self.assertEqual((code, out), (3, ""))
        self.assertIn("no ticket \"INC-9999\" in", err)
        code, _, err = run("evaluate", "--policy", ITSM, HISTORIES, "--timeline", "INC-2002", "--format", "json")
        self.assertEqual(code, 2)
        self.assertIn("takes no --format", err)

    def report(self, *args):
        code, out, err = run("report", "--policy", AMC, "--month", "2026-03", AMC_TICKETS, "--format", "html",
                             *args)
        self.assertEqual(code, 0, err)
        page = Page()
        page.feed(out)
        page.close()
        self.assertEqual(page.errors, [])
        self.assertEqual(page.stack, [])
        return page, out

    def test_html_report(self):
        page, out = self.report()
        self.assertTrue(out.startswith("<!DOCTYPE html>"))
        text = " ".join("".join(page.text).split())
        self.assertIn("Contract pune-floor-amc-2026: Acme BPO, Pune floor 3", text)
        self.assertIn("Total owed 18000.00 INR", text)
        self.assertIn("Credits due 21500.00, cap 18000.00, owed 18000.00 INR", text)
        self.assertIn("Availability: 98.871% (down 25200 s of 2232000 s), commitment 99.50%: missed", text)
        self.assertIn("late-fix /contracts/0/credits/2", text)  # the clause behind the figure
        self.assertEqual(page.by_class.get("breach"), 3)
        self.assertEqual(page.by_class.get("credit"), 4)
        self.assertEqual(page.by_class.get("bar"), 1)
        self.assertIn("@page { size: A4", out)
        # Self-contained: no scripts, nothing fetched.
        self.assertNotIn("script", [t for t, _ in page.tags])
        self.assertFalse([a for _, a in page.tags if "src" in a or "href" in a])
        page, _ = self.report("--tz", "UTC")
        self.assertIn("2026-03-11T05:30:00Z", "".join(page.text))

    def test_html_is_for_reports_only(self):
        code, _, err = run("evaluate", "--policy", ITSM, HISTORIES, "--format", "html")
        self.assertEqual(code, 2)
        self.assertIn("--format html is for 'slate report'", err)

    def test_screenshots_in_headless_chromium(self):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            if os.environ.get("SLATE_REQUIRE_CHROMIUM") == "1":
                self.fail("Chromium is required (SLATE_REQUIRE_CHROMIUM=1) and not installed")
            self.skipTest("chromium not installed (apt-get install chromium)")
        _, chart = self.chart("manila-l1", "pune-l2", "krakow-l3", "--week", "2026-W13", "--policy", FOLLOW)
        _, timeline = self.timeline("INC-2004")
        _, report = self.report()
        for name, svg in (("chart.svg", chart), ("timeline.svg", timeline), ("report.html", report)):
            with self.subTest(view=name):
                self.screenshot(browser, name, svg)

    def screenshot(self, browser, name, text):
        """Opens text (saved as name) in headless Chromium and checks the PNG it takes."""
        with tempfile.TemporaryDirectory() as tmp:
            path, shot = os.path.join(tmp, name), os.path.join(tmp, "shot.png")
            with open(path, "w") as f:
                f.write(text)
            proc = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                                   f"--user-data-dir={tmp}/profile", "--window-size=960,1100",
                                   f"--screenshot={shot}", "file://" + path],
                                  capture_output=True, text=True, timeout=120)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(shot, "rb") as f:
                png = f.read()
            self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
            self.assertGreater(len(png), 10000)


if __name__ == "__main__":
    unittest.main()
