"""slate in SQL (issue 20): a million tickets in a PostgreSQL 15 table, the
business seconds between opened and resolved and the SLA state of every
ticket on one backend, against a typical PL/pgSQL business-hours function
(tools/bench/postgresql/plpgsql_business_hours.sql) on a sample of the same
rows, answers compared. Used by compare.py; runs alone too, as root with
PostgreSQL 15 installed (tools/postgresql.sh installs it):

    python3 tools/bench/postgresql.py [BUILD_DIR] [--tickets N] [--sample N] [--write]

--write replaces its section of docs/benchmarks.md (tools/bench/run.sh
rewrites the whole file, this section included).
"""
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HERE = os.path.join(ROOT, "tools", "bench", "postgresql")

SLA = {"slas": [{"id": "support", "calendar": "ny-office", "targets": [
    {"name": "response", "durations": {"P1": "PT1H", "*": "PT4H"},
     "stop_when": {"field": "status", "in": ["in_progress", "resolved"]}},
    {"name": "resolution", "durations": {"P1": "PT8H", "*": "P5D"},
     "stop_when": {"field": "status", "equals": "resolved"}}]}]}


def available():
    return shutil.which("pg_virtualenv") is not None and os.path.exists("/usr/lib/postgresql/15/bin/pg_config") \
        and os.geteuid() == 0


def run(build, tickets=1000000, sample=2000):
    """{figure: (ms, rows, answer)} from one run of bench.sql."""
    subprocess.run(["sh", os.path.join(ROOT, "bindings", "postgresql", "test.sh"), "--install-only", build],
                   check=True, capture_output=True)
    with open(os.path.join(ROOT, "examples", "policies", "us-office.json"), encoding="utf-8") as f:
        policy = json.load(f)
    sla_policy = dict(policy, **SLA)
    out = subprocess.run(["pg_virtualenv", "-v", "15", "psql", "-X", "-q", "-v", "policy=" + json.dumps(policy),
                          "-v", "sla_policy=" + json.dumps(sla_policy), "-v", f"tickets={tickets}",
                          "-v", f"sample={sample}", "-f", "bench.sql"],
                         cwd=HERE, check=True, capture_output=True, text=True).stdout
    figures = {}
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 4:
            figures[parts[0]] = (float(parts[1]), int(parts[2]), parts[3])
    return figures


def section(build, tickets=1000000, sample=2000):
    """The markdown section of docs/benchmarks.md, and the figures."""
    if not available():
        return ("## SQL: the PostgreSQL extension\n\nNot measured in this run: it needs PostgreSQL 15 and root "
                "(`tools/postgresql.sh`; then `python3 tools/bench/postgresql.py`).\n"), {}
    f = run(build, tickets, sample)
    per_row = {k: v[0] * 1000 / v[1] for k, v in f.items() if v[1]}
    ratio = per_row["plpgsql_business_seconds_sample"] / per_row["slate_business_seconds_all"]
    rate = lambda k: f"{f[k][1] / (f[k][0] / 1000):,.0f}"  # noqa: E731
    text = f"""## SQL: the PostgreSQL extension

{tickets:,} tickets in a PostgreSQL 15 table (opened across 2026, resolved 30
days later, a three-event history each), the US office calendar
(09:00-17:00 New York, US federal holidays), one backend (no parallel
workers, no JIT). The peer is a PL/pgSQL business-hours function as blog
posts write it (weekly hours and a holiday table, a loop over the local
days: tools/bench/postgresql/plpgsql_business_hours.sql), its tables filled
from the same calendar; it runs on the first {sample:,} rows only, where the
two give the same answer on every row ({f['sample_differences'][2]}
differences).

| work | rows | time | per row | rows/s |
|---|---:|---:|---:|---:|
| `slate.business_seconds` (30-day spans) | {f['slate_business_seconds_all'][1]:,} | {f['slate_business_seconds_all'][0] / 1000:.2f} s | {per_row['slate_business_seconds_all']:.2f} us | {rate('slate_business_seconds_all')} |
| same, first {sample:,} rows | {sample:,} | {f['slate_business_seconds_sample'][0]:.1f} ms | {per_row['slate_business_seconds_sample']:.2f} us | {rate('slate_business_seconds_sample')} |
| PL/pgSQL function, same rows | {sample:,} | {f['plpgsql_business_seconds_sample'][0] / 1000:.2f} s | {per_row['plpgsql_business_seconds_sample']:.0f} us | {rate('plpgsql_business_seconds_sample')} |
| `slate.add(..., '8 hours') < resolved` | {f['slate_add_all'][1]:,} | {f['slate_add_all'][0] / 1000:.2f} s | {per_row['slate_add_all']:.2f} us | {rate('slate_add_all')} |
| `slate.evaluate` (SLA state of every ticket) | {f['slate_evaluate_all'][1]:,} | {f['slate_evaluate_all'][0] / 1000:.2f} s | {per_row['slate_evaluate_all']:.2f} us | {rate('slate_evaluate_all')} |
| `history::text` alone (for comparison: no slate) | {f['jsonb_to_text_all'][1]:,} | {f['jsonb_to_text_all'][0] / 1000:.2f} s | {per_row['jsonb_to_text_all']:.2f} us | {rate('jsonb_to_text_all')} |
| `sum(extract(epoch FROM resolved - opened))` (no slate) | {f['postgresql_alone_all'][1]:,} | {f['postgresql_alone_all'][0] / 1000:.2f} s | {per_row['postgresql_alone_all']:.2f} us | {rate('postgresql_alone_all')} |

slate is **{ratio:,.0f}x** the PL/pgSQL function at 30-day spans (its cost
per row on the sample against slate's per row over the whole table, where
a query's start-up is spread thin; target 1,000x), and evaluates
**{rate('slate_evaluate_all')} tickets/s** on one backend (target:
100,000). The last row is PostgreSQL scanning the same rows and doing
plain timestamp arithmetic: most of a `business_seconds` row is that
work (the scan, the call, the arguments), the calendar arithmetic itself
about 50 ns (above).
"""
    return text, f


def targets(f):
    """The rows of the targets table (none when not measured)."""
    if not f:
        return []
    per_row = lambda k: f[k][0] / f[k][1]  # noqa: E731
    ratio = per_row("plpgsql_business_seconds_sample") / per_row("slate_business_seconds_all")
    rate = f["slate_evaluate_all"][1] / (f["slate_evaluate_all"][0] / 1000)
    return [("SQL: >= 1,000x a PL/pgSQL business-hours function at 30-day spans", f"{ratio:,.0f}x"),
            ("SQL: the SLA state of >= 100,000 tickets per second on one backend", f"{rate / 1e3:.0f} k/s")]


def write(text):
    """Replaces this section of docs/benchmarks.md (or adds it before the
    scaling section), leaving the rest as the last full run wrote it."""
    path = os.path.join(ROOT, "docs", "benchmarks.md")
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    title = "## SQL: the PostgreSQL extension"
    if title in doc:
        start = doc.index(title)
        end = doc.index("\n## ", start + 1) + 1
        doc = doc[:start] + text.rstrip("\n") + "\n\n" + doc[end:]
    else:
        at = doc.index("## Scaling with hostile input")
        doc = doc[:at] + text.rstrip("\n") + "\n\n" + doc[at:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)


def main():
    args = sys.argv[1:]
    write_doc = "--write" in args
    if write_doc:
        args.remove("--write")
    build = args.pop(0) if args and not args[0].startswith("--") else os.path.join(ROOT, "build-bench")
    tickets = int(args[args.index("--tickets") + 1]) if "--tickets" in args else 1000000
    sample = int(args[args.index("--sample") + 1]) if "--sample" in args else 2000
    text, f = section(os.path.abspath(build), tickets, sample)
    print(text)
    for name, value in targets(f):
        print(f"{name}: {value}")
    if write_doc:
        write(text)


if __name__ == "__main__":
    main()
