/* Escalation chains: fire times computed by hand on a UTC office calendar
 * (Monday to Friday 09:00-17:00) with an on-call delivery calendar (every
 * day 08:00-18:00), acknowledgement, pauses, priority changes, repeats,
 * next wake times, intervals, and load errors. 2026-03-02 is a Monday. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#define CALENDARS                                                                                  \
    "\"calendars\": {\"office\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"09:00-17:00\"]," \
    "\"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"],"          \
    "\"fri\": [\"09:00-17:00\"]}}, \"oncall\": {\"timezone\": \"UTC\", \"weekly\": {"              \
    "\"mon\": [\"08:00-18:00\"], \"tue\": [\"08:00-18:00\"], \"wed\": [\"08:00-18:00\"],"          \
    "\"thu\": [\"08:00-18:00\"], \"fri\": [\"08:00-18:00\"], \"sat\": [\"08:00-18:00\"],"          \
    "\"sun\": [\"08:00-18:00\"]}}},"                                                               \
    "\"priorities\": {\"levels\": [\"P1\", \"P2\", \"P3\"], \"default\": \"P3\"},"                 \
    "\"slas\": [{\"id\": \"incident\", \"calendar\": \"office\", \"targets\": [{\"name\": "        \
    "\"resolution\","                                                                              \
    " \"durations\": {\"P1\": \"PT4H\", \"P2\": \"PT8H\", \"P3\": \"PT16H\"},"                     \
    " \"pause_when\": {\"field\": \"status\", \"equals\": \"pending\"},"                           \
    " \"stop_when\": {\"field\": \"status\", \"equals\": \"resolved\"},"                           \
    " \"reset_when\": {\"field\": \"event\", \"equals\": \"moved_queue\"}}]}]"

#define POLICY                                                                                     \
    "{" CALENDARS                                                                                  \
    ", \"escalations\": [{\"id\": \"warn\", \"sla\": \"incident\", \"target\": \"resolution\","    \
    " \"acknowledge_when\": {\"field\": \"event\", \"equals\": \"acknowledged\"}, \"steps\": ["    \
    "{\"id\": \"s50\", \"at\": {\"percent\": 50}, \"notify\": [\"team-lead\"], \"channel\": "      \
    "\"email\"},"                                                                                  \
    "{\"id\": \"s75\", \"at\": {\"percent\": 75}},"                                                \
    "{\"id\": \"pre\", \"at\": {\"before_breach\": \"PT1H\"}},"                                    \
    "{\"id\": \"s100\", \"at\": {\"percent\": 100}},"                                              \
    "{\"id\": \"page\", \"at\": {\"after_breach\": \"PT0S\"}, \"measure\": \"wall\","              \
    " \"repeat\": {\"every\": \"PT30M\", \"times\": 2}, \"when\": {\"field\": \"acknowledged\", "  \
    "\"equals\": false},"                                                                          \
    " \"notify\": [\"L2-pune\", \"service-manager\"], \"template\": \"breach\", \"data\": "        \
    "{\"sev\": 1}},"                                                                               \
    "{\"id\": \"mgr\", \"at\": {\"after_breach\": \"PT2H\"}, \"measure\": \"wall\", "              \
    "\"delivery_calendar\": \"oncall\"},"                                                          \
    "{\"id\": \"p1-hour\", \"at\": {\"elapsed\": \"PT1H\"}, \"measure\": \"wall\","                \
    " \"when\": {\"field\": \"priority\", \"equals\": \"P1\"}}]}]}"

static slate_policy *policy;
static slate_clock *clock_;

static void setup(void) {
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, POLICY, strlen(POLICY), &policy, &err) == SLATE_OK,
                  "%s at %s", err.message, err.pointer);
    ck_assert_int_eq(slate_clock_new(policy, &clock_, &err), SLATE_OK);
}

static void teardown(void) {
    slate_clock_free(clock_);
    slate_policy_free(policy);
}

static void apply(const char *spec) {
    slate_error err;
    ck_assert_msg(apply_spec(clock_, spec, &err) == SLATE_OK, "%s: %s", spec, err.message);
}

static slate_escalation_status status_at(const char *now) {
    slate_escalation_status s;
    slate_error err;
    ck_assert_msg(slate_clock_escalations(clock_, T(now), &s, &err) == SLATE_OK, "%s", err.message);
    return s;
}

/* Checks the firings against "step@instant" words, in order. */
static void expect_fired(const slate_escalation *f, size_t n, const char *want) {
    char buf[1024], got[2048] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        char at[SLATE_TIME_TEXT_MAX];
        slate_time_format(f[i].at, 0, at, sizeof at);
        used +=
            (size_t)snprintf(got + used, sizeof got - used, "%s%s@%s", i ? " " : "", f[i].step, at);
    }
    snprintf(buf, sizeof buf, "%s", want);
    ck_assert_msg(strcmp(got, buf) == 0, "fired:\n  %s\nwant:\n  %s", got, buf);
}

static void expect_wake(const slate_escalation_status *s, const char *when) {
    if (when == NULL) {
        ck_assert_msg(!s->has_next_wake, "unexpected next wake");
        return;
    }
    ck_assert_int_eq(s->has_next_wake, 1);
    char got[SLATE_TIME_TEXT_MAX];
    slate_time_format(s->next_wake, 0, got, sizeof got);
    ck_assert_msg(s->next_wake == T(when), "next wake %s, want %s", got, when);
}

START_TEST(percent_breach_and_repeats) {
    apply("2026-03-02T10:00:00Z created status=new priority=P2"); /* 8 h: due Tue 10:00 */
    slate_escalation_status s = status_at("2026-03-02T15:00:00Z");
    expect_fired(s.fired, s.fired_count, "s50@2026-03-02T14:00:00Z");
    expect_wake(&s, "2026-03-02T16:00:00Z");
    ck_assert_str_eq(s.fired[0].notify[0], "team-lead");
    ck_assert_str_eq(s.fired[0].channel, "email");
    ck_assert_str_eq(s.fired[0].rule, "50.00% of the target");
    ck_assert_int_eq(s.fired[0].elapsed, 4 * 3600);
    ck_assert_int_eq(s.fired[0].cycle, 1);
    s = status_at("2026-03-03T12:00:00Z");
    expect_fired(s.fired, s.fired_count,
                 "s50@2026-03-02T14:00:00Z s75@2026-03-02T16:00:00Z pre@2026-03-02T17:00:00Z "
                 "s100@2026-03-03T10:00:00Z page@2026-03-03T10:00:00Z page@2026-03-03T10:30:00Z "
                 "page@2026-03-03T11:00:00Z mgr@2026-03-03T12:00:00Z");
    expect_wake(&s, NULL);
    const slate_escalation *page = &s.fired[6];
    ck_assert_int_eq(page->repeat, 2);
    ck_assert_uint_eq(page->notify_count, 2);
    ck_assert_str_eq(page->notify[1], "service-manager");
    ck_assert_str_eq(page->template_id, "breach");
    ck_assert_str_eq(page->data, "{\"sev\":1}");
    ck_assert_ptr_null(page->channel);
    ck_assert_str_eq(page->pointer, "/escalations/0/steps/4");
    ck_assert_str_eq(page->rule,
                     "PT0S after the due time (wall time), then every PT30M up to 2 times");
}
END_TEST

START_TEST(acknowledgement_stops_the_page) {
    apply("2026-03-02T10:00:00Z created status=new priority=P2");
    apply("2026-03-03T10:15:00Z acknowledged");
    slate_escalation_status s = status_at("2026-03-03T18:00:00Z");
    expect_fired(s.fired, s.fired_count,
                 "s50@2026-03-02T14:00:00Z s75@2026-03-02T16:00:00Z pre@2026-03-02T17:00:00Z "
                 "s100@2026-03-03T10:00:00Z page@2026-03-03T10:00:00Z mgr@2026-03-03T12:00:00Z");
}
END_TEST

START_TEST(pause_delays_business_steps) {
    apply("2026-03-02T10:00:00Z created status=new priority=P2");
    apply("2026-03-02T13:00:00Z - status=pending");
    slate_escalation_status s = status_at("2026-03-02T14:30:00Z");
    ck_assert_uint_eq(s.fired_count, 0);
    expect_wake(&s, NULL); /* paused: nothing happens until an event */
    apply("2026-03-02T15:00:00Z - status=open");
    s = status_at("2026-03-03T10:00:00Z");
    expect_fired(s.fired, s.fired_count, "s50@2026-03-02T16:00:00Z s75@2026-03-03T10:00:00Z");
    expect_wake(&s, "2026-03-03T11:00:00Z"); /* pre: 7 h of business time */
}
END_TEST

/* Firings made between events, while the chain's bound of its next firing
 * is kept over a pause: s50 is due after 4 business hours, 1 before the
 * pause and 3 after it. */
START_TEST(firings_between_events_over_a_pause) {
    apply("2026-03-02T10:00:00Z created status=new priority=P2");
    apply("2026-03-02T11:00:00Z - status=pending");
    apply("2026-03-02T12:00:00Z - note=waiting");
    apply("2026-03-02T13:00:00Z - status=open");
    apply("2026-03-02T15:59:59Z - note=working");
    slate_escalation_status s = status_at("2026-03-02T15:59:59Z");
    ck_assert_uint_eq(s.fired_count, 0);
    expect_wake(&s, "2026-03-02T16:00:00Z");
    apply("2026-03-02T16:30:00Z - note=still");
    s = status_at("2026-03-02T16:30:00Z");
    expect_fired(s.fired, s.fired_count, "s50@2026-03-02T16:00:00Z");
    expect_wake(&s, "2026-03-03T10:00:00Z"); /* s75: 6 business hours */
}
END_TEST

START_TEST(priority_change_moves_fire_times) {
    apply("2026-03-02T10:00:00Z created status=new priority=P3"); /* 16 h: 50% on Tue 10:00 */
    slate_escalation_status s = status_at("2026-03-02T11:00:00Z");
    ck_assert_uint_eq(s.fired_count, 0);
    expect_wake(&s, "2026-03-03T10:00:00Z");
    apply("2026-03-02T11:30:00Z - priority=P1"); /* 4 h: 50% at 12:00; the P1 hour is past, so at
                                                    once */
    s = status_at("2026-03-02T13:00:00Z");
    expect_fired(s.fired, s.fired_count,
                 "p1-hour@2026-03-02T11:30:00Z s50@2026-03-02T12:00:00Z s75@2026-03-02T13:00:00Z "
                 "pre@2026-03-02T13:00:00Z");
    ck_assert_int_eq(s.fired[0].eligible, T("2026-03-02T11:30:00Z"));
    expect_wake(&s, "2026-03-02T14:00:00Z");
}
END_TEST

START_TEST(delivery_calendar_holds) {
    apply("2026-03-02T09:00:00Z created status=new priority=P2"); /* due Mon 17:00 */
    apply("2026-03-02T17:10:00Z acknowledged");
    slate_escalation_status s = status_at("2026-03-02T23:00:00Z");
    ck_assert_str_eq(s.fired[s.fired_count - 1].step, "page");
    expect_wake(&s, "2026-03-03T08:00:00Z");
    s = status_at("2026-03-03T08:00:00Z");
    const slate_escalation *mgr = &s.fired[s.fired_count - 1];
    ck_assert_str_eq(mgr->step, "mgr");
    ck_assert_int_eq(mgr->eligible, T("2026-03-02T19:00:00Z"));
    ck_assert_int_eq(mgr->at, T("2026-03-03T08:00:00Z"));
}
END_TEST

START_TEST(met_target_stops_the_chain) {
    apply("2026-03-02T10:00:00Z created status=new priority=P2");
    apply("2026-03-03T10:00:00Z - status=resolved"); /* exactly at the due second: on time */
    slate_escalation_status s = status_at("2026-03-05T10:00:00Z");
    expect_fired(s.fired, s.fired_count,
                 "s50@2026-03-02T14:00:00Z s75@2026-03-02T16:00:00Z pre@2026-03-02T17:00:00Z");
    expect_wake(&s, NULL);
}
END_TEST

START_TEST(new_cycle_starts_over) {
    apply("2026-03-02T10:00:00Z created status=new priority=P1"); /* 4 h */
    apply("2026-03-02T13:30:00Z moved_queue");
    slate_escalation_status s = status_at("2026-03-02T15:30:00Z");
    expect_fired(s.fired, s.fired_count,
                 "p1-hour@2026-03-02T11:00:00Z s50@2026-03-02T12:00:00Z s75@2026-03-02T13:00:00Z "
                 "pre@2026-03-02T13:00:00Z p1-hour@2026-03-02T14:30:00Z s50@2026-03-02T15:30:00Z");
    ck_assert_int_eq(s.fired[4].cycle, 2);
    ck_assert_int_eq(s.fired[4].repeat, 0);
}
END_TEST

START_TEST(firings_in_an_interval) {
    apply("2026-03-02T10:00:00Z created status=new priority=P2");
    apply("2026-03-02T15:00:00Z comment");
    const slate_escalation *f;
    size_t n;
    slate_error err;
    ck_assert_int_eq(slate_clock_escalations_between(clock_, T("2026-03-02T14:00:00Z"),
                                                     T("2026-03-03T10:30:00Z"), &f, &n, &err),
                     SLATE_OK);
    expect_fired(f, n,
                 "s50@2026-03-02T14:00:00Z s75@2026-03-02T16:00:00Z pre@2026-03-02T17:00:00Z "
                 "s100@2026-03-03T10:00:00Z page@2026-03-03T10:00:00Z");
    ck_assert_int_eq(slate_clock_escalations_between(clock_, T("2026-03-02T14:00:01Z"),
                                                     T("2026-03-02T16:00:00Z"), &f, &n, &err),
                     SLATE_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(slate_clock_escalations_between(clock_, T("2026-03-03T00:00:00Z"),
                                                     T("2026-03-02T00:00:00Z"), &f, &n, &err),
                     SLATE_EINVAL);
    slate_escalation_status s;
    ck_assert_int_eq(slate_clock_escalations(clock_, T("2026-03-02T14:00:00Z"), &s, &err),
                     SLATE_EINVAL);
}
END_TEST

START_TEST(replay_matches_incremental) {
    /* Asking between events changes nothing: the same history gives the
     * same firings whether or not it was asked along the way. */
    static const char *const history[] = {
        "2026-03-02T10:00:00Z created status=new priority=P2",
        "2026-03-02T13:00:00Z - status=pending", "2026-03-02T16:00:00Z - status=open",
        "2026-03-03T13:00:00Z - priority=P1", "2026-03-03T16:30:00Z acknowledged"};
    for (size_t i = 0; i < 5; i++) {
        apply(history[i]);
        status_at("2026-03-05T00:00:00Z");
    }
    slate_escalation_status asked = status_at("2026-03-05T00:00:00Z");
    char first[4096] = "";
    for (size_t i = 0, used = 0; i < asked.fired_count; i++)
        used += (size_t)snprintf(first + used, sizeof first - used, "%s@%lld ", asked.fired[i].step,
                                 (long long)asked.fired[i].at);
    slate_clock_reset(clock_);
    for (size_t i = 0; i < 5; i++)
        apply(history[i]);
    slate_escalation_status s = status_at("2026-03-05T00:00:00Z");
    char second[4096] = "";
    for (size_t i = 0, used = 0; i < s.fired_count; i++)
        used += (size_t)snprintf(second + used, sizeof second - used, "%s@%lld ", s.fired[i].step,
                                 (long long)s.fired[i].at);
    ck_assert_str_eq(first, second);
    ck_assert_uint_gt(s.fired_count, 5);
}
END_TEST

START_TEST(next_wake_without_chains) {
    static const char policy_text[] = "{" CALENDARS "}";
    slate_policy *p;
    slate_clock *c;
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, policy_text, strlen(policy_text), &p, &err) ==
                      SLATE_OK,
                  "%s", err.message);
    ck_assert_int_eq(slate_clock_new(p, &c, &err), SLATE_OK);
    slate_field fields[] = {{"priority", "P1"}, {"status", "new"}};
    slate_event e = {T("2026-03-02T16:00:00Z"), "created", fields, 2};
    ck_assert_int_eq(slate_clock_apply(c, &e, &err), SLATE_OK);
    slate_escalation_status s;
    ck_assert_int_eq(slate_clock_escalations(c, T("2026-03-02T16:30:00Z"), &s, &err), SLATE_OK);
    ck_assert_uint_eq(s.fired_count, 0);
    ck_assert_int_eq(s.has_next_wake, 1);
    ck_assert_int_eq(s.next_wake, T("2026-03-03T12:00:00Z")); /* the due time: 1 h Mon, 3 h Tue */
    slate_clock_free(c);
    slate_policy_free(p);
}
END_TEST

/* Every section is listed the same way: _count and _id, plain accessors
 * for details, NULL or 0 out of range; the older shapes give the same. */
START_TEST(policy_listing) {
    ck_assert_int_eq(slate_policy_calendar_count(policy), 2);
    ck_assert_str_eq(slate_policy_calendar_id(policy, 0), "office");
    ck_assert_str_eq(slate_policy_calendar_id(policy, 1), "oncall");
    ck_assert_ptr_null(slate_policy_calendar_id(policy, 2));
    ck_assert_int_eq(slate_policy_priority_count(policy), 3);
    ck_assert_str_eq(slate_policy_priority_id(policy, 0), "P1");
    ck_assert_ptr_null(slate_policy_priority_id(policy, 3));
    ck_assert_int_eq(slate_policy_sla_count(policy), 1);
    ck_assert_str_eq(slate_policy_sla_id(policy, 0), "incident");
    ck_assert_int_eq(slate_policy_sla_target_count(policy, 0), 1);
    ck_assert_int_eq(slate_policy_sla_target_count(policy, 1), 0);
    ck_assert_str_eq(slate_policy_sla_target_id(policy, 0, 0), "resolution");
    ck_assert_ptr_null(slate_policy_sla_target_id(policy, 0, 1));
    ck_assert_ptr_null(slate_policy_sla_target_id(policy, 1, 0));
    ck_assert_int_eq(slate_policy_escalation_count(policy), 1);
    ck_assert_str_eq(slate_policy_escalation_id(policy, 0), "warn");
    ck_assert_str_eq(slate_policy_escalation_sla(policy, 0), "incident");
    ck_assert_str_eq(slate_policy_escalation_target(policy, 0), "resolution");
    ck_assert_int_eq(slate_policy_escalation_step_count(policy, 0), 7);
    ck_assert_ptr_null(slate_policy_escalation_id(policy, 1));
    ck_assert_ptr_null(slate_policy_escalation_sla(policy, 1));
    ck_assert_int_eq(slate_policy_escalation_step_count(policy, 1), 0);
    ck_assert_int_eq(slate_policy_contract_count(policy), 0);
    ck_assert_ptr_null(slate_policy_contract_id(policy, 0));
    ck_assert_int_eq(slate_policy_calendar_count(NULL), 0);
    ck_assert_ptr_null(slate_policy_escalation_id(NULL, 0));
    /* The deprecated shapes. */
    const char *sla = NULL, *target = NULL;
    size_t steps = 0, targets = 0;
    ck_assert_str_eq(slate_policy_escalation(policy, 0, &sla, &target, &steps), "warn");
    ck_assert_str_eq(sla, "incident");
    ck_assert_str_eq(target, "resolution");
    ck_assert_int_eq(steps, 7);
    ck_assert_str_eq(slate_policy_sla_target(policy, 0, 0, &targets), "resolution");
    ck_assert_int_eq(targets, 1);
    ck_assert_str_eq(slate_policy_priority_name(policy, 2), "P3");
}
END_TEST

START_TEST(chains_need_slas) {
    static const char text[] = "{\"escalations\": []}";
    slate_policy *p = NULL;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_json(NULL, text, strlen(text), &p, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.pointer, "/escalations");
}
END_TEST

int main(void) {
    Suite *s = suite_create("escalate");
    TCase *tc = tcase_create("chains");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, percent_breach_and_repeats);
    tcase_add_test(tc, acknowledgement_stops_the_page);
    tcase_add_test(tc, pause_delays_business_steps);
    tcase_add_test(tc, firings_between_events_over_a_pause);
    tcase_add_test(tc, priority_change_moves_fire_times);
    tcase_add_test(tc, delivery_calendar_holds);
    tcase_add_test(tc, met_target_stops_the_chain);
    tcase_add_test(tc, new_cycle_starts_over);
    tcase_add_test(tc, firings_in_an_interval);
    tcase_add_test(tc, replay_matches_incremental);
    tcase_add_test(tc, policy_listing);
    suite_add_tcase(s, tc);
    TCase *load = tcase_create("load");
    tcase_add_test(load, next_wake_without_chains);
    tcase_add_test(load, chains_need_slas);
    suite_add_tcase(s, load);
    return run_suite(s);
}
