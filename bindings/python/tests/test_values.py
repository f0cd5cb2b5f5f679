"""The forms the Python API takes and gives: instants, durations, policies
and tickets in each accepted form; each wrong type a TypeError that names
the argument and the forms; results as aware datetimes and timedeltas, or
integers with epoch=True."""
import datetime
import decimal
import fractions
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import slate  # noqa: E402

UTC = datetime.timezone.utc
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
POLICY = {"calendars": {"pune": {"timezone": "Asia/Kolkata",
                                 "weekly": {d: ["09:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}}},
          "priorities": {"levels": ["P1", "P2"], "default": "P2",
                         "rules": [{"id": "down", "when": {"field": "summary", "matches": "down", "ignore_case": True},
                                    "set": {"priority": "P1"}}]},
          "slas": [{"id": "s", "calendar": "pune", "targets": [{"name": "response", "durations": {"*": "PT4H"}}]}]}
MON_10_IST = datetime.datetime(2026, 3, 2, 10, tzinfo=IST)  # 2026-03-02T04:30:00Z
EPOCH = 1772425800


class InstantForms(unittest.TestCase):
    def setUp(self):
        self.policy = slate.Policy.from_json(POLICY)
        self.pune = self.policy.calendar("pune")

    def tearDown(self):
        self.policy.close()

    def test_each_instant_form_is_the_same_instant(self):
        want = datetime.datetime(2026, 3, 2, 14, tzinfo=IST)
        for form in (EPOCH, float(EPOCH), EPOCH + 0.999, MON_10_IST, MON_10_IST.astimezone(UTC),
                     "2026-03-02T04:30:00Z", "2026-03-02T10:00:00+05:30", decimal.Decimal(EPOCH),
                     fractions.Fraction(2 * EPOCH + 1, 2)):
            with self.subTest(form=form):
                self.assertEqual(self.pune.add(form, 4 * 3600), want)

    def test_float_instants_drop_the_fraction(self):
        self.assertEqual(slate.to_epoch(1.999), 1)
        self.assertEqual(slate.to_epoch(-0.5), -1)  # the second it falls in: floor, not toward zero
        self.assertEqual(slate.to_epoch(datetime.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC)), -1)

    def test_wrong_instant_types_are_type_errors(self):
        for bad, what in ((None, "NoneType"), ([EPOCH], "list"), (b"2026-03-02T04:30:00Z", "bytes"),
                          (True, "a bool"), (datetime.date(2026, 3, 2), "a date")):
            with self.subTest(bad=bad), self.assertRaises(TypeError) as caught:
                self.pune.next_open(bad)
            message = str(caught.exception)
            self.assertIn("t must be epoch seconds (int or float), an aware datetime, or RFC 3339 text", message)
            self.assertIn(what, message)
        with self.assertRaises(TypeError) as caught:
            self.pune.between(EPOCH, None)
        self.assertTrue(str(caught.exception).startswith("b must be"))

    def test_bad_instant_values_are_value_errors(self):
        with self.assertRaises(slate.InvalidArgument):
            self.pune.add(datetime.datetime(2026, 3, 2, 10), 60)  # naive
        with self.assertRaises(slate.InvalidArgument):
            self.pune.add(float("nan"), 60)
        with self.assertRaises(slate.ParseError):
            self.pune.add("2026-03-02 10:00", 60)


class DurationForms(unittest.TestCase):
    def setUp(self):
        self.policy = slate.Policy.from_json(POLICY)
        self.pune = self.policy.calendar("pune")

    def tearDown(self):
        self.policy.close()

    def test_each_duration_form_is_the_same_duration(self):
        want = datetime.datetime(2026, 3, 2, 14, 30, tzinfo=IST)
        for form in (16200, 16200.0, datetime.timedelta(hours=4, minutes=30), "PT4H30M", "PT16200S"):
            with self.subTest(form=form):
                self.assertEqual(self.pune.add(MON_10_IST, form), want)

    def test_wrong_durations(self):
        for bad in (None, [60], b"PT1H", False):
            with self.subTest(bad=bad), self.assertRaises(TypeError) as caught:
                self.pune.add(MON_10_IST, bad)
            self.assertIn("duration must be seconds (int or float), a timedelta, or ISO 8601 text", str(caught.exception))
        for bad in (1.5, datetime.timedelta(milliseconds=1), float("inf")):
            with self.subTest(bad=bad), self.assertRaises(slate.InvalidArgument) as caught:
                self.pune.add(MON_10_IST, bad)
            self.assertIn("not a whole number of seconds", str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            self.pune.add_business_days(MON_10_IST, 1.0)
        self.assertIn("days must be an int", str(caught.exception))


class Results(unittest.TestCase):
    def test_calendar_results_in_its_zone_and_timedeltas(self):
        with slate.Policy.from_json(POLICY) as policy:
            pune = policy.calendar("pune")
            due = pune.add(MON_10_IST, "PT9H")
            self.assertEqual((due.isoformat(), due.tzname()), ("2026-03-03T10:00:00+05:30", "IST"))
            self.assertEqual(pune.between(MON_10_IST, due), datetime.timedelta(hours=9))
            self.assertEqual(type(pune.business_days(MON_10_IST, due)), int)
            self.assertFalse(policy.epoch)

    def test_epoch_true_gives_integers(self):
        with slate.Policy.from_json(POLICY, epoch=True) as policy:
            pune = policy.calendar("pune")
            self.assertTrue(policy.epoch)
            self.assertEqual(pune.add(EPOCH, 9 * 3600), EPOCH + 24 * 3600)
            self.assertEqual(pune.between(EPOCH, EPOCH + 86400), 9 * 3600)
            self.assertEqual(pune.stretch(EPOCH), (EPOCH - 3600, EPOCH + 8 * 3600))
            [r] = policy.evaluate([{"at": EPOCH, "kind": "created", "fields": {}}], EPOCH + 3600)
            self.assertEqual((r.due, r.elapsed, r.remaining), (EPOCH + 4 * 3600, 3600, 3 * 3600))
        with self.assertRaises(TypeError):
            slate.Policy.from_json(POLICY, epoch="yes")

    def test_sla_results_in_utc(self):
        with slate.Policy.from_json(POLICY) as policy:
            [r] = policy.evaluate([{"at": MON_10_IST, "kind": "created", "fields": {}}], "2026-03-02T05:30:00Z")
            self.assertEqual(r.due, datetime.datetime(2026, 3, 2, 8, 30, tzinfo=UTC))
            self.assertIs(r.due.tzinfo, UTC)
            self.assertEqual((r.elapsed, r.remaining, r.target_seconds),
                             (datetime.timedelta(hours=1), datetime.timedelta(hours=3), datetime.timedelta(hours=4)))
            self.assertEqual(r.history[0].start, MON_10_IST)

    def test_zones_give_datetimes_and_offsets(self):
        with slate.TzDb() as db:
            kolkata = db.zone("Asia/Kolkata")
            self.assertEqual(kolkata.lookup(EPOCH).utc_offset, datetime.timedelta(hours=5, minutes=30))
            self.assertEqual(kolkata.from_civil(2026, 3, 2, 10), MON_10_IST)
        with slate.TzDb(epoch=True) as db:
            self.assertEqual(db.zone("Asia/Kolkata").from_civil(2026, 3, 2, 10), EPOCH)
            self.assertEqual(db.zone("Asia/Kolkata").lookup(EPOCH).utc_offset, 19800)


class PolicyForms(unittest.TestCase):
    def test_dict_str_bytes_and_paths(self):
        text = json.dumps(POLICY)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "p.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            for make in (lambda: slate.Policy.from_json(POLICY), lambda: slate.Policy.from_json(text),
                         lambda: slate.Policy.from_json(text.encode()), lambda: slate.Policy.from_json(bytearray(text.encode())),
                         lambda: slate.Policy.load(path), lambda: slate.Policy.load(pathlib.Path(path)),
                         lambda: slate.Policy.load(path.encode())):
                with make() as policy:
                    self.assertEqual(policy.calendar_names(), ["pune"])

    def test_wrong_policy_types(self):
        with self.assertRaises(TypeError) as caught:
            slate.Policy.from_json(42)
        self.assertIn("policy must be a dict, JSON text (str, bytes) or, with Policy.load, a path, not int",
                      str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            slate.Policy.from_json(pathlib.Path("p.json"))
        self.assertIn("use Policy.load", str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            slate.Policy.load(json.dumps(POLICY))
        self.assertIn("use Policy.from_json", str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            slate.Policy.load(42)
        self.assertIn("policy file must be a path", str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            slate.Policy.from_json({"calendars": {"x": {"weekly": {"mon": [object()]}}}})
        self.assertIn("policy dict is not JSON", str(caught.exception))

    def test_dict_errors_keep_their_pointer(self):
        bad = {"calendars": {"c": {"timezone": "UTC", "weekly": {"mon": ["09:00-25:00"]}}}}
        with self.assertRaises(slate.ParseError) as caught:
            slate.Policy.from_json(bad)
        self.assertEqual(caught.exception.pointer, "/calendars/c/weekly/mon/0")


class TicketForms(unittest.TestCase):
    def test_classify_takes_a_dict_or_json_text(self):
        with slate.Policy.from_json(POLICY) as policy:
            self.assertEqual(policy.classify({"summary": "VPN down"}).priority, "P1")
            self.assertEqual(policy.classify('{"summary": "VPN down"}').priority, "P1")
            self.assertEqual(policy.classify(b'{"summary": "fine"}').priority, "P2")
            with self.assertRaises(TypeError) as caught:
                policy.classify(["summary"])
            self.assertIn("ticket must be a dict of fields or the JSON text of an object, not list",
                          str(caught.exception))
            with self.assertRaises(slate.InvalidArgument):
                policy.classify("VPN down")
            with self.assertRaises(TypeError):
                policy.evaluate(["2026-03-02T04:30:00Z"], EPOCH)


class LibraryLookup(unittest.TestCase):
    def test_slate_library_naming_nothing_is_an_error(self):
        env = dict(os.environ, SLATE_LIBRARY="/nonexistent/libslate.so.0", PYTHONPATH=os.path.join(HERE, ".."))
        proc = subprocess.run([sys.executable, "-c", "import slate"], env=env, capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("ImportError: cannot load libslate from $SLATE_LIBRARY (/nonexistent/libslate.so.0)",
                      proc.stderr)

    def test_typed(self):
        self.assertTrue(os.path.exists(os.path.join(os.path.dirname(slate.__file__), "py.typed")))
        import typing
        unhinted = []
        for owner in (slate.Policy, slate.Calendar, slate.Clock, slate.TzDb, slate.Zone, slate):
            for name in dir(owner):
                fn = getattr(owner, name)
                if name.startswith("_") or not callable(fn) or isinstance(fn, type) or \
                        not hasattr(fn, "__annotations__"):
                    continue
                if "return" not in typing.get_type_hints(fn):  # and every annotation resolves
                    unhinted.append(f"{owner.__name__}.{name}")
        self.assertEqual(unhinted, [])


if __name__ == "__main__":
    unittest.main()
