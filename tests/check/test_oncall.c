/* On-call schedules (lib/oncall, lib/load/oncall.c), hand-computed: weekly
 * rotations across both DST changes in Europe/Warsaw and America/Chicago,
 * a daily rotation restricted to weekday hours, two layers with a gap, an
 * override inside a restricted window, the handoff instant (the incoming
 * member), next handoff, and load errors. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static slate_tzdb *db;
static slate_policy *policy;

static void setup(void) { ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, NULL), SLATE_OK); }

static void teardown(void) {
    slate_policy_free(policy);
    policy = NULL;
    slate_tzdb_free(db);
}

static const slate_schedule *load(const char *json, const char *name) {
    slate_error err;
    slate_policy_free(policy);
    policy = NULL;
    ck_assert_msg(slate_policy_from_json(db, json, strlen(json), &policy, &err) == SLATE_OK, "%s",
                  err.message);
    const slate_schedule *s = slate_policy_schedule(policy, name);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Who is on call at t (RFC 3339), "-" for nobody. */
static const char *who(const slate_schedule *s, const char *t) {
    slate_oncall o;
    ck_assert_int_eq(slate_schedule_who(s, T(t), &o), SLATE_OK);
    return o.member != NULL ? o.member : "-";
}

static slate_time next_handoff(const slate_schedule *s, const char *t) {
    slate_time u;
    ck_assert_int_eq(slate_schedule_next_handoff(s, T(t), &u), SLATE_OK);
    return u;
}

#define WEEKLY(zone, start)                                                                        \
    "{\"oncall\": {\"s\": {\"timezone\": \"" zone "\", \"layers\": [{\"name\": \"primary\", "      \
    "\"members\": [\"anna\", \"piotr\", \"kasia\"], \"rotation\": \"P1W\", \"handoff\": "          \
    "\"09:00\", "                                                                                  \
    "\"start\": \"" start "\"}]}}}"

START_TEST(weekly_rotation_across_warsaw_dst) {
    /* Mondays at 09:00 Warsaw time from 2026-03-16; spring forward on
     * Sunday 2026-03-29, fall back on Sunday 2026-10-25. */
    const slate_schedule *s = load(WEEKLY("Europe/Warsaw", "2026-03-16"), "s");
    ck_assert_str_eq(who(s, "2026-03-16T07:59:59Z"),
                     "-"); /* before the first handoff (08:00Z = 09:00 CET) */
    ck_assert_str_eq(who(s, "2026-03-16T08:00:00Z"), "anna");
    ck_assert_str_eq(who(s, "2026-03-23T07:59:59Z"), "anna");
    ck_assert_str_eq(who(s, "2026-03-23T08:00:00Z"),
                     "piotr"); /* the handoff instant: the incoming member */
    /* Piotr's week spans the spring change: it ends Monday 30 March at
     * 09:00 CEST (07:00Z), 167 hours after it began. */
    ck_assert_int_eq(next_handoff(s, "2026-03-23T08:00:00Z"), T("2026-03-30T07:00:00Z"));
    ck_assert_int_eq(T("2026-03-30T07:00:00Z") - T("2026-03-23T08:00:00Z"), 167 * 3600);
    ck_assert_str_eq(who(s, "2026-03-30T06:59:59Z"), "piotr");
    ck_assert_str_eq(who(s, "2026-03-30T07:00:00Z"), "kasia");
    /* 19 October 09:00 CEST to 26 October 09:00 CET: 169 hours. 31 weeks
     * after the start: 31 mod 3 = 1, piotr. */
    ck_assert_str_eq(who(s, "2026-10-19T07:00:00Z"), "piotr");
    ck_assert_int_eq(next_handoff(s, "2026-10-19T07:00:00Z"), T("2026-10-26T08:00:00Z"));
    ck_assert_str_eq(who(s, "2026-10-26T07:59:59Z"), "piotr");
    ck_assert_str_eq(who(s, "2026-10-26T08:00:00Z"), "kasia");
}
END_TEST

START_TEST(weekly_rotation_across_chicago_dst) {
    /* Handoffs Monday 09:00 Chicago time; changes on 2026-03-08 and 2026-11-01. */
    const slate_schedule *s = load(WEEKLY("America/Chicago", "2026-03-02"), "s");
    ck_assert_str_eq(who(s, "2026-03-02T15:00:00Z"), "anna"); /* 09:00 CST */
    ck_assert_int_eq(next_handoff(s, "2026-03-02T15:00:00Z"),
                     T("2026-03-09T14:00:00Z")); /* 09:00 CDT */
    ck_assert_str_eq(who(s, "2026-03-09T14:00:00Z"), "piotr");
    /* Week 34 (26 October, 09:00 CDT): 34 mod 3 = 1, piotr; his week spans
     * the fall-back change of 1 November and lasts 169 hours. */
    ck_assert_str_eq(who(s, "2026-10-26T14:00:00Z"), "piotr");
    ck_assert_int_eq(next_handoff(s, "2026-10-26T14:00:00Z"), T("2026-11-02T15:00:00Z"));
    ck_assert_str_eq(who(s, "2026-11-02T15:00:00Z"), "kasia");
}
END_TEST

/* A daily rotation on call only during the weekday hours of a calendar
 * (Pune, 09:00-18:00 Monday to Friday), a weekly backup layer under it, and
 * a second schedule with a gap between two restricted layers. */
#define PUNE                                                                                       \
    "\"calendars\": {\"pune-days\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {"                \
    "\"mon\": [\"09:00-18:00\"], \"tue\": [\"09:00-18:00\"], \"wed\": [\"09:00-18:00\"], "         \
    "\"thu\": [\"09:00-18:00\"], \"fri\": [\"09:00-18:00\"]}}, "                                   \
    "\"nights\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {\"mon\": [\"20:00-23:00\"]}}}"

START_TEST(restricted_layers_and_fall_through) {
    const char *json =
        "{" PUNE ", \"oncall\": {\"l2\": {\"timezone\": \"Asia/Kolkata\", \"layers\": ["
        "{\"name\": \"day\", \"members\": [\"asha\", \"ravi\"], \"rotation\": \"P1D\", "
        "\"handoff\": \"09:00\", "
        "\"start\": \"2026-03-02\", \"restrict\": \"pune-days\"}, "
        "{\"name\": \"backup\", \"members\": [\"meera\"], \"rotation\": \"P1W\", \"handoff\": "
        "\"00:00\", "
        "\"start\": \"2026-03-02\"}], "
        "\"overrides\": [{\"member\": \"vikram\", \"from\": \"2026-03-04T12:00:00+05:30\", "
        "\"to\": \"2026-03-04T15:00:00+05:30\"}]}, "
        "\"gap\": {\"timezone\": \"Asia/Kolkata\", \"layers\": ["
        "{\"name\": \"days\", \"members\": [\"asha\"], \"rotation\": \"P1W\", \"handoff\": "
        "\"09:00\", "
        "\"start\": \"2026-03-02\", \"restrict\": \"pune-days\"}, "
        "{\"name\": \"nights\", \"members\": [\"ravi\"], \"rotation\": \"P1W\", \"handoff\": "
        "\"09:00\", "
        "\"start\": \"2026-03-02\", \"restrict\": \"nights\"}]}}}";
    const slate_schedule *s = load(json, "l2");
    ck_assert_str_eq(who(s, "2026-03-02T10:00:00+05:30"), "asha");  /* Monday: shift 0 */
    ck_assert_str_eq(who(s, "2026-03-03T10:00:00+05:30"), "ravi");  /* Tuesday: shift 1 */
    ck_assert_str_eq(who(s, "2026-03-03T08:59:59+05:30"), "meera"); /* before hours: the backup */
    ck_assert_str_eq(who(s, "2026-03-03T18:00:00+05:30"), "meera"); /* after hours */
    ck_assert_str_eq(who(s, "2026-03-07T12:00:00+05:30"), "meera"); /* Saturday */
    /* Wednesday 12:00-15:00 an override inside the restricted window. */
    slate_oncall o;
    ck_assert_int_eq(slate_schedule_who(s, T("2026-03-04T13:00:00+05:30"), &o), SLATE_OK);
    ck_assert_str_eq(o.member, "vikram");
    ck_assert_str_eq(o.layer, "override");
    ck_assert_str_eq(o.rule, "/oncall/l2/overrides/0");
    ck_assert_int_eq(o.until, T("2026-03-04T15:00:00+05:30"));
    ck_assert_str_eq(who(s, "2026-03-04T15:00:00+05:30"), "asha"); /* shift 2 again after it */
    ck_assert_int_eq(slate_schedule_who(s, T("2026-03-04T10:00:00+05:30"), &o), SLATE_OK);
    ck_assert_str_eq(o.layer, "day");
    ck_assert_str_eq(o.rule, "/oncall/l2/layers/0");
    ck_assert_int_eq(o.until, T("2026-03-04T12:00:00+05:30")); /* the override begins */
    /* The next change after Friday 17:00 is the close at 18:00 (to the backup). */
    ck_assert_int_eq(next_handoff(s, "2026-03-06T17:00:00+05:30"), T("2026-03-06T18:00:00+05:30"));
    /* The gap: Monday 18:00-20:00 nobody, 20:00-23:00 the night layer. */
    const slate_schedule *g = slate_policy_schedule(policy, "gap");
    ck_assert_str_eq(who(g, "2026-03-09T17:00:00+05:30"), "asha");
    ck_assert_int_eq(slate_schedule_who(g, T("2026-03-09T19:00:00+05:30"), &o), SLATE_OK);
    ck_assert_ptr_null(o.member);
    ck_assert_str_eq(o.rule, "/oncall/gap");
    ck_assert_int_eq(o.until, T("2026-03-09T20:00:00+05:30"));
    ck_assert_str_eq(who(g, "2026-03-09T21:00:00+05:30"), "ravi");
    ck_assert_int_eq(next_handoff(g, "2026-03-09T19:00:00+05:30"), T("2026-03-09T20:00:00+05:30"));
}
END_TEST

START_TEST(load_errors) {
    static const struct {
        const char *json, *pointer, *message;
    } cases[] = {
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": [{\"name\": \"a\", \"members\": "
         "[\"x\"], "
         "\"rotation\": \"PT12H\", \"handoff\": \"09:00\", \"start\": \"2026-03-02\"}]}}}",
         "/oncall/s/layers/0/rotation", "a shift is whole days or weeks"},
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": [{\"name\": \"a\", \"members\": "
         "[\"x\"], \"rotation\": [\"P2D\", \"P0D\"], \"handoff\": \"09:00\", \"start\": "
         "\"2026-03-02\"}]}}}",
         "/oncall/s/layers/0/rotation/1", "a shift is whole days or weeks"},
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": [{\"name\": \"a\", \"members\": "
         "[\"x\"], \"rotation\": [], \"handoff\": \"09:00\", \"start\": \"2026-03-02\"}]}}}",
         "/oncall/s/layers/0/rotation", "a shift pattern has 1 to 64 shifts"},
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": [{\"name\": \"a\", \"members\": "
         "[\"x\"], "
         "\"rotation\": \"P1W\", \"handoff\": \"9am\", \"start\": \"2026-03-02\"}]}}}",
         "/oncall/s/layers/0/handoff", "a handoff is a local time HH:MM"},
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": [{\"name\": \"a\", \"members\": "
         "[\"x\"], "
         "\"rotation\": \"P1W\", \"handoff\": \"09:00\", \"start\": \"2026-03-02\", \"restrict\": "
         "\"desk\"}]}}}",
         "/oncall/s/layers/0/restrict", "unknown calendar \"desk\""},
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": [{\"name\": \"a\", \"members\": "
         "[\"x\"], "
         "\"rotation\": \"P1W\", \"handoff\": \"09:00\", \"start\": \"2026-03-02\"}], "
         "\"overrides\": ["
         "{\"member\": \"y\", \"from\": \"2026-03-03T00:00:00Z\", \"to\": "
         "\"2026-03-05T00:00:00Z\"}, "
         "{\"member\": \"z\", \"from\": \"2026-03-04T00:00:00Z\", \"to\": "
         "\"2026-03-06T00:00:00Z\"}]}}}",
         "/oncall/s/overrides/1", "this override overlaps /oncall/s/overrides/0"},
        {"{\"oncall\": {\"s\": {\"timezone\": \"UTC\", \"layers\": []}}}", "/oncall/s/layers",
         "a schedule has 1 to 16 layers"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        slate_error err;
        ck_assert_int_ne(
            slate_policy_from_json(db, cases[i].json, strlen(cases[i].json), &policy, &err),
            SLATE_OK);
        ck_assert_str_eq(err.pointer, cases[i].pointer);
        ck_assert_msg(strstr(err.message, cases[i].message) != NULL, "case %zu: %s", i,
                      err.message);
    }
}
END_TEST

/* An escalation step notifies {"oncall": schedule}: the firing names the
 * person on call at its instant; a firing exactly at a handoff names the
 * incoming member. */
START_TEST(escalation_reaches_the_person_on_call) {
    const char *json = "{\"calendars\": {\"always\": \"24x7\"}, "
                       "\"oncall\": {\"l3\": {\"timezone\": \"Europe/Warsaw\", \"layers\": "
                       "[{\"name\": \"weekly\", "
                       "\"members\": [\"anna\", \"piotr\"], \"rotation\": \"P1W\", \"handoff\": "
                       "\"09:00\", \"start\": \"2026-03-02\"}]}}, "
                       "\"slas\": [{\"id\": \"s\", \"calendar\": \"always\", \"targets\": "
                       "[{\"name\": \"response\", "
                       "\"durations\": {\"*\": \"PT4H\"}}]}], "
                       "\"escalations\": [{\"id\": \"page\", \"sla\": \"s\", \"target\": "
                       "\"response\", \"steps\": ["
                       "{\"id\": \"half\", \"at\": {\"percent\": 50}, \"notify\": [\"desk-lead\", "
                       "{\"oncall\": \"l3\"}]}]}]}";
    slate_error err;
    ck_assert_msg(slate_policy_from_json(db, json, strlen(json), &policy, &err) == SLATE_OK, "%s",
                  err.message);
    slate_clock *clock;
    ck_assert_int_eq(slate_clock_new(policy, &clock, NULL), SLATE_OK);
    /* Created Monday 9 March 07:00 CET (06:00Z): 50% of 4 h falls at 08:00Z,
     * 09:00 CET, the handoff from anna to piotr. */
    slate_event created = {T("2026-03-09T06:00:00Z"), "created", NULL, 0};
    ck_assert_int_eq(slate_clock_apply(clock, &created, NULL), SLATE_OK);
    slate_escalation_status status;
    ck_assert_int_eq(slate_clock_escalations(clock, T("2026-03-09T09:00:00Z"), &status, NULL),
                     SLATE_OK);
    ck_assert_int_eq(status.fired_count, 1);
    const slate_escalation *f = &status.fired[0];
    ck_assert_int_eq(f->at, T("2026-03-09T08:00:00Z"));
    ck_assert_int_eq(f->notify_count, 1);
    ck_assert_str_eq(f->notify[0], "desk-lead");
    ck_assert_str_eq(f->oncall_schedule, "l3");
    ck_assert_str_eq(f->oncall_member, "piotr"); /* the incoming member */
    ck_assert_str_eq(f->oncall_layer, "weekly");
    slate_clock_free(clock);
    const char *bad =
        "{\"calendars\": {\"always\": \"24x7\"}, \"oncall\": {\"l3-krakow\": {\"timezone\": "
        "\"UTC\", \"layers\": ["
        "{\"name\": \"w\", \"members\": [\"a\"], \"rotation\": \"P1W\", \"handoff\": \"09:00\", "
        "\"start\": \"2026-03-02\"}]}}, \"slas\": [{\"id\": \"s\", \"calendar\": \"always\", "
        "\"targets\": "
        "[{\"name\": \"r\", \"durations\": {\"*\": \"PT2H\"}}]}], \"escalations\": [{\"id\": "
        "\"e\", \"sla\": \"s\", "
        "\"target\": \"r\", \"steps\": [{\"id\": \"x\", \"at\": {\"percent\": 50}, "
        "\"notify\": [{\"oncall\": \"l3-krakw\"}]}]}]}";
    slate_policy *p2 = NULL;
    ck_assert_int_eq(slate_policy_from_json(db, bad, strlen(bad), &p2, &err), SLATE_ENOENT);
    ck_assert_str_eq(err.pointer, "/escalations/0/steps/0/notify/0/oncall");
    ck_assert_msg(
        strstr(err.message, "unknown schedule \"l3-krakw\" (did you mean \"l3-krakow\"?)") != NULL,
        "%s", err.message);
}
END_TEST

/* A step held to a delivery calendar asks at its delivery instant: due on
 * Friday evening (piotr's week), delivered Monday 09:00 CET, the handoff
 * to anna, who is the one reached. */
START_TEST(escalation_held_to_delivery_asks_at_delivery) {
    const char *json =
        "{\"calendars\": {\"always\": \"24x7\", \"desk\": {\"timezone\": \"Europe/Warsaw\", "
        "\"weekly\": {\"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": "
        "[\"09:00-17:00\"], "
        "\"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"]}}}, "
        "\"oncall\": {\"l3\": {\"timezone\": \"Europe/Warsaw\", \"layers\": [{\"name\": "
        "\"weekly\", "
        "\"members\": [\"anna\", \"piotr\"], \"rotation\": \"P1W\", \"handoff\": \"09:00\", "
        "\"start\": \"2026-03-02\"}]}}, "
        "\"slas\": [{\"id\": \"s\", \"calendar\": \"always\", \"targets\": [{\"name\": "
        "\"response\", "
        "\"durations\": {\"*\": \"PT4H\"}}]}], "
        "\"escalations\": [{\"id\": \"page\", \"sla\": \"s\", \"target\": \"response\", \"steps\": "
        "["
        "{\"id\": \"half\", \"at\": {\"percent\": 50}, \"delivery_calendar\": \"desk\", "
        "\"notify\": [{\"oncall\": \"l3\"}]}]}]}";
    slate_error err;
    ck_assert_msg(slate_policy_from_json(db, json, strlen(json), &policy, &err) == SLATE_OK, "%s",
                  err.message);
    slate_clock *clock;
    ck_assert_int_eq(slate_clock_new(policy, &clock, NULL), SLATE_OK);
    slate_event created = {T("2026-03-13T16:00:00Z"), "created", NULL, 0};
    ck_assert_int_eq(slate_clock_apply(clock, &created, NULL), SLATE_OK);
    slate_escalation_status status;
    ck_assert_int_eq(slate_clock_escalations(clock, T("2026-03-16T12:00:00Z"), &status, NULL),
                     SLATE_OK);
    ck_assert_int_eq(status.fired_count, 1);
    const slate_escalation *f = &status.fired[0];
    ck_assert_int_eq(f->eligible, T("2026-03-13T18:00:00Z"));
    ck_assert_int_eq(f->at, T("2026-03-16T09:00:00+01:00"));
    ck_assert_str_eq(f->oncall_member, "anna");
    slate_clock_free(clock);
}
END_TEST

/* A layer restricted to a calendar that is closed on a holiday has nobody
 * that day, and the next layer takes over (holiday fall-through). */
/* A 2-2-3 pattern: shifts of 2, 2 and 3 days, each to the next of four
 * people, the cycle of 7 days repeating; the 3-day shift across the
 * change to CEST (29 March) is 71 hours. */
START_TEST(shift_pattern_across_warsaw_dst) {
    const char *json = "{\"oncall\": {\"s\": {\"timezone\": \"Europe/Warsaw\", \"layers\": ["
                       "{\"name\": \"pitman\", \"members\": [\"a\", \"b\", \"c\", \"d\"], "
                       "\"rotation\": [\"P2D\", \"P2D\", \"P3D\"], \"handoff\": \"07:00\", "
                       "\"start\": \"2026-03-23\"}]}}}";
    const slate_schedule *s = load(json, "s");
    ck_assert_str_eq(who(s, "2026-03-23T06:59:59+01:00"), "-");
    ck_assert_str_eq(who(s, "2026-03-23T07:00:00+01:00"), "a");
    ck_assert_str_eq(who(s, "2026-03-25T06:59:59+01:00"), "a");
    ck_assert_str_eq(who(s, "2026-03-25T07:00:00+01:00"), "b");
    ck_assert_str_eq(who(s, "2026-03-27T07:00:00+01:00"), "c");
    ck_assert_int_eq(next_handoff(s, "2026-03-27T07:00:00+01:00"), T("2026-03-30T07:00:00+02:00"));
    ck_assert_int_eq(T("2026-03-30T07:00:00+02:00") - T("2026-03-27T07:00:00+01:00"), 71 * 3600);
    ck_assert_str_eq(who(s, "2026-03-30T07:00:00+02:00"), "d");
    /* The second cycle begins on 30 March + 0 days: 1 April is the next
     * 2-day shift, 3 April the next 3-day one. */
    ck_assert_str_eq(who(s, "2026-04-01T07:00:00+02:00"), "a");
    ck_assert_str_eq(who(s, "2026-04-03T07:00:00+02:00"), "b");
    ck_assert_str_eq(who(s, "2026-04-06T06:59:59+02:00"), "b");
    ck_assert_str_eq(who(s, "2026-04-06T07:00:00+02:00"), "c");
    /* A year on: cycle 52 starts 2027-03-22 (364 days), shift 156 = a. */
    ck_assert_str_eq(who(s, "2027-03-22T07:00:00+01:00"), "a");
}
END_TEST

/* The timeline enumerator: clipped to the range, nobody a stretch of its
 * own, and a handoff back to the same person merged away. */
START_TEST(stretches_clip_and_merge) {
    const char *json =
        "{\"oncall\": {\"s\": {\"timezone\": \"Europe/Warsaw\", \"layers\": ["
        "{\"name\": \"solo\", \"members\": [\"ola\"], \"rotation\": \"P1D\", \"handoff\": "
        "\"08:00\", "
        "\"start\": \"2026-03-27\"}], \"overrides\": [{\"member\": \"jan\", "
        "\"from\": \"2026-03-28T12:00:00+01:00\", \"to\": \"2026-03-28T13:00:00+01:00\"}]}}}";
    const slate_schedule *s = load(json, "s");
    static const struct {
        const char *from, *to, *member;
    } want[] = {{"2026-03-27T00:00:00+01:00", "2026-03-27T08:00:00+01:00", NULL},
                {"2026-03-27T08:00:00+01:00", "2026-03-28T12:00:00+01:00", "ola"},
                {"2026-03-28T12:00:00+01:00", "2026-03-28T13:00:00+01:00", "jan"},
                {"2026-03-28T13:00:00+01:00", "2026-03-31T00:00:00+02:00", "ola"}};
    slate_oncall_iter it;
    slate_oncall_stretch r;
    ck_assert_int_eq(
        slate_schedule_stretches(s, T(want[0].from), T("2026-03-31T00:00:00+02:00"), &it),
        SLATE_OK);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        ck_assert_int_eq(slate_schedule_stretches_next(&it, &r), 1);
        ck_assert_int_eq(r.from, T(want[i].from));
        ck_assert_int_eq(r.to, T(want[i].to));
        if (want[i].member == NULL)
            ck_assert_ptr_null(r.member);
        else
            ck_assert_str_eq(r.member, want[i].member);
    }
    ck_assert_int_eq(slate_schedule_stretches_next(&it, &r), 0);
    ck_assert_int_eq(slate_schedule_stretches(s, 10, 10, &it), SLATE_OK);
    ck_assert_int_eq(slate_schedule_stretches_next(&it, &r), 0);
    ck_assert_int_eq(slate_schedule_stretches(s, 0, SLATE_TIME_MAX + 1, &it), SLATE_ERANGE);
}
END_TEST

/* 12-hour shifts in Manila as two daily layers, each restricted to its
 * half of the day (the night calendar's window runs overnight). */
START_TEST(day_and_night_shifts) {
    const char *json =
        "{\"calendars\": {\"days\": {\"timezone\": \"Asia/Manila\", \"weekly\": {"
        "\"mon\": [\"07:00-19:00\"], \"tue\": [\"07:00-19:00\"], \"wed\": [\"07:00-19:00\"]}}, "
        "\"nights\": {\"timezone\": \"Asia/Manila\", \"weekly\": {"
        "\"mon\": [\"19:00-07:00\"], \"tue\": [\"19:00-07:00\"], \"wed\": [\"19:00-07:00\"]}}}, "
        "\"oncall\": {\"l1\": {\"timezone\": \"Asia/Manila\", \"layers\": ["
        "{\"name\": \"day\", \"members\": [\"ana\", \"ben\"], \"rotation\": \"P1D\", \"handoff\": "
        "\"07:00\", "
        "\"start\": \"2026-03-02\", \"restrict\": \"days\"}, "
        "{\"name\": \"night\", \"members\": [\"cy\", \"dee\"], \"rotation\": \"P1D\", \"handoff\": "
        "\"19:00\", "
        "\"start\": \"2026-03-02\", \"restrict\": \"nights\"}]}}}";
    const slate_schedule *s = load(json, "l1");
    ck_assert_str_eq(who(s, "2026-03-02T06:59:59+08:00"), "-");
    ck_assert_str_eq(who(s, "2026-03-02T07:00:00+08:00"), "ana");
    ck_assert_str_eq(who(s, "2026-03-02T19:00:00+08:00"), "cy");
    ck_assert_str_eq(who(s, "2026-03-03T06:59:59+08:00"), "cy"); /* the day after the night shift */
    ck_assert_str_eq(who(s, "2026-03-03T07:00:00+08:00"), "ben");
    ck_assert_str_eq(who(s, "2026-03-03T19:00:00+08:00"), "dee");
    ck_assert_int_eq(next_handoff(s, "2026-03-03T12:00:00+08:00"), T("2026-03-03T19:00:00+08:00"));
    /* Thursday has neither window: the Wednesday night shift ends at 07:00. */
    ck_assert_str_eq(who(s, "2026-03-05T06:59:59+08:00"), "cy");
    ck_assert_str_eq(who(s, "2026-03-05T07:00:00+08:00"), "-");
}
END_TEST

START_TEST(holiday_fall_through) {
    const char *json =
        "{\"calendars\": {\"krakow-days\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {"
        "\"mon\": [\"00:00-24:00\"], \"tue\": [\"00:00-24:00\"], \"wed\": [\"00:00-24:00\"], "
        "\"thu\": [\"00:00-24:00\"], \"fri\": [\"00:00-24:00\"], \"sat\": [\"00:00-24:00\"], "
        "\"sun\": [\"00:00-24:00\"]}, \"closed\": [{\"easter\": 1, \"name\": \"Easter "
        "Monday\"}]}}, "
        "\"oncall\": {\"s\": {\"timezone\": \"Europe/Warsaw\", \"layers\": ["
        "{\"name\": \"team\", \"members\": [\"anna\"], \"rotation\": \"P1W\", \"handoff\": "
        "\"09:00\", "
        "\"start\": \"2026-03-02\", \"restrict\": \"krakow-days\"}, "
        "{\"name\": \"holiday-cover\", \"members\": [\"marek\"], \"rotation\": \"P1W\", "
        "\"handoff\": \"09:00\", "
        "\"start\": \"2026-03-02\"}]}}}";
    const slate_schedule *s = load(json, "s");
    ck_assert_str_eq(who(s, "2026-04-05T12:00:00+02:00"), "anna");  /* Easter Sunday */
    ck_assert_str_eq(who(s, "2026-04-06T12:00:00+02:00"), "marek"); /* Easter Monday: closed */
    ck_assert_int_eq(next_handoff(s, "2026-04-06T12:00:00+02:00"), T("2026-04-07T00:00:00+02:00"));
}
END_TEST

/* Counting allocator: who-is-on-call allocates nothing. */
static size_t allocations;
static void *count_malloc(void *ctx, size_t n) {
    (void)ctx;
    allocations++;
    return malloc(n);
}
static void *count_realloc(void *ctx, void *p, size_t n) {
    (void)ctx;
    allocations++;
    return realloc(p, n);
}
static void count_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

START_TEST(who_allocates_nothing) {
    const slate_schedule *s = load(WEEKLY("Europe/Warsaw", "2026-03-16"), "s");
    slate_oncall o;
    ck_assert_int_eq(slate_schedule_who(s, T("2026-03-23T08:00:00Z"), &o), SLATE_OK); /* warm */
    slate_allocator counting = {count_malloc, count_realloc, count_free, NULL};
    ck_assert_int_eq(slate_set_allocator(&counting), SLATE_OK);
    allocations = 0;
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(slate_schedule_who(s, T("2026-03-16T08:00:00Z") + i * 3607, &o), SLATE_OK);
    ck_assert_int_eq(allocations, 0);
    ck_assert_int_eq(slate_set_allocator(NULL), SLATE_OK);
}
END_TEST

int main(void) {
    Suite *s = suite_create("oncall");
    TCase *tc = tcase_create("schedules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, weekly_rotation_across_warsaw_dst);
    tcase_add_test(tc, weekly_rotation_across_chicago_dst);
    tcase_add_test(tc, restricted_layers_and_fall_through);
    tcase_add_test(tc, load_errors);
    tcase_add_test(tc, escalation_reaches_the_person_on_call);
    tcase_add_test(tc, escalation_held_to_delivery_asks_at_delivery);
    tcase_add_test(tc, holiday_fall_through);
    tcase_add_test(tc, day_and_night_shifts);
    tcase_add_test(tc, shift_pattern_across_warsaw_dst);
    tcase_add_test(tc, stretches_clip_and_merge);
    tcase_add_test(tc, who_allocates_nothing);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
