/* The SLA clock: hand-computed scenarios on a UTC office calendar
 * (Monday to Friday 09:00-17:00, Wednesday 2026-03-11 closed), load errors,
 * atomic rejection, and replay agreeing with incremental use. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#define POLICY                                                                                     \
    "{\"calendars\": {\"office\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": "                  \
    "[\"09:00-17:00\"],"                                                                           \
    "\"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"],"          \
    "\"fri\": [\"09:00-17:00\"]}, \"closed\": [\"2026-03-11\"]}},"                                 \
    "\"priorities\": {\"levels\": [\"P1\", \"P2\", \"P3\"], \"default\": \"P3\"},"                 \
    "\"slas\": [{\"id\": \"incident\", \"calendar\": \"office\","                                  \
    "\"applies_when\": {\"field\": \"type\", \"not_equals\": \"request\"}, \"targets\": ["         \
    "{\"name\": \"response\", \"durations\": {\"P1\": \"PT1H\", \"P2\": \"PT4H\", \"P3\": "        \
    "\"PT8H\"},"                                                                                   \
    " \"stop_when\": {\"field\": \"event\", \"equals\": \"agent_comment\"}},"                      \
    "{\"name\": \"resolution\", \"durations\": {\"P1\": \"PT3H\", \"P2\": \"P1D\", \"*\": "        \
    "\"PT16H\"},"                                                                                  \
    " \"pause_when\": {\"field\": \"status\", \"in\": [\"pending_customer\", "                     \
    "\"pending_vendor\"]},"                                                                        \
    " \"stop_when\": {\"field\": \"status\", \"in\": [\"resolved\", \"closed\"]},"                 \
    " \"reset_when\": {\"field\": \"event\", \"equals\": \"moved_queue\"},"                        \
    " \"cancel_when\": {\"field\": \"status\", \"equals\": \"cancelled\"}, \"restart\": "          \
    "\"continue\"}]},"                                                                             \
    "{\"id\": \"always-ack\", \"calendar\": \"24x7\", \"targets\": [{\"name\": \"ack\","           \
    " \"durations\": {\"*\": \"PT30M\"}, \"stop_when\": {\"field\": \"acknowledged\", "            \
    "\"equals\": true}}]}]}"

static slate_policy *policy;
static slate_clock *clock_;

static void setup(void) {
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, POLICY, strlen(POLICY), &policy, &err) == SLATE_OK,
                  "%s", err.message);
    ck_assert_int_eq(slate_clock_new(policy, &clock_, &err), SLATE_OK);
}

static void teardown(void) {
    slate_clock_free(clock_);
    slate_policy_free(policy);
}

static void apply(const char *spec) { apply_ok(clock_, spec); }

static const slate_sla_result *result(const char *now, const char *target) {
    return target_at(clock_, now, target);
}

START_TEST(response_met) {
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    const slate_sla_result *r = result("2026-03-02T12:00:00Z", "response");
    ck_assert_int_eq(r->state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r->target_seconds, 8 * 3600);
    ck_assert_int_eq(r->elapsed, 2 * 3600);
    ck_assert_int_eq(r->remaining, 6 * 3600);
    ck_assert_double_eq(r->percent, 25.0);
    expect_due(r, "2026-03-03T10:00:00Z");
    apply("2026-03-02T15:00:00Z agent_comment");
    r = result("2026-03-04T09:00:00Z", "response");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->breached, 0);
    ck_assert_int_eq(r->elapsed, 5 * 3600);
    ck_assert_int_eq(r->has_due, 0);
    ck_assert_uint_eq(r->step_count, 2);
    ck_assert_str_eq(r->steps[0].why, "start");
    ck_assert_str_eq(r->steps[1].why, "stop");
    ck_assert_uint_eq(r->steps[1].event, 1);
    ck_assert_str_eq(r->steps[1].condition, "/slas/0/targets/0/stop_when");
    ck_assert_str_eq(r->priority, "P3");
}
END_TEST

START_TEST(pending_over_a_weekend) {
    apply("2026-03-06T15:00:00Z created status=new priority=P3");
    apply("2026-03-06T16:00:00Z - status=pending_customer");
    const slate_sla_result *r = result("2026-03-08T12:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_PAUSED);
    ck_assert_int_eq(r->elapsed, 3600);
    ck_assert_int_eq(r->has_due, 0);
    apply("2026-03-09T10:00:00Z - status=open");
    r = result("2026-03-09T12:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r->elapsed, 3 * 3600); /* Fri 15-16, Mon 10-12 */
    ck_assert_int_eq(r->paused, 66 * 3600); /* Fri 16:00 to Mon 10:00 */
    expect_due(r, "2026-03-10T17:00:00Z");  /* 13 h: Mon 12-17, Tue 09-17 */
}
END_TEST

START_TEST(paused_outside_business_hours) {
    /* Pending from Saturday 10:00 to Sunday 12:00: closed hours either way,
     * so only the paused wall time grows. */
    apply("2026-03-06T15:00:00Z created status=new priority=P3");
    apply("2026-03-07T10:00:00Z - status=pending_customer");
    apply("2026-03-08T12:00:00Z - status=open");
    const slate_sla_result *r = result("2026-03-09T10:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r->elapsed, 3 * 3600); /* Fri 15-17, Mon 09-10 */
    ck_assert_int_eq(r->paused, 26 * 3600);
    expect_due(r, "2026-03-10T15:00:00Z"); /* 13 h left: Mon 10-17, Tue 09-15 */
}
END_TEST

START_TEST(upgraded_mid_flight) {
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    apply("2026-03-02T12:00:00Z - priority=P1");
    const slate_sla_result *r = result("2026-03-02T12:00:00Z", "resolution");
    ck_assert_int_eq(r->target_seconds, 3 * 3600);
    ck_assert_int_eq(r->elapsed, 2 * 3600);
    expect_due(r, "2026-03-02T13:00:00Z");
    r = result("2026-03-02T15:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->breach_time, T("2026-03-02T13:00:00Z"));
    ck_assert_int_eq(r->remaining, 0);
    ck_assert_double_eq_tol(r->percent, 166.666, 0.01);
    /* The response target, upgraded at 12:00 to 1 hour with 2 used: it
     * breached when its first hour ran out, 11:00; the step says so, and
     * that it was learnt at 12:00. */
    r = result("2026-03-02T15:00:00Z", "response");
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->breach_time, T("2026-03-02T11:00:00Z"));
    const slate_sla_step *b = &r->steps[r->step_count - 1];
    ck_assert_str_eq(b->why, "breach");
    ck_assert_int_eq(b->at, T("2026-03-02T11:00:00Z"));
    ck_assert_int_eq(b->noted, T("2026-03-02T12:00:00Z"));
    ck_assert_uint_eq(b->event, 1);
}
END_TEST

START_TEST(breached_while_paused) {
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    apply("2026-03-02T14:00:00Z - status=pending_vendor");
    apply("2026-03-02T15:00:00Z - priority=P1");
    /* Upgraded while paused to 3 hours with 4 used: breached at 13:00,
     * when the third hour ran out. */
    const slate_sla_result *r = result("2026-03-02T16:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_PAUSED);
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->breach_time, T("2026-03-02T13:00:00Z"));
    ck_assert_int_eq(r->elapsed, 4 * 3600);
    ck_assert_int_eq(r->paused, 2 * 3600);
}
END_TEST

START_TEST(cycles_reopened_and_limited) {
    /* Resolution met late on Monday 17:00 (P1, 3 h from 10:00: due 13:00,
     * 4 h late), reopened Tuesday 10:00 (restart continue: the same
     * business time carries on) and met again at 11:00. Cycle 1 is
     * breached and late by 4 h; cycle 2 carries the breach of cycle 1
     * without repeating it: met. */
    apply("2026-03-02T10:00:00Z created status=new priority=P1");
    apply("2026-03-02T17:00:00Z - status=resolved");
    apply("2026-03-03T10:00:00Z - status=in_progress");
    apply("2026-03-03T11:00:00Z - status=resolved");
    const slate_sla_result *r = result("2026-03-03T12:00:00Z", "resolution");
    ck_assert_uint_eq(r->cycle_count, 2);
    const slate_sla_cycle *one = &r->cycle_list[0], *two = &r->cycle_list[1];
    ck_assert_int_eq(one->number, 1);
    ck_assert_int_eq(one->outcome, SLATE_CYCLE_BREACHED);
    ck_assert_int_eq(one->end, T("2026-03-02T17:00:00Z"));
    ck_assert_int_eq(one->breach_time, T("2026-03-02T13:00:00Z"));
    ck_assert_int_eq(one->late_by, 4 * 3600);
    ck_assert_int_eq(one->elapsed, 7 * 3600);
    ck_assert_int_eq(two->outcome, SLATE_CYCLE_MET);
    ck_assert_int_eq(two->start, T("2026-03-03T10:00:00Z"));
    ck_assert_int_eq(two->elapsed, 8 * 3600);
    ck_assert_int_eq(two->breached, 0);
    /* A reset ends a cycle: RESET when not breached. */
    slate_clock_reset(clock_);
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    apply("2026-03-02T11:00:00Z moved_queue");
    r = result("2026-03-02T12:00:00Z", "resolution");
    ck_assert_uint_eq(r->cycle_count, 2);
    ck_assert_int_eq(r->cycle_list[0].outcome, SLATE_CYCLE_RESET);
    ck_assert_int_eq(r->cycle_list[1].outcome, SLATE_CYCLE_OPEN);
    ck_assert_int_eq(r->cycle_list[1].elapsed, 3600);
    /* A target keeps at most SLATE_SLA_CYCLES_MAX cycles. */
    slate_clock_reset(clock_);
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    slate_event reset = {T("2026-03-02T11:00:00Z"), "moved_queue", NULL, 0};
    for (int i = 1; i < SLATE_SLA_CYCLES_MAX; i++)
        ck_assert_int_eq(slate_clock_apply(clock_, &reset, NULL), SLATE_OK);
    slate_error err;
    ck_assert_int_eq(slate_clock_apply(clock_, &reset, &err), SLATE_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "incident/resolution already has 1000 cycles"));
}
END_TEST

START_TEST(met_at_the_due_second) {
    apply("2026-03-02T10:00:00Z created status=new priority=P1");
    apply("2026-03-02T11:00:00Z agent_comment");
    const slate_sla_result *r = result("2026-03-02T12:00:00Z", "response");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->breached, 0);
    ck_assert_int_eq(r->elapsed, 3600);
    /* One second later would have been a breach at the due second. */
    slate_clock_reset(clock_);
    apply("2026-03-02T10:00:00Z created status=new priority=P1");
    apply("2026-03-02T11:00:01Z agent_comment");
    r = result("2026-03-02T12:00:00Z", "response");
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->breach_time, T("2026-03-02T11:00:00Z"));
}
END_TEST

START_TEST(due_at_closing_time) {
    /* Due at Monday's close: still open at 17:00:01 is a breach, though no
     * business time passes until Tuesday 09:00. */
    apply("2026-03-02T16:00:00Z created status=new priority=P1");
    const slate_sla_result *r = result("2026-03-02T17:00:00Z", "response");
    ck_assert_int_eq(r->breached, 0);
    expect_due(r, "2026-03-02T17:00:00Z");
    r = result("2026-03-02T17:00:01Z", "response");
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->breach_time, T("2026-03-02T17:00:00Z"));
    ck_assert_int_eq(r->remaining, 0);
    apply("2026-03-03T08:00:00Z agent_comment");
    r = result("2026-03-03T12:00:00Z", "response");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->elapsed, 3600);
}
END_TEST

START_TEST(reset_cancel_reopen) {
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    apply("2026-03-02T12:00:00Z moved_queue");
    const slate_sla_result *r = result("2026-03-02T13:00:00Z", "resolution");
    ck_assert_int_eq(r->cycles, 2);
    ck_assert_int_eq(r->elapsed, 3600);
    ck_assert_int_eq(r->start, T("2026-03-02T12:00:00Z"));
    apply("2026-03-02T14:00:00Z - status=resolved");
    r = result("2026-03-02T15:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->elapsed, 2 * 3600);
    apply("2026-03-03T09:30:00Z agent_comment"); /* still resolved: no restart */
    ck_assert_int_eq(result("2026-03-03T10:00:00Z", "resolution")->state, SLATE_SLA_MET);
    apply("2026-03-03T10:00:00Z - status=open"); /* reopened: continue */
    r = result("2026-03-03T12:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r->cycles, 3);
    ck_assert_int_eq(r->elapsed, 4 * 3600);
    apply("2026-03-03T12:00:00Z - status=cancelled");
    r = result("2026-03-05T12:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_CANCELLED);
    ck_assert_int_eq(r->elapsed, 4 * 3600);
}
END_TEST

START_TEST(holiday_and_applicability) {
    /* Across the closed Wednesday: 16 h from Tue 2026-03-10 10:00 is Tue 7 h,
     * Thu 8 h, then Fri 10:00. */
    apply("2026-03-10T10:00:00Z created status=new priority=P3 type=incident");
    expect_due(result("2026-03-10T10:00:00Z", "resolution"), "2026-03-13T10:00:00Z");
    /* 24x7 acknowledgement: 30 minutes of wall time. */
    const slate_sla_result *r = result("2026-03-10T10:45:00Z", "ack");
    ck_assert_int_eq(r->breached, 1);
    ck_assert_int_eq(r->breach_time, T("2026-03-10T10:30:00Z"));
    /* A request is not an incident: its targets never start. */
    slate_clock_reset(clock_);
    apply("2026-03-10T10:00:00Z created status=new priority=P3 type=request");
    ck_assert_int_eq(result("2026-03-10T12:00:00Z", "resolution")->state, SLATE_SLA_NOT_STARTED);
    ck_assert_int_eq(result("2026-03-10T12:00:00Z", "ack")->state, SLATE_SLA_RUNNING);
}
END_TEST

START_TEST(classified_priority) {
    /* No priority field: the policy's priorities decide (default P3). */
    apply("2026-03-02T10:00:00Z created status=new");
    const slate_sla_result *r = result("2026-03-02T10:00:00Z", "response");
    ck_assert_str_eq(r->priority, "P3");
    ck_assert_int_eq(r->target_seconds, 8 * 3600);
}
END_TEST

START_TEST(rejected_events_change_nothing) {
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    apply("2026-03-02T12:00:00Z - status=pending_customer");
    slate_error err;
    ck_assert_int_eq(apply_spec(clock_, "2026-03-02T11:00:00Z - status=open", &err), SLATE_EINVAL);
    ck_assert_str_eq(err.message,
                     "event 2 at 2026-03-02T11:00:00Z is before event 1 at 2026-03-02T12:00:00Z: "
                     "events must come in time order");
    const slate_sla_result *r = result("2026-03-02T13:00:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_PAUSED);
    ck_assert_int_eq(r->elapsed, 2 * 3600);
    const slate_sla_result *out;
    size_t n;
    ck_assert_int_eq(slate_clock_results(clock_, T("2026-03-02T11:00:00Z"), &out, &n, &err),
                     SLATE_EINVAL);
    slate_event early = {SLATE_TIME_MIN - 1, NULL, NULL, 0};
    ck_assert_int_eq(slate_clock_apply(clock_, &early, &err), SLATE_ERANGE);
    ck_assert_int_eq(result("2026-03-02T13:00:00Z", "resolution")->elapsed, 2 * 3600);
}
END_TEST

/* Replaying a history in one go or step by step, asking between events,
 * gives the same answers. */
START_TEST(incremental_matches_replay) {
    static const char *const statuses[] = {"open", "pending_customer", "resolved",
                                           "open", "pending_vendor",   "cancelled"};
    static const char *const kinds[] = {"-", "agent_comment", "moved_queue", "-", "-"};
    static const char *const priorities[] = {"P1", "P2", "P3"};
    slate_clock *other;
    ck_assert_int_eq(slate_clock_new(policy, &other, NULL), SLATE_OK);
    unsigned seed = 7;
    for (int round = 0; round < 200; round++) {
        slate_clock_reset(clock_);
        slate_clock_reset(other);
        slate_time t = T("2026-03-02T08:00:00Z");
        char spec[160], when[SLATE_TIME_TEXT_MAX];
        for (int i = 0; i < 8; i++) {
            seed = seed * 1103515245u + 12345u;
            t += (slate_time)(seed % 20000);
            slate_time_format(t, 0, when, sizeof when);
            snprintf(spec, sizeof spec, "%s %s status=%s priority=%s", when, kinds[(seed >> 8) % 5],
                     statuses[(seed >> 12) % 6], priorities[(seed >> 16) % 3]);
            ck_assert_int_eq(apply_spec(clock_, spec, NULL), SLATE_OK);
            ck_assert_int_eq(apply_spec(other, spec, NULL), SLATE_OK);
            const slate_sla_result *peek;
            size_t n;
            ck_assert_int_eq(slate_clock_results(other, t + 1234, &peek, &n, NULL), SLATE_OK);
        }
        const slate_sla_result *a, *b;
        size_t na, nb;
        ck_assert_int_eq(slate_clock_results(clock_, t + 50000, &a, &na, NULL), SLATE_OK);
        ck_assert_int_eq(slate_clock_results(other, t + 50000, &b, &nb, NULL), SLATE_OK);
        for (size_t i = 0; i < na; i++) {
            ck_assert_int_eq(a[i].state, b[i].state);
            ck_assert_int_eq(a[i].elapsed, b[i].elapsed);
            ck_assert_int_eq(a[i].paused, b[i].paused);
            ck_assert_int_eq(a[i].breached, b[i].breached);
            ck_assert_int_eq(a[i].due, b[i].due);
            ck_assert_uint_eq(a[i].step_count, b[i].step_count);
            ck_assert(a[i].elapsed >= 0 && a[i].paused >= 0);
        }
    }
    slate_clock_free(other);
}
END_TEST

#define RELATIVE                                                                                   \
    "{\"calendars\": {\"office\": {\"timezone\": \"America/New_York\", \"weekly\": {\"mon\": "     \
    "[\"09:00-17:00\"],"                                                                           \
    "\"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"],"          \
    "\"fri\": [\"09:00-17:00\"]}, \"closed\": [\"2026-03-11\"]}},"                                 \
    "\"slas\": [{\"id\": \"callbacks\", \"calendar\": \"office\", \"targets\": ["                  \
    "{\"name\": \"next-day\", \"durations\": {\"*\": {\"by\": \"16:00\", \"business_days\": 1}}}," \
    "{\"name\": \"same-day\", \"durations\": {\"*\": {\"by\": \"16:00\"}}},"                       \
    "{\"name\": \"eod\", \"durations\": {\"*\": {\"end_of_business_day\": 0}},"                    \
    " \"pause_when\": {\"field\": \"status\", \"equals\": \"pending\"}}]}]}"

/* Due instants of the three relative targets for a ticket created at `created`. */
static void relative_dues(const char *created, const char *next_day, const char *same_day,
                          const char *eod) {
    slate_policy *p;
    slate_clock *c;
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, RELATIVE, strlen(RELATIVE), &p, &err) == SLATE_OK,
                  "%s", err.message);
    ck_assert_int_eq(slate_clock_new(p, &c, &err), SLATE_OK);
    slate_field f = {"status", "new"};
    slate_event e = {T(created), "created", &f, 1};
    ck_assert_int_eq(slate_clock_apply(c, &e, &err), SLATE_OK);
    const slate_sla_result *r;
    size_t n;
    ck_assert_int_eq(slate_clock_results(c, T(created), &r, &n, &err), SLATE_OK);
    const char *want[3] = {next_day, same_day, eod};
    for (int i = 0; i < 3; i++) {
        char got[SLATE_TIME_TEXT_MAX];
        slate_time_format(r[i].due, 0, got, sizeof got);
        ck_assert_msg(r[i].has_due && r[i].due == T(want[i]), "%s %s: due %s, want %s", created,
                      r[i].target, got, want[i]);
    }
    slate_clock_free(c);
    slate_policy_free(p);
}

START_TEST(relative_deadlines) {
    /* New York, EDT from 2026-03-08. Monday 2026-03-09 10:00 EDT = 14:00Z. */
    relative_dues("2026-03-09T14:00:00Z", "2026-03-10T20:00:00Z", "2026-03-09T20:00:00Z",
                  "2026-03-09T21:00:00Z");
    /* Tuesday 16:30 EDT: past 16:00, and the next business day skips the closed Wednesday. */
    relative_dues("2026-03-10T20:30:00Z", "2026-03-12T20:00:00Z", "2026-03-12T20:00:00Z",
                  "2026-03-10T21:00:00Z");
    /* Tuesday 18:00 EDT: after hours, so even end of day is Thursday's close. */
    relative_dues("2026-03-10T22:00:00Z", "2026-03-12T20:00:00Z", "2026-03-12T20:00:00Z",
                  "2026-03-12T21:00:00Z");
    /* Friday 2026-03-06 10:00 EST (15:00Z), across the spring-forward weekend: Monday 16:00 EDT. */
    relative_dues("2026-03-06T15:00:00Z", "2026-03-09T20:00:00Z", "2026-03-06T21:00:00Z",
                  "2026-03-06T22:00:00Z");
}
END_TEST

/* Before 1970 local day numbers are negative; relative deadlines there
 * were once read as "none". Monday 1960-03-07 10:00 EST (15:00Z). */
START_TEST(relative_deadlines_before_1970) {
    relative_dues("1960-03-07T15:00:00Z", "1960-03-08T21:00:00Z", "1960-03-07T21:00:00Z",
                  "1960-03-07T22:00:00Z");
}
END_TEST

START_TEST(relative_deadline_paused) {
    /* A pause moves a relative deadline like any other: it is business time. */
    slate_policy *p;
    slate_clock *c;
    ck_assert_int_eq(slate_policy_from_json(NULL, RELATIVE, strlen(RELATIVE), &p, NULL), SLATE_OK);
    ck_assert_int_eq(slate_clock_new(p, &c, NULL), SLATE_OK);
    slate_field f = {"status", "new"}, pending = {"status", "pending"}, open = {"status", "open"};
    slate_event events[] = {{T("2026-03-09T14:00:00Z"), NULL, &f, 1},
                            {T("2026-03-09T15:00:00Z"), NULL, &pending, 1},
                            {T("2026-03-09T17:00:00Z"), NULL, &open, 1}};
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(slate_clock_apply(c, &events[i], NULL), SLATE_OK);
    const slate_sla_result *r;
    size_t n;
    ck_assert_int_eq(slate_clock_results(c, T("2026-03-09T17:00:00Z"), &r, &n, NULL), SLATE_OK);
    ck_assert_str_eq(r[2].target, "eod");
    ck_assert_int_eq(r[2].target_seconds, 7 * 3600);
    /* 1 h used, paused 2 h, 6 h left at Monday 13:00 EDT: 4 h Monday, 2 h Tuesday. */
    ck_assert_int_eq(r[2].elapsed, 3600);
    ck_assert_int_eq(r[2].due, T("2026-03-10T15:00:00Z"));
    slate_clock_free(c);
    slate_policy_free(p);
}
END_TEST

START_TEST(policy_version_change) {
    const char *v2 = "{\"slas\": [{\"id\": \"incident\", \"calendar\": \"24x7\", \"targets\": ["
                     "{\"name\": \"resolution\", \"durations\": {\"*\": \"PT20H\"},"
                     " \"stop_when\": {\"field\": \"status\", \"equals\": \"resolved\"}},"
                     "{\"name\": \"triage\", \"durations\": {\"*\": \"PT1H\"}}]}]}";
    slate_policy *next;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_json(NULL, v2, strlen(v2), &next, &err), SLATE_OK);
    apply("2026-03-02T10:00:00Z created status=new priority=P3");
    ck_assert_int_eq(slate_clock_set_policy(clock_, next, T("2026-03-02T09:00:00Z"), &err),
                     SLATE_EINVAL);
    ck_assert_int_eq(slate_clock_set_policy(clock_, next, T("2026-03-02T12:00:00Z"), &err),
                     SLATE_OK);
    const slate_sla_result *r;
    size_t n;
    ck_assert_int_eq(slate_clock_results(clock_, T("2026-03-02T20:00:00Z"), &r, &n, &err),
                     SLATE_OK);
    ck_assert_uint_eq(n, 2);
    /* Office hours until the change (2 h), then around the clock (8 h), against 20 h now. */
    ck_assert_str_eq(r[0].target, "resolution");
    ck_assert_int_eq(r[0].state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r[0].elapsed, 10 * 3600);
    ck_assert_int_eq(r[0].target_seconds, 20 * 3600);
    ck_assert_uint_eq(r[0].step_count, 2); /* its start, kept, and the move to 24x7 */
    ck_assert_str_eq(r[0].steps[1].why, "calendar");
    ck_assert_str_eq(r[0].steps[1].calendar, "24x7");
    ck_assert_str_eq(r[0].steps[1].condition, "/slas/0/calendar");
    ck_assert_int_eq(r[0].steps[1].at, T("2026-03-02T12:00:00Z"));
    ck_assert_int_eq(r[0].steps[1].from, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r[0].steps[1].to, SLATE_SLA_RUNNING);
    /* The new target starts at the next event. */
    ck_assert_int_eq(r[1].state, SLATE_SLA_NOT_STARTED);
    apply("2026-03-02T21:00:00Z - status=resolved");
    ck_assert_int_eq(slate_clock_results(clock_, T("2026-03-02T21:00:00Z"), &r, &n, &err),
                     SLATE_OK);
    ck_assert_int_eq(r[0].state, SLATE_SLA_MET);
    ck_assert_int_eq(r[0].elapsed, 11 * 3600);
    ck_assert_int_eq(r[1].state, SLATE_SLA_RUNNING);
    /* The clock now reads the new policy: free the old one's clock first. */
    slate_clock_free(clock_);
    clock_ = NULL;
    slate_policy_free(next);
    ck_assert_int_eq(slate_clock_new(policy, &clock_, &err), SLATE_OK);
}
END_TEST

START_TEST(histories_from_json) {
    const char *json =
        "{\"id\": 42, \"events\": [{\"at\": \"2026-03-02T10:00:00Z\", \"kind\": \"created\","
        " \"fields\": {\"status\": \"new\", \"customer\": {\"tier\": \"gold\"}}}, {\"at\": "
        "\"2026-03-02T11:00:00Z\"}]}";
    slate_history *h;
    slate_error err;
    ck_assert_int_eq(slate_history_from_json(json, strlen(json), &h, &err), SLATE_OK);
    ck_assert_str_eq(slate_history_id(h), "42");
    size_t n;
    const slate_event *e = slate_history_events(h, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(e[0].at, T("2026-03-02T10:00:00Z"));
    ck_assert_str_eq(e[0].kind, "created");
    ck_assert_uint_eq(e[0].field_count, 2);
    ck_assert_str_eq(e[0].fields[1].name, "customer.tier");
    ck_assert_ptr_null(e[1].kind);
    ck_assert_uint_eq(e[1].field_count, 0);
    slate_history_free(h);
    const char *bad_at = "{\"events\": [{\"at\": \"2026-13-02T10:00:00Z\"}]}";
    ck_assert_int_eq(slate_history_from_json(bad_at, strlen(bad_at), &h, &err), SLATE_EINVAL);
    ck_assert_str_eq(err.pointer, "/events/0/at");
    const char *no_events = "{\"id\": \"x\"}";
    ck_assert_int_eq(slate_history_from_json(no_events, strlen(no_events), &h, &err), SLATE_EPARSE);
    ck_assert(strstr(err.message, "needs \"events\"") != NULL);
    slate_history_free(NULL);
}
END_TEST

START_TEST(no_slas) {
    const char *json = "{\"calendars\": {}}";
    slate_policy *p;
    slate_clock *c = (slate_clock *)1;
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, NULL), SLATE_OK);
    ck_assert_int_eq(slate_clock_new(p, &c, NULL), SLATE_ENOENT);
    ck_assert_ptr_null(c);
    slate_policy_free(p);
    ck_assert_str_eq(slate_sla_state_name(SLATE_SLA_PAUSED), "paused");
    slate_clock_free(NULL);
}
END_TEST

int main(void) {
    Suite *s = suite_create("sla");
    TCase *tc = tcase_create("clock");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, response_met);
    tcase_add_test(tc, pending_over_a_weekend);
    tcase_add_test(tc, paused_outside_business_hours);
    tcase_add_test(tc, upgraded_mid_flight);
    tcase_add_test(tc, breached_while_paused);
    tcase_add_test(tc, met_at_the_due_second);
    tcase_add_test(tc, cycles_reopened_and_limited);
    tcase_add_test(tc, due_at_closing_time);
    tcase_add_test(tc, reset_cancel_reopen);
    tcase_add_test(tc, holiday_and_applicability);
    tcase_add_test(tc, classified_priority);
    tcase_add_test(tc, rejected_events_change_nothing);
    tcase_add_test(tc, incremental_matches_replay);
    tcase_add_test(tc, relative_deadlines);
    tcase_add_test(tc, relative_deadlines_before_1970);
    tcase_add_test(tc, relative_deadline_paused);
    tcase_add_test(tc, policy_version_change);
    suite_add_tcase(s, tc);
    TCase *load_tc = tcase_create("loading");
    tcase_add_test(load_tc, no_slas);
    tcase_add_test(load_tc, histories_from_json);
    suite_add_tcase(s, load_tc);
    return run_suite(s);
}
