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

int main(void) {
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("reproductions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, hostile_01_add_extreme_durations);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
