#!/usr/bin/env python3
"""Reference test: slate's calendars against a deliberately simple model.

The model reads the same random policy, decides for every minute of a
16-day window whether it is open by applying the calendar rules of the
design literally (local date and wall time from Python's zoneinfo, closed
dates, per-date hours, weekly hours, spill from the night before), with,
for some calendars, an iCalendar feed of holidays the generator writes and
expands itself (all-day and several-day events, yearly rules with EXDATE,
filtered categories, transparent events, and timed closures in the
calendar's zone, another zone, UTC or floating, some weekly with COUNT),
and
answers is_open, between, add, next_open, next_close and the interval
enumeration by walking minutes. Every boundary in the generated policies is
on a whole minute, so the walk is exact. Prints a summary; exits 1 on any
difference.

Usage: calendar_reference.py [--policies N] [--seed S]
"""
import argparse
import bisect
import calendar
import datetime
import json
import os
import random
import sys
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import slate  # noqa: E402

ZONES = ["America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Apia", "Asia/Kolkata",
         "Africa/Casablanca", "Antarctica/Troll", "America/Sao_Paulo", "Asia/Kathmandu",
         "America/St_Johns", "Pacific/Chatham", "Europe/London"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Western Easter Sundays for the years the windows touch (published tables).
EASTER = {2010: (4, 4), 2011: (4, 24), 2012: (4, 8), 2017: (4, 16), 2018: (4, 1), 2019: (4, 21),
          2023: (4, 9), 2024: (3, 31), 2025: (4, 20), 2026: (4, 5), 2027: (3, 28)}
WINDOW_DAYS = 16
UTC = datetime.timezone.utc


def hhmm(minute):
    return f"{minute // 60:02d}:{minute % 60:02d}"


# ---- random policies ----

def random_weekly(rng):
    """Random weekly hours on a 15-minute grid: up to three intervals a day
    and sometimes an overnight one, never overlapping (spill included)."""
    taken = {}
    for d in range(7):
        k = rng.choice([0, 1, 1, 2, 3])
        points = sorted(rng.sample(range(0, 1441, 15), 2 * k))
        taken[d] = [(points[2 * i], points[2 * i + 1]) for i in range(k)]
    weekly = {d: [f"{hhmm(s)}-{hhmm(e)}" for s, e in taken[d]] for d in range(7)}
    for d in range(7):
        if rng.random() >= 0.3:
            continue
        start_min = max((e for _, e in taken[d]), default=0)
        nxt = (d + 1) % 7
        end_max = min((s for s, _ in taken[nxt]), default=1440)
        if start_min > 1425 or end_max < 15:
            continue
        start = rng.randrange(start_min, 1425, 15) if start_min < 1425 else 1425
        end = rng.randrange(15, min(end_max, start) + 1, 15) if min(end_max, start) >= 15 else None
        if end is None or end >= start:
            continue
        weekly[d].append(f"{hhmm(start)}-{hhmm(end)}")
        taken[d].append((start, 1440))
        taken[nxt].insert(0, (0, end))
    return {DAYS[d]: v for d, v in weekly.items() if v or rng.random() < 0.2}


def random_leaf(rng, start_day):
    cal = {"timezone": rng.choice(ZONES), "weekly": random_weekly(rng)}
    window = [start_day + datetime.timedelta(days=i) for i in range(-1, WINDOW_DAYS + 1)]
    closed = []
    for d in rng.sample(window, rng.randrange(0, 4)):
        closed.append(d.isoformat())
    if rng.random() < 0.5:
        d = rng.choice(window)
        closed.append({"yearly": f"{d.month:02d}-{d.day:02d}", "observed": rng.random() < 0.5,
                       "name": "yearly"})
    if rng.random() < 0.4:
        d = rng.choice(window)
        closed.append({"nth": rng.choice([1, 2, 3, 4, -1]), "weekday": DAYS[d.weekday()], "month": d.month})
    years = (start_day.year - 1, start_day.year, start_day.year + 1)
    if rng.random() < 0.4 and all(y in EASTER or not 2000 <= y <= 2030 for y in years):
        closed.append({"easter": rng.randrange(-50, 60), "from_year": 2000, "to_year": 2030})
    if closed:
        cal["closed"] = closed
    hours = {}
    picks = rng.sample(window, rng.randrange(0, 3))
    # Edge shapes on purpose: hours on a closed date (listed, or a yearly
    # rule's), and on the day after a night shift.
    listed = [datetime.date.fromisoformat(r) for r in closed if isinstance(r, str)]
    ruled = [datetime.date(d.year, int(r["yearly"][:2]), int(r["yearly"][3:]))
             for r in closed if isinstance(r, dict) and "yearly" in r]
    if (listed or ruled) and rng.random() < 0.4:
        picks.append(rng.choice(listed + ruled))
    nights = [d for d in window if any(parse_interval(x)[1] <= parse_interval(x)[0]
                                       for x in cal["weekly"].get(DAYS[(d.weekday() + 6) % 7], []))]
    if nights and rng.random() < 0.5:
        picks.append(rng.choice(nights))
    for d in picks:
        k = rng.choice([0, 0, 1, 1, 2])  # [] is hours too: none of the date's own
        points = sorted(rng.sample(range(0, 1441, 15), 2 * k))
        hours[d.isoformat()] = [f"{hhmm(points[2 * i])}-{hhmm(points[2 * i + 1])}" for i in range(k)]
    if hours:
        cal["hours"] = hours
    return cal


# slate compiles a calendar in windows of 2^25 seconds from 1800-01-01
# (lib/calendar/calendar_impl.h); a day of this many windows is where one ends.
WINDOW_SECONDS = 1 << 25
RANGE_START = datetime.datetime(1800, 1, 1, tzinfo=UTC)


def window_edge(rng):
    """The date a random compiled window ends on, from 1950 on: before,
    some zones' offsets had seconds (local mean time), which a walk over
    whole minutes cannot follow; check_long_spans covers those years."""
    k = rng.randrange(142, 565)
    return (RANGE_START + datetime.timedelta(seconds=k * WINDOW_SECONDS)).date()


def random_policy(rng, with_feeds=False):
    year = rng.choice([2011, 2018, 2024, 2026, 2100, 2399])
    start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(0, 350))
    if year == 2011 and rng.random() < 0.5:
        start = datetime.date(2011, 12, 22)  # Apia's missing day
    elif rng.random() < 0.3:
        start = window_edge(rng) - datetime.timedelta(days=rng.randrange(2, 14))
    calendars = {f"leaf{i}": random_leaf(rng, start) for i in range(3)}
    feeds = {}
    for name, cal in calendars.items():
        if with_feeds and rng.random() < 0.7:
            feeds[name] = random_feed(rng, cal, start)
    calendars["u"] = {"union": ["leaf0", "leaf1", "leaf2"]}
    calendars["i"] = {"intersection": ["leaf0", "leaf1"]}
    calendars["m"] = {"minus": ["u", "leaf2"]}
    calendars["always"] = "24x7"
    return {"calendars": calendars}, start, feeds


# ---- iCalendar feeds ----

FEED_ZONES = ["UTC", "Europe/Warsaw", "America/Chicago", "Asia/Kolkata"]


def ics_date(d):
    return d.strftime("%Y%m%d")


def ics_time(dt):
    return dt.strftime("%Y%m%dT%H%M%S")


def random_feed(rng, cal, start_day):
    """An iCalendar feed for a leaf, and what it closes as the generator
    expands it: (text, closed dates, closed stretches in epoch seconds).
    Adds the item naming it to the leaf's closed list."""
    window = [start_day + datetime.timedelta(days=i) for i in range(-2, WINDOW_DAYS + 2)]
    zone = zoneinfo.ZoneInfo(cal["timezone"])
    lines, days, stretches = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//slate reference//EN"], set(), []
    public = rng.random() < 0.5  # the item keeps only "public" events

    def event(uid, props, category, kept=True):
        lines.extend(["BEGIN:VEVENT", f"UID:{uid}", *props, f"CATEGORIES:{category}", "END:VEVENT"])
        return kept and (not public or category == "Public")

    for n in range(rng.randrange(0, 4)):  # all-day, some several days long
        d, length = rng.choice(window), rng.choice([1, 1, 2, 3])
        category = rng.choice(["Public", "Public", "Observance"])
        transparent = rng.random() < 0.2
        props = [f"DTSTART;VALUE=DATE:{ics_date(d)}", f"DTEND;VALUE=DATE:{ics_date(d + datetime.timedelta(days=length))}"]
        if transparent:
            props.append("TRANSP:TRANSPARENT")
        if event(f"day{n}", props, category, not transparent):
            days.update(d + datetime.timedelta(days=k) for k in range(length))
    if rng.random() < 0.6:  # yearly from a year before, sometimes excluded this year
        d = rng.choice(window)
        first = datetime.date(d.year - 1, d.month, min(d.day, 28))
        this_year = datetime.date(d.year, first.month, first.day)
        props = [f"DTSTART;VALUE=DATE:{ics_date(first)}", "RRULE:FREQ=YEARLY"]
        skip = rng.random() < 0.4
        if skip:
            props.append(f"EXDATE;VALUE=DATE:{ics_date(this_year)}")
        if event("yearly", props, "Public") and not skip:
            days.add(this_year)
    for n in range(rng.randrange(0, 4)):  # timed closures on a 15-minute grid
        where = rng.choice(["own", "own", "other", "utc", "floating"])
        tz = zone if where in ("own", "floating") else (
            datetime.timezone.utc if where == "utc" else zoneinfo.ZoneInfo(rng.choice(FEED_ZONES)))
        d = rng.choice(window)
        local = datetime.datetime(d.year, d.month, d.day, tzinfo=tz) + datetime.timedelta(minutes=15 * rng.randrange(96))
        length = datetime.timedelta(minutes=15 * rng.randrange(1, 120))
        if where == "utc":
            props = [f"DTSTART:{ics_time(local)}Z", f"DTEND:{ics_time(local + length)}Z"]
        elif where == "floating":
            props = [f"DTSTART:{ics_time(local)}", f"DTEND:{ics_time(local + length)}"]
        else:
            props = [f"DTSTART;TZID={tz.key}:{ics_time(local)}", f"DTEND;TZID={tz.key}:{ics_time(local + length)}"]
        weeks = rng.choice([1, 1, 2, 3])
        if weeks > 1:
            props.append(f"RRULE:FREQ=WEEKLY;COUNT={weeks}")
        if event(f"timed{n}", props, rng.choice(["Public", "Observance"])):
            # RFC 5545: each occurrence starts at the same wall time a week
            # later (a skipped wall time read with the offset before the gap:
            # Python's fold 0) and lasts the first's exact duration.
            first = int(local.timestamp())
            exact = int((local.replace(tzinfo=None) + length).replace(tzinfo=tz).timestamp()) - first
            for w in range(weeks):
                start = int((local.replace(tzinfo=None) + datetime.timedelta(weeks=w)).replace(tzinfo=tz).timestamp())
                if exact > 0:
                    stretches.append((start, start + exact))
    lines.append("END:VCALENDAR")
    item = {"ics": f"{id(cal)}.ics"}
    if public:
        item["categories"] = ["public"]
    cal.setdefault("closed", []).append(item)
    return "\r\n".join(lines) + "\r\n", days, stretches


# ---- the model ----

def closed_dates(rules, years):
    out = set()
    for r in rules:
        if isinstance(r, str):
            out.add(datetime.date.fromisoformat(r))
            continue
        for y in years:
            if not (r.get("from_year", 1) <= y <= r.get("to_year", 9999)):
                continue
            if "yearly" in r:
                m, d = map(int, r["yearly"].split("-"))
                if m == 2 and d == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
                    continue  # 02-29 only in leap years
                day = datetime.date(y, m, d)
            elif "nth" in r:
                wd = DAYS.index(r["weekday"])
                days = [datetime.date(y, r["month"], d) for d in range(1, calendar.monthrange(y, r["month"])[1] + 1)
                        if datetime.date(y, r["month"], d).weekday() == wd]
                n = r["nth"]
                if n > len(days):
                    continue
                day = days[n - 1] if n > 0 else days[-1]
            else:
                m, d = EASTER[y]
                day = datetime.date(y, m, d) + datetime.timedelta(days=r["easter"])
            if r.get("observed"):
                if day.weekday() == 5:
                    day -= datetime.timedelta(days=1)
                elif day.weekday() == 6:
                    day += datetime.timedelta(days=1)
            out.add(day)
    return out


def parse_interval(text):
    s, e = text.split("-")
    return int(s[:2]) * 60 + int(s[3:]), int(e[:2]) * 60 + int(e[3:])


class LeafModel:
    def __init__(self, cal, years, feed=None):
        self.zone = zoneinfo.ZoneInfo(cal["timezone"])
        self.weekly = {DAYS.index(k): [parse_interval(x) for x in v] for k, v in cal.get("weekly", {}).items()}
        self.closed = closed_dates([r for r in cal.get("closed", []) if not (isinstance(r, dict) and "ics" in r)],
                                   years)
        self.stretches = []
        if feed is not None:
            self.closed |= feed[1]
            self.stretches = feed[2]
        self.hours = {datetime.date.fromisoformat(k): [parse_interval(x) for x in v]
                      for k, v in cal.get("hours", {}).items()}

    def is_open(self, t):
        if any(a <= t < b for a, b in self.stretches):
            return False
        local = datetime.datetime.fromtimestamp(t, self.zone)
        day, m = local.date(), local.hour * 60 + local.minute
        if day in self.closed:
            return False
        if day in self.hours:
            own = self.hours[day]
        else:
            own = [(s, e if e > s else 1440) for s, e in self.weekly.get(day.weekday(), [])]
        if any(s <= m < e for s, e in own):
            return True
        before = day - datetime.timedelta(days=1)
        if before in self.closed or before in self.hours:
            return False
        return any(e <= s and m < e for s, e in self.weekly.get(before.weekday(), []))


def minute_flags(policy, start, feeds=None):
    t0 = int(datetime.datetime.combine(start, datetime.time(), UTC).timestamp())
    minutes = WINDOW_DAYS * 1440
    years = {start.year - 1, start.year, start.year + 1}
    flags = {}
    for name, cal in policy["calendars"].items():
        if isinstance(cal, dict) and "timezone" in cal:
            model = LeafModel(cal, years, (feeds or {}).get(name))
            flags[name] = [model.is_open(t0 + 60 * i) for i in range(minutes)]
    flags["u"] = [a or b or c for a, b, c in zip(flags["leaf0"], flags["leaf1"], flags["leaf2"])]
    flags["i"] = [a and b for a, b in zip(flags["leaf0"], flags["leaf1"])]
    flags["m"] = [a and not b for a, b in zip(flags["u"], flags["leaf2"])]
    flags["always"] = [True] * minutes
    return t0, flags


# ---- comparison ----

class Checker:
    def __init__(self):
        self.queries = 0
        self.diffs = []

    def same(self, what, got, want):
        self.queries += 1
        if got != want:
            self.diffs.append(f"{what}: slate {got} model {want}")


def check_calendar(chk, label, cal, t0, flags, rng):
    n = len(flags)
    prefix = [0]
    for f in flags:
        prefix.append(prefix[-1] + f)
    open_idx = [i for i, f in enumerate(flags) if f]
    closed_idx = [i for i, f in enumerate(flags) if not f]
    margin = 1440  # keep answers away from the window's edges
    for _ in range(40):
        i = rng.randrange(margin, n - margin)
        sec = rng.choice([0, 0, 1, 59, rng.randrange(60)])
        t = t0 + 60 * i + sec
        chk.same(f"{label} is_open({t})", cal.is_open(t), flags[i])
        j = rng.randrange(margin, n - margin)
        chk.same(f"{label} between({t0 + 60 * i}, {t0 + 60 * j})", cal.between(t0 + 60 * i, t0 + 60 * j),
                 60 * (prefix[j] - prefix[i]))
        if sec:  # a partial first minute
            want = 60 * (prefix[j] - prefix[i + 1]) + (60 - sec) * flags[i] if j > i else None
            if want is not None:
                chk.same(f"{label} between({t}, {t0 + 60 * j})", cal.between(t, t0 + 60 * j), want)
        k = bisect.bisect_left(open_idx, i)
        if k < len(open_idx) and open_idx[k] < n - margin:
            want = t if flags[i] else t0 + 60 * open_idx[k]
            chk.same(f"{label} next_open({t})", cal.next_open(t), want)
            c = bisect.bisect_left(closed_idx, open_idx[k])
            if c < len(closed_idx) and closed_idx[c] < n - margin:
                chk.same(f"{label} next_close({t})", cal.next_close(t), t0 + 60 * closed_idx[c])
        # The mirrors: prev_open and prev_close, found by walking back.
        o = i if flags[i] else bisect.bisect_left(open_idx, i) - 1
        o = open_idx[o] if not flags[i] and o >= 0 else (i if flags[i] else None)
        if o is not None:
            c = bisect.bisect_left(closed_idx, o) - 1
            if c >= 0 and closed_idx[c] >= margin:
                chk.same(f"{label} prev_open({t})", cal.prev_open(t), t0 + 60 * (closed_idx[c] + 1))
        c = i if not flags[i] else None
        if c is None:
            k = bisect.bisect_left(closed_idx, i) - 1
            c = closed_idx[k] if k >= 0 else None
        if c is not None:
            k = bisect.bisect_left(open_idx, c) - 1
            if k >= 0 and open_idx[k] >= margin:
                want = t0 + 60 * (open_idx[k] + 1)
                chk.same(f"{label} prev_close({t})", cal.prev_close(t), want)
        start = t0 + 60 * i
        ahead = prefix[n - margin] - prefix[i]
        if ahead > 0:
            d = rng.randrange(1, ahead + 1)
            want = t0 + 60 * (open_idx[bisect.bisect_left(open_idx, i) + d - 1] + 1)
            chk.same(f"{label} add({start}, {60 * d})", cal.add(start, 60 * d), want)
        behind = prefix[i] - prefix[margin]
        if behind > 0:
            d = rng.randrange(1, behind + 1)
            want = t0 + 60 * open_idx[bisect.bisect_left(open_idx, i) - d]
            chk.same(f"{label} add({start}, {-60 * d})", cal.add(start, -60 * d), want)
    a, b = t0 + 60 * margin, t0 + 60 * (n - margin)
    got = [0] * n
    last_end = a
    for iv in cal.intervals(a, b):
        if iv.start < last_end or iv.end <= iv.start:
            chk.same(f"{label} intervals order", (iv.start, iv.end), f"after {last_end}")
        last_end = iv.end
        for m in range((iv.start - t0) // 60, (iv.end - t0) // 60):
            got[m] = 1
    chk.same(f"{label} intervals cover", got[margin:n - margin], [int(f) for f in flags[margin:n - margin]])


def business_dates(t0, flags, zone):
    """The model's business days: local dates on which an open run starts,
    or which are open whole; and the dates the window holds whole (the
    only ones it can judge)."""
    date_of = lambda i: datetime.datetime.fromtimestamp(t0 + 60 * i, zone).date()  # noqa: E731
    dates = [date_of(i) for i in range(len(flags))]
    days = {dates[i] for i in range(1, len(flags)) if flags[i] and not flags[i - 1]}
    minutes = {}
    for d, f in zip(dates, flags):
        minutes.setdefault(d, []).append(f)
    whole = sorted(minutes)[1:-1]
    days |= {d for d in whole if all(minutes[d])}
    return sorted(d for d in days if d in whole), whole, dates


def check_business_days(chk, label, cal, t0, flags, zone, rng):
    """Counting and adding business days against the model's dates."""
    bdays, whole, dates = business_dates(t0, flags, zone)
    safe = whole[2:-2]  # room for a night shift's date on either side
    if not safe:
        return
    inside = [i for i, d in enumerate(dates) if d in safe]
    for _ in range(12):
        i, j = rng.choice(inside), rng.choice(inside)
        a, b = t0 + 60 * i + rng.randrange(60), t0 + 60 * j
        da, db = dates[i], dates[j]
        want = sum(1 for d in bdays if da < d <= db) - sum(1 for d in bdays if db < d <= da)
        chk.same(f"{label} business_days({a}, {b})", cal.business_days(a, b), want)
        k = rng.choice([-3, -2, -1, 1, 2, 3])
        later = [d for d in bdays if d > da] if k > 0 else [d for d in bdays if d < da][::-1]
        if len(later) < abs(k) or later[abs(k) - 1] not in safe[1:-1]:
            continue
        local = datetime.datetime.fromtimestamp(a, zone)
        at = int(datetime.datetime.combine(later[abs(k) - 1], local.time(), zone).timestamp())
        m = (at - t0) // 60
        open_from = [x for x in range(m, len(flags)) if flags[x]]
        if not open_from or open_from[0] > len(flags) - 1440:
            continue
        want = at if open_from[0] == m else t0 + 60 * open_from[0]
        try:
            got = cal.add_business_days(a, k)
        except slate.Error as e:
            got = f"{type(e).__name__}"
        chk.same(f"{label} add_business_days({a}, {k})", got, want)


def check_long_spans(chk, label, cal, rng):
    """Spans across many windows and blocks, far into the past and future.
    The minute model cannot walk six centuries, so these check slate
    against itself: a span is the sum of its pieces (cut anywhere, not at
    windows), and add and between are each other's inverse."""
    lo, hi = int(RANGE_START.timestamp()), int(datetime.datetime(2400, 12, 31, tzinfo=UTC).timestamp())
    for _ in range(6):
        a = rng.randrange(lo, hi)
        b = min(hi, a + rng.choice([1, 10, 50, 200, 600]) * 365 * 86400 + rng.randrange(86400))
        whole = cal.between(a, b)
        cuts = sorted(rng.randrange(a, b) for _ in range(rng.randrange(1, 8)))
        pieces = sum(cal.between(x, y) for x, y in zip([a] + cuts, cuts + [b]))
        chk.same(f"{label} between({a}, {b}) as pieces", pieces, whole)
        if whole == 0:
            continue
        u = cal.add(a, whole)
        chk.same(f"{label} add({a}, {whole}) lands by {b}", (u <= b, cal.between(a, u), cal.between(a, u - 1)),
                 (True, whole, whole - 1))
        v = cal.add(b, -whole)
        chk.same(f"{label} add({b}, {-whole}) lands from {a}", (v >= a, cal.between(v, b), cal.between(v + 1, b)),
                 (True, whole, whole - 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--feeds", action="store_true",
                        help="give calendars iCalendar feeds too (needs slate built with libical)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    chk = Checker()
    calendars = 0
    with slate.TzDb(epoch=True) as db:
        for n in range(args.policies):
            doc, start, feeds = random_policy(rng, args.feeds and n % 2 == 0)
            text = json.dumps(doc)
            files = {item["ics"]: feed[0] for name, feed in feeds.items()
                     for item in doc["calendars"][name]["closed"] if isinstance(item, dict) and "ics" in item}
            try:
                policy = slate.Policy.from_json(text, tzdb=db, epoch=True, files=files)
            except slate.Error as e:
                chk.diffs.append(f"policy {n} rejected: {e.message}\n{text}")
                continue
            t0, flags = minute_flags(doc, start, feeds)
            with policy:
                for name in doc["calendars"]:
                    before = len(chk.diffs)
                    check_calendar(chk, f"policy {n} {name}", policy.calendar(name), t0, flags[name], rng)
                    check_long_spans(chk, f"policy {n} {name}", policy.calendar(name), rng)
                    zone = doc["calendars"][name].get("timezone") if isinstance(doc["calendars"][name], dict) else None
                    check_business_days(chk, f"policy {n} {name}", policy.calendar(name), t0, flags[name],
                                        zoneinfo.ZoneInfo(zone) if zone else UTC, rng)
                    calendars += 1
                    if len(chk.diffs) > before and len(chk.diffs) - before < 1000:
                        chk.diffs.append(f"  (policy {n}: {text})")
    for line in chk.diffs[:30]:
        print("DIFF", line)
    print(f"calendar reference: {calendars} calendars, {chk.queries} queries, {len(chk.diffs)} differences")
    return 1 if chk.diffs else 0


if __name__ == "__main__":
    sys.exit(main())
