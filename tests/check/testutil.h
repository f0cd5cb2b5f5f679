/* Helpers shared by the Check suites. */
#ifndef SLATE_TESTUTIL_H
#define SLATE_TESTUTIL_H

#include <check.h>
#include <stdlib.h>

#include "slate.h"

/* An instant from RFC 3339 text; fails the test on bad text. */
static inline slate_time T(const char *text) {
    slate_time t = 0;
    slate_error err;
    ck_assert_msg(slate_time_parse(text, &t, &err) == SLATE_OK, "bad instant %s: %s", text,
                  err.message);
    return t;
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
