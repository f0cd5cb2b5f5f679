/* Holidays from iCalendar sources (lib/load/ics.c): hand-written .ics files
 * with folded lines, CRLF, a byte order mark, yearly rules by month and
 * weekday (-1MO, 4TH), EXDATE, a multi-day event, RDATE, CATEGORIES and
 * TRANSP filters, timed closures in a TZID across both DST changes, in UTC
 * and floating, sources from a file beside the policy and from memory, and
 * malformed files (each an error with the source, line and property). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

static slate_tzdb *db;
static slate_policy *policy;

/* The one source the in-memory reader gives. */
static const char *source_text;

static slate_status give_source(void *ctx, const char *name, const char **text, size_t *len) {
    (void)ctx;
    if (strcmp(name, "feed.ics") != 0) return SLATE_ENOENT;
    *text = source_text;
    *len = strlen(source_text);
    return SLATE_OK;
}

static void setup(void) { ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, NULL), SLATE_OK); }

static void teardown(void) {
    slate_policy_free(policy);
    policy = NULL;
    slate_tzdb_free(db);
}

#define ICS_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//slate tests//EN\r\n"
#define ICS_TAIL "END:VCALENDAR\r\n"

/* A Pune calendar open every day 09:00-18:00 whose closed days come from
 * `ics` (and the item's extra keys); its status, and err filled. */
static slate_status load_with(const char *ics, const char *extra, slate_error *err) {
    char json[1024];
    snprintf(json, sizeof json,
             "{\"calendars\": {\"pune\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {"
             "\"mon\": [\"09:00-18:00\"], \"tue\": [\"09:00-18:00\"], \"wed\": [\"09:00-18:00\"], "
             "\"thu\": [\"09:00-18:00\"], \"fri\": [\"09:00-18:00\"], \"sat\": [\"09:00-18:00\"], "
             "\"sun\": [\"09:00-18:00\"]}, \"closed\": [{\"ics\": \"feed.ics\"%s}]}}}",
             extra);
    source_text = ics;
    slate_policy_sources sources = {NULL, give_source, NULL};
    slate_policy_free(policy);
    policy = NULL;
    return slate_policy_from_json_sources(db, json, strlen(json), &sources, &policy, err);
}

static const slate_calendar *pune(const char *ics, const char *extra) {
    slate_error err;
    ck_assert_msg(load_with(ics, extra, &err) == SLATE_OK, "%s", err.message);
    return slate_policy_calendar(policy, "pune");
}

/* Whether the calendar is open at noon (IST) on the date. */
static int open_on(const slate_calendar *c, int32_t y, int m, int d) {
    return slate_calendar_is_open(c, slate_days_from_civil(y, m, d) * 86400 + 6 * 3600 + 1800);
}

START_TEST(all_day_events_and_yearly_rules) {
    /* Republic Day every year from 2020; Labour Day 2026 only, with a long
     * description folded over two lines; the last Monday of May (-1MO) and
     * the 4th Thursday of November (4TH), from a file that starts with a BOM. */
    const slate_calendar *c = pune(
        "\xef\xbb\xbf" ICS_HEAD "BEGIN:VEVENT\r\nUID:republic\r\nDTSTART;VALUE=DATE:20200126\r\n"
        "RRULE:FREQ=YEARLY\r\nSUMMARY:Republic Day\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:labour\r\nDTSTART;VALUE=DATE:20260501\r\nSUMMARY:Maharashtra Day and "
        "\r\n"
        " Labour Day\r\nDESCRIPTION:a long\r\n  folded line\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:last-monday\r\nDTSTART;VALUE=DATE:20260525\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO\r\nSUMMARY:Last Monday of May\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:fourth-thursday\r\nDTSTART;VALUE=DATE:20261126\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r\nSUMMARY:Fourth "
        "Thursday\r\nEND:VEVENT\r\n" ICS_TAIL,
        "");
    ck_assert(!open_on(c, 2020, 1, 26));
    ck_assert(!open_on(c, 2026, 1, 26));
    ck_assert(!open_on(c, 2399, 1, 26)); /* followed to 2400 */
    ck_assert(open_on(c, 2019, 1, 26));  /* before DTSTART */
    ck_assert(open_on(c, 2026, 1, 27));
    ck_assert(!open_on(c, 2026, 5, 1));
    ck_assert(open_on(c, 2027, 5, 1)); /* no rule: that year only */
    ck_assert(!open_on(c, 2026, 5, 25));
    ck_assert(!open_on(c, 2027, 5, 31)); /* the last Monday of May 2027 */
    ck_assert(open_on(c, 2027, 5, 24));
    ck_assert(!open_on(c, 2026, 11, 26));
    ck_assert(!open_on(c, 2027, 11, 25)); /* the 4th Thursday of November 2027 */
    ck_assert(open_on(c, 2027, 11, 26));
}
END_TEST

START_TEST(exdate_count_until_and_rdate) {
    /* Yearly on 15 August with 2027 excluded; a rule of 3 occurrences; one
     * until 2028; an extra date by RDATE. LF line ends this time. */
    const slate_calendar *c =
        pune("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
             "BEGIN:VEVENT\nUID:i\nDTSTART;VALUE=DATE:20260815\nRRULE:FREQ=YEARLY\n"
             "EXDATE;VALUE=DATE:20270815\nSUMMARY:Independence Day\nEND:VEVENT\n"
             "BEGIN:VEVENT\nUID:c\nDTSTART;VALUE=DATE:20261002\nRRULE:FREQ=YEARLY;COUNT=3\n"
             "RDATE;VALUE=DATE:20261003\nSUMMARY:Gandhi Jayanti\nEND:VEVENT\n"
             "BEGIN:VEVENT\nUID:u\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;UNTIL=20281231\n"
             "SUMMARY:Christmas\nEND:VEVENT\nEND:VCALENDAR\n",
             "");
    ck_assert(!open_on(c, 2026, 8, 15));
    ck_assert(open_on(c, 2027, 8, 15)); /* EXDATE */
    ck_assert(!open_on(c, 2028, 8, 15));
    ck_assert(!open_on(c, 2026, 10, 2));
    ck_assert(!open_on(c, 2026, 10, 3)); /* RDATE */
    ck_assert(!open_on(c, 2028, 10, 2));
    ck_assert(open_on(c, 2029, 10, 2)); /* COUNT=3 */
    ck_assert(!open_on(c, 2028, 12, 25));
    ck_assert(open_on(c, 2029, 12, 25)); /* UNTIL */
}
END_TEST

START_TEST(multi_day_events) {
    /* Diwali closed three days by DTEND, a company retreat two by DURATION. */
    const slate_calendar *c =
        pune(ICS_HEAD "BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261108\r\n"
                      "DTEND;VALUE=DATE:20261111\r\nSUMMARY:Diwali\r\nEND:VEVENT\r\n"
                      "BEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20261201\r\n"
                      "DURATION:P2D\r\nSUMMARY:Retreat\r\nEND:VEVENT\r\n" ICS_TAIL,
             "");
    ck_assert(open_on(c, 2026, 11, 7));
    ck_assert(!open_on(c, 2026, 11, 8) && !open_on(c, 2026, 11, 9) && !open_on(c, 2026, 11, 10));
    ck_assert(open_on(c, 2026, 11, 11));
    ck_assert(!open_on(c, 2026, 12, 1) && !open_on(c, 2026, 12, 2));
    ck_assert(open_on(c, 2026, 12, 3));
    /* A week holds 7 x 9 h less the 3 Diwali days. */
    slate_duration d;
    ck_assert_int_eq(slate_calendar_between(c, T("2026-11-08T00:00:00+05:30"),
                                            T("2026-11-15T00:00:00+05:30"), &d),
                     SLATE_OK);
    ck_assert_int_eq(d, 4 * 9 * 3600);
}
END_TEST

#define FILTERED                                                                                   \
    ICS_HEAD                                                                                       \
    "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260126\r\nCATEGORIES:Public,National\r\n"       \
    "SUMMARY:Republic Day\r\nEND:VEVENT\r\n"                                                       \
    "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20260214\r\nCATEGORIES:Observance\r\n"            \
    "SUMMARY:Valentine's Day\r\nEND:VEVENT\r\n"                                                    \
    "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20260308\r\nTRANSP:TRANSPARENT\r\n"               \
    "SUMMARY:Women's Day (not a day off)\r\nEND:VEVENT\r\n" ICS_TAIL

START_TEST(categories_and_transparency) {
    const slate_calendar *c = pune(FILTERED, "");
    ck_assert(!open_on(c, 2026, 1, 26) && !open_on(c, 2026, 2, 14));
    ck_assert(open_on(c, 2026, 3, 8)); /* transparent: free time, not a closure */
    c = pune(FILTERED, ", \"categories\": [\"public\"]");
    ck_assert(!open_on(c, 2026, 1, 26));
    ck_assert(open_on(c, 2026, 2, 14)); /* another category */
    c = pune(FILTERED, ", \"transparent\": true");
    ck_assert(!open_on(c, 2026, 3, 8));
}
END_TEST

START_TEST(source_beside_the_policy_file) {
    char dir[] = "/tmp/slate-ics-XXXXXX", path[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/feed.ics", dir);
    FILE *f = fopen(path, "w");
    fputs(ICS_HEAD
          "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20260126\r\nEND:VEVENT\r\n" ICS_TAIL,
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/policy.json", dir);
    f = fopen(path, "w");
    fputs(
        "{\"calendars\": {\"c\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"09:00-17:00\"]}, "
        "\"closed\": [{\"ics\": \"feed.ics\"}]}}}",
        f);
    fclose(f);
    slate_error err;
    ck_assert_msg(slate_policy_from_file(db, path, &policy, &err) == SLATE_OK, "%s", err.message);
    ck_assert(
        !slate_calendar_is_open(slate_policy_calendar(policy, "c"), T("2026-01-26T10:00:00Z")));
    ck_assert(
        slate_calendar_is_open(slate_policy_calendar(policy, "c"), T("2026-02-02T10:00:00Z")));
    snprintf(path, sizeof path, "%s/feed.ics", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/policy.json", dir);
    slate_policy_free(policy);
    policy = NULL;
    ck_assert_int_eq(slate_policy_from_file(db, path, &policy, &err), SLATE_ENOENT);
    ck_assert_str_eq(err.pointer, "/calendars/c/closed/0/ics");
    ck_assert_msg(strstr(err.message, "cannot read the iCalendar source") != NULL &&
                      strstr(err.message, "feed.ics: no such file") != NULL,
                  "%s", err.message);
    unlink(path);
    rmdir(dir);
    /* Text without sources may not name a file. */
    const char *json =
        "{\"calendars\": {\"c\": {\"timezone\": \"UTC\", \"closed\": [{\"ics\": \"feed.ics\"}]}}}";
    ck_assert_int_eq(slate_policy_from_json(db, json, strlen(json), &policy, &err), SLATE_EINVAL);
    ck_assert_str_eq(err.pointer, "/calendars/c/closed/0/ics");
}
END_TEST

/* Each malformed source fails with the policy's pointer and a message that
 * names the source, the line and the property. */
START_TEST(malformed_sources) {
    static const struct {
        const char *ics, *message;
        slate_status code;
    } cases[] = {
        {"not a calendar\r\n",
         "feed.ics line 1: not a whole iCalendar file (BEGIN:VCALENDAR ... END:VCALENDAR)",
         SLATE_EPARSE},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:x\r\n", "feed.ics line 1: not a whole iCalendar file",
         SLATE_EPARSE},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:2026XX26\r\nEND:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 6, DTSTART: Can't parse as DATE value in DTSTART property", SLATE_EPARSE},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20260126\r\nRRULE:FREQ="
                  "SOMETIMES\r\nEND:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 7, RRULE: Can't parse as RECUR value in RRULE property", SLATE_EPARSE},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:t\r\nDTSTART;TZID=India Standard Time:20260126T140000\r\n"
                  "DURATION:PT2H\r\nEND:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 6, DTSTART: invalid time zone name \"India Standard Time\": use an IANA "
         "name",
         SLATE_EINVAL},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:t\r\nDTSTART;TZID=asia/kolkata:20260126T140000\r\n"
                  "DURATION:PT2H\r\nEND:VEVENT\r\n" ICS_TAIL,
         "did you mean Asia/Kolkata?", SLATE_ENOENT},
        {ICS_HEAD
         "BEGIN:VEVENT\r\nUID:t\r\nDTSTART:20260126T140000Z\r\nDTEND;VALUE=DATE:20260127\r\n"
         "END:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 7, DTEND: a timed event ends at a time", SLATE_EPARSE},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:n\r\nSUMMARY:no start\r\nEND:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 4, VEVENT: an event needs DTSTART", SLATE_EPARSE},
        {ICS_HEAD
         "BEGIN:VEVENT\r\nUID:e\r\nDTSTART;VALUE=DATE:20260126\r\nDTEND;VALUE=DATE:20260120\r\n"
         "END:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 7, DTEND: an event lasts 1 to 366 days", SLATE_EPARSE},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;VALUE=DATE:20260126\r\nRRULE:FREQ=DAILY\r\nEND:"
                  "VEVENT\r\n" ICS_TAIL,
         "feed.ics line 7, RRULE: more than 20000 dates to year 2400", SLATE_ELIMIT},
        {ICS_HEAD "BEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20260126\r\n"
                  "RDATE;VALUE=PERIOD:20260201T000000Z/PT1H\r\nEND:VEVENT\r\n" ICS_TAIL,
         "feed.ics line 7, RDATE: only dates (VALUE=DATE) are read", SLATE_EPARSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        slate_error err;
        slate_status st = load_with(cases[i].ics, "", &err);
        ck_assert_msg(st == cases[i].code, "case %zu: %s", i, err.message);
        ck_assert_str_eq(err.pointer, "/calendars/pune/closed/0/ics");
        ck_assert_msg(strstr(err.message, cases[i].message) != NULL, "case %zu: %s\nwant %s", i,
                      err.message, cases[i].message);
        ck_assert_ptr_null(policy);
    }
}
END_TEST

/* The example feed closes the Pune centre on the days india-support.json
 * lists inline: the same business time in every month of 2026. */
START_TEST(example_feed_matches_the_inline_holidays) {
    const char *root = getenv("SLATE_SOURCE_DIR") ? getenv("SLATE_SOURCE_DIR") : ".";
    char path[1024];
    slate_policy *inline_policy;
    slate_error err;
    snprintf(path, sizeof path, "%s/examples/policies/india-support.json", root);
    ck_assert_msg(slate_policy_from_file(db, path, &inline_policy, &err) == SLATE_OK, "%s",
                  err.message);
    snprintf(path, sizeof path, "%s/examples/policies/india-support-ics.json", root);
    ck_assert_msg(slate_policy_from_file(db, path, &policy, &err) == SLATE_OK, "%s", err.message);
    const slate_calendar *a = slate_policy_calendar(inline_policy, "pune-support"),
                         *b = slate_policy_calendar(policy, "pune-support");
    for (int m = 1; m <= 12; m++) {
        slate_time from = slate_days_from_civil(2026, m, 1) * 86400 - 19800,
                   to = slate_days_from_civil(2026 + m / 12, m % 12 + 1, 1) * 86400 - 19800;
        slate_duration x, y;
        ck_assert_int_eq(slate_calendar_between(a, from, to, &x), SLATE_OK);
        ck_assert_int_eq(slate_calendar_between(b, from, to, &y), SLATE_OK);
        ck_assert_msg(x == y, "month %d: inline %lld, feed %lld", m, (long long)x, (long long)y);
    }
    ck_assert(!slate_calendar_is_open(b, T("2026-03-04T05:00:00Z"))); /* Holi */
    ck_assert(
        slate_calendar_is_open(b, T("2027-03-08T05:00:00Z"))); /* Women's Day: an observance */
    ck_assert(
        !slate_calendar_is_open(b, T("2030-01-26T05:00:00Z"))); /* Republic Day 2030, a Saturday */
    ck_assert(slate_calendar_is_open(b, T("2030-01-28T05:00:00Z"))); /* the Monday after */
    slate_policy_free(inline_policy);
}
END_TEST

/* Seconds open on the Krakow calendar below from a to b. */
static slate_duration open_between(const char *a, const char *b) {
    slate_duration d;
    ck_assert_int_eq(slate_calendar_between(slate_policy_calendar(policy, "krk"), T(a), T(b), &d),
                     SLATE_OK);
    return d;
}

/* Timed events close part of a day, exactly: a weekly Friday closure
 * 14:00-16:00 in Warsaw's TZID stays 14:00-16:00 local on both sides of
 * the spring change (2026-03-29) and of the autumn one (2026-10-25); one
 * in UTC (Z); one floating (read in the calendar's zone) by DURATION; an
 * occurrence removed by EXDATE; one across midnight. */
START_TEST(timed_closures_across_dst) {
    source_text = ICS_HEAD
        "BEGIN:VEVENT\r\nUID:fri\r\nDTSTART;TZID=Europe/Warsaw:20260320T140000\r\n"
        "DTEND;TZID=Europe/Warsaw:20260320T160000\r\nRRULE:FREQ=WEEKLY;BYDAY=FR\r\n"
        "EXDATE;TZID=Europe/Warsaw:20260410T140000\r\nSUMMARY:Friday maintenance\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:z\r\nDTSTART:20260601T080000Z\r\nDTEND:20260601T083000Z\r\nSUMMARY:"
        "UTC\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20260602T120000\r\nDURATION:PT1H30M\r\nSUMMARY:"
        "floating\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:n\r\nDTSTART;TZID=Europe/Warsaw:20260603T230000\r\n"
        "DTEND;TZID=Europe/Warsaw:20260604T100000\r\nSUMMARY:overnight\r\nEND:VEVENT\r\n" ICS_TAIL;
    const char *json =
        "{\"calendars\": {\"krk\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {"
        "\"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], "
        "\"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"]}, "
        "\"closed\": [{\"ics\": \"feed.ics\"}]}}}";
    slate_policy_sources sources = {NULL, give_source, NULL};
    slate_error err;
    ck_assert_msg(slate_policy_from_json_sources(db, json, strlen(json), &sources, &policy, &err) ==
                      SLATE_OK,
                  "%s", err.message);
    /* Friday 20 March (CET, UTC+1): 09:00-17:00 less 14:00-16:00 is 6 h; so
     * on 27 March, and on 3 April (CEST, UTC+2) the closure is still 14:00
     * local, 12:00Z. 10 April is excluded; 30 October (after the autumn
     * change) is closed 14:00-16:00 CET again. */
    ck_assert_int_eq(open_between("2026-03-20T00:00:00Z", "2026-03-21T00:00:00Z"), 6 * 3600);
    ck_assert_int_eq(open_between("2026-03-27T13:00:00Z", "2026-03-27T15:00:00Z"), 0);
    ck_assert_int_eq(open_between("2026-04-03T12:00:00Z", "2026-04-03T14:00:00Z"), 0);
    ck_assert_int_eq(open_between("2026-04-03T11:00:00Z", "2026-04-03T12:00:00Z"), 3600);
    ck_assert_int_eq(open_between("2026-04-10T00:00:00Z", "2026-04-11T00:00:00Z"), 8 * 3600);
    ck_assert_int_eq(open_between("2026-10-23T12:00:00Z", "2026-10-23T14:00:00Z"), 0); /* CEST */
    ck_assert_int_eq(open_between("2026-10-30T13:00:00Z", "2026-10-30T15:00:00Z"), 0); /* CET */
    ck_assert_int_eq(open_between("2026-10-30T12:00:00Z", "2026-10-30T13:00:00Z"), 3600);
    /* Monday 1 June: 08:00-08:30Z (10:00-10:30 CEST) closed. */
    ck_assert_int_eq(open_between("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"), 8 * 3600 - 1800);
    /* Tuesday 2 June: floating 12:00 read in Warsaw, 1 h 30 min. */
    ck_assert_int_eq(open_between("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"), 8 * 3600 - 5400);
    ck_assert_int_eq(open_between("2026-06-02T10:00:00Z", "2026-06-02T11:30:00Z"), 0);
    /* Wednesday 23:00 to Thursday 10:00: Thursday opens at 10:00. */
    ck_assert_int_eq(open_between("2026-06-04T00:00:00Z", "2026-06-05T00:00:00Z"), 7 * 3600);
    slate_time next;
    ck_assert_int_eq(slate_calendar_next_open(slate_policy_calendar(policy, "krk"),
                                              T("2026-06-04T06:00:00Z"), &next),
                     SLATE_OK);
    ck_assert_int_eq(next, T("2026-06-04T08:00:00Z"));
    /* Business days still follow Warsaw's dates. */
    int32_t days;
    ck_assert_int_eq(slate_calendar_business_days(slate_policy_calendar(policy, "krk"),
                                                  T("2026-06-01T10:00:00Z"),
                                                  T("2026-06-08T10:00:00Z"), &days),
                     SLATE_OK);
    ck_assert_int_eq(days, 5);
}
END_TEST

/* The listing of a calendar's closures: its own rules (with their names
 * and pointers, observed shifts applied) and its feed's events (SUMMARY,
 * "FILE UID"), whole days and stretches, in time order, overlapping the
 * range. */
START_TEST(closures_listed_by_name) {
    source_text = ICS_HEAD "BEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20260126\r\nSUMMARY:"
                           "Republic Day\r\nEND:VEVENT\r\n"
                           "BEGIN:VEVENT\r\nUID:m\r\nDTSTART;TZID=Asia/Kolkata:20260127T100000\r\n"
                           "DTEND;TZID=Asia/Kolkata:20260127T120000\r\nEND:VEVENT\r\n" ICS_TAIL;
    const char *json =
        "{\"calendars\": {\"pune\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {\"mon\": "
        "[\"09:00-18:00\"]}, "
        "\"closed\": [{\"yearly\": \"01-25\", \"observed\": true, \"name\": \"Founders' Day\"}, "
        "{\"ics\": \"feed.ics\"}, \"2026-01-26\"]}}}";
    slate_policy_sources sources = {NULL, give_source, NULL};
    slate_error err;
    ck_assert_msg(slate_policy_from_json_sources(db, json, strlen(json), &sources, &policy, &err) ==
                      SLATE_OK,
                  "%s", err.message);
    slate_closure_iter it;
    slate_closure h;
    ck_assert_int_eq(slate_calendar_closures(slate_policy_calendar(policy, "pune"),
                                             T("2026-01-20T00:00:00+05:30"),
                                             T("2026-02-01T00:00:00+05:30"), &it),
                     SLATE_OK);
    /* 25 January 2026 is a Sunday: observed on Monday the 26th, as the feed's
     * Republic Day and the plain date are; then the stretch on the 27th. */
    static const struct {
        const char *start, *end, *name, *source;
        int whole_day;
    } want[] = {
        {"2026-01-26T00:00:00+05:30", "2026-01-27T00:00:00+05:30", "Founders' Day",
         "/calendars/pune/closed/0", 1},
        {"2026-01-26T00:00:00+05:30", "2026-01-27T00:00:00+05:30", "Republic Day", "feed.ics r", 1},
        {"2026-01-26T00:00:00+05:30", "2026-01-27T00:00:00+05:30", NULL, "/calendars/pune/closed/2",
         1},
        {"2026-01-27T10:00:00+05:30", "2026-01-27T12:00:00+05:30", NULL, "feed.ics m", 0},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        ck_assert_msg(slate_calendar_closures_next(&it, &h), "closure %zu missing", i);
        ck_assert_int_eq(h.start, T(want[i].start));
        ck_assert_int_eq(h.end, T(want[i].end));
        ck_assert_int_eq(h.whole_day, want[i].whole_day);
        ck_assert_str_eq(h.source, want[i].source);
        if (want[i].name == NULL)
            ck_assert_ptr_null(h.name);
        else
            ck_assert_str_eq(h.name, want[i].name);
        ck_assert_int_eq(h.day, i < 3 ? 26 : 27);
    }
    ck_assert(!slate_calendar_closures_next(&it, &h));
    /* A range that only overlaps the stretch's end still lists it. */
    ck_assert_int_eq(slate_calendar_closures(slate_policy_calendar(policy, "pune"),
                                             T("2026-01-27T11:00:00+05:30"),
                                             T("2026-01-27T11:00:01+05:30"), &it),
                     SLATE_OK);
    ck_assert(slate_calendar_closures_next(&it, &h));
    ck_assert_str_eq(h.source, "feed.ics m");
    ck_assert(!slate_calendar_closures_next(&it, &h));
    ck_assert_int_eq(
        slate_calendar_closures(slate_policy_calendar(policy, "pune"), 0, SLATE_TIME_MAX + 1, &it),
        SLATE_ERANGE);
}
END_TEST

/* RFC 5545: each occurrence lasts the first's exact duration. A weekly
 * closure Saturday 20:00 to Sunday 08:00 in Warsaw (12 hours) that spans the
 * spring change ends at 09:00 by the clock; the one after, at 08:00 again. */
START_TEST(occurrences_keep_the_exact_duration) {
    source_text =
        ICS_HEAD "BEGIN:VEVENT\r\nUID:night\r\nDTSTART;TZID=Europe/Warsaw:20260321T200000\r\n"
                 "DTEND;TZID=Europe/"
                 "Warsaw:20260322T080000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n" ICS_TAIL;
    const char *json = "{\"calendars\": {\"krk\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {"
                       "\"sun\": [\"06:00-17:00\"]}, \"closed\": [{\"ics\": \"feed.ics\"}]}}}";
    slate_policy_sources sources = {NULL, give_source, NULL};
    slate_error err;
    ck_assert_msg(slate_policy_from_json_sources(db, json, strlen(json), &sources, &policy, &err) ==
                      SLATE_OK,
                  "%s", err.message);
    const slate_calendar *c = slate_policy_calendar(policy, "krk");
    slate_time t;
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-03-22T00:00:00+01:00"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-22T08:00:00+01:00"));
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-03-29T00:00:00+01:00"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-29T09:00:00+02:00")); /* 20:00 CET + 12 h */
    ck_assert_int_eq(slate_calendar_next_open(c, T("2026-04-05T00:00:00+02:00"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-04-05T08:00:00+02:00"));
}
END_TEST

/* A feed "as": "hours": its timed events are the hours of their local
 * dates (replacing the weekly hours there), cut at midnight; all-day events,
 * overlapping events and a date with hours written in the policy too are
 * errors. */
START_TEST(feed_as_dated_hours) {
    source_text = ICS_HEAD
        "BEGIN:VEVENT\r\nUID:eve\r\nDTSTART;TZID=Asia/Kolkata:20261224T100000\r\n"
        "DTEND;TZID=Asia/Kolkata:20261224T140000\r\nSUMMARY:Christmas Eve\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:night\r\nDTSTART:20261226T143000Z\r\nDTEND:20261226T203000Z\r\n"
        "SUMMARY:Year-end night\r\nEND:VEVENT\r\n" ICS_TAIL;
    const slate_calendar *c = pune(source_text, ", \"as\": \"hours\"");
    slate_duration d;
    ck_assert_int_eq(slate_calendar_between(c, T("2026-12-24T00:00:00+05:30"),
                                            T("2026-12-25T00:00:00+05:30"), &d),
                     SLATE_OK);
    ck_assert_int_eq(d, 4 * 3600); /* 10:00-14:00 instead of 09:00-18:00 */
    ck_assert_int_eq(slate_calendar_between(c, T("2026-12-26T00:00:00+05:30"),
                                            T("2026-12-27T00:00:00+05:30"), &d),
                     SLATE_OK);
    ck_assert_int_eq(d, 4 * 3600); /* 20:00-24:00 IST */
    ck_assert_int_eq(slate_calendar_between(c, T("2026-12-27T00:00:00+05:30"),
                                            T("2026-12-28T00:00:00+05:30"), &d),
                     SLATE_OK);
    ck_assert_int_eq(d, 2 * 3600); /* 00:00-02:00, the Sunday's own hours now */
    ck_assert_int_eq(slate_calendar_between(c, T("2026-12-23T00:00:00+05:30"),
                                            T("2026-12-24T00:00:00+05:30"), &d),
                     SLATE_OK);
    ck_assert_int_eq(d, 9 * 3600); /* a date the feed does not name keeps its weekly hours */
    slate_error err;
    ck_assert_int_eq(
        load_with(ICS_HEAD
                  "BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261224\r\nEND:VEVENT\r\n" ICS_TAIL,
                  ", \"as\": \"hours\"", &err),
        SLATE_EPARSE);
    ck_assert_msg(strstr(err.message, "line 6, DTSTART: an all-day event gives no hours") != NULL,
                  "%s", err.message);
    ck_assert_int_eq(load_with(ICS_HEAD
                               "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261224T040000Z\r\nDTEND:"
                               "20261224T080000Z\r\nEND:VEVENT\r\n"
                               "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261224T070000Z\r\nDTEND:"
                               "20261224T090000Z\r\nEND:VEVENT\r\n" ICS_TAIL,
                               ", \"as\": \"hours\"", &err),
                     SLATE_EPARSE);
    ck_assert_msg(strstr(err.message, "feed.ics: two events give 2026-12-24 overlapping hours") !=
                      NULL,
                  "%s", err.message);
    ck_assert_int_eq(load_with(source_text, ", \"as\": \"open\"", &err), SLATE_EPARSE);
    ck_assert_str_eq(err.pointer, "/calendars/pune/closed/0/as");
}
END_TEST

int main(void) {
    Suite *s = suite_create("ics");
    TCase *tc = tcase_create("holidays");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, all_day_events_and_yearly_rules);
    tcase_add_test(tc, exdate_count_until_and_rdate);
    tcase_add_test(tc, multi_day_events);
    tcase_add_test(tc, categories_and_transparency);
    tcase_add_test(tc, source_beside_the_policy_file);
    tcase_add_test(tc, malformed_sources);
    tcase_add_test(tc, example_feed_matches_the_inline_holidays);
    tcase_add_test(tc, timed_closures_across_dst);
    tcase_add_test(tc, closures_listed_by_name);
    tcase_add_test(tc, occurrences_keep_the_exact_duration);
    tcase_add_test(tc, feed_as_dated_hours);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
