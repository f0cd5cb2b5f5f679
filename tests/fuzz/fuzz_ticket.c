/* Fuzz target: tickets and histories from JSON, replayed on a fixed policy. */
#include <stdlib.h>
#include <string.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char policy_text[] =
    "{\"calendars\": {\"office\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"09:00-17:00\"], \"sat\": [\"22:00-06:00\"]}}},"
    " \"priorities\": {\"levels\": [\"P1\", \"P2\"], \"default\": \"P2\", \"rules\": [{\"id\": \"r\", \"when\": {\"field\": \"s\","
    " \"matches\": \"down|out(age)?\"}, \"set\": {\"priority\": \"P1\"}}]},"
    " \"slas\": [{\"id\": \"s\", \"calendar\": \"office\", \"targets\": [{\"name\": \"t\", \"durations\": {\"P1\": \"PT1H\","
    " \"*\": {\"by\": \"16:00\", \"business_days\": 1}}, \"pause_when\": {\"field\": \"status\", \"equals\": \"pending\"},"
    " \"stop_when\": {\"field\": \"status\", \"equals\": \"resolved\"}, \"restart\": \"continue\"}]}]}";

static slate_policy *policy;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (policy == NULL && slate_policy_from_json(NULL, policy_text, strlen(policy_text), &policy, NULL) != SLATE_OK)
        abort();
    slate_ticket *t;
    if (slate_ticket_from_json((const char *)data, size, &t, NULL) == SLATE_OK) slate_ticket_free(t);
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
    slate_clock_free(clock);
    slate_history_free(h);
    return 0;
}
