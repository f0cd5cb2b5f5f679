#!/usr/bin/env python3
"""Runs slate's benchmarks and the peers' on the same work and writes
docs/benchmarks.md: ns per operation, operations per second, peak memory,
and the ratio to each peer computed in the same run.

    tools/bench/compare.py [--tickets N]     (tools/bench/run.sh builds first)

Peers that are not installed are skipped with a note; tools/bench/run.sh
--install-peers installs them (Debian packages and npm).
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scaling  # noqa: E402
import ics  # noqa: E402
import postgresql  # noqa: E402
import tenants  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(ROOT, "build-bench")
BENCH = os.path.join(BUILD, "tools", "bench")
POLICIES = os.path.join(ROOT, "examples", "policies")
PEERS = os.path.join(ROOT, "tools", "bench", "peers")
NY = {"TZ": "America/New_York"}


def run(cmd, env=None, check=True):
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env)
    if check and proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr}")
    return proc


def rows(text):
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def per_second(ns):
    rate = 1e9 / ns
    return f"{rate / 1e6:.2f} M" if rate >= 1e6 else f"{rate / 1e3:.1f} k" if rate >= 1e3 else f"{rate:.1f}"


def fmt_ns(ns):
    return f"{ns:,.0f}" if ns >= 10 else f"{ns:.1f}"


# ---- time zones ----

def tz_section(notes):
    results = {}
    for peer in ["slate", "cctz", "icu", "date", "glibc-batch", "glibc"]:
        proc = run([os.path.join(BENCH, "bench_tz"), "--peer", peer], check=False)
        if proc.returncode == 2:
            notes.append(f"time zones: {peer} is not built in (install its Debian package and rebuild)")
            continue
        if proc.returncode != 0:
            sys.exit(f"bench_tz --peer {peer} failed:\n{proc.stderr}")
        for op, name, ns, checksum, kib in rows(proc.stdout):
            results[(op, name)] = (float(ns), checksum, int(kib))
    labels = {"lookup": "instant -> offset and civil fields", "civil": "civil fields -> instant"}
    names = {"slate": "slate", "cctz": "Google cctz", "icu": "ICU (BasicTimeZone)", "date": "Howard Hinnant date",
             "glibc-batch": "glibc localtime_r / mktime, TZ set once per zone",
             "glibc": "glibc localtime_r / mktime, TZ switched per call"}
    out = ["| workload | library | ns per op | ops per second | peak memory | slate / peer | answers |",
           "|---|---|---:|---:|---:|---:|---|"]
    ratios = {}
    for op in ["lookup", "civil"]:
        base = results.get((op, "slate"))
        for peer in names:
            if (op, peer) not in results:
                continue
            ns, checksum, kib = results[(op, peer)]
            ratio = base[0] / ns
            ratios[(op, peer)] = ratio
            same = "reference" if peer == "slate" else ("same as slate" if checksum == base[1] else "differ (see notes)")
            shown = f"{ratio:.2f}" if ratio >= 0.1 else f"{ratio:.2g}"
            out.append(f"| {labels[op]} | {names[peer]} | {fmt_ns(ns)} | {per_second(ns)} | {kib / 1024:.1f} MiB | "
                       f"{shown} | {same} |")
            if checksum != base[1] and peer == "icu" and not any(n.startswith("ICU") for n in notes):
                notes.append("ICU answers from the copy of the tz database it bundles (ICU 72 ships tzdata 2022e, "
                             "which predates later rule changes such as Greenland's (America/Nuuk, 2023); "
                             "slate, cctz, date and glibc read the system's files and agree.")
    return "\n".join(out), ratios


# ---- calendars ----

def slate_calendar_table():
    """bench_calendar's two tables (business time, then business days), and
    per (operation, span) the New York calendar's ns in each."""
    text = run([os.path.join(BENCH, "bench_calendar"), POLICIES]).stdout
    tables = text.strip().split("\n\n")
    ny, days = {}, {}
    for table, into, ops in ((tables[0], ny, ("add", "between")), (tables[-1], days, ("add-days", "days"))):
        for line in table.splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) == 4 and cells[0].startswith("NY") and cells[2].isdigit():
                into[(ops[0], cells[1])] = float(cells[2])
                into[(ops[1], cells[1])] = float(cells[3])
    return text.strip(), ny, days


def peer_rows(workload, notes):
    found = []
    if shutil.which("perl") and run(["perl", "-MBusiness::Hours", "-e1"], check=False).returncode == 0:
        found += rows(run(["perl", os.path.join(PEERS, "business_hours.pl"), workload, "3"], env=NY).stdout)
    else:
        notes.append("calendars: Perl's Business::Hours is not installed (apt-get install libbusiness-hours-perl)")
    if shutil.which("node") and os.path.isdir(os.path.join(PEERS, "node_modules")):
        for peer in ["moment", "luxon"]:
            found += rows(run(["node", os.path.join(PEERS, "business_time.js"), peer, workload, "3"], env=NY).stdout)
    else:
        notes.append("calendars: the npm peers are not installed (tools/bench/run.sh --install-peers)")
    return found


def calendar_section(notes):
    table, ny, days = slate_calendar_table()
    with tempfile.TemporaryDirectory() as tmp:
        workload = os.path.join(tmp, "workload.json")
        run([os.path.join(BENCH, "bench_calendar"), "--emit", workload, POLICIES])
        peers = peer_rows(workload, notes)
    out = ["| operation | span | library | ns per op | ops per second | peer / slate | answers agree | note |",
           "|---|---|---|---:|---:|---:|---|---|"]
    ratios = {}
    for op, peer, span, ns, agree, note, kib in peers:
        slate_ns = ny.get((op, span))
        ns = float(ns)
        ratio = ns / slate_ns if slate_ns else float("nan")
        ratios[(op, span, peer)] = (ratio, note)
        if "returned -1" in note:
            out.append(f"| {op} | {span} | {peer} | cannot | | | {agree} | {note} |")
            continue
        out.append(f"| {op} | {span} | {peer} | {fmt_ns(ns)} | {per_second(ns)} | {ratio:,.0f} | {agree} | "
                   f"{note}{'; ' if note else ''}peak {int(kib) / 1024:.0f} MiB |")
    return table, "\n".join(out), ny, ratios, days


# ---- classification, replay, evaluate ----

def throughput_section(tickets, notes):
    lines = []
    classify = run([os.path.join(BENCH, "bench_classify")]).stdout.strip().splitlines()
    lines += classify
    replay_chains = run([os.path.join(BENCH, "bench_replay"), POLICIES]).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(POLICIES, "itsm-desk.json")) as f:
            policy = json.load(f)
        policy.pop("escalations", None)
        with open(os.path.join(tmp, "itsm-desk.json"), "w") as f:
            json.dump(policy, f)
        replay_plain = run([os.path.join(BENCH, "bench_replay"), tmp]).stdout.strip()
        following_policy(policy)
        with open(os.path.join(tmp, "itsm-desk.json"), "w") as f:
            json.dump(policy, f)
        replay_following = run([os.path.join(BENCH, "bench_replay"), "--following", tmp]).stdout.strip()
    lines.append(replay_plain.replace("classified priority", "classified priority, no escalation chains"))
    lines.append(replay_chains.replace("classified priority", "classified priority, 2 escalation chains (6 steps)"))
    lines.append(replay_following.replace(
        "classified priority", "classified priority, no chains, following the ticket (zone of 4, team switch, "
        "field goal, start_from, resume_when, not applicable, a by-16:00 deadline)"))
    evaluate = evaluate_run(tickets)
    lines.append(evaluate[0])
    return "\n".join(lines), classify, replay_plain, replay_chains, evaluate


def following_policy(policy):
    """The ITSM policy with every rule that follows the ticket (sla.md)."""
    week = {d: ["09:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
    policy["calendars"]["desk-pune"] = {"timezone": "Asia/Kolkata", "weekly": week}
    incident = policy["slas"][0]
    incident["calendar"] = {"field": "assignment_group", "map": {"L1": "desk", "L2": "desk-pune"}, "default": "desk"}
    incident["timezone"] = {"field": "requester.timezone", "default": "Europe/Warsaw", "unknown": "default"}
    incident["on_not_applicable"] = "cancel"
    response, resolution = incident["targets"]
    response["durations"] = {"P1": "PT15M", "P2": {"field": "agreed_response", "default": "PT30M"},
                             "*": {"by": "16:00", "business_days": 1}}
    response["start_from"] = "opened_at"
    resolution["resume_when"] = {"field": "event", "equals": "requester_comment"}


def evaluate_run(count):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "tickets.jsonl")
        with open(path, "w") as f:
            subprocess.run([sys.executable, os.path.join(ROOT, "tools", "bench", "gen_tickets.py"), str(count)],
                           stdout=f, check=True)
        size = os.path.getsize(path)
        # A fresh interpreter runs slate, so that its children's peak is slate's alone.
        measure = ("import resource, subprocess, sys, time\n"
                   "t0 = time.monotonic()\n"
                   "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
                   "print(time.monotonic() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
        out = run([sys.executable, "-c", measure, os.path.join(BUILD, "slate"), "evaluate", "--policy",
                   os.path.join(POLICIES, "itsm-desk.json"), path]).stdout.split()
        elapsed, peak = float(out[0]), int(out[1])
    rate = count / elapsed
    row = (f"| `slate evaluate`, {count:,} generated histories of 8 events ({size / 2**20:.0f} MiB of JSON Lines), "
           f"end to end | {elapsed / count * 1e9:,.0f} ns | {rate / 1e3:.0f} thousand/s, peak {peak / 1024:.1f} MiB |")
    return row, rate, peak / 1024


def number_per_second(row):
    cell = row.split("|")[-2].strip()
    value = float(cell.split()[0])
    return value * (1e6 if "million" in cell else 1e3)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cc = run(["cc", "--version"]).stdout.splitlines()[0]
    return (f"Machine: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}, "
            f"{cc}, Release build (-O3). One thread unless said.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000000)
    args = parser.parse_args()
    notes = []
    tz_table, tz_ratios = tz_section(notes)
    cal_table, peer_table, ny, cal_ratios, days = calendar_section(notes)
    through, classify, plain, chains, evaluate = throughput_section(args.tickets, notes)
    scaling_text, scaling_worst = scaling.section(os.path.join(BUILD, "slate"))
    tenants_text, tf = tenants.section(BUILD)
    pg_text, pg = postgresql.section(BUILD, args.tickets)
    ics_text, _ = ics.section(BUILD)
    spans = [k[1] for k in ny if k[0] == "add"]
    worst = max(ny.values())
    five, one = ny.get(("add", "5 years"), 0), ny.get(("add", "1 hour"), 1)
    thirty = {p: r for (op, span, p), (r, note) in cal_ratios.items() if span == "30 business days" and op == "add"
              and "returned -1" not in note}
    targets = [
        ("zone lookup faster than cctz (ratio below 1.0, aim 0.5)",
         f"{tz_ratios.get(('lookup', 'cctz'), float('nan')):.2f}"),
        ("civil -> instant faster than cctz", f"{tz_ratios.get(('civil', 'cctz'), float('nan')):.2f}"),
        ("calendar add and between under 100 ns at every span, warm (aim 60)",
         f"worst {worst:.0f} ns over {len(spans)} spans"),
        ("business-day add and count at every span from 1 day to 5 years, against add/between",
         f"count {min(v for (op, _), v in days.items() if op == 'days'):.0f}-"
         f"{max(v for (op, _), v in days.items() if op == 'days'):.0f} ns, add-days "
         f"{min(v for (op, _), v in days.items() if op == 'add-days'):.0f}-"
         f"{max(v for (op, _), v in days.items() if op == 'add-days'):.0f} ns"),
        ("first query into a cold calendar window <= 50 us", f"{tf['cold_us']:.1f} us"),
        ("one tenant policy: load <= 100 us, <= 16 KiB held after a year of queries",
         f"{tf['load_one_us']:.0f} us, {tf['year_kib']:.1f} KiB"),
        ("10,000 tenant policies: load <= 1 s, peak <= 200 MiB", f"{tf['many_s']:.2f} s, {tf['many_mib']:.0f} MiB"),
        ("`slate calendar add` on one calendar of a 1,000-calendar policy <= 50 ms", f"{tf['add_ms']:.0f} ms"),
        ("5-year span within 3x of the 1-hour span", f"{five / one:.2f}x"),
        ("at least 10,000x faster than the peers at 30 business days (add)",
         ", ".join(f"{p} {r:,.0f}x" for p, r in sorted(thirty.items())) or "no peer ran"),
        ("classification >= 1,000,000 per second", ", ".join(f"{number_per_second(r) / 1e6:.2f} M/s" for r in classify)),
        ("SLA replay >= 500,000 tickets per second",
         f"{number_per_second(plain) / 1e3:.0f} k/s without chains, {number_per_second(chains) / 1e3:.0f} k/s with"),
        ("`slate evaluate` >= 200,000 tickets per second, peak under 50 MiB",
         f"{evaluate[1] / 1e3:.0f} k/s, {evaluate[2]:.1f} MiB"),
        ("hostile input costs linear or n log n time (issue 16, items 15-19 and 24)",
         f"worst growth {scaling_worst:.2f} of linear"),
        *postgresql.targets(pg),
    ]
    doc = [
        "# Benchmarks", "",
        f"Regenerated by `tools/bench/run.sh` on {time.strftime('%Y-%m-%d', time.gmtime())}.",
        machine(), "",
        "Every figure below comes from one run of the script: slate and the peers on the same",
        "inputs, ratios computed from that run. Timings are medians of five runs after a warm-up",
        "(slow peers: as many calls as fit in three seconds). \"Answers\" compares each peer's",
        "results with slate's on the same inputs.", "",
        "## Targets", "", "| target | measured |", "|---|---|",
        *[f"| {t} | {m} |" for t, m in targets], "",
        "## Time zones", "",
        "200,000 random instants from 1970 to 2037 in 20 zones (New York, Dublin, Lord Howe, Apia,",
        "Casablanca, Kathmandu, Chatham, St John's, Kolkata, Manila, Warsaw, Sao Paulo, Troll, Nuuk,",
        "Tehran, Adelaide, London, Los Angeles, Tokyo, Auckland), each library in its own process.",
        "Civil -> instant uses each instant's local time; answers are compared on the local times",
        "that occur once. `slate / peer` below 1 means slate is faster.", "",
        tz_table, "",
        "## Calendar arithmetic: slate", "",
        "Median of 5 runs of 400,000 calls from random starts in 2026-2029. The span is business",
        "time added; between measures the same spans back. The second table does the same with",
        "business days: add-days is slate_calendar_add_business_days (a wall-clock reading, the",
        "day step, a wall-clock conversion and next_open), days counts them back.", "",
        cal_table, "",
        "## Calendar arithmetic: the peers", "",
        "The same New York calendar (Monday to Friday 09:00-17:00, US federal holidays, observed)",
        "and 64 start instants per span, given to each peer with `TZ=America/New_York`.",
        "`peer / slate` is how many times longer the peer takes than slate at that span.",
        "Conventions differ at the edges, and the agreement column allows for them:",
        "Business::Hours counts [start, end] with both ends and answers an add with a business",
        "second (next morning's 09:00:00 where slate answers 17:00); luxon-business-days adds whole",
        "days only, so it is compared on starts inside working hours.", "",
        peer_table, "",
        "## Throughput", "",
        "Classification: 50 rules (10 regular expressions), 12 fields. Replay: one clock, 300,000",
        "tickets of 8 events against the ITSM example policy (3 SLA targets, priority classified),",
        "with and without its escalation chains. `slate evaluate`: the ITSM policy over generated",
        "histories (tools/bench/gen_tickets.py), output to /dev/null, replayed on one worker thread",
        "per core (the others are one thread); peak is the process's resident memory.", "",
        "| workload | per item | throughput |", "|---|---:|---:|",
        through, "",
        tenants_text, "",
        ics_text, "",
        pg_text, "",
        scaling_text, "",
    ]
    if notes:
        doc += ["## Notes", "", *[f"- {n}" for n in notes], ""]
    with open(os.path.join(ROOT, "docs", "benchmarks.md"), "w") as f:
        f.write("\n".join(doc))
    print("\n".join(doc))


if __name__ == "__main__":
    main()
