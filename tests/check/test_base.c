/* lib/base: status names, civil dates, ISO 8601 instants and durations. */
#include <string.h>

#include "testutil.h"

START_TEST(status_strings) {
    ck_assert_str_eq(slate_status_string(SLATE_OK), "ok");
    ck_assert_str_eq(slate_status_string(SLATE_EPARSE), "parse error");
    ck_assert_str_eq(slate_status_string(SLATE_ENONEXISTENT), "nonexistent local time");
    ck_assert_str_eq(slate_status_string((slate_status)999), "unknown status");
    ck_assert_str_eq(slate_version(), SLATE_VERSION_STRING);
}
END_TEST

START_TEST(civil_round_trip) {
    ck_assert_int_eq(slate_days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(slate_days_from_civil(2000, 3, 1), 11017);
    ck_assert_int_eq(slate_days_from_civil(1800, 1, 1), -62091);
    ck_assert_int_eq(slate_days_from_civil(2401, 1, 1), 157420);
    ck_assert_int_eq(slate_days_from_civil(1969, 12, 31), -1);
    for (int64_t d = -200000; d <= 200000; d += 17) {
        int32_t y;
        int m, day;
        slate_civil_from_days(d, &y, &m, &day);
        ck_assert_int_eq(slate_days_from_civil(y, m, day), d);
        ck_assert(day >= 1 && day <= slate_days_in_month(y, m));
    }
}
END_TEST

START_TEST(weekdays_and_month_lengths) {
    ck_assert_int_eq(slate_weekday(0), 4);                                   /* Thursday */
    ck_assert_int_eq(slate_weekday(slate_days_from_civil(2026, 11, 22)), 7); /* Sunday */
    ck_assert_int_eq(slate_weekday(slate_days_from_civil(1800, 1, 1)), 3);   /* Wednesday */
    ck_assert_int_eq(slate_days_in_month(2024, 2), 29);
    ck_assert_int_eq(slate_days_in_month(1900, 2), 28);
    ck_assert_int_eq(slate_days_in_month(2000, 2), 29);
    ck_assert_int_eq(slate_days_in_month(2026, 4), 30);
    ck_assert_int_eq(slate_days_in_month(2026, 13), 0);
}
END_TEST

START_TEST(civil_check_fields) {
    slate_error err;
    slate_civil ok = {2026, 2, 28, 23, 59, 59};
    ck_assert_int_eq(slate_civil_check(&ok, &err), SLATE_OK);
    slate_civil bad_day = {2026, 2, 29, 0, 0, 0};
    ck_assert_int_eq(slate_civil_check(&bad_day, &err), SLATE_EINVAL);
    ck_assert_str_eq(err.message, "day 29 is not in 2026-02");
    slate_civil bad_hour = {2026, 1, 1, 24, 0, 0};
    ck_assert_int_eq(slate_civil_check(&bad_hour, &err), SLATE_EINVAL);
    slate_civil early = {1799, 12, 31, 0, 0, 0};
    ck_assert_int_eq(slate_civil_check(&early, &err), SLATE_ERANGE);
    ck_assert_int_eq(slate_civil_check(NULL, &err), SLATE_EMISUSE);
}
END_TEST

START_TEST(parse_instants) {
    slate_time t;
    ck_assert_int_eq(slate_time_parse("1970-01-01T00:00:00Z", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, 0);
    ck_assert_int_eq(slate_time_parse("2026-03-08T07:30:00Z", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, 1772955000);
    ck_assert_int_eq(slate_time_parse("2026-03-08T13:00:00+05:30", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, 1772955000);
    ck_assert_int_eq(slate_time_parse("2026-03-08 02:30:00-0500", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, 1772955000);
    ck_assert_int_eq(slate_time_parse("2026-03-08t07:30z", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, 1772955000);
    ck_assert_int_eq(slate_time_parse("2026-03-08T07:30:00.999Z", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, 1772955000);
    ck_assert_int_eq(slate_time_parse("1800-01-01T00:00:00Z", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, SLATE_TIME_MIN);
    ck_assert_int_eq(slate_time_parse("2400-12-31T23:59:59Z", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, SLATE_TIME_MAX);
    /* Found by fuzz_iso8601: an instant in range may show a local year just
     * outside it; formatting then parsing must give it back. */
    ck_assert_int_eq(slate_time_parse("1799-12-31T10:00:00-14:00", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, SLATE_TIME_MIN);
    ck_assert_int_eq(slate_time_parse("2401-01-01T05:29:59+05:30", &t, NULL), SLATE_OK);
    ck_assert_int_eq(t, SLATE_TIME_MAX);
}
END_TEST

START_TEST(reject_bad_instants) {
    slate_time t = 42;
    slate_error err;
    ck_assert_int_eq(slate_time_parse("2026-03-08T07:30:00", &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.column, 20);
    ck_assert_str_eq(err.message, "expected 'Z' or a UTC offset such as +05:30 at column 20 of "
                                  "\"2026-03-08T07:30:00\"");
    ck_assert_int_eq(slate_time_parse("2026-3-08T07:30:00Z", &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.column, 7);
    ck_assert_int_eq(slate_time_parse("2026-02-30T07:30:00Z", &t, &err), SLATE_EINVAL);
    ck_assert_int_eq(slate_time_parse("2026-03-08T25:30:00Z", &t, &err), SLATE_EINVAL);
    ck_assert_int_eq(slate_time_parse("2016-12-31T23:59:60Z", &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(slate_time_parse("2026-03-08T07:30:00Zjunk", &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.column, 21);
    ck_assert_int_eq(slate_time_parse("1799-12-31T23:59:59Z", &t, &err), SLATE_ERANGE);
    ck_assert_int_eq(slate_time_parse("2401-01-01T00:00:00Z", &t, &err), SLATE_ERANGE);
    ck_assert_int_eq(slate_time_parse("2400-12-31T23:00:00-05:00", &t, &err), SLATE_ERANGE);
    ck_assert_int_eq(slate_time_parse("", &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(slate_time_parse(NULL, &t, &err), SLATE_EMISUSE);
    ck_assert_int_eq(t, 42); /* untouched on failure */
}
END_TEST

START_TEST(parse_local_date_times) {
    slate_civil c;
    slate_error err;
    ck_assert_int_eq(slate_civil_parse("2026-03-08T02:30", &c, &err), SLATE_OK);
    ck_assert_int_eq(c.year, 2026);
    ck_assert_int_eq(c.hour, 2);
    ck_assert_int_eq(c.minute, 30);
    ck_assert_int_eq(c.second, 0);
    ck_assert_int_eq(slate_civil_parse("2026-12-25", &c, &err), SLATE_OK);
    ck_assert_int_eq(c.day, 25);
    ck_assert_int_eq(c.hour, 0);
    ck_assert_int_eq(slate_civil_parse("2026-03-08T02:30:00Z", &c, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.column, 20);
}
END_TEST

START_TEST(format_instants) {
    char buf[SLATE_TIME_TEXT_MAX];
    ck_assert_int_eq(slate_time_format(1772955000, 0, buf, sizeof buf), SLATE_OK);
    ck_assert_str_eq(buf, "2026-03-08T07:30:00Z");
    ck_assert_int_eq(slate_time_format(1772955000, 19800, buf, sizeof buf), SLATE_OK);
    ck_assert_str_eq(buf, "2026-03-08T13:00:00+05:30");
    ck_assert_int_eq(slate_time_format(-1, -18000, buf, sizeof buf), SLATE_OK);
    ck_assert_str_eq(buf, "1969-12-31T18:59:59-05:00");
    ck_assert_int_eq(slate_time_format(SLATE_TIME_MIN, -17762, buf, sizeof buf), SLATE_OK);
    ck_assert_str_eq(buf, "1799-12-31T19:03:58-04:56:02");
    ck_assert_int_eq(slate_time_format(SLATE_TIME_MAX + 1, 0, buf, sizeof buf), SLATE_ERANGE);
    ck_assert_int_eq(slate_time_format(0, 0, buf, 10), SLATE_EINVAL);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(durations) {
    slate_duration d;
    slate_error err;
    struct {
        const char *text;
        slate_duration seconds;
    } ok[] = {
        {"PT4H", 14400}, {"P2DT3H", 183600},  {"PT90M", 5400}, {"P1W", 604800},
        {"PT0S", 0},     {"-PT1H30M", -5400}, {"+P1D", 86400}, {"P1DT1H1M1S", 90061},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_int_eq(slate_duration_parse(ok[i].text, &d, &err), SLATE_OK);
        ck_assert_int_eq(d, ok[i].seconds);
    }
    struct {
        const char *text;
        slate_status code;
        int column;
    } bad[] = {
        {"4H", SLATE_EPARSE, 1},     {"P", SLATE_EPARSE, 2},           {"PT", SLATE_EPARSE, 3},
        {"P1Y", SLATE_EPARSE, 3},    {"P1M", SLATE_EPARSE, 3},         {"PT1.5H", SLATE_EPARSE, 4},
        {"PT1H2H", SLATE_EPARSE, 6}, {"PT1M1H", SLATE_EPARSE, 6},      {"P1H", SLATE_EPARSE, 3},
        {"PT1D", SLATE_EPARSE, 4},   {"P99999999D", SLATE_ERANGE, 10},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(slate_duration_parse(bad[i].text, &d, &err), bad[i].code);
        ck_assert_msg(err.column == bad[i].column, "%s: column %d", bad[i].text, err.column);
    }
}
END_TEST

START_TEST(format_durations) {
    char buf[SLATE_DURATION_TEXT_MAX];
    struct {
        slate_duration d;
        const char *text;
    } cases[] = {
        {0, "PT0S"},
        {14400, "PT4H"},
        {183600, "P2DT3H"},
        {-5400, "-PT1H30M"},
        {86400, "P1D"},
        {90061, "P1DT1H1M1S"},
        {INT64_MIN, "-P106751991167300DT15H30M8S"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_int_eq(slate_duration_format(cases[i].d, buf, sizeof buf), SLATE_OK);
        ck_assert_str_eq(buf, cases[i].text);
    }
    ck_assert_int_eq(slate_duration_format(183600, buf, 4), SLATE_EINVAL);
}
END_TEST

int main(void) {
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("base");
    tcase_add_test(tc, status_strings);
    tcase_add_test(tc, civil_round_trip);
    tcase_add_test(tc, weekdays_and_month_lengths);
    tcase_add_test(tc, civil_check_fields);
    tcase_add_test(tc, parse_instants);
    tcase_add_test(tc, reject_bad_instants);
    tcase_add_test(tc, parse_local_date_times);
    tcase_add_test(tc, format_instants);
    tcase_add_test(tc, durations);
    tcase_add_test(tc, format_durations);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
