#!/usr/bin/env python3
"""An AMC vendor's monthly report: the contract of the AMC example policy
over a month of ticket histories (JSON Lines), with the service credits
owed and the clause behind each.

    amc_monthly_report.py [YYYY-MM] [--tickets FILE] [--policy POLICY]

Months are calendar months in the contract's zone (Asia/Kolkata here).
Needs the slate package (bindings/python) and libslate (SLATE_LIBRARY).
"""
import argparse
import json
import os
import sys

import slate

HERE = os.path.dirname(os.path.abspath(__file__))


def hours(span):
    """A timedelta in hours, to a tenth."""
    return f"{span.total_seconds() / 3600:.1f} h"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("month", nargs="?", default="2026-03")
    parser.add_argument("--tickets", default=os.path.join(HERE, "..", "tickets", "amc-sample.jsonl"))
    parser.add_argument("--policy", default=os.path.join(HERE, "..", "policies", "amc-vendor.json"))
    args = parser.parse_args()
    year, month = (int(x) for x in args.month.split("-"))
    start = f"{year:04d}-{month:02d}-01T00:00:00+05:30"
    end = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01T00:00:00+05:30"
    with open(args.tickets, encoding="utf-8") as f:
        tickets = [json.loads(line) for line in f if line.strip()]
    with slate.Policy.load(args.policy) as policy:
        report = policy.report(tickets, start, end)
    print(f"{report.contract} ({report.customer}), {args.month}: {report.tickets} tickets")
    for period in report.periods:
        print(f"fee {period.fee} {report.currency}; availability {period.availability:.3f}% "
              f"(commitment {report.availability_target}%: {'met' if period.availability_met else 'missed'})")
        for row in period.rows:
            print(f"  {row.target:<10} {row.priority:<3} met {row.met} breached {row.breached} open {row.open}"
                  f"  median {hours(row.median)}  p90 {hours(row.p90)}")
        for c in period.credits:
            what = f"{c.ticket} {c.target} {c.priority}" if c.ticket else "availability"
            print(f"  credit {c.clause:<18} {what:<24} {c.units} x -> {c.amount} {report.currency}")
        cap = f", capped at {period.cap}" if period.cap is not None else ""
        print(f"credits due {period.credits_due}{cap}; owed {period.credits_owed} {report.currency}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
