/* Allocation failure: for every n, fail the n-th allocation slate makes
 * while loading the ITSM example policy (calendars, priorities, SLAs) and
 * using it (classification, a clock with escalations, calendar arithmetic,
 * tickets, an AMC contract report), and
 * check each time for a clean SLATE_ENOMEM, no output object, and no
 * leak (every allocation freed); and when the run still succeeds (a
 * calendar window that could not be compiled is read from its rules), the
 * very answers of a run without failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "condition/condition.h"
#include "testutil.h"

typedef struct counting {
    long calls;   /* allocations so far */
    long fail_at; /* fail this one (1-based); 0: never */
    long live;    /* allocated and not freed */
} counting;

static counting counter;

/* When set, every allocation fails. */
static int starving;

static void *count_malloc(void *ctx, size_t n) {
    counting *c = ctx;
    if (++c->calls == c->fail_at || starving) return NULL;
    void *p = malloc(n);
    if (p != NULL) c->live++;
    return p;
}

static void *count_realloc(void *ctx, void *p, size_t n) {
    counting *c = ctx;
    if (++c->calls == c->fail_at || starving) return NULL;
    void *q = realloc(p, n);
    if (q != NULL && p == NULL) c->live++;
    return q;
}

static void count_free(void *ctx, void *p) {
    counting *c = ctx;
    if (p != NULL) c->live--;
    free(p);
}

/* A digest of every answer a run gives: due times, counts, credits. */
static uint64_t answers;

static void note(int64_t v) { answers = slate__hash_more(answers, &v, sizeof v); }

static void note_results(const slate_sla_result *r, size_t n) {
    for (size_t i = 0; i < n; i++) {
        note(r[i].state), note(r[i].breached), note(r[i].elapsed), note(r[i].remaining);
        note(r[i].has_due ? r[i].due : -1), note(r[i].has_breach_time ? r[i].breach_time : -1);
        note(r[i].has_deadline ? r[i].deadline : -1), note((int64_t)r[i].step_count);
    }
}

static char *policy_text, *sun_text, *amc_text;
static size_t policy_len, sun_len, amc_len;

static char *read_example(const char *name, size_t *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/policies/%s",
             getenv("SLATE_SOURCE_DIR") ? getenv("SLATE_SOURCE_DIR") : ".", name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s (set SLATE_SOURCE_DIR)", path);
    char *text = malloc(1 << 16);
    *len = fread(text, 1, 1 << 16, f);
    fclose(f);
    return text;
}

static void setup(void) {
    policy_text = read_example("itsm-desk.json", &policy_len);
    amc_text = read_example("amc-vendor.json", &amc_len);
    /* Composition, holidays, overnight and dated hours, kept small: every
     * allocation is failed in turn, so each load must be quick. */
    static const char composed[] =
        "{\"calendars\": {\"a\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {\"mon\": "
        "[\"09:00-17:00\"],"
        " \"sat\": [\"22:00-06:00\"]}, \"closed\": [{\"yearly\": \"03-02\", \"from_year\": 2025, "
        "\"to_year\": 2027}],"
        " \"hours\": {\"2026-03-03\": [\"10:00-12:00\"]}}, \"b\": {\"timezone\": \"Asia/Kolkata\", "
        "\"weekly\":"
        " {\"mon\": [\"09:00-13:00\"]}}, \"follow-the-sun\": {\"union\": [\"a\", \"b\"]}, \"m\": "
        "{\"minus\": [\"a\", \"b\"]}},"
        /* An SLA that follows the ticket (a zone instance, a calendar
         * switch) and one whose deadline on UTC dates is warned about. */
        " \"slas\": [{\"id\": \"s\", \"calendar\": {\"field\": \"team\", \"map\": {\"B\": \"b\"},"
        " \"default\": \"a\"}, \"timezone\": {\"field\": \"tz\", \"default\": \"Europe/Warsaw\"},"
        " \"targets\": [{\"name\": \"t\", \"durations\": {\"*\": {\"by\": \"16:00\"}}}]},"
        " {\"id\": \"u\", \"calendar\": \"follow-the-sun\", \"targets\": [{\"name\": \"v\","
        " \"durations\": {\"*\": {\"end_of_business_day\": 0}}}]}]}";
    sun_len = sizeof composed - 1;
    sun_text = malloc(sun_len);
    memcpy(sun_text, composed, sun_len);
    slate_allocator a = {count_malloc, count_realloc, count_free, &counter};
    ck_assert_int_eq(slate_set_allocator(&a), SLATE_OK);
}

static void teardown(void) {
    slate_set_allocator(NULL);
    free(policy_text);
    free(sun_text);
    free(amc_text);
}

/* A contract report of the AMC example over one history. */
static slate_status exercise_report(slate_tzdb *db, const slate_history *h, slate_error *err) {
    slate_policy *amc = NULL;
    slate_report *r = NULL;
    const slate_report_result *res;
    size_t n;
    const slate_event *e = slate_history_events(h, &n);
    slate_status st = slate_policy_from_json(db, amc_text, amc_len, &amc, err);
    if (st == SLATE_OK)
        st = slate_report_new(amc, NULL, T("2026-03-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), &r,
                              err);
    if (st == SLATE_OK) st = slate_report_add(r, "X", e, n, err);
    if (st == SLATE_OK) st = slate_report_result_get(r, &res, err);
    if (st == SLATE_OK) note(res->credits_owed), note((int64_t)res->tickets);
    slate_report_free(r);
    slate_policy_free(amc);
    return st;
}

/* A clock that follows a ticket to another zone and another calendar. */
static slate_status exercise_following(const slate_policy *p, slate_error *err) {
    slate_clock *clock = NULL;
    slate_field zone = {"tz", "Asia/Kolkata"}, team = {"team", "B"};
    slate_event events[] = {{T("2026-03-02T04:00:00Z"), "created", &zone, 1},
                            {T("2026-03-02T05:00:00Z"), NULL, &team, 1}};
    const slate_sla_result *r;
    size_t n;
    slate_status st = slate_clock_new(p, &clock, err);
    for (size_t i = 0; i < 2 && st == SLATE_OK; i++)
        st = slate_clock_apply(clock, &events[i], err);
    if (st == SLATE_OK) st = slate_clock_results(clock, T("2026-03-03T00:00:00Z"), &r, &n, err);
    if (st == SLATE_OK) note_results(r, n);
    if (st == SLATE_OK && (r[0].step_count < 2 || slate_policy_warning_count(p) != 1))
        st = SLATE_EINVAL;
    slate_clock_free(clock);
    return st;
}

/* Everything the test exercises; returns the first status that is not OK. */
static slate_status exercise(void) {
    slate_tzdb *db = NULL;
    slate_policy *p = NULL;
    slate_classifier *cl = NULL;
    slate_clock *clock = NULL;
    slate_ticket *t = NULL;
    slate_history *h = NULL;
    slate_error err;
    answers = SLATE_HASH_SEED;
    slate_status st = slate_tzdb_open(test_tzdir(), &db, &err);
    if (st == SLATE_OK) st = slate_policy_from_json(db, policy_text, policy_len, &p, &err);
    if (st != SLATE_OK) ck_assert_ptr_null(p);
    if (st == SLATE_OK) st = slate_classifier_new(p, &cl, &err);
    const char *ticket = "{\"summary\": \"Floor 7 network down\", \"category\": \"network\", "
                         "\"location\": \"Floor 7\","
                         " \"affected_users\": 120, \"requester\": {\"email\": \"a@b.c\"}}";
    if (st == SLATE_OK) st = slate_ticket_from_json(ticket, strlen(ticket), &t, &err);
    if (st == SLATE_OK) {
        size_t n;
        const slate_field *f = slate_ticket_fields(t, &n);
        slate_classification r;
        st = slate_classify(cl, f, n, 1, &r, &err);
    }
    const char *history =
        "{\"id\": \"X\", \"events\": [{\"at\": \"2026-03-06T01:00:00Z\", \"kind\": \"created\", "
        "\"fields\":"
        " {\"summary\": \"VPN down\", \"status\": \"new\", \"category\": \"network\"}},"
        " {\"at\": \"2026-03-06T02:00:00Z\", \"kind\": \"agent_comment\", \"fields\": {\"status\": "
        "\"pending_customer\"}},"
        " {\"at\": \"2026-03-09T02:00:00Z\", \"fields\": {\"status\": \"in_progress\", "
        "\"priority\": \"P2\"}}]}";
    if (st == SLATE_OK) st = slate_history_from_json(history, strlen(history), &h, &err);
    if (st == SLATE_OK) st = slate_clock_new(p, &clock, &err);
    if (st == SLATE_OK) {
        size_t n;
        const slate_event *e = slate_history_events(h, &n);
        for (size_t i = 0; i < n && st == SLATE_OK; i++)
            st = slate_clock_apply(clock, &e[i], &err);
    }
    if (st == SLATE_OK) {
        const slate_sla_result *r;
        size_t n;
        st = slate_clock_results(clock, T("2026-03-10T00:00:00Z"), &r, &n, &err);
        if (st == SLATE_OK) note_results(r, n);
    }
    if (st == SLATE_OK) {
        slate_escalation_status es;
        st = slate_clock_escalations(clock, T("2026-03-12T00:00:00Z"), &es, &err);
        if (st == SLATE_OK)
            note((int64_t)es.fired_count), note(es.has_next_wake ? es.next_wake : -1);
    }
    if (st == SLATE_OK) st = exercise_report(db, h, &err);
    if (st == SLATE_OK) {
        slate_time u;
        st = slate_calendar_add(slate_policy_calendar(p, "desk"), T("2026-03-06T01:00:00Z"),
                                40 * 3600, &u);
        if (st == SLATE_OK) note(u);
    }
    slate_policy *sun = NULL;
    if (st == SLATE_OK) st = slate_policy_from_json(db, sun_text, sun_len, &sun, &err);
    if (st == SLATE_OK) {
        slate_interval_iter it;
        slate_interval iv;
        slate_duration d;
        const slate_calendar *c = slate_policy_calendar(sun, "follow-the-sun");
        st = slate_calendar_between(c, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z"), &d);
        if (st == SLATE_OK)
            st = slate_calendar_intervals(c, T("2026-03-02T00:00:00Z"), T("2026-03-04T00:00:00Z"),
                                          &it);
        if (st == SLATE_OK) note(d);
        while (st == SLATE_OK && slate_calendar_intervals_next(&it, &iv))
            note(iv.start), note(iv.end);
    }
    if (st == SLATE_OK) st = exercise_following(sun, &err);
    slate_policy_free(sun);
    if (st != SLATE_OK)
        ck_assert_msg(err.code == st, "the error record says %d, the call %d", err.code, st);
    slate_history_free(h);
    slate_ticket_free(t);
    slate_clock_free(clock);
    slate_classifier_free(cl);
    slate_policy_free(p);
    slate_tzdb_free(db);
    return st;
}

START_TEST(every_allocation_can_fail) {
    counter = (counting){0, 0, 0};
    ck_assert_int_eq(exercise(), SLATE_OK);
    uint64_t right = answers;
    long total = counter.calls;
    ck_assert_int_eq(counter.live, 0);
    ck_assert(total > 100);
    long failures = 0;
    for (long n = 1; n <= total; n++) {
        counter = (counting){0, n, 0};
        slate_status st = exercise();
        ck_assert_msg(st == SLATE_OK || st == SLATE_ENOMEM, "allocation %ld: status %d", n, st);
        ck_assert_msg(counter.live == 0, "allocation %ld failing leaks %ld blocks", n,
                      counter.live);
        failures += st == SLATE_ENOMEM;
        ck_assert_msg(st != SLATE_OK || answers == right,
                      "allocation %ld failing changed an answer and was not reported", n);
    }
    /* Most failures surface: every one while loading. The others (a
     * calendar window read from its rules instead, a best-effort shrink)
     * changed no answer, as checked above. */
    ck_assert_msg(failures > total * 3 / 4, "%ld of %ld failures surfaced", failures, total);
    printf("allocation failures: %ld of %ld allocations failed one at a time, all clean: %ld "
           "surfaced, %ld changed no answer\n",
           total, total, failures, total - failures);
}
END_TEST

/* PCRE2 allocates through slate's allocator: compiling a pattern, the
 * match data and context of a scratch, and their release are all seen by
 * the counting allocator, and every block comes back. */
START_TEST(pcre2_allocates_through_slate) {
    counter = (counting){0, 0, 0};
    condition c;
    memset(&c, 0, sizeof c);
    c.pattern = slate__strdup("^(?:VPN|network) (down|outage)$");
    long before = counter.calls;
    char why[160];
    size_t offset;
    ck_assert_int_eq(slate__cond_compile_regex(&c, 1, why, sizeof why, &offset), SLATE_OK);
    ck_assert_msg(counter.calls - before >= 3, "compiling made %ld allocations through slate",
                  counter.calls - before);
    cond_scratch s;
    before = counter.calls;
    ck_assert(slate__cond_scratch_init(&s, 1));
    ck_assert_msg(counter.calls - before >= 2 + 4, "a scratch made %ld allocations through slate",
                  counter.calls - before);
    slate__cond_scratch_release(&s);
    slate__cond_release(&c);
    ck_assert_int_eq(counter.live, 0);
    /* A failed allocation inside PCRE2 is SLATE_ENOMEM, not a bad pattern. */
    for (long n = 1; n <= 3; n++) {
        memset(&c, 0, sizeof c);
        counter = (counting){0, 0, 0};
        c.pattern = slate__strdup("a+b");
        counter.fail_at = counter.calls + n;
        ck_assert_int_eq(slate__cond_compile_regex(&c, 0, why, sizeof why, &offset), SLATE_ENOMEM);
        slate__cond_release(&c);
        ck_assert_int_eq(counter.live, 0);
    }
}
END_TEST

/* 14: cJSON's memory comes from slate's allocator too (a policy's parse
 * tree is most of a load's allocations), so every_allocation_can_fail
 * fails cJSON's allocations as well. */
START_TEST(hostile_14_cjson_allocates_through_slate) {
    char json[512];
    long calls[2];
    for (int k = 0; k < 2; k++) {
        /* One closed date, then eleven: ten more cJSON nodes and texts. */
        snprintf(json, sizeof json,
                 "{\"calendars\": {\"a\": {\"timezone\": \"UTC\", \"weekly\": {}, \"closed\": "
                 "[\"2026-01-01\"%s]}}}",
                 k == 0 ? ""
                        : ", \"2026-01-02\", \"2026-01-03\", \"2026-01-04\", \"2026-01-05\", "
                          "\"2026-01-06\", \"2026-01-07\", \"2026-01-08\", \"2026-01-09\", "
                          "\"2026-01-10\", \"2026-01-11\"");
        slate_policy *p = NULL;
        counter = (counting){0, 0, 0};
        ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, NULL), SLATE_OK);
        calls[k] = counter.calls;
        slate_policy_free(p);
        ck_assert_int_eq(counter.live, 0);
    }
    ck_assert_msg(calls[1] - calls[0] >= 20, "%ld more allocations", calls[1] - calls[0]);
}
END_TEST

/* Every answer of a calendar over a week and a few long spans, hashed. */
static uint64_t calendar_answers(const slate_calendar *c) {
    answers = SLATE_HASH_SEED;
    slate_time t0 = T("2026-02-26T00:00:00Z");
    for (slate_time t = t0; t < t0 + 10 * 86400; t += 3 * 3600 + 7 * 60 + 11) {
        slate_time u = 0;
        slate_duration d = 0;
        note(slate_calendar_is_open(c, t));
        note(slate_calendar_next_open(c, t, &u)), note(u);
        note(slate_calendar_next_close(c, t, &u)), note(u);
        note(slate_calendar_add(c, t, 5 * 3600 + 17, &u)), note(u);
        note(slate_calendar_add(c, t, -(7 * 3600 + 3), &u)), note(u);
        note(slate_calendar_between(c, t - 86400 * 40, t, &d)), note(d);
        note(slate_calendar_between(c, t, t + (slate_time)86400 * 365 * 40, &d)), note(d);
        int32_t days = 0;
        slate_business_day day = {0, 0, 0, 0, 0};
        note(slate_calendar_add_business_days(c, t, 3, &u)), note(u);
        note(slate_calendar_add_business_days(c, t, -2, &u)), note(u);
        note(slate_calendar_business_days(c, t - 86400 * 40, t + 86400 * 400, &days)), note(days);
        note(slate_calendar_business_day(c, t, &day)), note(day.start), note(day.end);
    }
    slate_interval_iter it;
    slate_interval iv;
    slate_calendar_intervals(c, t0, t0 + 8 * 86400, &it);
    while (slate_calendar_intervals_next(&it, &iv))
        note(iv.start), note(iv.end), note(iv.source), note(iv.day);
    return answers;
}

/* With no memory at all for windows, queries read calendars from their
 * rules (lib/calendar/direct.c) and business days from a walk of the
 * window (bdays.c): the same answers as compiled windows, for
 * a leaf with holidays, dated hours and a night shift, a leaf in another
 * zone, and a union and a minus of the two. */
START_TEST(windows_read_from_rules_without_memory) {
    counter = (counting){0, 0, 0};
    static const char *const names[] = {"a", "b", "follow-the-sun", "m"};
    slate_policy *fed, *starved;
    ck_assert_int_eq(slate_policy_from_json(NULL, sun_text, sun_len, &fed, NULL), SLATE_OK);
    ck_assert_int_eq(slate_policy_from_json(NULL, sun_text, sun_len, &starved, NULL), SLATE_OK);
    for (size_t i = 0; i < 4; i++) {
        uint64_t right = calendar_answers(slate_policy_calendar(fed, names[i]));
        starving = 1;
        size_t before = slate_calendar_memory(slate_policy_calendar(starved, names[i]));
        uint64_t got = calendar_answers(slate_policy_calendar(starved, names[i]));
        size_t after = slate_calendar_memory(slate_policy_calendar(starved, names[i]));
        starving = 0;
        ck_assert_msg(got == right, "calendar %s read from its rules answers differently",
                      names[i]);
        ck_assert_uint_eq(after, before); /* nothing was compiled */
    }
    slate_policy_free(starved);
    slate_policy_free(fed);
    ck_assert_int_eq(counter.live, 0);
}
END_TEST

int main(void) {
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("alloc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, every_allocation_can_fail);
    tcase_add_test(tc, windows_read_from_rules_without_memory);
    tcase_add_test(tc, pcre2_allocates_through_slate);
    tcase_add_test(tc, hostile_14_cjson_allocates_through_slate);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
