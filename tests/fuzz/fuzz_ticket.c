/* Fuzz target: tickets and histories from JSON, replayed on a fixed policy. */
#include <stdlib.h>
#include <string.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char policy_text[] =
    "{\"calendars\": {\"office\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"09:00-17:00\"], "
    "\"sat\": [\"22:00-06:00\"]}}},"
    " \"priorities\": {\"levels\": [\"P1\", \"P2\"], \"default\": \"P2\", \"rules\": [{\"id\": "
    "\"r\", \"when\": {\"field\": \"s\","
    " \"matches\": \"down|out(age)?\"}, \"set\": {\"priority\": \"P1\"}}]},"
    " \"slas\": [{\"id\": \"s\", \"calendar\": \"office\", \"targets\": [{\"name\": \"t\", "
    "\"durations\": {\"P1\": \"PT1H\","
    " \"*\": {\"by\": \"16:00\", \"business_days\": 1}}, \"pause_when\": {\"field\": \"status\", "
    "\"equals\": \"pending\"},"
    " \"stop_when\": {\"field\": \"status\", \"equals\": \"resolved\"}, \"restart\": "
    "\"continue\"}]}],"
    " \"escalations\": [{\"id\": \"e\", \"sla\": \"s\", \"target\": \"t\", \"acknowledge_when\": "
    "{\"field\": \"event\", \"equals\": \"ack\"},"
    " \"steps\": [{\"id\": \"a\", \"at\": {\"percent\": 50}}, {\"id\": \"b\", \"at\": "
    "{\"after_breach\": \"PT10M\"}, \"measure\": \"wall\","
    " \"repeat\": {\"every\": \"PT7M\", \"times\": 5}, \"when\": {\"field\": \"acknowledged\", "
    "\"equals\": false},"
    " \"delivery_calendar\": \"office\"}, {\"id\": \"c\", \"at\": {\"before_breach\": \"PT5M\"}, "
    "\"measure\": \"wall\"}]}],"
    " \"contracts\": [{\"id\": \"k\", \"sla\": \"s\", \"fee\": {\"monthly\": 1000}, "
    "\"cap_percent\": 10,"
    " \"availability\": {\"percent\": 99, \"calendar\": \"office\", \"down_when\": {\"field\": "
    "\"down\", \"exists\": true}},"
    " \"credits\": [{\"id\": \"x\", \"per_hour_late\": 10}, {\"id\": \"y\", "
    "\"availability_below\": 99, \"percent_of_fee\": 5}]}]}";

static slate_policy *policy;

/* The escalation answers must be ordered and consistent. */
static void check_escalations(slate_clock *clock, slate_time now) {
    slate_escalation_status s;
    if (slate_clock_escalations(clock, now, &s, NULL) != SLATE_OK) return;
    for (size_t i = 0; i < s.fired_count; i++)
        if (s.fired[i].at > now || s.fired[i].eligible > s.fired[i].at ||
            (i > 0 && s.fired[i - 1].at > s.fired[i].at))
            abort();
    if (s.has_next_wake && s.next_wake <= now) abort();
}

/* A contract report over the history's month must add up. */
static void check_report(const char *id, const slate_event *events, size_t n) {
    slate_report *r;
    const slate_report_result *res;
    if (n == 0 || slate_report_new(policy, NULL, events[0].at, events[0].at + 40 * 86400, &r,
                                   NULL) != SLATE_OK)
        return;
    if (slate_report_add(r, id, events, n, NULL) == SLATE_OK &&
        slate_report_result_get(r, &res, NULL) == SLATE_OK)
        for (size_t i = 0; i < res->period_count; i++) {
            const slate_report_period *p = &res->periods[i];
            if (p->downtime < 0 || p->downtime > p->committed || p->credits_owed > p->credits_due ||
                (p->cap >= 0 && p->credits_owed > p->cap))
                abort();
        }
    slate_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (policy == NULL &&
        slate_policy_from_json(NULL, policy_text, strlen(policy_text), &policy, NULL) != SLATE_OK)
        abort();
    slate_ticket *t;
    if (slate_ticket_from_json((const char *)data, size, &t, NULL) == SLATE_OK)
        slate_ticket_free(t);
    slate_history *h;
    if (slate_history_from_json((const char *)data, size, &h, NULL) != SLATE_OK) return 0;
    slate_clock *clock;
    if (slate_clock_new(policy, &clock, NULL) != SLATE_OK) abort();
    size_t n;
    const slate_event *events = slate_history_events(h, &n);
    slate_time last = SLATE_TIME_MIN;
    for (size_t i = 0; i < n; i++)
        if (slate_clock_apply(clock, &events[i], NULL) == SLATE_OK) last = events[i].at;
    const slate_sla_result *r;
    size_t count;
    if (slate_clock_results(clock, last, &r, &count, NULL) == SLATE_OK)
        for (size_t i = 0; i < count; i++)
            if (r[i].elapsed < 0 || r[i].paused < 0 || r[i].remaining < 0) abort();
    check_escalations(clock, last);
    slate_clock_free(clock);
    check_report(slate_history_id(h), events, n);
    slate_history_free(h);
    return 0;
}
