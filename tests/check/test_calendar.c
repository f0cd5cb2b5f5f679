/* lib/calendar and the calendar part of lib/policy: every rule of the
 * calendar semantics with hand-computed answers, the holiday rules, the
 * enumerator, range and never errors, and load-time validation with the
 * pointer, line and column of each mistake. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "calendar/holiday.h"
#include "calendar/mark.h"
#include "testutil.h"

static slate_tzdb *db;
static slate_policy *policy;

static void setup(void) { ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, NULL), SLATE_OK); }

static void teardown(void) {
    slate_policy_free(policy);
    policy = NULL;
    slate_tzdb_free(db);
}

/* Loads a policy (replacing the last) and returns one of its calendars. */
static const slate_calendar *load(const char *json, const char *name) {
    slate_error err;
    slate_policy_free(policy);
    policy = NULL;
    ck_assert_msg(slate_policy_from_json(db, json, strlen(json), &policy, &err) == SLATE_OK, "%s",
                  err.message);
    const slate_calendar *c = slate_policy_calendar(policy, name);
    ck_assert_ptr_nonnull(c);
    return c;
}

static slate_duration between(const slate_calendar *c, const char *a, const char *b) {
    slate_duration d;
    ck_assert_int_eq(slate_calendar_between(c, T(a), T(b), &d), SLATE_OK);
    return d;
}

static void expect_add(const slate_calendar *c, const char *t, slate_duration d, const char *want) {
    slate_time u;
    ck_assert_int_eq(slate_calendar_add(c, T(t), d, &u), SLATE_OK);
    char got[SLATE_TIME_TEXT_MAX];
    slate_time_format(u, 0, got, sizeof got);
    ck_assert_msg(u == T(want), "add(%s, %lld) = %s, want %s", t, (long long)d, got, want);
}

#define NY_EVERY_DAY                                                                               \
    "{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\", \"weekly\": {"                   \
    "\"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"],"          \
    "\"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"], \"sat\": [\"09:00-17:00\"],"          \
    "\"sun\": [\"09:00-17:00\"]}%s}}}"

static const slate_calendar *ny_every_day(const char *extra) {
    static char json[1024];
    snprintf(json, sizeof json, NY_EVERY_DAY, extra);
    return load(json, "c");
}

/* Per-date hours replace a date's weekly hours, even when they are an
 * empty list; the night before still spills in, unless the date is closed
 * (a listed date or a rule's), which wins over its per-date hours. New
 * York, winter (UTC-5) but 2033-03-16 (summer, UTC-4). */
START_TEST(per_date_hours_edges) {
    const slate_calendar *c = load(
        "{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\", \"weekly\": {\"tue\": "
        "[\"22:00-06:00\"], \"wed\": [\"09:00-17:00\"]}, \"closed\": [\"2033-03-09\", {\"yearly\": "
        "\"03-16\"}], \"hours\": {\"2033-02-23\": [], \"2033-03-02\": [\"10:00-11:00\"], "
        "\"2033-03-09\": [\"10:00-11:00\"], \"2033-03-16\": [\"10:00-11:00\"]}}}}",
        "c");
    /* Wednesday 02-23, hours []: closed at noon, open at 03:00 (the spill). */
    ck_assert(!slate_calendar_is_open(c, T("2033-02-23T17:00:00Z")));
    ck_assert(slate_calendar_is_open(c, T("2033-02-23T08:00:00Z")));
    ck_assert_int_eq(between(c, "2033-02-22T05:00:00Z", "2033-02-24T05:00:00Z"), 8 * 3600);
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_open(c, T("2033-02-23T12:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2033-03-02T03:00:00Z")); /* Tuesday 03-01 22:00 */
    /* Wednesday 03-02 after a Tuesday night: the spill, then 10:00-11:00. */
    ck_assert_int_eq(between(c, "2033-03-01T05:00:00Z", "2033-03-03T05:00:00Z"), 9 * 3600);
    ck_assert(slate_calendar_is_open(c, T("2033-03-02T15:30:00Z")));
    ck_assert(!slate_calendar_is_open(c, T("2033-03-02T17:00:00Z")));
    /* Closed and given hours (a listed date; a yearly rule's): nothing,
     * not even the spill. Tuesday's 22:00-24:00 is all. */
    ck_assert_int_eq(between(c, "2033-03-08T05:00:00Z", "2033-03-10T05:00:00Z"), 2 * 3600);
    ck_assert_int_eq(between(c, "2033-03-15T04:00:00Z", "2033-03-17T04:00:00Z"), 2 * 3600);
    /* The enumerator names the rules: Tuesday's interval, then its spill. */
    slate_interval_iter it;
    slate_interval iv;
    ck_assert_int_eq(
        slate_calendar_intervals(c, T("2033-02-22T05:00:00Z"), T("2033-02-24T05:00:00Z"), &it),
        SLATE_OK);
    ck_assert(slate_calendar_intervals_next(&it, &iv));
    ck_assert_int_eq(iv.start, T("2033-02-23T03:00:00Z"));
    ck_assert_int_eq(iv.source, SLATE_SOURCE_WEEKLY);
    ck_assert(slate_calendar_intervals_next(&it, &iv));
    ck_assert_int_eq(iv.end, T("2033-02-23T11:00:00Z"));
    ck_assert_int_eq(iv.source, SLATE_SOURCE_SPILL);
    ck_assert_str_eq(iv.rule, "/calendars/c/weekly/tue/0");
    ck_assert(!slate_calendar_intervals_next(&it, &iv));
}
END_TEST

/* Interval bounds may give seconds (HH:MM:SS), weekly, overnight and per
 * date; a bad second is reported like a bad minute. Warsaw, winter (UTC+1). */
START_TEST(seconds_in_bounds) {
    const slate_calendar *c =
        load("{\"calendars\": {\"c\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {\"mon\": "
             "[\"09:00:30-17:00\", \"22:15:10-01:00:05\"]}, \"hours\": {\"2026-03-10\": "
             "[\"10:00:00-10:00:01\", \"23:59:59-24:00:00\"]}}}}",
             "c");
    ck_assert(!slate_calendar_is_open(c, T("2026-03-09T08:00:29Z")));
    ck_assert(slate_calendar_is_open(c, T("2026-03-09T08:00:30Z")));
    /* Monday: 7:59:30 + 1:44:50 to midnight; Tuesday: the spill to 01:00:05,
     * then one second at 10:00:00 and the last second of the day. */
    ck_assert_int_eq(between(c, "2026-03-08T23:00:00Z", "2026-03-10T23:00:00Z"),
                     7 * 3600 + 59 * 60 + 30 + 3600 + 44 * 60 + 50 + 3600 + 5 + 1 + 1);
    expect_add(c, "2026-03-09T15:59:59Z", 2, "2026-03-09T21:15:11Z");
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-03-09T23:30:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-10T00:00:05Z"));
    static const char *const bad[][2] = {
        {"09:00:60-10:00", "invalid start \"09:00:60\" in \"09:00:60-10:00\": use 00:00:00 to "
                           "23:59:59"},
        {"09:00-24:00:01", "invalid end \"24:00:01\" in \"09:00-24:00:01\": use 00:00:00 to "
                           "24:00:00"},
        {"09:00:5-10:00",
         "invalid start \"09:00:5\" in \"09:00:5-10:00\": use 00:00:00 to 23:59:59"},
        {"10:00:00-10:00",
         "interval \"10:00:00-10:00\" is empty; write 00:00-24:00 for a whole day"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char json[256];
        slate_policy *p = NULL;
        slate_error err;
        snprintf(
            json, sizeof json,
            "{\"calendars\": {\"c\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"%s\"]}}}}",
            bad[i][0]);
        ck_assert_int_eq(slate_policy_from_json(db, json, strlen(json), &p, &err), SLATE_EPARSE);
        ck_assert_msg(strstr(err.message, bad[i][1]) != NULL, "%s", err.message);
        ck_assert_str_eq(err.pointer, "/calendars/c/weekly/mon/0");
    }
}
END_TEST

/* Bounds that fall in a DST gap act at the gap's end; intervals over the
 * repeated hour are open both times (calendars.md, "Bounds in a DST gap or
 * overlap"). Los Angeles, Sundays 2026-03-08 and 2026-11-01. */
START_TEST(dst_gap_and_overlap_bounds) {
    static const char json[] =
        "{\"calendars\": {\"gap\": {\"timezone\": \"America/Los_Angeles\", \"weekly\": {\"sun\": "
        "[\"02:30-05:00\"]}}, \"gapend\": {\"timezone\": \"America/Los_Angeles\", \"weekly\": "
        "{\"sun\": [\"01:00-02:30\"]}}, \"overlap\": {\"timezone\": \"America/Los_Angeles\", "
        "\"weekly\": {\"sun\": [\"00:00-01:30\"]}}}}";
    const slate_calendar *gap = load(json, "gap");
    const slate_calendar *gapend = slate_policy_calendar(policy, "gapend");
    const slate_calendar *overlap = slate_policy_calendar(policy, "overlap");
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_open(gap, T("2026-03-08T00:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-08T10:00:00Z")); /* 03:00 PDT */
    ck_assert_int_eq(between(gap, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"), 2 * 3600);
    ck_assert_int_eq(between(gap, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"), 9000);
    ck_assert_int_eq(slate_calendar_next_close(gapend, T("2026-03-08T09:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-08T10:00:00Z"));
    ck_assert_int_eq(between(gapend, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"), 3600);
    ck_assert_int_eq(between(gapend, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"), 9000);
    ck_assert_int_eq(between(overlap, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"), 5400);
    ck_assert_int_eq(between(overlap, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"), 2 * 3600);
    slate_interval_iter it;
    slate_interval iv;
    ck_assert_int_eq(slate_calendar_intervals(overlap, T("2026-11-01T00:00:00Z"),
                                              T("2026-11-02T00:00:00Z"), &it),
                     SLATE_OK);
    static const char *const stretches[][2] = {{"2026-11-01T07:00:00Z", "2026-11-01T08:30:00Z"},
                                               {"2026-11-01T09:00:00Z", "2026-11-01T09:30:00Z"}};
    for (int i = 0; i < 2; i++) {
        ck_assert(slate_calendar_intervals_next(&it, &iv));
        ck_assert_int_eq(iv.start, T(stretches[i][0]));
        ck_assert_int_eq(iv.end, T(stretches[i][1]));
        ck_assert_int_eq(iv.day, 1);
    }
    ck_assert(!slate_calendar_intervals_next(&it, &iv));
}
END_TEST

START_TEST(dst_days_keep_eight_hours) {
    const slate_calendar *c = ny_every_day("");
    /* Spring forward (2026-03-08) and fall back (2026-11-01), midnight to midnight. */
    ck_assert_int_eq(between(c, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"), 8 * 3600);
    ck_assert_int_eq(between(c, "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"), 8 * 3600);
    /* 09:00 EDT on the spring-forward day is 13:00Z. */
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-03-08T06:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-08T13:00:00Z"));
}
END_TEST

/* Counting from a mark gives what slate_calendar_between gives, over the
 * spring-forward day; a mark on another instant or calendar is not used. */
START_TEST(marked_counts) {
    const slate_calendar *c = ny_every_day("");
    cal_mark mark = {0};
    const char *at[] = {"2026-03-07T12:00:00Z", "2026-03-07T15:00:00Z", "2026-03-08T05:00:00Z",
                        "2026-03-08T13:30:00Z", "2026-03-09T04:00:00Z", "2026-03-09T21:00:00Z"};
    for (size_t i = 1; i < sizeof at / sizeof *at; i++)
        ck_assert_int_eq(slate__cal_between_marked(c, T(at[i - 1]), T(at[i]), &mark),
                         between(c, at[i - 1], at[i]));
    ck_assert_int_eq(mark.at, T("2026-03-09T21:00:00Z"));
    /* From another instant than the mark's: counted afresh. */
    ck_assert_int_eq(
        slate__cal_between_marked(c, T("2026-03-08T05:00:00Z"), T("2026-03-09T04:00:00Z"), &mark),
        8 * 3600);
    /* A mark left by another calendar at the same instant is not used. */
    cal_mark other = {(const slate_calendar *)&mark, T("2026-03-08T05:00:00Z"), 999};
    ck_assert_int_eq(
        slate__cal_between_marked(c, T("2026-03-08T05:00:00Z"), T("2026-03-09T04:00:00Z"), &other),
        8 * 3600);
    /* Out of range: nothing, and the mark stays. */
    ck_assert_int_eq(
        slate__cal_between_marked(c, T("2026-03-08T05:00:00Z"), SLATE_TIME_MAX + 1, &other), 0);
    ck_assert_ptr_eq(other.cal, c);
}
END_TEST

START_TEST(transition_inside_a_shift) {
    const slate_calendar *c = load("{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\","
                                   "\"weekly\": {\"sun\": [\"01:00-05:00\"]}}}}",
                                   "c");
    ck_assert_int_eq(between(c, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"), 3 * 3600);
    ck_assert_int_eq(between(c, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"), 5 * 3600);
    /* 01:30 happens twice on 2026-11-01; both are open. */
    ck_assert(slate_calendar_is_open(c, T("2026-11-01T05:30:00Z")));
    ck_assert(slate_calendar_is_open(c, T("2026-11-01T06:30:00Z")));
    /* The spring gap: 01:59:59 EST then 03:00 EDT; the shift runs on. */
    expect_add(c, "2026-03-08T06:00:00Z", 3600, "2026-03-08T07:00:00Z");
    expect_add(c, "2026-03-08T06:00:00Z", 3600 + 1, "2026-03-08T07:00:01Z");
}
END_TEST

START_TEST(overnight_across_fall_back) {
    const slate_calendar *c = load("{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\","
                                   "\"weekly\": {\"sat\": [\"22:00-06:00\"]}}}}",
                                   "c");
    /* Sat 2026-10-31 22:00 EDT (02:00Z) to Sun 06:00 EST (11:00Z): 9 real hours. */
    ck_assert_int_eq(between(c, "2026-10-31T00:00:00Z", "2026-11-02T00:00:00Z"), 9 * 3600);
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-11-01T03:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-11-01T11:00:00Z"));
    /* And across spring forward: Sat 2026-03-07 22:00 EST to Sun 06:00 EDT: 7 hours. */
    ck_assert_int_eq(between(c, "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z"), 7 * 3600);
}
END_TEST

START_TEST(lord_howe_half_hour_shift) {
    const slate_calendar *c = load("{\"calendars\": {\"c\": {\"timezone\": \"Australia/Lord_Howe\","
                                   "\"weekly\": {\"sun\": [\"01:00-05:00\"]}}}}",
                                   "c");
    ck_assert_int_eq(between(c, "2026-10-03T00:00:00Z", "2026-10-05T00:00:00Z"), 3 * 3600 + 1800);
    ck_assert_int_eq(between(c, "2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z"), 4 * 3600 + 1800);
}
END_TEST

START_TEST(holiday_on_a_dst_day) {
    const slate_calendar *c = ny_every_day(", \"closed\": [\"2026-03-08\"]");
    ck_assert_int_eq(between(c, "2026-03-07T05:00:00Z", "2026-03-10T04:00:00Z"), 16 * 3600);
    /* A whole-day calendar loses 23 real hours on that day, not 24. */
    c = load("{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\", \"weekly\": {"
             "\"fri\": [\"00:00-24:00\"], \"sat\": [\"00:00-24:00\"], \"sun\": [\"00:00-24:00\"],"
             "\"mon\": [\"00:00-24:00\"]}, \"closed\": [\"2026-03-08\"]}}}",
             "c");
    ck_assert_int_eq(between(c, "2026-03-07T05:00:00Z", "2026-03-10T04:00:00Z"), 48 * 3600);
    /* Adjacent whole days are one open stretch: it closes at the holiday. */
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-03-06T12:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-08T05:00:00Z"));
}
END_TEST

START_TEST(overnight_into_a_holiday) {
    const char *json = "{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\","
                       "\"weekly\": {\"sat\": [\"22:00-06:00\"]}, \"closed\": [\"2026-11-01\"]}}}";
    const slate_calendar *c = load(json, "c");
    /* Only Saturday's 22:00-24:00 EDT remains. */
    ck_assert_int_eq(between(c, "2026-10-31T00:00:00Z", "2026-11-02T00:00:00Z"), 2 * 3600);
    ck_assert(!slate_calendar_is_open(c, T("2026-11-01T05:00:00Z")));
    /* A holiday on the Saturday itself keeps Sunday's spill? No: the spill
     * comes from Saturday's hours, and a closed Saturday spills nothing. */
    c = load("{\"calendars\": {\"c\": {\"timezone\": \"America/New_York\","
             "\"weekly\": {\"sat\": [\"22:00-06:00\"]}, \"closed\": [\"2026-10-31\"]}}}",
             "c");
    ck_assert_int_eq(between(c, "2026-10-31T00:00:00Z", "2026-11-02T00:00:00Z"), 0);
}
END_TEST

START_TEST(override_keeps_spill) {
    const char *json =
        "{\"calendars\": {\"c\": {\"timezone\": \"Asia/Kolkata\","
        "\"weekly\": {\"sat\": [\"22:00-06:00\"], \"sun\": [\"09:00-17:00\"]},"
        "\"hours\": {\"2026-11-22\": [\"10:00-12:00\"], \"2026-11-28\": [\"09:00-11:00\"]}}}}";
    const slate_calendar *c = load(json, "c");
    /* Sun 2026-11-22: spill 00:00-06:00 plus 10:00-12:00 instead of 09:00-17:00. */
    ck_assert_int_eq(between(c, "2026-11-21T18:30:00Z", "2026-11-22T18:30:00Z"), 8 * 3600);
    /* Sat 2026-11-28 overridden: it spills nothing into Sunday. */
    ck_assert_int_eq(between(c, "2026-11-27T18:30:00Z", "2026-11-29T18:30:00Z"),
                     2 * 3600 + 8 * 3600);
}
END_TEST

#define NY_OFFICE                                                                                  \
    "{\"calendars\": {\"office\": {\"timezone\": \"America/New_York\", \"weekly\": {"              \
    "\"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"],"          \
    "\"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"]},"                                     \
    "\"closed\": [{\"yearly\": \"12-25\", \"observed\": true}, {\"nth\": 4, \"weekday\": "         \
    "\"thu\", "                                                                                    \
    "\"month\": 11}]}}}"

START_TEST(due_times_and_signs) {
    const slate_calendar *c = load(NY_OFFICE, "office");
    /* A due time may equal a closing time. */
    expect_add(c, "2026-03-02T14:00:00Z", 8 * 3600, "2026-03-02T22:00:00Z");
    expect_add(c, "2026-03-02T14:00:00Z", 8 * 3600 + 1, "2026-03-03T14:00:01Z");
    /* Negative add across a weekend: Mon 10:00 EDT minus 2h is Fri 16:00 EST. */
    expect_add(c, "2026-03-09T14:00:00Z", -2 * 3600, "2026-03-06T21:00:00Z");
    /* From a closed instant, going back lands on the last closing time. */
    expect_add(c, "2026-03-07T12:00:00Z", -1, "2026-03-06T21:59:59Z");
    expect_add(c, "2026-03-07T12:00:00Z", 0, "2026-03-07T12:00:00Z");
    ck_assert_int_eq(between(c, "2026-03-09T14:00:00Z", "2026-03-06T21:00:00Z"), -2 * 3600);
    /* Thanksgiving 2026-11-26 and the observed Christmas of 2027 (Sat -> Fri 24th). */
    expect_add(c, "2026-11-25T21:00:00Z", 2 * 3600, "2026-11-27T15:00:00Z");
    ck_assert(!slate_calendar_is_open(c, T("2027-12-24T15:00:00Z")));
    ck_assert(slate_calendar_is_open(c, T("2027-12-27T15:00:00Z")));
    /* Five years is exactly the open time between the two instants. */
    slate_time far;
    ck_assert_int_eq(slate_calendar_add(c, T("2026-01-05T14:00:00Z"), 5 * 2000 * 3600, &far),
                     SLATE_OK);
    slate_duration back;
    ck_assert_int_eq(slate_calendar_between(c, T("2026-01-05T14:00:00Z"), far, &back), SLATE_OK);
    ck_assert_int_eq(back, 5 * 2000 * 3600);
}
END_TEST

START_TEST(next_open_and_close) {
    const slate_calendar *c = load(NY_OFFICE, "office");
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-03-07T17:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-09T13:00:00Z")); /* Monday 09:00 EDT */
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-03-09T13:30:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-09T13:30:00Z"));
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-03-09T13:30:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-09T21:00:00Z"));
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-03-07T17:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-09T21:00:00Z"));
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-03-09T21:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-10T21:00:00Z")); /* closing instant is closed */
}
END_TEST

static void expect_prev(const slate_calendar *c, const char *t, const char *open,
                        const char *close) {
    slate_time u;
    ck_assert_int_eq(slate_calendar_prev_open(c, T(t), &u), SLATE_OK);
    ck_assert_msg(u == T(open), "prev_open(%s)", t);
    ck_assert_int_eq(slate_calendar_prev_close(c, T(t), &u), SLATE_OK);
    ck_assert_msg(u == T(close), "prev_close(%s)", t);
}

/* The backward mirrors of next_open and next_close: weekends, a DST
 * change, a holiday, an overnight shift, a union, and the never cases. */
START_TEST(prev_open_and_close) {
    const slate_calendar *c = load(NY_OFFICE, "office");
    /* Saturday after the spring-forward Friday: Friday 09:00 and 17:00 EST. */
    expect_prev(c, "2026-03-07T17:00:00Z", "2026-03-06T14:00:00Z", "2026-03-06T22:00:00Z");
    /* Monday 09:30 EDT, open: its own start, and Friday's close. */
    expect_prev(c, "2026-03-09T13:30:00Z", "2026-03-09T13:00:00Z", "2026-03-06T22:00:00Z");
    /* At an opening instant and at a closing instant. */
    expect_prev(c, "2026-03-09T13:00:00Z", "2026-03-09T13:00:00Z", "2026-03-06T22:00:00Z");
    expect_prev(c, "2026-03-09T21:00:00Z", "2026-03-09T13:00:00Z", "2026-03-09T21:00:00Z");
    /* The Friday after Thanksgiving: Wednesday closed the last stretch. */
    expect_prev(c, "2026-11-27T15:00:00Z", "2026-11-27T14:00:00Z", "2026-11-25T22:00:00Z");
    /* A night shift touching a morning shift is one stretch, Sat 22:00 to Sun 08:00. */
    c = load("{\"calendars\": {\"n\": {\"timezone\": \"UTC\", \"weekly\": {\"sat\": "
             "[\"22:00-06:00\"], \"sun\": [\"06:00-08:00\"]}}, \"a\": {\"timezone\": \"UTC\", "
             "\"weekly\": {\"mon\": [\"09:00-12:00\"]}}, \"b\": {\"timezone\": \"UTC\", "
             "\"weekly\": {\"mon\": [\"11:00-15:00\"]}}, \"u\": {\"union\": [\"a\", \"b\"]}, "
             "\"always\": \"24x7\", \"never\": {\"timezone\": \"UTC\"}}}",
             "n");
    expect_prev(c, "2026-03-08T07:00:00Z", "2026-03-07T22:00:00Z", "2026-03-01T08:00:00Z");
    /* A union's stretch spans both parts. */
    c = slate_policy_calendar(policy, "u");
    expect_prev(c, "2026-03-09T14:00:00Z", "2026-03-09T09:00:00Z", "2026-03-02T15:00:00Z");
    expect_prev(c, "2026-03-09T16:00:00Z", "2026-03-09T09:00:00Z", "2026-03-09T15:00:00Z");
    slate_time u;
    const slate_calendar *always = slate_policy_calendar(policy, "always");
    const slate_calendar *never = slate_policy_calendar(policy, "never");
    ck_assert_int_eq(slate_calendar_prev_open(always, T("2026-03-09T16:00:00Z"), &u), SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_prev_close(always, T("2026-03-09T16:00:00Z"), &u),
                     SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_prev_open(never, T("2026-03-09T16:00:00Z"), &u), SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_prev_close(never, T("2026-03-09T16:00:00Z"), &u), SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_prev_open(c, SLATE_TIME_MAX + 1, &u), SLATE_ERANGE);
    ck_assert_int_eq(slate_calendar_prev_close(NULL, 0, &u), SLATE_EMISUSE);
}
END_TEST

static void expect_add_days(const slate_calendar *c, const char *t, int32_t n, const char *want) {
    slate_time u;
    ck_assert_int_eq(slate_calendar_add_business_days(c, T(t), n, &u), SLATE_OK);
    char got[SLATE_TIME_TEXT_MAX];
    slate_time_format(u, 0, got, sizeof got);
    ck_assert_msg(u == T(want), "add_business_days(%s, %d) = %s, want %s", t, n, got, want);
}

static int32_t count_days(const slate_calendar *c, const char *a, const char *b) {
    int32_t n;
    ck_assert_int_eq(slate_calendar_business_days(c, T(a), T(b), &n), SLATE_OK);
    return n;
}

/* Business days by hand: weekends, holidays, both DST changes, a night
 * shift, a union read on two zones' dates, 24x7 and a calendar that never
 * opens. */
START_TEST(business_days_by_hand) {
    const slate_calendar *c = load(NY_OFFICE, "office");
    /* Friday 15:00 EST plus 3 is Wednesday 15:00 EDT, across spring-forward. */
    expect_add_days(c, "2026-03-06T20:00:00Z", 3, "2026-03-11T19:00:00Z");
    ck_assert_int_eq(count_days(c, "2026-03-06T20:00:00Z", "2026-03-11T19:00:00Z"), 3);
    ck_assert_int_eq(count_days(c, "2026-03-11T19:00:00Z", "2026-03-06T20:00:00Z"), -3);
    /* From Friday 19:00, after hours: Wednesday 19:00 is closed, so Thursday 09:00. */
    expect_add_days(c, "2026-03-07T00:00:00Z", 3, "2026-03-12T13:00:00Z");
    /* Thanksgiving (Thursday 2026-11-26) is not a business day, either way. */
    expect_add_days(c, "2026-11-25T20:00:00Z", 1, "2026-11-27T20:00:00Z");
    expect_add_days(c, "2026-11-30T15:00:00Z", -3, "2026-11-24T15:00:00Z");
    ck_assert_int_eq(count_days(c, "2026-11-23T17:00:00Z", "2026-11-30T17:00:00Z"), 4);
    /* Across fall-back: Friday 10:00 EDT plus 1 is Monday 10:00 EST. */
    expect_add_days(c, "2026-10-30T14:00:00Z", 1, "2026-11-02T15:00:00Z");
    expect_add_days(c, "2026-10-30T14:00:00Z", 0, "2026-10-30T14:00:00Z");
    /* Five years: weekdays from 2026-01-02 to 2031-01-01 less the holidays. */
    ck_assert_int_eq(count_days(c, "2026-01-01T17:00:00Z", "2031-01-01T17:00:00Z"), 1294);
    slate_business_day day;
    ck_assert_int_eq(slate_calendar_business_day(c, T("2026-03-07T12:00:00Z"), &day), SLATE_OK);
    ck_assert_int_eq(day.day, 9); /* Saturday: the next one, Monday */
    ck_assert_int_eq(day.start, T("2026-03-09T13:00:00Z"));
    ck_assert_int_eq(day.end, T("2026-03-09T21:00:00Z"));
    c = load(
        "{\"calendars\": {\"night\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": "
        "[\"22:00-06:00\"]}}, \"kolkata\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": "
        "{\"mon\": [\"09:00-18:00\"], \"fri\": [\"09:00-18:00\"]}}, \"chicago\": {\"timezone\": "
        "\"America/Chicago\", \"weekly\": {\"mon\": [\"09:00-17:00\"], \"fri\": "
        "[\"09:00-17:00\"]}}, \"utc-days\": {\"union\": [\"kolkata\", \"chicago\"]}, "
        "\"nz-days\": {\"union\": [\"kolkata\", \"chicago\"], \"timezone\": "
        "\"Pacific/Auckland\"}, \"always\": \"24x7\", \"never\": {\"timezone\": \"UTC\"}}}",
        "night");
    /* A night shift belongs to the date it starts on: Tuesday is no business day. */
    ck_assert_int_eq(slate_calendar_business_day(c, T("2026-03-10T03:00:00Z"), &day), SLATE_OK);
    ck_assert_int_eq(day.day, 9);
    ck_assert_int_eq(day.start, T("2026-03-09T22:00:00Z"));
    ck_assert_int_eq(day.end, T("2026-03-10T06:00:00Z"));
    ck_assert_int_eq(count_days(c, "2026-03-09T12:00:00Z", "2026-03-10T12:00:00Z"), 0);
    expect_add_days(c, "2026-03-09T23:00:00Z", 1, "2026-03-16T23:00:00Z");
    /* A union's dates are UTC's without a timezone: Monday and Friday. On
     * Auckland's (UTC+13), Chicago's Monday and Friday mornings fall on
     * Tuesday and Saturday there: four business days a week. */
    const slate_calendar *utc = slate_policy_calendar(policy, "utc-days");
    const slate_calendar *nz = slate_policy_calendar(policy, "nz-days");
    ck_assert_int_eq(count_days(utc, "2026-03-08T12:00:00Z", "2026-03-15T12:00:00Z"), 2);
    ck_assert_int_eq(count_days(nz, "2026-03-08T12:00:00Z", "2026-03-15T12:00:00Z"), 4);
    /* 24x7: every date, each its own business day from midnight to midnight. */
    const slate_calendar *always = slate_policy_calendar(policy, "always");
    ck_assert_int_eq(count_days(always, "2026-03-08T12:00:00Z", "2026-03-15T12:00:00Z"), 7);
    ck_assert_int_eq(slate_calendar_business_day(always, T("2026-03-08T12:00:00Z"), &day),
                     SLATE_OK);
    ck_assert_int_eq(day.start, T("2026-03-08T00:00:00Z"));
    ck_assert_int_eq(day.end, T("2026-03-09T00:00:00Z"));
    const slate_calendar *never = slate_policy_calendar(policy, "never");
    slate_time u;
    ck_assert_int_eq(slate_calendar_add_business_days(never, T("2026-03-08T12:00:00Z"), 1, &u),
                     SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_business_day(never, T("2026-03-08T12:00:00Z"), &day),
                     SLATE_ENEVER);
    ck_assert_int_eq(count_days(never, "2026-03-08T12:00:00Z", "2030-03-15T12:00:00Z"), 0);
    ck_assert_int_eq(slate_calendar_add_business_days(c, SLATE_TIME_MAX + 1, 1, &u), SLATE_ERANGE);
    ck_assert_int_eq(slate_calendar_add_business_days(c, T("2400-12-20T00:00:00Z"), 5, &u),
                     SLATE_ERANGE);
}
END_TEST

#define FOLLOW_THE_SUN                                                                             \
    "{\"calendars\": {"                                                                            \
    "\"manila\": {\"timezone\": \"Asia/Manila\", \"weekly\": {\"wed\": [\"08:00-17:00\"]}},"       \
    "\"pune\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {\"wed\": [\"09:00-13:00\", "          \
    "\"14:00-18:00\"]}},"                                                                          \
    "\"krakow\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {\"wed\": [\"09:00-17:00\"]}},"     \
    "\"sun\": {\"union\": [\"manila\", \"pune\", \"krakow\"]},"                                    \
    "\"both\": {\"intersection\": [\"pune\", \"krakow\"]},"                                        \
    "\"krakow-only\": {\"minus\": [\"krakow\", \"pune\"]}}}"

START_TEST(composition_across_three_zones) {
    const slate_calendar *c = load(FOLLOW_THE_SUN, "sun");
    /* Wed 2026-03-04: Manila 00-09Z, Pune 03:30-07:30Z and 08:30-12:30Z, Krakow 08-16Z. */
    ck_assert_int_eq(between(c, "2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z"), 16 * 3600);
    /* After Krakow's spring forward: 07-15Z, so 00-15Z. */
    ck_assert_int_eq(between(c, "2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z"), 15 * 3600);
    ck_assert_ptr_null(slate_calendar_zone(c));
    c = slate_policy_calendar(policy, "both");
    ck_assert_int_eq(between(c, "2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z"), 4 * 3600);
    c = slate_policy_calendar(policy, "krakow-only");
    ck_assert_int_eq(between(c, "2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z"), 4 * 3600);
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-03-04T09:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-04T12:30:00Z"));
}
END_TEST

START_TEST(always_open_and_never) {
    const slate_calendar *c = load("{\"calendars\": {\"a\": \"24x7\", \"rare\": {\"timezone\": "
                                   "\"UTC\", \"hours\": {\"2026-05-01\": [\"10:00-11:00\"]}}}}",
                                   "a");
    slate_time t;
    ck_assert_int_eq(between(c, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"), 86400);
    ck_assert_int_eq(slate_calendar_next_close(c, T("2026-03-01T00:00:00Z"), &t), SLATE_ENEVER);
    expect_add(c, "2026-03-01T00:00:00Z", 3600, "2026-03-01T01:00:00Z");
    ck_assert_int_eq(slate_calendar_add(c, T("2400-12-31T00:00:00Z"), 2 * 86400, &t), SLATE_ERANGE);
    ck_assert_int_eq(slate_calendar_between(c, T("2026-03-01T00:00:00Z"), SLATE_TIME_MAX + 1, &t),
                     SLATE_ERANGE);
    ck_assert_int_eq(slate_calendar_next_open(c, SLATE_TIME_MIN - 1, &t), SLATE_ERANGE);
    ck_assert(!slate_calendar_is_open(c, SLATE_TIME_MAX + 1));
    c = slate_policy_calendar(policy, "rare");
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-01-01T00:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-05-01T10:00:00Z"));
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-06-01T00:00:00Z"), &t), SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_add(c, T("2026-06-01T00:00:00Z"), 60, &t), SLATE_ENEVER);
    ck_assert_int_eq(slate_calendar_add(c, T("2026-01-01T00:00:00Z"), 7200, &t), SLATE_ERANGE);
    expect_add(c, "2026-06-01T00:00:00Z", -60, "2026-05-01T10:59:00Z");
    ck_assert_int_eq(slate_calendar_add(c, T("2026-01-01T00:00:00Z"), -60, &t), SLATE_ENEVER);
}
END_TEST

START_TEST(intervals_with_rules) {
    const char *json = "{\"calendars\": {\"c\": {\"timezone\": \"Asia/Kolkata\","
                       "\"weekly\": {\"sat\": [\"09:00-13:00\", \"22:00-06:00\"]},"
                       "\"hours\": {\"2026-11-22\": [\"10:00-12:00\"]}}}}";
    const slate_calendar *c = load(json, "c");
    slate_interval_iter it;
    slate_interval iv;
    ck_assert_int_eq(
        slate_calendar_intervals(c, T("2026-11-21T00:00:00Z"), T("2026-11-23T00:00:00Z"), &it),
        SLATE_OK);
    struct {
        const char *start, *end;
        int day;
        slate_interval_source source;
        const char *rule;
    } want[] = {
        {"2026-11-21T03:30:00Z", "2026-11-21T07:30:00Z", 21, SLATE_SOURCE_WEEKLY,
         "/calendars/c/weekly/sat/0"},
        {"2026-11-21T16:30:00Z", "2026-11-21T18:30:00Z", 21, SLATE_SOURCE_WEEKLY,
         "/calendars/c/weekly/sat/1"},
        {"2026-11-21T18:30:00Z", "2026-11-22T00:30:00Z", 22, SLATE_SOURCE_SPILL,
         "/calendars/c/weekly/sat/1"},
        {"2026-11-22T04:30:00Z", "2026-11-22T06:30:00Z", 22, SLATE_SOURCE_OVERRIDE,
         "/calendars/c/hours/2026-11-22/0"},
    };
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(slate_calendar_intervals_next(&it, &iv), 1);
        ck_assert_int_eq(iv.start, T(want[i].start));
        ck_assert_int_eq(iv.end, T(want[i].end));
        ck_assert_int_eq(iv.day, want[i].day);
        ck_assert_int_eq(iv.source, want[i].source);
        ck_assert_str_eq(iv.rule, want[i].rule);
    }
    ck_assert_int_eq(slate_calendar_intervals_next(&it, &iv), 0);
    /* Clipped to the range. */
    ck_assert_int_eq(
        slate_calendar_intervals(c, T("2026-11-21T05:00:00Z"), T("2026-11-21T06:00:00Z"), &it),
        SLATE_OK);
    ck_assert_int_eq(slate_calendar_intervals_next(&it, &iv), 1);
    ck_assert_int_eq(iv.start, T("2026-11-21T05:00:00Z"));
    ck_assert_int_eq(iv.end, T("2026-11-21T06:00:00Z"));
    ck_assert_int_eq(slate_calendar_intervals_next(&it, &iv), 0);
}
END_TEST

START_TEST(holiday_rules) {
    struct {
        int32_t year;
        int month, day;
    } easter[] = {{2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5},  {2027, 3, 28}, {2000, 4, 23},
                  {1818, 3, 22}, {2285, 3, 22}, {2038, 4, 25}, {1943, 4, 25}, {2011, 4, 24}};
    for (size_t i = 0; i < sizeof easter / sizeof easter[0]; i++)
        ck_assert_int_eq(slate__holiday_easter(easter[i].year),
                         slate_days_from_civil(easter[i].year, easter[i].month, easter[i].day));
    int64_t day;
    holiday_rule thanksgiving = {HOLIDAY_NTH, 0, 11, 0, 4, 4, 0, 0, 1, 9999};
    ck_assert(slate__holiday_in_year(&thanksgiving, 2026, &day));
    ck_assert_int_eq(day, slate_days_from_civil(2026, 11, 26));
    holiday_rule memorial = {HOLIDAY_NTH, 0, 5, 0, -1, 1, 0, 0, 1, 9999};
    ck_assert(slate__holiday_in_year(&memorial, 2026, &day));
    ck_assert_int_eq(day, slate_days_from_civil(2026, 5, 25));
    holiday_rule fifth_friday = {HOLIDAY_NTH, 0, 2, 0, 5, 5, 0, 0, 1, 9999};
    ck_assert(!slate__holiday_in_year(&fifth_friday, 2026, &day));
    holiday_rule christmas = {HOLIDAY_YEARLY, 0, 12, 25, 0, 0, 0, 1, 2020, 2030};
    ck_assert(slate__holiday_in_year(&christmas, 2022, &day)); /* Sunday -> Monday */
    ck_assert_int_eq(day, slate_days_from_civil(2022, 12, 26));
    ck_assert(slate__holiday_in_year(&christmas, 2027, &day)); /* Saturday -> Friday */
    ck_assert_int_eq(day, slate_days_from_civil(2027, 12, 24));
    ck_assert(!slate__holiday_in_year(&christmas, 2031, &day));
    holiday_rule leap = {HOLIDAY_YEARLY, 0, 2, 29, 0, 0, 0, 0, 1, 9999};
    ck_assert(!slate__holiday_in_year(&leap, 2026, &day));
    ck_assert(slate__holiday_in_year(&leap, 2028, &day));
}
END_TEST

/* ---- validation ---- */

START_TEST(files_and_defaults) {
    slate_policy *p;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_file(db, "/nonexistent/policy.json", &p, &err),
                     SLATE_ENOENT);
    ck_assert_str_eq(err.file, "/nonexistent/policy.json");
    char path[] = "/tmp/slate-policy-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *text = "{\n  \"calendars\": {\n    \"c\": {\"timezone\": \"UTC\", \"weekly\": "
                       "{\"mon\": [\"9:00-17:00\"]}}\n  }\n}\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    ck_assert_int_eq(slate_policy_from_file(db, path, &p, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 49);
    ck_assert(strncmp(err.message, path, strlen(path)) == 0);
    unlink(path);
    /* A NULL database: the policy opens the default one and owns it. */
    setenv("TZDIR", test_tzdir(), 1);
    const char *ok = "{\"calendars\": {\"c\": {\"timezone\": \"Asia/Kolkata\"}}}";
    ck_assert_int_eq(slate_policy_from_json(NULL, ok, strlen(ok), &p, &err), SLATE_OK);
    ck_assert_str_eq(slate_zone_name(slate_calendar_zone(slate_policy_calendar(p, "c"))),
                     "Asia/Kolkata");
    ck_assert_ptr_null(slate_policy_calendar(p, "missing"));
    ck_assert_int_eq(slate_policy_calendar_count(p), 1);
    ck_assert_ptr_null(slate_policy_calendar_at(p, 1));
    slate_policy_free(p);
    slate_policy_free(NULL);
}
END_TEST

START_TEST(limits) {
    /* 1,001 closed rules and 33 intervals in a day are over the limits. */
    size_t cap = 64 * 1024;
    char *json = malloc(cap);
    size_t n = (size_t)snprintf(json, cap,
                                "{\"calendars\": {\"c\": {\"timezone\": \"UTC\", \"closed\": [");
    for (int i = 0; i < 1001; i++)
        n += (size_t)snprintf(json + n, cap - n, "%s\"2026-01-01\"", i ? ", " : "");
    snprintf(json + n, cap - n, "]}}}");
    slate_policy *p;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_json(db, json, strlen(json), &p, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.pointer, "/calendars/c/closed");
    n = (size_t)snprintf(json, cap,
                         "{\"calendars\": {\"c\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [");
    for (int i = 0; i < 33; i++)
        n += (size_t)snprintf(json + n, cap - n, "%s\"%02d:00-%02d:30\"", i ? ", " : "", i % 24,
                              i % 24);
    snprintf(json + n, cap - n, "]}}}}");
    ck_assert_int_eq(slate_policy_from_json(db, json, strlen(json), &p, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.pointer, "/calendars/c/weekly/mon");
    free(json);
}
END_TEST

int main(void) {
    Suite *s = suite_create("calendar");
    TCase *tc = tcase_create("semantics");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, dst_days_keep_eight_hours);
    tcase_add_test(tc, per_date_hours_edges);
    tcase_add_test(tc, seconds_in_bounds);
    tcase_add_test(tc, prev_open_and_close);
    tcase_add_test(tc, business_days_by_hand);
    tcase_add_test(tc, dst_gap_and_overlap_bounds);
    tcase_add_test(tc, marked_counts);
    tcase_add_test(tc, transition_inside_a_shift);
    tcase_add_test(tc, overnight_across_fall_back);
    tcase_add_test(tc, lord_howe_half_hour_shift);
    tcase_add_test(tc, holiday_on_a_dst_day);
    tcase_add_test(tc, overnight_into_a_holiday);
    tcase_add_test(tc, override_keeps_spill);
    tcase_add_test(tc, due_times_and_signs);
    tcase_add_test(tc, next_open_and_close);
    tcase_add_test(tc, composition_across_three_zones);
    tcase_add_test(tc, always_open_and_never);
    tcase_add_test(tc, intervals_with_rules);
    tcase_add_test(tc, holiday_rules);
    suite_add_tcase(s, tc);
    TCase *load_tc = tcase_create("loading");
    tcase_add_checked_fixture(load_tc, setup, teardown);
    tcase_add_test(load_tc, files_and_defaults);
    tcase_add_test(load_tc, limits);
    suite_add_tcase(s, load_tc);
    return run_suite(s);
}
