/* Fuzz target: contract report totals. The input's lines are ticket
 * histories added to a report of a contract whose credits can be huge
 * (per hour late at the largest amount a policy allows, a rising ladder,
 * attainment and availability tiers, a cap). The result must add up:
 * each period's credits due is the sum of its credits, what is owed is
 * that capped, the total the sum of the periods; amounts are never
 * negative. Money past INT64_MAX must be SLATE_ELIMIT, never a wrapped or
 * saturated figure. */
#include <stdlib.h>
#include <string.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char policy_text[] =
    "{\"calendars\": {\"office\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {\"mon\": "
    "[\"09:00-18:00\"], \"tue\": [\"09:00-18:00\"], \"sat\": [\"22:00-06:00\"]}}, \"all\": "
    "\"24x7\"},"
    " \"priorities\": {\"levels\": [\"P1\", \"P2\", \"P3\"], \"default\": \"P3\"},"
    " \"slas\": [{\"id\": \"amc\", \"calendar\": \"office\", \"targets\": [{\"name\": \"response\","
    " \"durations\": {\"P1\": \"PT1H\", \"*\": \"PT4H\"}, \"stop_when\": {\"field\": \"event\", "
    "\"equals\": \"reply\"}, \"restart\": \"new_cycle\"}, {\"name\": \"fix\", \"durations\": "
    "{\"*\": "
    "\"PT8H\"}, \"pause_when\": {\"field\": \"status\", \"equals\": \"pending\"}, \"stop_when\": "
    "{\"field\": \"status\", \"equals\": \"resolved\"}, \"restart\": \"new_cycle\"}]}],"
    " \"contracts\": [{\"id\": \"k\", \"sla\": \"amc\", \"timezone\": \"Asia/Kolkata\", \"fee\": "
    "{\"monthly\": 10000000000000, \"currency\": \"INR\"}, \"cap_percent\": 100,"
    " \"availability\": {\"percent\": 99.5, \"calendar\": \"all\", \"down_when\": {\"field\": "
    "\"down\", \"exists\": true}},"
    " \"credits\": [{\"id\": \"hourly\", \"target\": \"fix\", \"per_hour_late\": 10000000000000},"
    " {\"id\": \"ladder\", \"target\": \"response\", \"priorities\": [\"P1\"], \"per_breach\": "
    "[1, 10000000000000]},"
    " {\"id\": \"share\", \"target\": \"fix\", \"percent_of_fee_per_breach\": 100},"
    " {\"id\": \"tier\", \"attainment_below\": 95, \"percent_of_fee\": 100},"
    " {\"id\": \"avail\", \"availability_below\": 99.5, \"percent_of_fee\": 100}]}]}";

static slate_policy *policy;

/* The totals of a result add up (see above). */
static void check_totals(const slate_report_result *res) {
    int64_t total = 0;
    for (size_t i = 0; i < res->period_count; i++) {
        const slate_report_period *p = &res->periods[i];
        int64_t due = 0;
        for (size_t c = 0; c < p->credit_count; c++) {
            if (p->credits[c].amount < 0 || due > INT64_MAX - p->credits[c].amount) abort();
            due += p->credits[c].amount;
        }
        if (due != p->credits_due) abort();
        int64_t owed = p->cap >= 0 && due > p->cap ? p->cap : due;
        if (owed != p->credits_owed || owed < 0 || total > INT64_MAX - owed) abort();
        total += owed;
    }
    if (total != res->credits_owed) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (policy == NULL &&
        slate_policy_from_json(NULL, policy_text, strlen(policy_text), &policy, NULL) != SLATE_OK)
        abort();
    slate_report *r;
    if (slate_report_new(policy, NULL, 1772303400 /* 2026-03-01 IST */, 1780252200 /* 2026-06-01 */,
                         &r, NULL) != SLATE_OK)
        abort();
    const char *text = (const char *)data, *end = text + size;
    while (text < end) {
        const char *nl = memchr(text, '\n', (size_t)(end - text));
        size_t len = nl != NULL ? (size_t)(nl - text) : (size_t)(end - text);
        slate_history *h;
        if (slate_history_from_json(text, len, &h, NULL) == SLATE_OK) {
            size_t n;
            const slate_event *events = slate_history_events(h, &n);
            slate_report_add(r, slate_history_id(h), events, n, NULL);
            slate_history_free(h);
        }
        text += len + 1;
    }
    const slate_report_result *res;
    slate_error err;
    slate_status st = slate_report_result_get(r, &res, &err);
    if (st == SLATE_OK)
        check_totals(res);
    else if (st != SLATE_ELIMIT && st != SLATE_ENOMEM)
        abort();
    slate_report_free(r);
    return 0;
}
