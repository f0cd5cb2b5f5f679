/* Helpers shared by the Check suites. */
#ifndef SLATE_TESTUTIL_H
#define SLATE_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slate.h"

/* An instant from RFC 3339 text; fails the test on bad text. */
static inline slate_time T(const char *text) {
    slate_time t = 0;
    slate_error err;
    ck_assert_msg(slate_time_parse(text, &t, &err) == SLATE_OK, "bad instant %s: %s", text,
                  err.message);
    return t;
}

/* An event written "instant kind name=value ..." (kind "-" for none),
 * its texts cut into buf; fields has room for 10. */
static inline slate_event spec_event(const char *spec, char *buf, size_t cap, slate_field *fields) {
    char *words[12];
    int n = 0;
    snprintf(buf, cap, "%s", spec);
    for (char *w = strtok(buf, " "); w != NULL && n < 12; w = strtok(NULL, " "))
        words[n++] = w;
    size_t count = 0;
    for (int i = 2; i < n; i++) {
        char *eq = strchr(words[i], '=');
        *eq = '\0';
        fields[count++] = (slate_field){words[i], eq + 1};
    }
    return (slate_event){T(words[0]), strcmp(words[1], "-") == 0 ? NULL : words[1], fields, count};
}

/* Applies an event written as for spec_event to a clock. */
static inline slate_status apply_spec(slate_clock *c, const char *spec, slate_error *err) {
    char buf[256];
    slate_field fields[10];
    slate_event e = spec_event(spec, buf, sizeof buf, fields);
    return slate_clock_apply(c, &e, err);
}

/* Applies an event written as for apply_spec, failing the test on error. */
static inline void apply_ok(slate_clock *c, const char *spec) {
    slate_error err;
    ck_assert_msg(apply_spec(c, spec, &err) == SLATE_OK, "%s: %s", spec, err.message);
}

/* The result of one target (by name) at an instant. */
static inline const slate_sla_result *target_at(slate_clock *c, const char *now,
                                                const char *target) {
    const slate_sla_result *r;
    size_t n;
    slate_error err;
    ck_assert_msg(slate_clock_results(c, T(now), &r, &n, &err) == SLATE_OK, "%s", err.message);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].target, target) == 0) return &r[i];
    ck_abort_msg("no target %s", target);
    return NULL;
}

/* Fails unless got is the instant written as want. */
static inline void expect_time(slate_time got, const char *want, const char *what) {
    char text[SLATE_TIME_TEXT_MAX];
    slate_time_format(got, 0, text, sizeof text);
    ck_assert_msg(got == T(want), "%s %s, want %s", what, text, want);
}

/* Fails unless the target is running with that due time. */
static inline void expect_due(const slate_sla_result *r, const char *due) {
    ck_assert_msg(r->has_due, "%s has no due time", r->target);
    expect_time(r->due, due, "due");
}

/* The zone directory the suites read: $SLATE_TEST_TZDIR or the system one. */
static inline const char *test_tzdir(void) {
    const char *dir = getenv("SLATE_TEST_TZDIR");
    return dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo";
}

/* Runs one suite and returns the process exit status. */
static inline int run_suite(Suite *s) {
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif /* SLATE_TESTUTIL_H */
