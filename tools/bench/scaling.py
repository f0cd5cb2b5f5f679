#!/usr/bin/env python3
"""How the slate command's cost grows with hostile input (issue 16, items
15-19 and 24): each input kind at three sizes, each size doubling or more,
with the wall time (median of three runs) and the peak resident memory.
Growth is linear when time grows no faster than the size (n log n allows a
little more); memory for streamed input should not grow at all.

    scaling.py SLATE            prints the Markdown section
Used by compare.py for docs/benchmarks.md.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
ITSM = os.path.join(ROOT, "examples", "policies", "itsm-desk.json")
WEEKDAYS = {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
LEAP_DAYS = [(m, d) for m, days in enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1)
             for d in range(1, days + 1)]


def measure(argv):
    """Wall seconds and peak KiB of one run (output to /dev/null), taken by
    bench_peak beside the command: a child of this interpreter would count
    the interpreter's pages in its peak."""
    peak = os.path.join(os.path.dirname(os.path.abspath(argv[0])), "tools", "bench", "bench_peak")
    out = subprocess.run([peak, *argv], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def median_run(argv):
    runs = [measure(argv) for _ in range(3)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def heavy_calendar(shift=0):
    """A calendar closed every other day of the year (183 yearly rules):
    about 4.5 MiB compiled over the six supported centuries."""
    return {"timezone": "Europe/Warsaw", "weekly": WEEKDAYS,
            "closed": [{"yearly": f"{m:02d}-{d:02d}"} for m, d in LEAP_DAYS[shift % 2::2]]}


def firings_policy(chains):
    steps = [{"id": f"s{j}", "at": {"elapsed": f"PT{j + 1}H"}, "measure": "wall",
              "repeat": {"every": "PT1S", "times": 999}} for j in range(10)]
    return {"calendars": {"all": "24x7"},
            "slas": [{"id": "s", "calendar": "all", "targets": [{"name": "fix", "durations": {"*": "PT1000H"}}]}],
            "escalations": [{"id": f"c{i}", "sla": "s", "target": "fix", "steps": steps} for i in range(chains)]}


def fields_policy(fields):
    rules = [{"id": f"r{r}", "when": {"any": [{"field": f"f{r * 8 + k}", "equals": "x"} for k in range(8)]},
              "set": {"priority": "P1"}} for r in range(fields // 8)]
    return {"priorities": {"levels": ["P1", "P3"], "default": "P3", "rules": rules}}


def cases(slate, tmp):
    """(item, what, unit, [(size, argv)]) for each input kind."""
    history = json.dumps({"id": "T", "events": [{"at": "2026-03-02T00:00:00Z"}, {"at": "2026-03-02T11:00:00Z"}]})
    one_ticket = write(tmp, "one.jsonl", history + "\n")
    out = []
    sizes = []
    for chains in (2, 5, 10):
        policy = write(tmp, f"firings{chains}.json", json.dumps(firings_policy(chains)))
        sizes.append((chains * 10000, [slate, "evaluate", "--policy", policy, one_ticket]))
    out.append(("15", "escalation firings on one ticket", "firings", sizes))
    sizes = []
    for count in (25, 50, 100):
        policy = write(tmp, f"calendars{count}.json",
                       json.dumps({"calendars": {f"h{i}": heavy_calendar(i) for i in range(count)}}))
        sizes.append((count, [slate, "check", policy]))
    out.append(("16", "calendars closed every other day (`check`)", "calendars", sizes))
    sizes = []
    for members in (16, 32, 64):
        policy = write(tmp, f"union{members}.json", json.dumps(
            {"calendars": {"h": heavy_calendar(), "u": {"union": ["h"] * members}}}))
        sizes.append((members, [slate, "check", policy]))
    out.append(("17", "union members, one heavy calendar (`check`)", "members", sizes))
    tickets = write(tmp, "tickets.jsonl", "".join(
        json.dumps({f"f{i * 7 + k}": "x" for k in range(10)}) + "\n" for i in range(10000)))
    sizes = []
    for fields in (20000, 40000, 80000):
        policy = write(tmp, f"fields{fields}.json", json.dumps(fields_policy(fields)))
        sizes.append((fields, [slate, "classify", "--policy", policy, tickets]))
    out.append(("18", "distinct condition fields (`classify`, 10,000 tickets)", "fields", sizes))
    wide = json.dumps({f"k{i}": None for i in range(4000)}) + "\n"
    sizes = []
    for count in (250, 500, 1000):
        path = write(tmp, f"wide{count}.jsonl", wide * count)
        sizes.append((count, [slate, "classify", "--policy", ITSM, path]))
    out.append(("19", "tickets of 4,000 null members (`classify`)", "tickets", sizes))
    events = [{"at": "2026-03-06T01:00:00Z", "kind": "created", "fields": {"status": "new"}}]
    events += [{"at": "2026-03-06T02:00:00Z", "kind": "note", "fields": {"n": str(i)}} for i in range(40000)]
    line = json.dumps({"id": "long", "events": events}) + "\n"  # about 3 MB
    sizes = []
    for count in (10, 20, 40):
        path = write(tmp, f"long{count}.jsonl", line * count)
        sizes.append((count, [slate, "evaluate", "--policy", ITSM, path]))
    out.append(("24", "lines of 3 MB (`evaluate`)", "lines", sizes))
    return out


def growth(sizes, results):
    """Time growth over size growth, smallest to largest: 1.0 is linear."""
    size_ratio = sizes[-1] / sizes[0]
    time_ratio = results[-1][0] / max(results[0][0], 1e-6)
    return time_ratio / size_ratio


def section(slate):
    with tempfile.TemporaryDirectory(prefix="slate-scaling-") as tmp:
        rows = []
        worst = 0.0
        for item, what, unit, sizes in cases(slate, tmp):
            results = [median_run(argv) for _, argv in sizes]
            ratio = growth([s for s, _ in sizes], results)
            worst = max(worst, ratio)
            cells = " | ".join(f"{s:,} {unit}: {t:.2f} s, {m / 1024:.0f} MiB" for (s, _), (t, m, _) in
                               zip(sizes, results))
            rows.append(f"| {item} | {what} | {cells} | {ratio:.2f} |")
        lines = [
            "## Scaling with hostile input", "",
            "Issue 16's costly inputs at three sizes, through the `slate` command: wall time (median",
            "of three runs) and peak resident memory. The last column is how much faster time grew",
            "than the input from the smallest size to the largest: 1.00 is linear, and anything",
            "below about 1.3 is linear or n log n; the quadratic costs these replaced were 2 and",
            "more. Loading is included in every figure.", "",
            "| item | input | small | medium | large | growth / linear |",
            "|---|---|---|---|---|---:|",
            *rows, "",
            f"Worst growth: {worst:.2f}.",
        ]
        return "\n".join(lines), worst


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    text, _ = section(sys.argv[1])
    print(text)


if __name__ == "__main__":
    main()
