#!/usr/bin/env python3
"""The standing adversarial test (issue 16): runs the slate command on a
catalogue of hostile inputs, each under CPU, memory and wall-clock limits,
and checks that every one ends the way it should: the expected exit code,
a message that says what (and where), and never a crash, a timeout or a
sanitizer report.

    catalogue.py SLATE [--list] [--match REGEX] [--skip REGEX] [--wrap COMMAND]

--wrap runs each case under a tool (tools/valgrind.sh passes valgrind
memcheck, whose --error-exitcode then fails the case).

The cases are built here, in a temporary directory: policies, ticket
lines, TZif files and command lines, one family per kind of input. A
case's name starts with the number of the reproduction of issue 16 it
covers, when it covers one.
"""
import argparse
import json
import os
import re
import resource
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
EXAMPLES = os.path.join(ROOT, "examples")
ITSM = os.path.join(EXAMPLES, "policies", "itsm-desk.json")
AMC = os.path.join(EXAMPLES, "policies", "amc-vendor.json")
SUN = os.path.join(EXAMPLES, "policies", "follow-the-sun.json")
HISTORIES = os.path.join(EXAMPLES, "tickets", "itsm-sample.jsonl")
TICKETS = os.path.join(EXAMPLES, "tickets.jsonl")

CPU_SECONDS = 60
WALL_SECONDS = 120
MEMORY_BYTES = 2 << 30  # address space, where no sanitizer reserves its shadow

SANITIZER_SIGNS = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer",
                   "WARNING: ThreadSanitizer", "Segmentation fault", "AddressSanitizer:DEADLYSIGNAL")


class Case:
    """One run of the command: argv (after the binary), optional standard
    input, the exit code and a regular expression the whole of standard
    error must match (None: anything without a sanitizer report)."""

    def __init__(self, name, argv, code, stderr=None, stdin=b"", stdout=None):
        self.name, self.argv, self.code, self.stderr, self.stdin, self.stdout = \
            name, argv, code, stderr, stdin, stdout


class Catalogue:
    def __init__(self, tmp):
        self.tmp = tmp
        self.cases = []
        self.count = 0

    def file(self, data, suffix=".json"):
        """A file of the catalogue's temporary directory holding data."""
        self.count += 1
        path = os.path.join(self.tmp, f"input{self.count}{suffix}")
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def add(self, *args, **kwargs):
        self.cases.append(Case(*args, **kwargs))


def policy_text(obj):
    return json.dumps(obj)


OFFICE = {"timezone": "UTC", "weekly": {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}}


def simple_policy(**sections):
    doc = {"calendars": {"office": OFFICE, "always": "24x7"}}
    doc.update(sections)
    return doc


# ---- policies: JSON-level hostility --------------------------------------

def json_texts(cat):
    """Texts that are not JSON, or not JSON slate takes, for `slate check`."""
    bad = [
        ("truncated object", b'{"calendars": {', r".*:1:16: unexpected end of text: a member name is missing.*"),
        ("empty text", b"", r".*:1:1: empty document"),
        ("only whitespace", b"   \n\t ", r".*:2:3: empty document"),
        ("trailing comma", b'{"calendars": {},}', r".*:1:18: a comma before the closing bracket: JSON allows no trailing comma"),
        ("NUL byte", b'{"calendars": {"a\x00": "24x7"}}', r".*NUL byte.*"),
        ("invalid UTF-8", b'{"calendars": {"\xff": "24x7"}}', r".*invalid UTF-8.*"),
        ("overlong UTF-8 slash", b'{"calendars": {"\xc0\xaf": "24x7"}}', r".*invalid UTF-8.*"),
        ("UTF-8 surrogate bytes", b'{"calendars": {"\xed\xa0\x80": "24x7"}}', r".*invalid UTF-8.*"),
        ("code point past U+10FFFF", b'{"calendars": {"\xf4\x90\x80\x80": "24x7"}}', r".*invalid UTF-8.*"),
        ("22 lone low surrogate", b'{"calendars": {"\\udc00": "24x7"}}',
         r".*:1:17: a \\u escape names half of a surrogate pair.*"),
        ("22 lone high surrogate", b'{"calendars": {"\\ud800x": "24x7"}}',
         r".*:1:17: a \\u escape names half of a surrogate pair.*"),
        ("22 escaped NUL in a zone", b'{"calendars": {"x": {"timezone": "UTC\\u0000/../../etc/passwd", '
                                     b'"weekly": {}}}}', r".*:1:38: \\u0000 \(a NUL\) in a string.*"),
        ("deep arrays", b"[" * 200 + b"]" * 200, r".*nest.*"),
        ("deep objects", b'{"a":' * 200 + b"1" + b"}" * 200, r".*nest.*"),
        ("number 1e999", b'{"priorities": {"levels": ["P1"], "default": "P1", "rules": [{"id": "r", '
                         b'"when": {"field": "n", "gt": 1e999}, "set": {"priority": "P1"}}]}}',
         r".*expected a finite number \(at /priorities/rules/0/when/gt\)"),
        ("BOM twice", b'\xef\xbb\xbf\xef\xbb\xbf{"calendars": {}}',
         r".*:1:1: the text starts with a byte order mark.*"),
        ("duplicate calendar", b'{"calendars": {"a": "24x7", "a": "24x7"}}', r".*duplicate.*"),
        ("bare string", b'"24x7"', r".*:1:1: expected an object, found a string \(at /\)"),
        ("control character in a string", b'{"calendars": {"a\tb": "24x7"}}', r".*control character.*"),
        ("bad escape", b'{"calendars": {"a\\qb": "24x7"}}', r".*invalid escape.*"),
        ("short unicode escape", b'{"calendars": {"\\u12": "24x7"}}', r".*four hex digits.*"),
        ("leading zero", b'{"x": 01}', r".*leading zeros.*"),
        ("minus alone", b'{"x": -}', r".*invalid number.*"),
    ]
    for name, text, message in bad:
        expect_code = 3
        cat.add(f"json: {name}", ["check", cat.file(text)], expect_code, r"slate: " + message + r"\n?(.|\n)*")
    # A byte order mark at the start (Notepad's "UTF-8 with BOM") is not part of the
    # document; columns do not count it.
    cat.add("json: BOM", ["check", cat.file(b'\xef\xbb\xbf{"calendars": {}}')], 0, r"")
    cat.add("json: BOM, columns after it", ["check", cat.file(b'\xef\xbb\xbf{"calendars": 5}')], 3,
            r"slate: .*:1:15: .*\n")
    # CRLF line ends are whitespace: fine.
    crlf = policy_text(simple_policy()).replace(", ", ",\r\n").encode()
    cat.add("json: CRLF line ends", ["check", cat.file(crlf)], 0, r"")
    # The 64 MiB cap, through a file and standard input (20).
    big = b'{"calendars": {}, "description": "' + b"x" * (65 << 20) + b'"}'
    cat.add("20 policy over 64 MiB", ["check", cat.file(big)], 3, r"slate: .*(64 MiB|larger).*\n")
    cat.add("20 policy over 64 MiB on stdin", ["check", "-"], 3,
            r"slate: <stdin>: the policy is larger than 64 MiB\n", stdin=big)
    many = b'{"calendars": {}, "x": [' + b",".join([b"0"] * 4000000) + b"]}"
    cat.add("16 policy of 4,000,003 values", ["check", cat.file(many)], 3,
            r"slate: .*:1:8000019: more than 4000000 values \(numbers, strings, arrays, objects\) \(at /x/3999997\)\n")
    cat.add("4 valid policy on stdin", ["check", "-"], 0, r"", stdin=open(ITSM, "rb").read())


# ---- policies: values ----------------------------------------------------

def policy_values(cat):
    cases = [
        ("unknown zone", {"calendars": {"x": {"timezone": "Mars/Olympus", "weekly": {}}}}, r".*unknown time zone.*"),
        ("zone path escape", {"calendars": {"x": {"timezone": "../../etc/passwd", "weekly": {}}}},
         r".*invalid time zone name.*"),
        ("zone name too long", {"calendars": {"x": {"timezone": "A" * 300, "weekly": {}}}},
         r".*invalid time zone name.*"),
        ("interval backwards", {"calendars": {"x": {"timezone": "UTC", "weekly": {"mon": ["17:00-09:00x"]}}}},
         r".*invalid end \"09:00x\".*"),
        ("interval 25:00", {"calendars": {"x": {"timezone": "UTC", "weekly": {"mon": ["09:00-25:00"]}}}},
         r".*invalid end.*"),
        ("interval 24:01", {"calendars": {"x": {"timezone": "UTC", "weekly": {"mon": ["24:01-24:02"]}}}},
         r".*invalid start.*"),
        ("33 intervals a day", {"calendars": {"x": {"timezone": "UTC", "weekly": {
            "mon": [f"{h // 2:02d}:{30 * (h % 2):02d}-{h // 2:02d}:{30 * (h % 2) + 10:02d}" for h in range(33)]}}}},
         r".*more than 32 intervals in a day.*"),
        ("year 1799 closed", {"calendars": {"x": {"timezone": "UTC", "weekly": {}, "closed": ["1799-12-31"]}}},
         r".*1800.*2400.*"),
        ("year 2401 closed", {"calendars": {"x": {"timezone": "UTC", "weekly": {}, "closed": ["2401-01-01"]}}},
         r".*1800.*2400.*"),
        ("February 30", {"calendars": {"x": {"timezone": "UTC", "weekly": {}, "closed": ["2026-02-30"]}}},
         r".*invalid date.*"),
        ("yearly 13-01", {"calendars": {"x": {"timezone": "UTC", "weekly": {}, "closed": [{"yearly": "13-01"}]}}},
         r".*invalid yearly date.*"),
        ("nth 6", {"calendars": {"x": {"timezone": "UTC", "weekly": {}, "closed": [
            {"nth": 6, "weekday": "mon", "month": 1}]}}}, r".*expected an integer from -1 to 5, found 6.*"),
        ("unknown weekday", {"calendars": {"x": {"timezone": "UTC", "weekly": {"xyz": []}}}}, r".*unknown key \"xyz\".*"),
        ("unknown calendar in union", {"calendars": {"u": {"union": ["nope"]}}}, r".*unknown calendar \"nope\".*"),
        ("cycle", {"calendars": {"a": {"union": ["b"]}, "b": {"union": ["a"]}}}, r".*cycle.*"),
        ("self union", {"calendars": {"a": {"union": ["a"]}}}, r".*cycle.*"),
        ("minus of three", {"calendars": {"a": "24x7", "m": {"minus": ["a", "a", "a"]}}}, r".*minus takes.*"),
        ("empty union", {"calendars": {"u": {"union": []}}}, r".*union of no calendars.*"),
        ("17 union of 65", {"calendars": {"a": "24x7", "u": {"union": ["a"] * 65}}}, r".*at most 64.*"),
        ("100,001 calendars", {"calendars": {f"c{i}": "24x7" for i in range(100001)}},
         r".*100001 calendars: at most 100000 \(SLATE_POLICY_MAX_CALENDARS\).*"),
        ("negative duration", simple_policy(slas=[{"id": "s", "calendar": "office", "targets": [
            {"name": "t", "durations": {"*": "-PT1H"}}]}]), r".*expected a positive ISO 8601 duration.*"),
        ("duration 2000 years", simple_policy(slas=[{"id": "s", "calendar": "office", "targets": [
            {"name": "t", "durations": {"*": "P2000Y"}}]}]), r".*expected a positive ISO 8601 duration.*"),
        ("duration garbage", simple_policy(slas=[{"id": "s", "calendar": "office", "targets": [
            {"name": "t", "durations": {"*": "PT"}}]}]), r".*expected a positive ISO 8601 duration.*"),
        ("unknown SLA calendar", {"slas": [{"id": "s", "calendar": "nope", "targets": []}]}, r".*unknown calendar \"nope\" \(at /slas/0/calendar\)"),
        ("bad regex", {"priorities": {"levels": ["P1"], "default": "P1", "rules": [
            {"id": "r", "when": {"field": "t", "matches": "(unclosed"}, "set": {"priority": "P1"}}]}},
         r".*invalid regular expression.*"),
        ("regex of 20000 groups", {"priorities": {"levels": ["P1"], "default": "P1", "rules": [
            {"id": "r", "when": {"field": "t", "matches": "(a)" * 20000}, "set": {"priority": "P1"}}]}}, r".*regular expression is too large.*"),
        ("condition nesting 20", {"priorities": {"levels": ["P1"], "default": "P1", "rules": [
            {"id": "r", "when": nest_not(20), "set": {"priority": "P1"}}]}}, r".*conditions nest deeper than 16 levels.*"),
        ("33 levels", {"priorities": {"levels": [f"P{i}" for i in range(33)], "default": "P0"}}, r".*expected 1 to 32 names.*"),
        ("unknown default level", {"priorities": {"levels": ["P1"], "default": "P9"}}, r".*unknown priority \"P9\".*"),
        ("money past the limit", amc_with_fee(10 ** 14), r".*expected a number from 0 to 10000000000000 .*"),
        ("money negative", amc_with_fee(-1), r".*expected a number from 0 to 10000000000000 .*"),
        ("money in thousandths", amc_with_fee(0.001), r".*with at most two decimals, found 0.001.*"),
        ("15 chains past 100,000 firings", firing_policy(11), r".*more than 100000 times.*"),
        ("repeat 1001 times", firing_policy(1, times=1001), r".*expected an integer from 1 to 1000, found 1001.*"),
        ("7 union chain 1,000 deep", union_chain(999), r".*nested 33 compositions deep: at most 32.*"),
    ]
    for name, doc, message in cases:
        cat.add(f"policy: {name}", ["check", cat.file(policy_text(doc))], 3, r"slate: " + message + r"\n(.|\n)*")
    # Within the limits, still fine.
    for name, doc in (("union of 64", {"calendars": {"a": "24x7", "u": {"union": ["a"] * 64}}}),
                      ("union chain 32 deep", union_chain(32)),
                      ("100,000 firings", firing_policy(10)),
                      ("1000 calendars", {"calendars": {f"c{i}": "24x7" for i in range(1000)}}),
                      ("-0 and 0.0 money", amc_with_fee(0.0)),
                      ("32 levels", {"priorities": {"levels": [f"P{i}" for i in range(32)], "default": "P0"}})):
        cat.add(f"policy ok: {name}", ["check", cat.file(policy_text(doc))], 0, None)


def nest_not(depth):
    cond = {"field": "a", "exists": True}
    for _ in range(depth):
        cond = {"not": cond}
    return cond


def union_chain(depth):
    cals = {f"c{i}": {"union": [f"c{i + 1}"]} for i in range(depth)}
    cals[f"c{depth}"] = "24x7"
    return {"calendars": cals}


def amc_with_fee(fee):
    doc = json.load(open(AMC))
    doc["contracts"][0]["fee"] = dict(doc["contracts"][0]["fee"])
    for key in ("monthly", "quarterly", "yearly"):
        if key in doc["contracts"][0]["fee"]:
            doc["contracts"][0]["fee"][key] = fee
    return doc


def firing_policy(chains, times=999):
    steps = [{"id": f"s{j}", "at": {"elapsed": f"PT{j + 1}H"}, "measure": "wall",
              "repeat": {"every": "PT1S", "times": times}} for j in range(10)]
    return {"calendars": {"all": "24x7"},
            "slas": [{"id": "s", "calendar": "all", "targets": [{"name": "fix", "durations": {"*": "PT1000H"}}]}],
            "escalations": [{"id": f"c{i}", "sla": "s", "target": "fix", "steps": steps} for i in range(chains)]}


# ---- ticket lines ---------------------------------------------------------

def ticket_lines(cat):
    """Bad ticket lines for classify, and bad histories for evaluate and report."""
    good_ticket = open(TICKETS, "rb").readline()
    good_history = open(HISTORIES, "rb").readline()
    lines = [
        ("not JSON", b"not json", 3),
        ("array", b"[1, 2]", 3),
        ("NUL byte", b'{"a": "b\x00c"}', 3),
        ("invalid UTF-8", b'{"a": "\xfe"}', 3),
        ("lone surrogate", b'{"a": "\\udc00"}', 3),
        ("escaped NUL", b'{"a": "x\\u0000y"}', 3),
        ("duplicate key", b'{"a": 1, "a": 2}', 3),
        ("deep nesting", b'{"a":' * 300 + b"1" + b"}" * 300, 3),
        ("19 4,097 nulls", ("{" + ", ".join(f'"k{i}": null' for i in range(4097)) + "}").encode(), 3),
        ("19 4,097 empty objects", ("{" + ", ".join(f'"k{i}": {{}}' for i in range(4097)) + "}").encode(), 3),
        ("19 100,000 nulls", ("{" + ", ".join(f'"k{i}": null' for i in range(100000)) + "}").encode(), 3),
        ("field name of 600 bytes", ('{"' + "n" * 600 + '": 1}').encode(), 3),
        ("number 1e999", b'{"affected_users": 1e999}', 0),
        ("number -0", b'{"affected_users": -0}', 0),
        ("2^63", b'{"affected_users": 9223372036854775808}', 0),
        ("8 inf as text", b'{"affected_users": "inf"}', 0),
        ("8 hexadecimal", b'{"affected_users": "0x300"}', 0),
        ("CRLF", good_ticket.rstrip(b"\n") + b"\r\n", 0),
        ("BOM", b"\xef\xbb\xbf" + good_ticket, 0),
    ]
    for name, line, code in lines:
        path = cat.file(line + b"\n" + good_ticket, ".jsonl")
        stderr = r"slate: .*:1(:\d+)?: .*\n" if code == 3 else r""
        cat.add(f"ticket: {name}", ["classify", "--policy", ITSM, path], code, stderr)
    # A byte order mark starts a file, not a line: on the second line it is an error.
    path = cat.file(good_ticket.rstrip(b"\n") + b"\n\xef\xbb\xbf" + good_ticket, ".jsonl")
    cat.add("ticket: BOM on the second line", ["classify", "--policy", ITSM, path], 3,
            r"slate: .*:2(:\d+)?: .*byte order mark.*\n")
    histories = [
        ("no events", b'{"id": "x"}'),
        ("events not an array", b'{"id": "x", "events": {}}'),
        ("event without at", b'{"id": "x", "events": [{"kind": "created"}]}'),
        ("at 1799", b'{"id": "x", "events": [{"at": "1799-12-31T23:59:59Z"}]}'),
        ("at 2401", b'{"id": "x", "events": [{"at": "2401-01-01T00:00:00Z"}]}'),
        ("at without offset", b'{"id": "x", "events": [{"at": "2026-03-06T10:00:00"}]}'),
        ("at 24:00", b'{"id": "x", "events": [{"at": "2026-03-06T24:00:00Z"}]}'),
        ("at February 30", b'{"id": "x", "events": [{"at": "2026-02-30T10:00:00Z"}]}'),
        ("at offset +25:00", b'{"id": "x", "events": [{"at": "2026-03-06T10:00:00+25:00"}]}'),
        ("events out of order", b'{"id": "x", "events": [{"at": "2026-03-06T10:00:00Z"}, '
                                b'{"at": "2026-03-06T09:00:00Z"}]}'),
        ("unknown key", b'{"id": "x", "events": [], "extra": 1}'),
        ("id an object", b'{"id": {}, "events": []}'),
        ("fields an array", b'{"id": "x", "events": [{"at": "2026-03-06T10:00:00Z", "fields": []}]}'),
    ]
    for name, line in histories:
        path = cat.file(line + b"\n" + good_history, ".jsonl")
        cat.add(f"history: {name}", ["evaluate", "--policy", ITSM, path], 3, r"slate: .*:1(:\d+)?: .*\n")
        cat.add(f"report history: {name}", ["report", "--policy", AMC, "--from", "2026-03-01", "--to",
                                            "2026-04-01", path], 1, r"slate: .*:1(:\d+)?: .*\n")


# ---- the command's input and output --------------------------------------

def streams(cat):
    tmpdir = os.path.join(cat.tmp, "a-directory")
    os.mkdir(tmpdir)
    for command in (["evaluate", "--policy", ITSM], ["classify", "--policy", ITSM],
                    ["report", "--policy", AMC, "--from", "2026-03-01", "--to", "2026-04-01"]):
        cat.add(f"10 {command[0]} of a directory", command + [tmpdir], 3,
                re.escape(f"slate: cannot read {tmpdir}: Is a directory") + r"\n")
        cat.add(f"10 {command[0]} of a missing file", command + [os.path.join(tmpdir, "nope")], 3,
                r"slate: cannot open .*nope: No such file or directory\n")
    cat.add("10 check of a directory", ["check", tmpdir], 3, r"slate: .*\n")
    long_line = b'{"id": "x", "note": "' + b"y" * (17 << 20) + b'"}\n'
    path = cat.file(long_line + open(HISTORIES, "rb").read(), ".jsonl")
    cat.add("24 a line over 16 MiB", ["evaluate", "--policy", ITSM, path], 3,
            r"slate: .*:1: line longer than 16 MiB, skipped\n")
    path = cat.file(b"x" * (20 << 20), ".jsonl")
    cat.add("24 20 MiB without a newline", ["classify", "--policy", ITSM, path], 3,
            r"slate: .*:1: line longer than 16 MiB, skipped\n")
    cat.add("empty input", ["evaluate", "--policy", ITSM, cat.file(b"", ".jsonl")], 0, r"")
    cat.add("only blank lines", ["evaluate", "--policy", ITSM, cat.file(b"\n \n\t\r\n", ".jsonl")], 0, r"")
    cat.add("last line without newline", ["classify", "--policy", ITSM,
                                          cat.file(open(TICKETS, "rb").readline().rstrip(b"\n"), ".jsonl")], 0, r"")
    full = ["version"], ["check", ITSM], ["tz", "convert", "2026-03-08T07:30:00Z", "Asia/Kolkata"], \
        ["classify", "--policy", ITSM, TICKETS], ["evaluate", "--policy", ITSM, HISTORIES], \
        ["report", "--policy", AMC, "--from", "2026-03-01", "--to", "2026-04-01", HISTORIES], \
        ["calendar", "intervals", "--policy", SUN, "--calendar", "pune-l2", "2026-03-01T00:00:00Z",
         "2026-04-01T00:00:00Z"]
    for argv in full:
        cat.add(f"11 {argv[0]} to a full disk", argv, 3,
                r"slate: cannot write the output: No space left on device\n", stdout="/dev/full")
        cat.add(f"11 {argv[0]} into head -c 10", argv, 0, r"", stdout="|head")


# ---- command-line values ----------------------------------------------------

def arguments(cat):
    cal = ["--policy", SUN, "--calendar", "pune-l2"]
    cases = [
        ("1 add -2^63 seconds", ["calendar", "add", "2026-03-06T10:00:00Z", "-PT2562047788015215H"] + cal, 3),
        ("add 1,000 years", ["calendar", "add", "2026-03-06T10:00:00Z", "P1000Y"] + cal, 3),
        ("add 1,001 years", ["calendar", "add", "2026-03-06T10:00:00Z", "P1001Y"] + cal, 3),
        ("add to 2400", ["calendar", "add", "2400-12-31T23:00:00Z", "PT100H"] + cal, 3),
        ("instant 1799", ["calendar", "next-open", "1799-12-31T23:59:59Z"] + cal, 3),
        ("instant 2401", ["calendar", "next-open", "2401-01-01T00:00:00Z"] + cal, 3),
        ("instant 2^63 seconds", ["calendar", "next-open", "292277026596-12-04T15:30:08Z"] + cal, 3),
        ("instant -0 offset", ["calendar", "next-open", "2026-03-06T10:00:00-00:00"] + cal, 0),
        ("instant leap second", ["calendar", "next-open", "2016-12-31T23:59:60Z"] + cal, 3),
        ("instant garbage", ["calendar", "next-open", "yesterday"] + cal, 3),
        ("instant with NUL-free junk", ["calendar", "next-open", "2026-03-06T10:00:00Zjunk"] + cal, 3),
        ("between reversed", ["calendar", "between", "2026-03-09T00:00:00Z", "2026-03-02T00:00:00Z"] + cal, 0),
        ("intervals over 600 years", ["calendar", "intervals", "1800-01-01T00:00:00Z",
                                      "2400-12-31T00:00:00Z"] + cal, 0),
        ("duration garbage", ["calendar", "add", "2026-03-06T10:00:00Z", "4 hours"] + cal, 3),
        ("unknown calendar", ["calendar", "add", "2026-03-06T10:00:00Z", "PT1H", "--policy", SUN,
                              "--calendar", "nope"], 3),
        ("tz unknown zone", ["tz", "convert", "2026-03-08T07:30:00Z", "Mars/Base"], 3),
        ("tz zone escape", ["tz", "convert", "2026-03-08T07:30:00Z", "../../../etc/passwd"], 3),
        ("tz zone with a NUL-like name", ["tz", "convert", "2026-03-08T07:30:00Z", "UTC/.."], 3),
        ("tz resolve a gap, reject", ["tz", "resolve", "2026-03-08T02:30", "America/New_York",
                                      "--disambiguation", "reject"], 3),
        ("tz transitions over 600 years", ["tz", "transitions", "Europe/Dublin", "1800-01-01T00:00:00Z",
                                           "2400-12-31T00:00:00Z"], 0),
        ("report of 101 years, clipped to the term", ["report", "--policy", AMC, "--from", "2000-01-01",
                                                      "--to", "2101-01-01", HISTORIES], 0),
        ("report --month 2026-13 (a bad time: input)", ["report", "--policy", AMC, "--month", "2026-13", HISTORIES], 3),
        ("unknown option", ["evaluate", "--policy", ITSM, "--bogus"], 2),
        ("unknown command", ["frobnicate"], 2),
        ("--tz unknown", ["evaluate", "--policy", ITSM, HISTORIES, "--tz", "Mars/Base"], 3),
        ("--at 1799 (a bad time: input, in an option as in an argument)",
         ["evaluate", "--policy", ITSM, HISTORIES, "--at", "1799-01-01T00:00:00Z"], 3),
    ]
    for name, argv, code in cases:
        stderr = r"slate: (.|\n)+" if code else None
        cat.add(f"argument: {name}", argv, code, stderr)


# ---- TZif files ------------------------------------------------------------

def tzif(version=2, times=(), types=((0, 0, 0),), chars=b"UTC\0", footer=b"UTC0", idx=None):
    """A TZif file: times (transition instants), types (offset, is_dst,
    abbreviation index), the abbreviation characters and a footer."""
    idx = list(idx if idx is not None else [0] * len(times))

    def block(width):
        head = b"TZif" + (b"\0" if version == 1 else str(version).encode()) + b"\0" * 15
        head += struct.pack(">6l", 0, 0, 0, len(times), len(types), len(chars))
        body = b"".join(struct.pack(">q" if width == 8 else ">l", t) for t in times)
        body += bytes(idx)
        body += b"".join(struct.pack(">lBB", o, d, a) for o, d, a in types)
        return head + body + chars

    if version == 1:
        return block(4)
    v1 = (b"TZif" + str(version).encode() + b"\0" * 15 + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
          + struct.pack(">lBB", 0, 0, 0) + b"UTC\0")
    return v1 + block(8) + b"\n" + footer + b"\n"


def tzif_files(cat):
    zones = os.path.join(cat.tmp, "zoneinfo")
    os.mkdir(zones)
    good = tzif(times=(1773000000,), types=((3600, 0, 0),), chars=b"CET\0", footer=b"CET-1")
    files = {
        "Good": (good, 0),
        "Empty": (b"", 3),
        "2 transition at INT64_MAX": (tzif(times=(2 ** 63 - 1,), types=((3600, 0, 0),), chars=b"CET\0",
                                           footer=b"CET-1"), 3),
        "2 transition at INT64_MIN": (tzif(times=(-2 ** 63,), types=((3600, 0, 0),), chars=b"CET\0",
                                           footer=b"CET-1"), 3),
        "3 footer offset 167 hours": (tzif(footer=b"<+167>-167"), 3),
        "23 escape in an abbreviation": (tzif(chars=b"E\x1b[2J\0", footer=b"UTC0"), 3),
        "23 invalid UTF-8 abbreviation": (tzif(chars=b"E\xffT\0", footer=b"UTC0"), 3),
        "bad magic": (b"TZxf" + good[4:], 3),
        "type index out of range": (tzif(times=(1773000000,), idx=[5]), 3),
        "abbreviation index past the end": (tzif(types=((0, 0, 9),)), 3),
        "offset -26 hours": (tzif(types=((-26 * 3600, 0, 0),), footer=b"UTC0"), 3),
        "unsorted transitions": (tzif(times=(1773000000, 1772000000), types=((0, 0, 0),)), 3),
        "footer garbage": (tzif(footer=b"<<<"), 3),
        "footer rule day 400": (tzif(footer=b"EST5EDT,J400,M11.1.0"), 3),
    }
    # Truncations of a good file at a few places.
    for cut in (10, 44, 60, len(good) - 3):
        files[f"truncated at {cut}"] = (good[:cut], 3)
    for name, (data, code) in files.items():
        zone = "Z" + re.sub(r"[^A-Za-z0-9]", "_", name)
        with open(os.path.join(zones, zone), "wb") as f:
            f.write(data)
        cat.add(f"tzif: {name}", ["tz", "convert", "2026-03-08T07:30:00Z", zone, "--tzdir", zones], code,
                r"slate: .*\n" if code else r"")
    os.mkfifo(os.path.join(zones, "Fifo"))
    cat.add("21 a FIFO in the zone directory", ["tz", "convert", "2026-03-08T07:30:00Z", "Fifo", "--tzdir", zones],
            3, r"slate: .*not a regular file.*\n")


# ---- money and cost ---------------------------------------------------------

def money_and_cost(cat):
    # 5: a per-hour credit of 10^13 for a ticket late by a year passes INT64_MAX hundredths.
    doc = {"calendars": {"all": "24x7"},
           "slas": [{"id": "amc", "calendar": "all", "targets": [
               {"name": "fix", "durations": {"*": "PT1H"}, "stop_when": {"field": "status", "equals": "resolved"}}]}],
           "contracts": [{"id": "big", "sla": "amc", "timezone": "UTC", "fee": {"monthly": 1000, "currency": "EUR"},
                          "credits": [{"id": "hourly", "target": "fix", "per_hour_late": 10 ** 13}]}]}
    policy = cat.file(policy_text(doc))
    line = json.dumps({"id": "T1", "events": [
        {"at": "2026-03-01T00:00:00Z", "fields": {"status": "open"}},
        {"at": "2027-04-01T00:00:00Z", "fields": {"status": "resolved"}}]}).encode()
    tickets = cat.file(line + b"\n", ".jsonl")
    cat.add("report of 1,201 months", ["report", "--policy", policy, "--from", "1900-01-01", "--to", "2001-01-02",
                                       tickets], 3, r"slate: .*at most 1200 months.*\n")
    cat.add("5 credits past INT64_MAX", ["report", "--policy", policy, "--from", "2026-03-01", "--to", "2027-05-01",
                                         tickets], 3, r"slate: .*credit clause \"hourly\" asks more than .*\n")
    # 15: one ticket under 100,000 firings.
    policy = cat.file(policy_text(firing_policy(10)))
    line = json.dumps({"id": "T", "events": [{"at": "2026-03-02T00:00:00Z"}, {"at": "2026-03-02T11:00:00Z"}]})
    cat.add("15 100,000 firings on one ticket", ["evaluate", "--policy", policy, cat.file(line + "\n", ".jsonl")],
            0, r"")
    # 16: 300 calendars that took 1.8 GB compiled for six centuries at load
    # now load with their rules only; six centuries of one of them (the 300
    # share one core) are compiled by the query that asks for them.
    leap = [(m, d) for m, days in enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1)
            for d in range(1, days + 1)]
    heavy = {"timezone": "Europe/Warsaw", "weekly": OFFICE["weekly"],
             "closed": [{"yearly": f"{m:02d}-{d:02d}"} for m, d in leap[::2]]}  # every other day
    doc = {"calendars": {f"h{i}": heavy for i in range(300)}}
    policy = cat.file(policy_text(doc))
    cat.add("16 300 heavy calendars", ["check", policy], 0, r"")
    cat.add("16 six centuries of a heavy calendar", ["calendar", "between", "1800-01-01T00:00:00Z",
            "2400-12-31T00:00:00Z", "--policy", policy, "--calendar", "h7"], 0, r"")
    # 18: 80,000 distinct condition fields load.
    rules = [{"id": f"r{r}", "when": {"any": [{"field": f"f{r * 8 + k}", "equals": "x"} for k in range(8)]},
              "set": {"priority": "P1"}} for r in range(10000)]
    doc = {"priorities": {"levels": ["P1", "P3"], "default": "P3", "rules": rules}}
    policy = cat.file(policy_text(doc))
    cat.add("18 80,000 condition fields", ["classify", "--policy", policy, TICKETS], 0, r"")
    # 13: an explanation cut in a character stays valid UTF-8 (checked below by the stdout test).
    doc = {"priorities": {"levels": ["P1", "P3"], "default": "P3", "rules": [
        {"id": "r", "when": {"field": "title", "equals": "x"}, "set": {"priority": "P1"}}]}}
    policy = cat.file(policy_text(doc))
    tickets = cat.file(json.dumps({"title": "a" + "\u00e9" * 40}, ensure_ascii=False).encode() + b"\n", ".jsonl")
    cat.add("13 explanation cut in a character", ["classify", "--policy", policy, tickets, "--explain"], 0, r"",
            stdout="utf-8")
    # 12: an error under a key written with escapes is placed exactly.
    text = b'{"calendars": {"\\u006ff\\u0066ice": {\n  "timezone": "Nowhere/Zone", "weekly": {}}}}'
    cat.add("12 error under an escaped key", ["check", cat.file(text)], 3, r"slate: .*:2:15: unknown time zone.*\n")


FAMILIES = (json_texts, policy_values, ticket_lines, streams, arguments, tzif_files, money_and_cost)


def sanitized(slate):
    """Whether the command was built with a sanitizer (which reserves more
    address space than any limit worth setting)."""
    try:
        out = subprocess.run(["ldd", slate], capture_output=True, text=True).stdout
    except OSError:
        out = ""
    with open(slate, "rb") as f:
        binary = f.read()
    return "libasan" in out or "libtsan" in out or b"__asan_init" in binary or b"__tsan_init" in binary


def limit(memory):
    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_case(slate, case, memory, wrap=()):
    """Runs a case; returns a list of what went wrong (empty: passed)."""
    stdout = subprocess.DEVNULL
    full = None
    if case.stdout == "/dev/full":
        full = open("/dev/full", "wb")
        stdout = full
    elif case.stdout in ("|head", "utf-8"):
        stdout = subprocess.PIPE
    started = time.monotonic()
    proc = subprocess.Popen([*wrap, slate, *case.argv], stdin=subprocess.PIPE, stdout=stdout, stderr=subprocess.PIPE,
                            preexec_fn=limit(memory))
    problems = []
    try:
        if case.stdout == "|head":
            proc.stdin.close()
            proc.stdout.read(10)
            proc.stdout.close()  # the reader goes away
            err = proc.stderr.read()
            proc.wait(timeout=WALL_SECONDS)
            out = b""
        else:
            out, err = proc.communicate(case.stdin, timeout=WALL_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return [f"no answer within {WALL_SECONDS} s"]
    finally:
        if full is not None:
            full.close()
    elapsed = time.monotonic() - started
    text = err.decode("utf-8", "replace")
    if proc.returncode < 0:
        problems.append(f"killed by signal {-proc.returncode}")
    elif proc.returncode != case.code:
        problems.append(f"exit {proc.returncode}, expected {case.code}")
    for sign in SANITIZER_SIGNS:
        if sign in text:
            problems.append(f"sanitizer: {sign}")
    if case.stderr is not None and not re.fullmatch(case.stderr, text):
        problems.append(f"stderr {text[:300]!r} does not match {case.stderr!r}")
    if case.code == 3 and not text.startswith("slate: "):
        problems.append("an input error without a message")
    if case.stdout == "utf-8":
        try:
            out.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"output is not UTF-8: {e}")
    return problems, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slate")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--match", default="", help="run the cases whose name matches this")
    parser.add_argument("--skip", default="", help="leave out the cases whose name matches this")
    parser.add_argument("--wrap", default="", help="a command to run each case under")
    args = parser.parse_args()
    slate = shutil.which(args.slate) or args.slate
    wrap = shlex.split(args.wrap)
    memory = not sanitized(slate) and not wrap
    tmp = tempfile.mkdtemp(prefix="slate-adversarial-")
    try:
        cat = Catalogue(tmp)
        for family in FAMILIES:
            family(cat)
        cases = [c for c in cat.cases if re.search(args.match, c.name)
                 and not (args.skip and re.search(args.skip, c.name))]
        if args.list:
            print("\n".join(c.name for c in cases))
            print(f"{len(cases)} cases")
            return 0
        failed = 0
        for case in cases:
            result = run_case(slate, case, memory, wrap)
            problems, elapsed = result if isinstance(result, tuple) else (result, WALL_SECONDS)
            if problems:
                failed += 1
                print(f"FAIL {case.name}: " + "; ".join(problems))
            else:
                print(f"ok   {case.name} ({elapsed:.2f} s)")
        limits = f"{CPU_SECONDS} s of CPU" + (f", {MEMORY_BYTES >> 30} GiB of memory" if memory else "")
        print(f"{len(cases) - failed} of {len(cases)} hostile inputs answered cleanly ({limits} each)")
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
