#!/usr/bin/env python3
"""Differential test: every zone of a tz directory, slate against Python's
zoneinfo reading the same files.

For each zone it compares the UTC offset, abbreviation and civil fields at
seeded random instants from 1900 to 2100 and one second either side of every
transition, then local-to-UTC conversion under all four disambiguations at
wall times around every transition. Prints a summary and the first
differences; exits 1 if there are any.

Usage: tz_differential.py [--dir /usr/share/zoneinfo] [--samples N] [--zones REGEX]
"""
import argparse
import datetime
import os
import random
import re
import sys
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import slate  # noqa: E402

T1900 = -2208988800
T2100 = 4102444800
SKIP_DIRS = {"right", "posix"}


def zone_names(root):
    for base, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not (base == root and d in SKIP_DIRS))
        for f in sorted(files):
            path = os.path.join(base, f)
            with open(path, "rb") as fh:
                if fh.read(4) != b"TZif":
                    continue
            yield os.path.relpath(path, root)


def civil_tuple(dt):
    return (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)


def compare_instant(name, zone, pz, t, diffs):
    dt = datetime.datetime.fromtimestamp(t, pz)
    expected = (int(dt.utcoffset().total_seconds()), dt.tzname(), civil_tuple(dt))
    info = zone.lookup(t)
    got = (info.utc_offset, info.abbr, tuple(zone.to_civil(t)))
    if got != expected:
        diffs.append(f"{name} at {t}: slate {got} zoneinfo {expected}")


def python_resolve(pz, fields):
    """(kind, earlier_answer, later_answer) from zoneinfo's fold semantics."""
    d0 = datetime.datetime(*fields, tzinfo=pz, fold=0)
    d1 = datetime.datetime(*fields, tzinfo=pz, fold=1)
    u0, u1 = int(d0.timestamp()), int(d1.timestamp())
    back = civil_tuple(datetime.datetime.fromtimestamp(u0, pz))
    if back != tuple(fields):
        return "gap", u1, u0          # fold=1 reads with the new offset: shifted back
    if u0 != u1:
        return "overlap", u0, u1
    return "unique", u0, u0


def compare_local(name, zone, pz, fields, diffs):
    kind, earlier, later = python_resolve(pz, fields)
    expected = {"compatible": later if kind == "gap" else earlier, "earlier": earlier, "later": later}
    for how, want in expected.items():
        got = zone.from_civil(*fields, disambiguation=how)
        if got != want:
            diffs.append(f"{name} local {fields} {how}: slate {got} zoneinfo {want} ({kind})")
    try:
        got = zone.from_civil(*fields, disambiguation="reject")
        outcome = ("unique", got)
    except slate.AmbiguousTime:
        outcome = ("overlap", None)
    except slate.NonexistentTime:
        outcome = ("gap", None)
    want = (kind, earlier if kind == "unique" else None)
    if outcome != want:
        diffs.append(f"{name} local {fields} reject: slate {outcome} zoneinfo {want}")


def local_fields(seconds):
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)
    return civil_tuple(dt)


def check_zone(db, name, samples, rng, diffs):
    zone = db.zone(name)
    pz = zoneinfo.ZoneInfo.no_cache(name)
    count = 0
    instants = [rng.randrange(T1900, T2100) for _ in range(samples)]
    transitions = list(zone.transitions(T1900, T2100))
    for t in transitions:
        instants += [t - 1, t]
    for t in instants:
        compare_instant(name, zone, pz, t, diffs)
        count += 1
    for t in transitions:
        before = zone.lookup(t - 1).utc_offset
        after = zone.lookup(t).utc_offset
        lo, hi = sorted((before, after))
        for local in {t + lo - 1, t + lo, t + (lo + hi) // 2, t + hi - 1, t + hi}:
            compare_local(name, zone, pz, local_fields(local), diffs)
            count += 1
    for t in instants[:samples // 10]:
        compare_local(name, zone, pz, local_fields(t + zone.lookup(t).utc_offset), diffs)
        count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.environ.get("TZDIR") or "/usr/share/zoneinfo")
    parser.add_argument("--samples", type=int, default=600)
    parser.add_argument("--zones", default="")
    args = parser.parse_args()
    zoneinfo.reset_tzpath([args.dir])
    rng = random.Random(20261122)
    pattern = re.compile(args.zones)
    names = [n for n in zone_names(args.dir) if pattern.search(n)]
    diffs, comparisons = [], 0
    with slate.TzDb(args.dir, epoch=True) as db:
        for name in names:
            comparisons += check_zone(db, name, args.samples, rng, diffs)
    for line in diffs[:40]:
        print("DIFF", line)
    print(f"tz differential: {len(names)} zones, {comparisons} comparisons, {len(diffs)} differences")
    if not names:
        print("no zones found in", args.dir)
        return 1
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
