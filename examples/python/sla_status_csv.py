#!/usr/bin/env python3
"""SLA status for a CSV export of tickets, as a helpdesk's reporting job
would run it: each row becomes a history (created, first response, a
pending stretch, resolution), replayed against the ITSM example policy at
an instant, and printed as CSV: one row per ticket and SLA target.

    sla_status_csv.py [EXPORT.csv] [--now INSTANT] [--policy POLICY]

Needs the slate package (bindings/python) and libslate (SLATE_LIBRARY).
"""
import argparse
import datetime
import csv
import os
import sys

import slate

HERE = os.path.dirname(os.path.abspath(__file__))


def history(row):
    """The row's events in time order."""
    fields = {"summary": row["summary"], "category": row["category"], "status": "new"}
    if row["affected_users"]:
        fields["affected_users"] = int(row["affected_users"])
    if row["priority"]:
        fields["priority"] = row["priority"]
    events = [{"at": row["created"], "kind": "created", "fields": fields}]
    steps = [("first_response", "agent_comment", "in_progress"), ("pending_from", None, "pending_customer"),
             ("pending_to", "requester_comment", "in_progress"), ("resolved", None, "resolved")]
    for column, kind, status in steps:
        if row[column]:
            events.append({"at": row[column], "kind": kind, "fields": {"status": status}})
    events.sort(key=lambda e: slate.to_epoch(e["at"]))
    return events


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", nargs="?", default=os.path.join(HERE, "..", "tickets", "export.csv"))
    parser.add_argument("--now", default="2026-03-10T06:00:00Z")
    parser.add_argument("--policy", default=os.path.join(HERE, "..", "policies", "itsm-desk.json"))
    args = parser.parse_args()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "sla", "target", "priority", "state", "breached", "elapsed_min", "due"])
    with slate.Policy.load(args.policy) as policy, open(args.export, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # The ticket as it stood at --now: later events are left out.
            events = [e for e in history(row) if slate.to_epoch(e["at"]) <= slate.to_epoch(args.now)]
            for r in policy.evaluate(events, args.now):
                if r.state == "not_started":
                    continue
                due = slate.format_time(r.due) if r.due is not None else ""
                out.writerow([row["id"], r.sla, r.target, r.priority, r.state, "yes" if r.breached else "no",
                              r.elapsed // datetime.timedelta(minutes=1), due])
    return 0


if __name__ == "__main__":
    sys.exit(main())
