/* The SLA clock follows the ticket: deadlines named as a time of day are
 * that wall-clock instant, overnight shifts make business days, composed
 * calendars name the zone of their dates, and a ticket's fields choose the
 * zone, the calendar, the goal and the start. Every expectation is worked
 * out by hand in the comments. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static slate_policy *policy;
static slate_clock *clock_;

/* Loads a policy written with ' for " (easier to read here). */
static void load(const char *text) {
    char json[8192];
    size_t n = strlen(text);
    ck_assert_uint_lt(n, sizeof json);
    for (size_t i = 0; i <= n; i++)
        json[i] = text[i] == '\'' ? '"' : text[i];
    slate_error err;
    slate_clock_free(clock_);
    slate_policy_free(policy);
    clock_ = NULL;
    ck_assert_msg(slate_policy_from_json(NULL, json, n, &policy, &err) == SLATE_OK, "%s",
                  err.message);
    ck_assert_int_eq(slate_clock_new(policy, &clock_, &err), SLATE_OK);
}

static void teardown(void) {
    slate_clock_free(clock_);
    slate_policy_free(policy);
    clock_ = NULL;
    policy = NULL;
}

static void apply(const char *spec) { apply_ok(clock_, spec); }

static const slate_sla_result *result(const char *now, const char *target) {
    return target_at(clock_, now, target);
}

#define WEEKDAYS(hours)                                                                            \
    "'weekly': {'mon': [" hours "], 'tue': [" hours "], 'wed': [" hours "], 'thu': [" hours        \
    "], 'fri': [" hours "]}"

/* ---- "by HH:MM" is a wall-clock instant ---- */

#define NEW_YORK_VISITS                                                                            \
    "{'calendars': {'ny': {'timezone': 'America/New_York', " WEEKDAYS(                             \
        "'09:00-17:00'") "}},"                                                                     \
                         "'slas': [{'id': 'visit', 'calendar': 'ny', 'targets': ["                 \
                         "{'name': 'by18', 'durations': {'*': {'by': '18:00', 'business_days': "   \
                         "1}},"                                                                    \
                         " 'stop_when': {'field': 'event', 'equals': 'on_site'}},"                 \
                         "{'name': 'by08', 'durations': {'*': {'by': '08:00', 'business_days': "   \
                         "1}},"                                                                    \
                         " 'stop_when': {'field': 'event', 'equals': 'on_site'}},"                 \
                         "{'name': 'paused18', 'durations': {'*': {'by': '18:00', "                \
                         "'business_days': 1}},"                                                   \
                         " 'pause_when': {'field': 'status', 'equals': 'pending'},"                \
                         " 'stop_when': {'field': 'event', 'equals': 'on_site'}}]}]}"

START_TEST(by_time_after_closing) {
    load(NEW_YORK_VISITS);
    /* Opened Monday 2026-03-02 10:00 EST; the engineer is on site Tuesday
     * 17:30 EST. "By 18:00 next business day" is Tuesday 18:00 EST (23:00Z):
     * on time. 15 business hours lie before it (Monday 7, Tuesday 8). */
    apply("2026-03-02T15:00:00Z created status=open");
    const slate_sla_result *r = result("2026-03-02T17:00:00Z", "by18");
    ck_assert_int_eq(r->target_seconds, 15 * 3600);
    ck_assert_int_eq(r->has_deadline, 1);
    expect_time(r->deadline, "2026-03-03T23:00:00Z", "deadline");
    expect_due(r, "2026-03-03T23:00:00Z");
    ck_assert_str_eq(r->calendar, "ny");
    ck_assert_str_eq(r->zone, "America/New_York");
    /* "By 08:00" is Tuesday 08:00 EST, before the office opens: 7 hours. */
    r = result("2026-03-02T17:00:00Z", "by08");
    ck_assert_int_eq(r->target_seconds, 7 * 3600);
    expect_due(r, "2026-03-03T13:00:00Z");
    apply("2026-03-03T22:30:00Z on_site");
    r = result("2026-03-03T22:30:00Z", "by18");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->breached, 0);
    r = result("2026-03-03T22:30:00Z", "by08");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->breached, 1);
    expect_time(r->breach_time, "2026-03-03T13:00:00Z", "breach");
}
END_TEST

START_TEST(by_time_exactly) {
    load(NEW_YORK_VISITS);
    /* On site at 18:00:00 is on time; a second later is late, breached at 18:00. */
    apply("2026-03-02T15:00:00Z created");
    apply("2026-03-03T23:00:00Z on_site");
    ck_assert_int_eq(result("2026-03-04T00:00:00Z", "by18")->breached, 0);
    slate_clock_reset(clock_);
    apply("2026-03-02T15:00:00Z created");
    apply("2026-03-03T23:00:01Z on_site");
    const slate_sla_result *r = result("2026-03-04T00:00:00Z", "by18");
    ck_assert_int_eq(r->breached, 1);
    expect_time(r->breach_time, "2026-03-03T23:00:00Z", "breach");
}
END_TEST

START_TEST(by_time_across_dst) {
    load(NEW_YORK_VISITS);
    /* Spring: Friday 2026-03-06 10:00 EST; clocks go forward on Sunday the
     * 8th, so Monday 18:00 is EDT (22:00Z) and Monday 08:00 is 12:00Z. */
    apply("2026-03-06T15:00:00Z created");
    const slate_sla_result *r = result("2026-03-06T15:00:00Z", "by18");
    ck_assert_int_eq(r->target_seconds, 15 * 3600);
    expect_due(r, "2026-03-09T22:00:00Z");
    expect_due(result("2026-03-06T15:00:00Z", "by08"), "2026-03-09T12:00:00Z");
    /* Autumn: Friday 2026-10-30 10:00 EDT; clocks go back on Sunday
     * 1 November, so Monday 18:00 is EST (23:00Z). */
    slate_clock_reset(clock_);
    apply("2026-10-30T14:00:00Z created");
    r = result("2026-10-30T14:00:00Z", "by18");
    ck_assert_int_eq(r->target_seconds, 15 * 3600);
    expect_due(r, "2026-11-02T23:00:00Z");
    expect_due(result("2026-10-30T14:00:00Z", "by08"), "2026-11-02T13:00:00Z");
}
END_TEST

START_TEST(by_time_moved_by_paused_business_time) {
    load(NEW_YORK_VISITS);
    /* Paused Monday 11:00-13:00 EST: two business hours, so the deadline
     * moves two business hours past Tuesday 18:00: Wednesday 11:00 EST. */
    apply("2026-03-02T15:00:00Z created status=open");
    apply("2026-03-02T16:00:00Z - status=pending");
    apply("2026-03-02T18:00:00Z - status=open");
    const slate_sla_result *r = result("2026-03-02T18:00:00Z", "paused18");
    ck_assert_int_eq(r->has_deadline, 0);
    expect_due(r, "2026-03-04T16:00:00Z");
    /* A pause in closed time (Monday 17:30-19:00 EST) moves nothing. */
    slate_clock_reset(clock_);
    apply("2026-03-02T15:00:00Z created status=open");
    apply("2026-03-02T22:30:00Z - status=pending");
    apply("2026-03-03T00:00:00Z - status=open");
    r = result("2026-03-03T00:00:00Z", "paused18");
    ck_assert_int_eq(r->has_deadline, 1);
    expect_due(r, "2026-03-03T23:00:00Z");
}
END_TEST

/* ---- overnight shifts make business days ---- */

#define NIGHT_DESK                                                                                 \
    "{'calendars': {'night': {'timezone': 'UTC', " WEEKDAYS(                                       \
        "'22:00-06:00'") "}},"                                                                     \
                         "'slas': [{'id': 'night', 'calendar': 'night', 'targets': ["              \
                         "{'name': 'eod0', 'durations': {'*': {'end_of_business_day': 0}}},"       \
                         "{'name': 'eod1', 'durations': {'*': {'end_of_business_day': 1}}},"       \
                         "{'name': 'by05', 'durations': {'*': {'by': '05:00', 'business_days': "   \
                         "1}}}]},"                                                                 \
                         "{'id': 'always', 'calendar': '24x7', 'targets': ["                       \
                         "{'name': 'eod24', 'durations': {'*': {'end_of_business_day': 0}}}]}]}"

START_TEST(night_shift_end_of_day) {
    load(NIGHT_DESK);
    /* Monday 23:00: Monday's shift runs to Tuesday 06:00 (7 h); the next
     * business day is Tuesday, whose shift ends Wednesday 06:00 (7 + 8 h). */
    apply("2026-03-02T23:00:00Z created");
    const slate_sla_result *r = result("2026-03-02T23:00:00Z", "eod0");
    ck_assert_int_eq(r->target_seconds, 7 * 3600);
    expect_due(r, "2026-03-03T06:00:00Z");
    r = result("2026-03-02T23:00:00Z", "eod1");
    ck_assert_int_eq(r->target_seconds, 15 * 3600);
    expect_due(r, "2026-03-04T06:00:00Z");
    /* A day open around the clock ends at midnight. */
    r = result("2026-03-02T23:00:00Z", "eod24");
    ck_assert_int_eq(r->target_seconds, 3600);
    expect_due(r, "2026-03-03T00:00:00Z");
    /* Tuesday 03:00 is still Monday's business day. */
    slate_clock_reset(clock_);
    apply("2026-03-03T03:00:00Z created");
    expect_due(result("2026-03-03T03:00:00Z", "eod0"), "2026-03-03T06:00:00Z");
    r = result("2026-03-03T03:00:00Z", "eod1");
    ck_assert_int_eq(r->target_seconds, 11 * 3600);
    expect_due(r, "2026-03-04T06:00:00Z");
}
END_TEST

START_TEST(night_shift_weekend) {
    load(NIGHT_DESK);
    /* Saturday 03:00 is in Friday's shift: due at its end, 06:00. */
    apply("2026-03-07T03:00:00Z created");
    expect_due(result("2026-03-07T03:00:00Z", "eod0"), "2026-03-07T06:00:00Z");
    /* Saturday 10:00: Saturday's only open time was Friday's spill, so it
     * is no business day, nor is Sunday: Monday's shift, to Tuesday 06:00. */
    slate_clock_reset(clock_);
    apply("2026-03-07T10:00:00Z created");
    const slate_sla_result *r = result("2026-03-07T10:00:00Z", "eod0");
    ck_assert_int_eq(r->target_seconds, 8 * 3600);
    expect_due(r, "2026-03-10T06:00:00Z");
    /* Friday 23:00, "by 05:00 next business day": Monday 05:00, with
     * Friday's hour and Saturday's spill before it (7 h). */
    slate_clock_reset(clock_);
    apply("2026-03-06T23:00:00Z created");
    r = result("2026-03-06T23:00:00Z", "by05");
    ck_assert_int_eq(r->target_seconds, 7 * 3600);
    expect_due(r, "2026-03-09T05:00:00Z");
}
END_TEST

/* ---- composed calendars name the zone of their dates ---- */

#define PUNE_CHICAGO(zone)                                                                         \
    "{'calendars': {"                                                                              \
    "'pune': {'timezone': 'Asia/Kolkata', " WEEKDAYS(                                              \
        "'09:00-18:00'") "},"                                                                      \
                         "'chicago': {'timezone': 'America/Chicago', " WEEKDAYS(                   \
                             "'08:00-17:00'") "},"                                                 \
                                              "'desk': {'union': ['pune', 'chicago']" zone "}},"   \
                                              "'slas': [{'id': 'acme', 'calendar': 'desk', "       \
                                              "'targets': [{'name': 'visit',"                      \
                                              " 'durations': {'*': {'by': '16:00', "               \
                                              "'business_days': 1}},"                              \
                                              " 'stop_when': {'field': 'event', 'equals': "        \
                                              "'on_site'}}]}],"                                    \
                                              "'contracts': [{'id': 'acme-amc', 'sla': 'acme', "   \
                                              "'fee': {'monthly': 12000, 'currency': "             \
                                              "'USD'}}]}"

/* The March report of an empty contract, in Chicago's month. */
static const slate_report_result *march(slate_report **r) {
    const slate_report_result *res;
    slate_error err;
    ck_assert_int_eq(slate_report_new(policy, NULL, T("2026-03-01T00:00:00-06:00"),
                                      T("2026-04-01T00:00:00-05:00"), r, &err),
                     SLATE_OK);
    ck_assert_int_eq(slate_report_result_get(*r, &res, &err), SLATE_OK);
    return res;
}

START_TEST(composed_zone) {
    load(PUNE_CHICAGO(", 'timezone': 'America/Chicago'"));
    ck_assert_uint_eq(slate_policy_warning_count(policy), 0);
    /* Monday 10:00 CST: 16:00 CST Tuesday (22:00Z). Before it: Chicago
     * Monday 16:00-23:00Z (7 h), Pune Tuesday 03:30-12:30Z (9 h), Chicago
     * Tuesday 14:00-22:00Z (8 h). */
    apply("2026-03-02T16:00:00Z created");
    const slate_sla_result *r = result("2026-03-02T16:00:00Z", "visit");
    ck_assert_int_eq(r->target_seconds, 24 * 3600);
    expect_due(r, "2026-03-03T22:00:00Z");
    ck_assert_str_eq(r->zone, "America/Chicago");
    /* Friday 2026-03-06 10:00 CST. Saturday has no open time on its
     * Chicago date, but Sunday has: Pune's Monday starts Sunday 22:30 CDT.
     * So the next business day is Sunday, and 16:00 CDT (DST began that
     * morning) is 21:00Z, after Friday's 7 h in Chicago. */
    slate_clock_reset(clock_);
    apply("2026-03-06T16:00:00Z created");
    r = result("2026-03-06T16:00:00Z", "visit");
    ck_assert_int_eq(r->target_seconds, 7 * 3600);
    expect_due(r, "2026-03-08T21:00:00Z");
    /* The enumerator splits at Chicago's midnight (06:00Z) and dates
     * stretches in Chicago: Pune's Monday morning begins on Sunday there. */
    slate_interval_iter it;
    slate_interval iv;
    const slate_calendar *desk = slate_policy_calendar(policy, "desk");
    ck_assert_int_eq(
        slate_calendar_intervals(desk, T("2026-03-02T00:00:00Z"), T("2026-03-02T13:00:00Z"), &it),
        SLATE_OK);
    ck_assert(slate_calendar_intervals_next(&it, &iv));
    expect_time(iv.start, "2026-03-02T03:30:00Z", "interval start");
    expect_time(iv.end, "2026-03-02T06:00:00Z", "interval end");
    ck_assert_int_eq(iv.day, 1);
    ck_assert(slate_calendar_intervals_next(&it, &iv));
    expect_time(iv.end, "2026-03-02T12:30:00Z", "interval end");
    ck_assert_int_eq(iv.day, 2);
    /* March in Chicago is one period, billed in full. */
    slate_report *rep;
    const slate_report_result *res = march(&rep);
    ck_assert_uint_eq(res->period_count, 1);
    ck_assert_int_eq(res->periods[0].fee, 1200000);
    slate_report_free(rep);
}
END_TEST

START_TEST(composed_without_zone_warns) {
    load(PUNE_CHICAGO(""));
    /* The reproduction: "by 16:00" is 16:00 UTC, March is clipped and an
     * April period appears; both are warned about where they are written. */
    ck_assert_uint_eq(slate_policy_warning_count(policy), 2);
    const slate_error *w = slate_policy_warning(policy, 0);
    ck_assert_int_eq(w->code, SLATE_OK);
    ck_assert_str_eq(w->pointer, "/slas/0/calendar");
    ck_assert_ptr_nonnull(strstr(w->message, "UTC dates"));
    ck_assert_str_eq(slate_policy_warning(policy, 1)->pointer, "/contracts/0");
    ck_assert_ptr_null(slate_policy_warning(policy, 2));
    apply("2026-03-02T16:00:00Z created");
    expect_due(result("2026-03-02T16:00:00Z", "visit"), "2026-03-03T16:00:00Z");
    slate_report *rep;
    const slate_report_result *res = march(&rep);
    ck_assert_uint_eq(res->period_count, 2);
    ck_assert_int_lt(res->periods[0].fee, 1200000);
    slate_report_free(rep);
}
END_TEST

/* ---- the zone of the requester ---- */

#define REQUESTER_ZONE(extra)                                                                      \
    "{'calendars': {'office': {'timezone': 'UTC', " WEEKDAYS(                                      \
        "'09:00-17:00'") "}},"                                                                     \
                         "'slas': [{'id': 'care', 'calendar': 'office', 'timezone': {'field': "    \
                         "'requester.timezone', 'default': 'America/Chicago'" extra "},"           \
                         " 'targets': [{'name': 'fix', 'durations': {'*': 'PT4H'}},"               \
                         "{'name': 'long', 'durations': {'*': 'PT8H'}}]}]}"

START_TEST(zone_from_ticket) {
    load(REQUESTER_ZONE(""));
    /* Warsaw, Friday 2026-03-27 16:00 CET: 1 h on Friday, 3 h on Monday
     * 09:00-12:00 CEST (summer time since Sunday): Monday 10:00Z. */
    apply("2026-03-27T15:00:00Z created requester.timezone=Europe/Warsaw");
    const slate_sla_result *r = result("2026-03-27T15:00:00Z", "fix");
    expect_due(r, "2026-03-30T10:00:00Z");
    ck_assert_str_eq(r->calendar, "office");
    ck_assert_str_eq(r->zone, "Europe/Warsaw");
    /* Friday 2026-10-23 16:00 CEST: Monday 12:00 CET (winter time). */
    slate_clock_reset(clock_);
    apply("2026-10-23T14:00:00Z created requester.timezone=Europe/Warsaw");
    expect_due(result("2026-10-23T14:00:00Z", "fix"), "2026-10-26T11:00:00Z");
    /* No zone in the ticket: the default, Chicago (10:00 CST + 4 h). */
    slate_clock_reset(clock_);
    apply("2026-03-02T16:00:00Z created");
    r = result("2026-03-02T16:00:00Z", "fix");
    expect_due(r, "2026-03-02T20:00:00Z");
    ck_assert_str_eq(r->zone, "America/Chicago");
}
END_TEST

START_TEST(zone_changes_mid_cycle) {
    load(REQUESTER_ZONE(""));
    /* Chicago, Monday 10:00 CST; at 12:00 CST (2 h used) the requester's
     * zone becomes Kolkata, where the office is 03:30-11:30Z: the other
     * 6 h run from Tuesday 03:30Z to 09:30Z. */
    apply("2026-03-02T16:00:00Z created");
    apply("2026-03-02T18:00:00Z - requester.timezone=Asia/Kolkata");
    const slate_sla_result *r = result("2026-03-02T18:00:00Z", "long");
    ck_assert_int_eq(r->elapsed, 2 * 3600);
    expect_due(r, "2026-03-03T09:30:00Z");
    ck_assert_uint_eq(r->step_count, 2);
    ck_assert_str_eq(r->steps[0].zone, "America/Chicago");
    ck_assert_str_eq(r->steps[1].why, "calendar");
    ck_assert_str_eq(r->steps[1].condition, "/slas/0/timezone");
    ck_assert_str_eq(r->steps[1].calendar, "office");
    ck_assert_str_eq(r->steps[1].zone, "Asia/Kolkata");
    ck_assert_uint_eq(r->steps[1].event, 1);
}
END_TEST

START_TEST(unknown_zone_in_ticket) {
    load(REQUESTER_ZONE(""));
    slate_error err;
    apply("2026-03-02T16:00:00Z created");
    ck_assert_int_eq(
        apply_spec(clock_, "2026-03-02T17:00:00Z - requester.timezone=Mars/Olympus", &err),
        SLATE_ENOENT);
    ck_assert_ptr_nonnull(strstr(err.message, "event 1"));
    ck_assert_ptr_nonnull(strstr(err.message, "requester.timezone"));
    ck_assert_ptr_nonnull(strstr(err.message, "Mars/Olympus"));
    /* The event changed nothing: still Chicago, and the next one applies;
     * an empty field names no zone. */
    apply("2026-03-02T18:00:00Z - requester.timezone=");
    ck_assert_str_eq(result("2026-03-02T18:00:00Z", "fix")->zone, "America/Chicago");
    /* A policy may read an unknown zone as its default instead. */
    load(REQUESTER_ZONE(", 'unknown': 'default'"));
    apply("2026-03-02T16:00:00Z created requester.timezone=Mars/Olympus");
    const slate_sla_result *r = result("2026-03-02T16:00:00Z", "fix");
    ck_assert_str_eq(r->zone, "America/Chicago");
    expect_due(r, "2026-03-02T20:00:00Z");
}
END_TEST

START_TEST(calendar_zone_from_ticket) {
    /* The calendar says where its hours are: in the site's zone. */
    load("{'calendars': {'site': {'timezone': {'field': 'site.timezone', 'default': "
         "'America/Chicago'}, " WEEKDAYS(
             "'09:00-17:00'") "},"
                              "'visits': {'union': ['site'], 'timezone': {'field': "
                              "'site.timezone'}}},"
                              "'slas': [{'id': 'onsite', 'calendar': 'site', 'targets': [{'name': "
                              "'fix',"
                              " 'durations': {'*': 'PT4H'}}]},"
                              "{'id': 'visit', 'calendar': 'visits', 'targets': [{'name': 'eod',"
                              " 'durations': {'*': {'end_of_business_day': 0}}}]}]}");
    ck_assert_uint_eq(slate_policy_warning_count(policy), 1); /* 'visits' without a site */
    /* Kolkata, Monday 09:00 IST (03:30Z): 4 h later, 07:30Z. */
    apply("2026-03-02T03:30:00Z created site.timezone=Asia/Kolkata");
    const slate_sla_result *r = result("2026-03-02T03:30:00Z", "fix");
    expect_due(r, "2026-03-02T07:30:00Z");
    ck_assert_str_eq(r->zone, "Asia/Kolkata");
    /* A composed calendar takes only its dates from the ticket: its part
     * keeps its hours as written (Chicago's 09:00-17:00, 15:00-23:00Z),
     * which start on Monday in Kolkata (20:30 IST): the day ends 23:00Z. */
    r = result("2026-03-02T03:30:00Z", "eod");
    expect_due(r, "2026-03-02T23:00:00Z");
    ck_assert_str_eq(r->zone, "Asia/Kolkata");
    /* The site moves to Chicago at 05:30Z (2 h used): the step names the
     * calendar's rule; Chicago opens at 15:00Z, 2 h left. */
    apply("2026-03-02T05:30:00Z - site.timezone=America/Chicago");
    r = result("2026-03-02T05:30:00Z", "fix");
    expect_due(r, "2026-03-02T17:00:00Z");
    ck_assert_str_eq(r->steps[1].condition, "/calendars/site/timezone");
}
END_TEST

/* ---- the calendar of the team that holds the ticket ---- */

#define FOLLOW_THE_SUN                                                                             \
    "{'calendars': {"                                                                              \
    "'manila': {'timezone': 'Asia/Manila', " WEEKDAYS(                                             \
        "'08:00-17:00'") "},"                                                                      \
                         "'pune': {'timezone': 'Asia/Kolkata', " WEEKDAYS(                         \
                             "'09:00-18:00'") "},"                                                 \
                                              "'krakow': {'timezone': 'Europe/Warsaw', " WEEKDAYS( \
                                                  "'09:00-17:00'") "}},"                           \
                                                                   "'slas': [{'id': 'sun', "       \
                                                                   "'calendar': {'field': "        \
                                                                   "'team', 'map': {'L1': "        \
                                                                   "'manila', 'L2': 'pune',"       \
                                                                   " 'L3': 'krakow'}, 'default': " \
                                                                   "'manila'}, 'targets': "        \
                                                                   "[{'name': 'resolution',"       \
                                                                   " 'durations': {'*': "          \
                                                                   "'PT12H'}, 'stop_when': "       \
                                                                   "{'field': 'status', "          \
                                                                   "'equals': 'resolved'}}]}]}"

START_TEST(follow_the_sun) {
    load(FOLLOW_THE_SUN);
    /* Manila L1 from Monday 08:00 PHT (00:00Z). Handed to Pune exactly at
     * Manila's close (17:00 PHT, 09:00Z): 9 h used; Pune is open until
     * 18:00 IST (12:30Z), so the 3 h left end at 12:00Z. */
    apply("2026-03-02T00:00:00Z created team=L1");
    apply("2026-03-02T09:00:00Z - team=L2");
    const slate_sla_result *r = result("2026-03-02T09:00:00Z", "resolution");
    ck_assert_int_eq(r->elapsed, 9 * 3600);
    expect_due(r, "2026-03-02T12:00:00Z");
    ck_assert_str_eq(r->calendar, "pune");
    ck_assert_str_eq(r->steps[0].calendar, "manila");
    ck_assert_str_eq(r->steps[1].why, "calendar");
    ck_assert_str_eq(r->steps[1].condition, "/slas/0/calendar/map/L2");
    expect_time(r->steps[1].at, "2026-03-02T09:00:00Z", "switch");
    /* Krakow takes it at 11:00Z (12:00 CET): 11 h used, 1 h left. */
    apply("2026-03-02T11:00:00Z - team=L3");
    r = result("2026-03-02T11:00:00Z", "resolution");
    ck_assert_int_eq(r->elapsed, 11 * 3600);
    expect_due(r, "2026-03-02T12:00:00Z");
    ck_assert_str_eq(r->zone, "Europe/Warsaw");
    apply("2026-03-02T11:30:00Z - status=resolved");
    r = result("2026-03-02T12:30:00Z", "resolution");
    ck_assert_int_eq(r->state, SLATE_SLA_MET);
    ck_assert_int_eq(r->elapsed, 11 * 3600 + 1800);
    ck_assert_int_eq(r->breached, 0);
    /* An unknown team reads as the default calendar. */
    slate_clock_reset(clock_);
    apply("2026-03-02T00:00:00Z created team=L9");
    ck_assert_str_eq(result("2026-03-02T00:00:00Z", "resolution")->calendar, "manila");
}
END_TEST

START_TEST(calendar_per_priority) {
    load("{'calendars': {'office': {'timezone': 'UTC', " WEEKDAYS(
        "'09:00-17:00'") "}},"
                         "'priorities': {'levels': ['P1', 'P3'], 'default': 'P3'},"
                         "'slas': [{'id': 'inc', 'calendar': {'field': 'priority', 'map': {'P1': "
                         "'24x7'},"
                         " 'default': 'office'}, 'targets': [{'name': 'fix',"
                         " 'durations': {'P1': 'PT4H', 'P3': 'PT8H'}}]}]}");
    /* P3 on office hours from Monday 10:00; raised to P1 at 12:00 (2 h
     * used): 4 h around the clock, so 2 h left, due 14:00. */
    apply("2026-03-02T10:00:00Z created priority=P3");
    apply("2026-03-02T12:00:00Z - priority=P1");
    const slate_sla_result *r = result("2026-03-02T12:00:00Z", "fix");
    ck_assert_int_eq(r->elapsed, 2 * 3600);
    ck_assert_int_eq(r->target_seconds, 4 * 3600);
    expect_due(r, "2026-03-02T14:00:00Z");
    ck_assert_str_eq(r->calendar, "24x7");
    ck_assert_str_eq(r->steps[1].condition, "/slas/0/calendar/map/P1");
    r = result("2026-03-02T15:00:00Z", "fix");
    ck_assert_int_eq(r->breached, 1);
    expect_time(r->breach_time, "2026-03-02T14:00:00Z", "breach");
}
END_TEST

/* ---- goal and start from the ticket, resume, not applicable ---- */

#define OFFICE_SLA(sla)                                                                            \
    "{'calendars': {'office': {'timezone': 'UTC', " WEEKDAYS("'09:00-17:00'") "}},"                \
                                                                              "'slas': [" sla "]}"

START_TEST(goal_from_field) {
    load(OFFICE_SLA("{'id': 'amc', 'calendar': 'office', 'targets': [{'name': 'fix',"
                    " 'durations': {'*': {'field': 'agreed_due', 'default': 'PT8H'}}}]}"));
    /* Agreed Wednesday 12:00: 7 + 8 + 3 business hours from Monday 10:00. */
    apply("2026-03-02T10:00:00Z created agreed_due=2026-03-04T12:00:00Z");
    const slate_sla_result *r = result("2026-03-02T10:00:00Z", "fix");
    ck_assert_int_eq(r->target_seconds, 18 * 3600);
    expect_due(r, "2026-03-04T12:00:00Z");
    /* Renegotiated to Tuesday 10:00 at 11:00: counted from the start, 8 h. */
    apply("2026-03-02T11:00:00Z - agreed_due=2026-03-03T10:00:00Z");
    r = result("2026-03-02T11:00:00Z", "fix");
    ck_assert_int_eq(r->target_seconds, 8 * 3600);
    expect_due(r, "2026-03-03T10:00:00Z");
    /* A duration is business time; no field, the default. */
    slate_clock_reset(clock_);
    apply("2026-03-02T10:00:00Z created agreed_due=PT2H");
    expect_due(result("2026-03-02T10:00:00Z", "fix"), "2026-03-02T12:00:00Z");
    slate_clock_reset(clock_);
    apply("2026-03-02T10:00:00Z created");
    expect_due(result("2026-03-02T10:00:00Z", "fix"), "2026-03-03T10:00:00Z");
    /* A value that is neither is the event's error. */
    slate_error err;
    ck_assert_int_eq(apply_spec(clock_, "2026-03-02T11:00:00Z - agreed_due=tomorrow", &err),
                     SLATE_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "agreed_due"));
    ck_assert_ptr_nonnull(strstr(err.message, "tomorrow"));
}
END_TEST

START_TEST(retroactive_start) {
    load(OFFICE_SLA("{'id': 'inc', 'calendar': 'office',"
                    " 'applies_when': {'field': 'type', 'equals': 'incident'},"
                    " 'targets': [{'name': 'response', 'durations': {'*': 'PT2H'},"
                    " 'start_from': 'opened_at'}]}"));
    /* Opened Monday 09:00 as a request, made an incident at 12:00: the
     * clock counts from 09:00, so 3 h are used and it breached at 11:00. */
    apply("2026-03-02T09:00:00Z created type=request opened_at=2026-03-02T09:00:00Z");
    apply("2026-03-02T12:00:00Z - type=incident");
    const slate_sla_result *r = result("2026-03-02T12:00:00Z", "response");
    expect_time(r->start, "2026-03-02T09:00:00Z", "start");
    ck_assert_int_eq(r->elapsed, 3 * 3600);
    ck_assert_int_eq(r->breached, 1);
    expect_time(r->breach_time, "2026-03-02T11:00:00Z", "breach");
    ck_assert_uint_eq(r->step_count, 2);
    expect_time(r->steps[0].at, "2026-03-02T09:00:00Z", "step");
    ck_assert_uint_eq(r->steps[0].event, 1);
    ck_assert_str_eq(r->steps[1].why, "breach");
    expect_time(r->steps[1].at, "2026-03-02T11:00:00Z", "breach step");
    /* A timestamp after the event starts the clock at the event. */
    slate_clock_reset(clock_);
    apply("2026-03-02T10:00:00Z created type=incident opened_at=2026-03-02T11:00:00Z");
    expect_time(result("2026-03-02T10:00:00Z", "response")->start, "2026-03-02T10:00:00Z", "start");
    slate_error err;
    slate_clock_reset(clock_);
    ck_assert_int_eq(apply_spec(clock_, "2026-03-02T10:00:00Z created opened_at=monday", &err),
                     SLATE_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "opened_at"));
}
END_TEST

START_TEST(resume_condition) {
    load(OFFICE_SLA("{'id': 'inc', 'calendar': 'office', 'targets': [{'name': 'fix',"
                    " 'durations': {'*': 'PT8H'},"
                    " 'pause_when': {'field': 'status', 'equals': 'pending_customer'},"
                    " 'resume_when': {'field': 'event', 'equals': 'requester_comment'}}]}"));
    /* Paused at 11:00; the agent reopening at 12:00 does not resume it;
     * the requester's comment at 13:00 does: 1 + 2 h used at 15:00. */
    apply("2026-03-02T10:00:00Z created status=open");
    apply("2026-03-02T11:00:00Z - status=pending_customer");
    apply("2026-03-02T12:00:00Z - status=open");
    ck_assert_int_eq(result("2026-03-02T12:00:00Z", "fix")->state, SLATE_SLA_PAUSED);
    apply("2026-03-02T13:00:00Z requester_comment");
    const slate_sla_result *r = result("2026-03-02T15:00:00Z", "fix");
    ck_assert_int_eq(r->state, SLATE_SLA_RUNNING);
    ck_assert_int_eq(r->elapsed, 3 * 3600);
    ck_assert_int_eq(r->paused, 2 * 3600);
    ck_assert_uint_eq(r->step_count, 3);
    ck_assert_str_eq(r->steps[2].why, "resume");
    ck_assert_str_eq(r->steps[2].condition, "/slas/0/targets/0/resume_when");
}
END_TEST

START_TEST(cancel_when_not_applicable) {
    load(OFFICE_SLA("{'id': 'inc', 'calendar': 'office', 'on_not_applicable': 'cancel',"
                    " 'applies_when': {'field': 'type', 'not_equals': 'request'},"
                    " 'targets': [{'name': 'fix', 'durations': {'*': 'PT8H'}}]},"
                    "{'id': 'kept', 'calendar': 'office',"
                    " 'applies_when': {'field': 'type', 'not_equals': 'request'},"
                    " 'targets': [{'name': 'fix2', 'durations': {'*': 'PT8H'}}]}"));
    apply("2026-03-02T10:00:00Z created type=incident");
    apply("2026-03-02T11:00:00Z - type=request");
    const slate_sla_result *r = result("2026-03-02T12:00:00Z", "fix");
    ck_assert_int_eq(r->state, SLATE_SLA_CANCELLED);
    ck_assert_str_eq(r->steps[1].why, "cancel");
    ck_assert_str_eq(r->steps[1].condition, "/slas/0/applies_when");
    ck_assert_int_eq(result("2026-03-02T12:00:00Z", "fix2")->state, SLATE_SLA_RUNNING);
}
END_TEST

static Suite *follow_suite(void) {
    Suite *s = suite_create("follow");
    TCase *deadlines = tcase_create("deadlines");
    tcase_add_checked_fixture(deadlines, NULL, teardown);
    tcase_add_test(deadlines, by_time_after_closing);
    tcase_add_test(deadlines, by_time_exactly);
    tcase_add_test(deadlines, by_time_across_dst);
    tcase_add_test(deadlines, by_time_moved_by_paused_business_time);
    tcase_add_test(deadlines, night_shift_end_of_day);
    tcase_add_test(deadlines, night_shift_weekend);
    tcase_add_test(deadlines, composed_zone);
    tcase_add_test(deadlines, composed_without_zone_warns);
    suite_add_tcase(s, deadlines);
    TCase *ticket = tcase_create("ticket");
    tcase_add_checked_fixture(ticket, NULL, teardown);
    tcase_add_test(ticket, zone_from_ticket);
    tcase_add_test(ticket, zone_changes_mid_cycle);
    tcase_add_test(ticket, calendar_zone_from_ticket);
    tcase_add_test(ticket, unknown_zone_in_ticket);
    tcase_add_test(ticket, follow_the_sun);
    tcase_add_test(ticket, calendar_per_priority);
    tcase_add_test(ticket, goal_from_field);
    tcase_add_test(ticket, retroactive_start);
    tcase_add_test(ticket, resume_condition);
    tcase_add_test(ticket, cancel_when_not_applicable);
    suite_add_tcase(s, ticket);
    return s;
}

int main(void) { return run_suite(follow_suite()); }
