"""The cost of importing an iCalendar holiday feed (issue 21): a 20-year
national feed (each year's holidays as their own events, as public feeds
publish them, plus yearly rules), loaded into a policy through the Python
binding, against the same days written inline in the policy. Used by
compare.py; runs alone too:

    python3 tools/bench/ics.py [BUILD_DIR] [--write]
"""
import datetime
import json
import os
import statistics
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXED = [(1, 26, "Republic Day"), (5, 1, "Maharashtra Day"), (8, 15, "Independence Day"), (10, 2, "Gandhi Jayanti"),
         (12, 25, "Christmas")]
MOVING = ["Holi", "Id-ul-Fitr", "Good Friday", "Ram Navami", "Mahavir Jayanti", "Buddha Purnima", "Id-ul-Zuha",
          "Muharram", "Janmashtami", "Ganesh Chaturthi", "Dussehra", "Diwali", "Guru Nanak Jayanti"]


def feed(years):
    """The feed's text and its days: per year, 13 moving holidays as their own
    events (on dates spread over the year) and 5 fixed ones as yearly rules."""
    lines, days = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//slate bench//EN"], []
    first = years[0]
    for m, d, name in FIXED:
        lines += ["BEGIN:VEVENT", f"UID:{name.lower().replace(' ', '-')}@bench", f"DTSTART;VALUE=DATE:{first}{m:02d}{d:02d}",
                  f"RRULE:FREQ=YEARLY;UNTIL={years[-1]}1231", f"SUMMARY:{name}", "CATEGORIES:Public", "END:VEVENT"]
        days += [datetime.date(y, m, d) for y in years]
    for y in years:
        for k, name in enumerate(MOVING):
            day = datetime.date(y, 1, 1) + datetime.timedelta(days=(k * 27 + y * 11) % 360)
            lines += ["BEGIN:VEVENT", f"UID:{name.lower().replace(' ', '-')}-{y}@bench",
                      f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"SUMMARY:{name}", "CATEGORIES:Public", "END:VEVENT"]
            days.append(day)
    return "\r\n".join(lines + ["END:VCALENDAR"]) + "\r\n", sorted(set(days))


def calendar(closed):
    return {"calendars": {"c": {"timezone": "Asia/Kolkata", "weekly": {d: ["09:00-18:00"] for d in
                                                                          ("mon", "tue", "wed", "thu", "fri")},
                                "closed": closed}}}


def median_ms(load, runs=15):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        load().close()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def section(build):
    os.environ.setdefault("SLATE_LIBRARY", os.path.join(build, "libslate.so"))
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    import slate
    text, days = feed(list(range(2020, 2040)))
    with_feed = json.dumps(calendar([{"ics": "national.ics", "categories": ["public"]}]))
    inline = json.dumps(calendar([d.isoformat() for d in days]))
    with slate.TzDb() as db:
        try:
            ms_feed = median_ms(lambda: slate.Policy.from_json(with_feed, tzdb=db, files={"national.ics": text}))
        except slate.Error as e:
            return f"## Holidays from iCalendar\n\nNot measured: {e.message}\n", {}
        ms_inline = median_ms(lambda: slate.Policy.from_json(inline, tzdb=db))
        with slate.Policy.from_json(with_feed, tzdb=db, files={"national.ics": text}) as p:
            c = p.calendar("c")
            hours = c.between("2030-01-01T00:00:00+05:30", "2031-01-01T00:00:00+05:30").total_seconds() / 3600
            held = c.memory
    f = {"feed_ms": ms_feed, "inline_ms": ms_inline, "days": len(days), "bytes": len(text), "kib": held / 1024}
    text_out = f"""## Holidays from iCalendar

A 20-year national feed (2020-2039: 13 moving holidays a year as their own
events, as public feeds publish them, and 5 fixed ones as yearly rules until
2039; {len(text):,} bytes, {len(days)} days), loaded into a one-calendar
policy through the Python binding (libical parses; slate expands the rules
and filters by category), against the same {len(days)} days written inline.
Medians of 15 loads.

| load | time |
|---|---:|
| the policy with the feed | {ms_feed:.2f} ms |
| the policy with the days inline | {ms_inline:.2f} ms |

The calendar then holds {held / 1024:.0f} KiB ({hours:,.0f} hours open in
2030), and its queries cost what they cost on any calendar: the feed's days
are closed dates like those written inline, so importing is a load-time
cost only, most of it libical's parse.
"""
    return text_out, f


def main():
    args = sys.argv[1:]
    write = "--write" in args
    args = [a for a in args if a != "--write"]
    build = os.path.abspath(args[0]) if args else os.path.join(ROOT, "build-bench")
    text, _ = section(build)
    print(text)
    if write:
        path = os.path.join(ROOT, "docs", "benchmarks.md")
        with open(path, encoding="utf-8") as fh:
            doc = fh.read()
        title = "## Holidays from iCalendar"
        if title in doc:
            start = doc.index(title)
            end = doc.index("\n## ", start + 1) + 1
            doc = doc[:start] + text.rstrip("\n") + "\n\n" + doc[end:]
        else:
            at = doc.index("## SQL: the PostgreSQL extension")
            doc = doc[:at] + text.rstrip("\n") + "\n\n" + doc[at:]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(doc)


if __name__ == "__main__":
    main()
