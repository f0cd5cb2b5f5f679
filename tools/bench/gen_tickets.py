#!/usr/bin/env python3
"""Writes N ticket histories (JSON Lines) for `slate evaluate` on the ITSM
example policy: eight events each (create, respond, pend, resume, resolve,
reopen, respond, resolve), varied categories, summaries and times.

    gen_tickets.py N > tickets.jsonl
"""
import json
import random
import sys
import time

SUMMARIES = ["VPN fails with error 809", "Headset crackling on softphone", "Floor 7 network down",
             "Password expired", "Monitor flickers", "Phishing mail clicked", "Printer jam on floor 2",
             "Cannot log in to CRM", "Keyboard missing keys", "Outlook keeps crashing"]
CATEGORIES = ["network", "headset", "desktop", "security", "telephony", "software", "monitor"]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(42)
    out = sys.stdout
    base = 1772791200  # 2026-03-06T10:00:00Z
    for i in range(n):
        t = base + rng.randrange(0, 300 * 86400)
        steps = [0, 600, 3600, 90000, 95000, 180000, 190000, 200000]
        kinds = ["created", "agent_comment", "agent_comment", "requester_comment", None, "requester_comment",
                 "agent_comment", None]
        fields = [{"summary": rng.choice(SUMMARIES), "category": rng.choice(CATEGORIES), "status": "new",
                   "affected_users": rng.randrange(1, 200), "requester": {"email": f"user{i % 997}@example.com"}},
                  {"status": "in_progress"}, {"status": "pending_customer"}, {"status": "in_progress"},
                  {"status": "resolved"}, {"status": "in_progress"}, {"status": "in_progress"}, {"status": "resolved"}]
        events = []
        for step, kind, f in zip(steps, kinds, fields):
            at = t + step + rng.randrange(0, 300)
            event = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at)), "fields": f}
            if kind:
                event["kind"] = kind
            events.append(event)
        line = json.dumps({"id": f"INC-{i}", "events": events}, separators=(",", ":"))
        out.write(line + "\n")


if __name__ == "__main__":
    main()
