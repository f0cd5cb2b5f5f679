"""Calendars at the scale of multi-tenant products (issue 17): many tenant
policies in one process, policies of many calendars, and what a calendar
holds after use. Used by compare.py; runs alone too:

    python3 tools/bench/tenants.py [BUILD_DIR]

The "before" column is the same harness run on commit 2c802a4, the last
that compiled every calendar for 1800-2400 at load (see BEFORE below).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scaling  # noqa: E402

ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata", "Europe/Warsaw", "Australia/Sydney"]

# Measured with this harness on commit 2c802a4 (Release, the same machine),
# where every calendar was compiled for six centuries at load. 10,000
# tenants were not run there (2.4 ms and 390 KiB each: about 24 s and
# 3.9 GB); 100,000 calendars were past its limit of 1,000.
BEFORE = {
    "load_one_us": "2,160 us",
    "cold_query_us": "0.4 us (compiled at load)",
    "year_kib": "378 KiB",
    "load 1000": "2.40 s, 390 MiB",
    "same 1000": "2.46 s, 394 MiB",
    "policy_check": "873 ms, 154 MiB",
    "policy_add": "826 ms, 154 MiB",
}


def tenants(build, mode, n=None):
    argv = [os.path.join(build, "tools", "bench", "bench_tenants"), mode] + ([str(n)] if n else [])
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in (line.split() for line in out.splitlines())}


def customer_calendars(count, with_unions, holidays=10):
    """A vendor's policy: one calendar per customer, `holidays` of them
    (half dated, half yearly) each, in five zones; with_unions adds a union
    of every ten."""
    cals = {}
    for i in range(count):
        closed = [{"yearly": f"{1 + (i + k) % 12:02d}-{1 + (i * 5 + k) % 28:02d}"} for k in range((holidays + 1) // 2)]
        closed += [{"date": f"2026-{1 + (i + k) % 12:02d}-{1 + (i * 7 + k * 3) % 28:02d}"} for k in range(holidays // 2)]
        cals[f"c{i}"] = {"timezone": ZONES[i % 5],
                                 "weekly": {d: ["08:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
                                 "closed": closed}
    if with_unions:
        for u in range(count // 10):
            cals[f"region-{u}"] = {"union": [f"c{u * 10 + k}" for k in range(10)]}
    return {"calendars": cals}


def policy_runs(build, tmp, count, with_unions=False, holidays=10):
    path = os.path.join(tmp, f"customers-{count}.json")
    with open(path, "w") as f:
        json.dump(customer_calendars(count, with_unions, holidays), f, separators=(",", ":"))
    slate = os.path.join(build, "slate")
    check = scaling.median_run([slate, "check", path])
    add = scaling.median_run([slate, "calendar", "add", "2026-11-24T10:00:00Z", "PT40H", "--policy", path,
                              "--calendar", "c7"])
    return check, add


def fmt_time(seconds):
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1e3:,.0f} ms"


def fmt_run(r):
    return f"{fmt_time(r[0])}, {r[1] / 1024:.0f} MiB"


def section(build):
    one = tenants(build, "one", 2000)
    cold = tenants(build, "cold", 500)
    year = tenants(build, "year")
    many = tenants(build, "load", 10000)
    same = tenants(build, "same", 10000)
    thousand = tenants(build, "load", 1000)
    with tempfile.TemporaryDirectory() as tmp:
        check, add = policy_runs(build, tmp, 1000)
        ucheck, uadd = policy_runs(build, tmp, 1000, with_unions=True)
        # 100,000 such calendars: 37 MiB and 3.4 million values of the 64 MiB and 4 million allowed.
        big_check, big_add = policy_runs(build, tmp, 100000)
    rows = [
        ("load one tenant policy", "<= 100 us", BEFORE["load_one_us"], f"{one['load_one_us']:.0f} us"),
        ("held by its calendar after a year of queries", "<= 16 KiB", BEFORE["year_kib"],
         f"{year['year_kib']:.1f} KiB ({year['loaded_kib']:.1f} KiB after load)"),
        ("first query into a cold window", "<= 50 us", BEFORE["cold_query_us"], f"{cold['cold_query_us']:.1f} us"),
        ("1,000 tenant policies: load, peak", "", BEFORE["load 1000"],
         f"{fmt_time(thousand['load_ms'] / 1e3)}, {thousand['peak_mib']:.0f} MiB"),
        ("10,000 tenant policies: load, peak", "<= 1 s, <= 200 MiB", "about 24 s, 3.9 GB (not run)",
         f"{fmt_time(many['load_ms'] / 1e3)}, {many['peak_mib']:.0f} MiB"),
        ("10,000 identical tenants (one shared core)", "", BEFORE["same 1000"] + " for 1,000",
         f"{fmt_time(same['load_ms'] / 1e3)}, {same['peak_mib']:.0f} MiB"),
        ("`slate check`, 1,000 customer calendars", "", BEFORE["policy_check"], fmt_run(check)),
        ("`slate calendar add`, 1,000 customer calendars", "<= 50 ms", BEFORE["policy_add"], fmt_run(add)),
        ("the same with 100 unions of ten", "", "over the limit (1,100 calendars)",
         f"check {fmt_run(ucheck)}; add {fmt_run(uadd)}"),
        ("`slate check`, 100,000 customer calendars", "", "over the limit (1,000)", fmt_run(big_check)),
        ("`slate calendar add`, 100,000 customer calendars", "", "over the limit (1,000)", fmt_run(big_add)),
    ]
    text = ["## Calendars at scale", "",
            "A tenant policy is an office calendar in one of five DST zones (US federal holidays and a",
            "company day off: 11 rules) and an SLA with two targets; distinct tenants differ in the day",
            "off and Friday's hours. Tenants load into one database (tools/bench/bench_tenants.c);",
            "peak is the process's resident memory. The customer policies hold one calendar per",
            "customer, 10 holidays each, in five zones (tools/bench/tenants.py); their times are the",
            "whole command, median of three. \"Before\" is the same harness on commit 2c802a4, which",
            "compiled every calendar for 1800-2400 at load.", "",
            "| figure | target | before | now |", "|---|---|---:|---:|",
            *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]]
    figures = {"load_one_us": one["load_one_us"], "year_kib": year["year_kib"],
               "cold_us": cold["cold_query_us"], "many_s": many["load_ms"] / 1e3, "many_mib": many["peak_mib"],
               "add_ms": add[0] * 1e3}
    return "\n".join(text), figures


if __name__ == "__main__":
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    print(section(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build-bench"))[0])
