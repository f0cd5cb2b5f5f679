/* A tiny escalation scheduler on the next-wake API. Two tickets of the ITSM
 * example policy are followed by one clock each. The loop sleeps (here: jumps
 * simulated time) until the earliest next wake of any ticket, delivers the
 * steps that fire in between, and feeds each ticket's events as their time
 * comes. A real host would sleep on a timer and wake early when an event
 * arrives; the calls are the same.
 *
 *   escalation_scheduler [POLICY] */
#include <stdio.h>

#include "slate.h"

typedef struct ticket {
    const char *id;
    slate_clock *clock;
    const slate_event *events;
    size_t count, next; /* events fed so far */
} ticket;

static void print_time(slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    slate_time_format(t, 0, text, sizeof text);
    fputs(text, stdout);
}

/* The earliest instant at which anything happens to a ticket after `now`:
 * its next event or its clock's next wake. 0 when nothing will. */
static int next_instant(ticket *t, slate_time now, slate_time *out) {
    slate_escalation_status s;
    slate_error err;
    int found = 0;
    if (t->next > 0 && slate_clock_escalations(t->clock, now, &s, &err) == SLATE_OK &&
        s.has_next_wake)
        *out = s.next_wake, found = 1;
    if (t->next < t->count && (!found || t->events[t->next].at < *out))
        *out = t->events[t->next].at, found = 1;
    return found;
}

/* Feeds the events due by `to` (events at an instant come before its
 * steps), then delivers the steps firing in [from, to]. */
static int step_to(ticket *t, slate_time from, slate_time to) {
    const slate_escalation *fired;
    size_t n;
    slate_error err;
    while (t->next < t->count && t->events[t->next].at <= to) {
        if (slate_clock_apply(t->clock, &t->events[t->next], &err) != SLATE_OK) {
            fprintf(stderr, "%s: %s\n", t->id, err.message);
            return 0;
        }
        print_time(t->events[t->next].at);
        printf("  %s  event %s\n", t->id,
               t->events[t->next].kind ? t->events[t->next].kind : "(fields)");
        t->next++;
    }
    if (t->next > 0 &&
        slate_clock_escalations_between(t->clock, from, to + 1, &fired, &n, &err) == SLATE_OK)
        for (size_t i = 0; i < n; i++) {
            print_time(fired[i].at);
            printf("  %s  %-16s repeat %d  ->", t->id, fired[i].step, fired[i].repeat);
            for (size_t k = 0; k < fired[i].notify_count; k++)
                printf(" %s", fired[i].notify[k]);
            printf(" (%s)\n", fired[i].channel != NULL ? fired[i].channel : "-");
        }
    return 1;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/policies/itsm-desk.json";
    slate_policy *policy;
    slate_error err;
    if (slate_policy_from_file(NULL, path, &policy, &err) != SLATE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    /* A P1 security incident acknowledged after two pages, and a P2 that
     * waits on the customer. Times are UTC; the desk works in Manila. */
    slate_field p1[] = {
        {"category", "security"}, {"status", "new"}, {"requester.email", "ana@example.com"}};
    slate_field working[] = {{"status", "in_progress"}}, resolved[] = {{"status", "resolved"}};
    slate_field p2[] = {{"impact", "department"},
                        {"urgency", "high"},
                        {"status", "new"},
                        {"requester.email", "li@example.com"}};
    slate_field pending[] = {{"status", "pending_customer"}};
    slate_event a[] = {{1773018000, "created", p1, 3},                   /* 2026-03-09T01:00:00Z */
                       {1773018300, "agent_comment", working, 1},        /* 01:05 */
                       {1773036000, "escalation_acknowledged", NULL, 0}, /* 06:00 */
                       {1773050400, NULL, resolved, 1}};                 /* 10:00 */
    slate_event b[] = {{1773021600, "created", p2, 4},                   /* 02:00 */
                       {1773030600, "agent_comment", pending, 1},        /* 04:30 */
                       {1773064800, NULL, working, 1}};                  /* 14:00 */
    ticket tickets[2] = {{"INC-1", NULL, a, 4, 0}, {"INC-2", NULL, b, 3, 0}};
    int ok = 1;
    for (int i = 0; i < 2 && ok; i++)
        ok = slate_clock_new(policy, &tickets[i].clock, &err) == SLATE_OK;
    slate_time now = a[0].at, wake = 0;
    for (int rounds = 0; ok && rounds < 100; rounds++) {
        int any = 0;
        for (int i = 0; i < 2; i++) {
            slate_time t;
            if (next_instant(&tickets[i], now, &t) && (!any || t < wake)) wake = t, any = 1;
        }
        if (!any || wake > now + 7 * 86400) break; /* nothing left this week */
        for (int i = 0; i < 2 && ok; i++)
            ok = step_to(&tickets[i], now, wake);
        now = wake + 1;
    }
    for (int i = 0; i < 2; i++)
        slate_clock_free(tickets[i].clock);
    slate_policy_free(policy);
    return ok ? 0 : 1;
}
