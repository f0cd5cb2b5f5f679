/* Hostile input (issue 16): each reproduction of the adversarial review,
 * named by its number there, gives a clean answer. The command-line and
 * Python reproductions are in tests/python/test_cli.py and
 * bindings/python/tests/test_hostile.py; tests/adversarial/ runs the
 * whole catalogue against the slate command. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static slate_policy *policy;

#define OFFICE                                                                                     \
    "{\"calendars\": {\"office\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": "                  \
    "[\"09:00-17:00\"],"                                                                           \
    "\"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"],"          \
    "\"fri\": [\"09:00-17:00\"]}}, \"always\": \"24x7\"}}"

static void setup(void) {
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, OFFICE, strlen(OFFICE), &policy, &err) == SLATE_OK,
                  "%s", err.message);
}

static void teardown(void) { slate_policy_free(policy); }

/* 1: adding INT64_MIN or INT64_MAX business seconds is out of range, not
 * undefined behaviour or an instant outside 1800-2400. */
START_TEST(hostile_01_add_extreme_durations) {
    slate_time u = 12345;
    const char *names[] = {"office", "always"};
    for (int i = 0; i < 2; i++) {
        const slate_calendar *c = slate_policy_calendar(policy, names[i]);
        ck_assert_int_eq(slate_calendar_add(c, T("2026-03-06T10:00:00Z"), INT64_MIN, &u),
                         SLATE_ERANGE);
        ck_assert_int_eq(slate_calendar_add(c, T("2026-03-06T10:00:00Z"), INT64_MAX, &u),
                         SLATE_ERANGE);
        ck_assert_int_eq(slate_calendar_add(c, T("2026-03-06T10:00:00Z"), INT64_MIN + 1, &u),
                         SLATE_ERANGE);
    }
    ck_assert_int_eq(u, 12345);
    /* The last second in range still works both ways. */
    const slate_calendar *always = slate_policy_calendar(policy, "always");
    ck_assert_int_eq(
        slate_calendar_add(always, SLATE_TIME_MAX, -(SLATE_TIME_MAX - SLATE_TIME_MIN), &u),
        SLATE_OK);
    ck_assert_int_eq(u, SLATE_TIME_MIN);
}
END_TEST

/* 5: credits past INT64_MAX hundredths fail the report with a limit error
 * naming the contract and the clause or period; nothing saturates or wraps. */
#define HUGE_CREDITS                                                                               \
    "{\"calendars\": {\"all\": \"24x7\"}, \"slas\": [{\"id\": \"amc\", \"calendar\": \"all\", "    \
    "\"targets\": [{\"name\": \"fix\", \"durations\": {\"*\": \"PT1H\"}, \"stop_when\": "          \
    "{\"field\": \"status\", \"equals\": \"resolved\"}}]}], \"contracts\": [{\"id\": \"big\", "    \
    "\"sla\": \"amc\", \"timezone\": \"UTC\", \"fee\": {\"monthly\": 1000, \"currency\": "         \
    "\"EUR\"}, \"credits\": [{\"id\": \"hourly\", \"target\": \"fix\", \"per_hour_late\": "        \
    "10000000000000}]}]}"

/* A report of tickets opened at 2026-03-01T00:00Z, each resolved `hours`
 * later; returns what computing it says. */
static slate_status huge_report(const int *hours, size_t n, slate_error *err) {
    slate_policy *p;
    slate_report *r;
    ck_assert_msg(slate_policy_from_json(NULL, HUGE_CREDITS, strlen(HUGE_CREDITS), &p, err) ==
                      SLATE_OK,
                  "%s", err->message);
    ck_assert_int_eq(
        slate_report_new(p, NULL, T("2026-03-01T00:00:00Z"), T("2027-06-01T00:00:00Z"), &r, err),
        SLATE_OK);
    for (size_t i = 0; i < n; i++) {
        slate_field open = {"status", "open"}, done = {"status", "resolved"};
        slate_event events[2] = {{T("2026-03-01T00:00:00Z"), NULL, &open, 1},
                                 {T("2026-03-01T00:00:00Z") + hours[i] * 3600LL, NULL, &done, 1}};
        char id[16];
        snprintf(id, sizeof id, "T%zu", i);
        ck_assert_int_eq(slate_report_add(r, id, events, 2, err), SLATE_OK);
    }
    const slate_report_result *res = NULL;
    slate_status st = slate_report_result_get(r, &res, err);
    if (st == SLATE_OK) {
        /* 10^15 hundredths an hour, late by hours - 1 */
        int64_t owed = 0;
        for (size_t i = 0; i < n; i++)
            owed += (hours[i] - 1) * 1000000000000000LL;
        ck_assert_int_eq(res->credits_owed, owed);
    }
    slate_report_free(r);
    slate_policy_free(p);
    return st;
}

START_TEST(hostile_05_credits_past_int64) {
    slate_error err;
    /* 9,223 hours late is the most one breach can cost; 9,224 is too much. */
    int most[] = {9224}, one_more[] = {9225};
    ck_assert_int_eq(huge_report(most, 1, &err), SLATE_OK);
    ck_assert_int_eq(huge_report(one_more, 1, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.message, "contract \"big\": credit clause \"hourly\" asks more than "
                                  "9223372036854775807 hundredths for one breach (late by 9224 "
                                  "hours)");
    /* Two breaches that fit alone, but not together in one month. */
    int two[] = {5001, 5001};
    ck_assert_int_eq(huge_report(two, 2, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.message, "contract \"big\": the credits of the period from "
                                  "2026-03-01T00:00:00Z pass 9223372036854775807 hundredths");
}
END_TEST

int main(void) {
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("reproductions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, hostile_01_add_extreme_durations);
    tcase_add_test(tc, hostile_05_credits_past_int64);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
