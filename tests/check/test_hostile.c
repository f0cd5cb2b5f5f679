/* Hostile input (issue 16): each reproduction of the adversarial review,
 * named by its number there, gives a clean answer. The command-line and
 * Python reproductions are in tests/python/test_cli.py and
 * bindings/python/tests/test_hostile.py; tests/adversarial/ runs the
 * whole catalogue against the slate command. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
        char id[24];
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

#define RULES(rule)                                                                                \
    "{\"priorities\": {\"levels\": [\"P1\", \"P3\"], \"default\": \"P3\", \"rules\": [{\"id\": "   \
    "\"r\", \"when\": " rule ", \"set\": {\"priority\": \"P1\"}}]}}"

/* A classifier of the policy in json (loaded into *p). */
static slate_classifier *classifier_of(const char *json, slate_policy **p) {
    slate_classifier *c;
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, json, strlen(json), p, &err) == SLATE_OK, "%s",
                  err.message);
    ck_assert_int_eq(slate_classifier_new(*p, &c, &err), SLATE_OK);
    return c;
}

/* Classifies one field under one rule: 1 when the rule matched, with its
 * explanation in reason. */
static int classify_one(const char *json, const char *name, const char *value, char *reason,
                        size_t cap) {
    slate_policy *p;
    slate_classifier *c = classifier_of(json, &p);
    slate_error err;
    slate_field f = {name, value};
    slate_classification out;
    ck_assert_int_eq(slate_classify(c, &f, 1, 1, &out, &err), SLATE_OK);
    ck_assert_uint_eq(out.trail_count, 1);
    snprintf(reason, cap, "%s", out.trail[0].reason);
    int matched = out.trail[0].matched;
    ck_assert_int_eq(matched, strcmp(out.priority_name, "P1") == 0);
    slate_classifier_free(c);
    slate_policy_free(p);
    return matched;
}

static int more_than_500(const char *value) {
    char reason[256];
    return classify_one(RULES("{\"field\": \"users\", \"gt\": 500}"), "users", value, reason,
                        sizeof reason);
}

/* 8: a number comparison needs the whole text to be a finite decimal
 * number; strtod's inf, hexadecimal, leading spaces and overflow are not. */
START_TEST(hostile_08_numbers_strtod_would_take) {
    const char *not_numbers[] = {"inf",  "Infinity", " 600",  "600 ", "0x300", "1e999",
                                 "+600", "nan",      "600.",  ".5e3", "6e",    "--600",
                                 "",     "1e+",      "1_000", "-0",   "500",   "1e-999"};
    for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++)
        ck_assert_msg(!more_than_500(not_numbers[i]), "\"%s\"", not_numbers[i]);
    const char *numbers[] = {"600", "0600", "500.5", "5.01e2", "5E3", "1e+3", "1E+308"};
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
        ck_assert_msg(more_than_500(numbers[i]), "\"%s\"", numbers[i]);
}
END_TEST

/* 13: explanations and messages cut at a byte count never split a UTF-8
 * character (nor pass on a caller's invalid bytes). */
START_TEST(hostile_13_cut_utf8) {
    char value[128] = "a", reason[256], want[256];
    for (int i = 0; i < 40; i++)
        strcat(value, "\xc3\xa9"); /* é */
    classify_one(RULES("{\"field\": \"title\", \"equals\": \"x\"}"), "title", value, reason,
                 sizeof reason);
    /* "%.60s" keeps 59 bytes: a and 29 é; the half character is dropped. */
    snprintf(want, sizeof want, "title equals \"x\": no (value \"%.59s\")", value);
    ck_assert_str_eq(reason, want);
    classify_one(RULES("{\"field\": \"title\", \"equals\": \"x\"}"), "title", "\xff\xc3(ok", reason,
                 sizeof reason);
    ck_assert_str_eq(reason, "title equals \"x\": no (value \"(ok\")");
    /* An error message: an unknown calendar's name cut at 60 bytes. */
    char json[256];
    slate_policy *p = NULL;
    slate_error err;
    snprintf(json, sizeof json, "{\"calendars\": {\"u\": {\"union\": [\"%s\"]}}}", value);
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_ENOENT);
    snprintf(want, sizeof want,
             "line 1, column 32: unknown calendar \"%.59s\" (at /calendars/u/union/0)", value);
    ck_assert_str_eq(err.message, want);
}
END_TEST

/* 22: a lone surrogate or \u0000 in a policy is a parse error at its line
 * and column (it was "out of memory" with no position, and a NUL cut
 * "UTC\u0000/../../etc/passwd" to "UTC"). */
START_TEST(hostile_22_nul_and_lone_surrogates) {
    const char *texts[] = {
        "{\"calendars\": {\"x\\udc00\": \"24x7\"}}",
        "{\"calendars\": {\"x\\ud800\\u0041\": \"24x7\"}}",
        "{\"calendars\": {\"x\": {\"timezone\": \"UTC\\u0000/../../etc/passwd\", "
        "\"weekly\": {}}}}"};
    const char *why[] = {
        "line 1, column 18: a \\u escape names half of a surrogate pair (at /calendars)",
        "line 1, column 18: a \\u escape names half of a surrogate pair (at /calendars)",
        "line 1, column 38: \\u0000 (a NUL) in a string (at /calendars/x/timezone)"};
    for (int i = 0; i < 3; i++) {
        slate_policy *p = NULL;
        slate_error err;
        ck_assert_int_eq(slate_policy_from_json(NULL, texts[i], strlen(texts[i]), &p, &err),
                         SLATE_EPARSE);
        ck_assert_str_eq(err.message, why[i]);
        ck_assert_ptr_null(p);
    }
    /* A pair is one character. */
    const char *pair = "{\"calendars\": {\"x\\ud83d\\ude00\": \"24x7\"}}";
    slate_policy *p = NULL;
    ck_assert_int_eq(slate_policy_from_json(NULL, pair, strlen(pair), &p, NULL), SLATE_OK);
    ck_assert_ptr_nonnull(slate_policy_calendar(p, "x\xf0\x9f\x98\x80"));
    slate_policy_free(p);
}
END_TEST

/* A policy of `depth` calendars c0 = union [c1], c1 = union [c2], ...,
 * the last 24x7 (each refers forward, so loading recurses). */
static char *union_chain(int depth) {
    size_t cap = 64 + (size_t)depth * 48;
    char *json = malloc(cap);
    size_t at = (size_t)snprintf(json, cap, "{\"calendars\": {");
    for (int i = 0; i < depth; i++)
        at += (size_t)snprintf(json + at, cap - at, "\"c%d\": {\"union\": [\"c%d\"]}, ", i, i + 1);
    snprintf(json + at, cap - at, "\"c%d\": \"24x7\"}}", depth);
    return json;
}

typedef struct load_job {
    const char *json;
    slate_status status;
    slate_error err;
} load_job;

static void *load_in_thread(void *arg) {
    load_job *job = arg;
    slate_policy *p = NULL;
    job->status = slate_policy_from_json(NULL, job->json, strlen(job->json), &p, &job->err);
    slate_policy_free(p);
    return NULL;
}

/* Loads a policy in a thread with a 256 KiB stack. */
static slate_status load_small_stack(const char *json, slate_error *err) {
    pthread_attr_t attr;
    pthread_t t;
    load_job job = {json, SLATE_OK, {0}};
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    ck_assert_int_eq(pthread_create(&t, &attr, load_in_thread, &job), 0);
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    *err = job.err;
    return job.status;
}

/* 7: compositions nest at most 32 deep, so a chain of 1,000 unions is a
 * limit error, not a stack overflow, even on a small thread stack. */
START_TEST(hostile_07_deep_union_chain) {
    slate_error err;
    char *deepest = union_chain(32), *too_deep = union_chain(33), *chain = union_chain(999);
    ck_assert_int_eq(load_small_stack(deepest, &err), SLATE_OK);
    ck_assert_int_eq(load_small_stack(too_deep, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.pointer, "/calendars/c32/union");
    ck_assert_int_eq(load_small_stack(chain, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.pointer, "/calendars/c32/union");
    ck_assert(strstr(err.message, "union nested 33 compositions deep: at most 32") != NULL);
    free(deepest);
    free(too_deep);
    free(chain);
}
END_TEST

/* 17: a union or intersection lists at most 64 calendars. */
START_TEST(hostile_17_union_members) {
    char json[4096];
    slate_error err;
    for (int n = 64; n <= 65; n++) {
        size_t at = (size_t)snprintf(json, sizeof json,
                                     "{\"calendars\": {\"a\": \"24x7\", \"u\": {\"union\": [");
        for (int i = 0; i < n; i++)
            at += (size_t)snprintf(json + at, sizeof json - at, "%s\"a\"", i ? ", " : "");
        snprintf(json + at, sizeof json - at, "]}}}");
        slate_policy *p = NULL;
        slate_status st = slate_policy_from_json(NULL, json, strlen(json), &p, &err);
        slate_policy_free(p);
        ck_assert_int_eq(st, n == 64 ? SLATE_OK : SLATE_ELIMIT);
    }
    ck_assert_str_eq(err.message,
                     "line 1, column 44: union of 65 calendars: at most 64 (compose in "
                     "steps) (at /calendars/u/union)");
}
END_TEST

/* A policy of n calendars in Warsaw, each closed every other day of the
 * year by 183 yearly rules (about 4.5 MiB compiled each). */
static char *alternate_day_calendars(int n) {
    size_t cap = (size_t)n * 4200 + 64;
    char *json = malloc(cap);
    size_t at = (size_t)snprintf(json, cap, "{\"calendars\": {");
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < n; i++) {
        at += (size_t)snprintf(json + at, cap - at,
                               "%s\"h%d\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {\"mon\": "
                               "[\"09:00-17:00\"]}, \"closed\": [",
                               i ? ", " : "", i);
        int k = 0;
        for (int m = 0; m < 12; m++)
            for (int d = 1; d <= days[m]; d++)
                if (k++ % 2 == 0)
                    at += (size_t)snprintf(json + at, cap - at, "%s{\"yearly\": \"%02d-%02d\"}",
                                           k > 1 ? ", " : "", m + 1, d);
        at += (size_t)snprintf(json + at, cap - at, "]}");
    }
    snprintf(json + at, cap - at, "}}");
    return json;
}

/* A byte order mark starts a policy saved as "UTF-8 with BOM": skipped, and
 * not counted in the columns of messages; a second one is an error. */
START_TEST(byte_order_mark) {
    slate_policy *p = NULL;
    slate_error err;
    static const char ok[] = "\xef\xbb\xbf{\"calendars\": {\"c\": \"24x7\"}}";
    ck_assert_int_eq(slate_policy_from_json(NULL, ok, sizeof ok - 1, &p, &err), SLATE_OK);
    ck_assert_uint_eq(slate_policy_calendar_count(p), 1);
    slate_policy_free(p);
    static const char bad[] = "\xef\xbb\xbf{\"calendars\": 5}";
    ck_assert_int_eq(slate_policy_from_json(NULL, bad, sizeof bad - 1, &p, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.column, 15);
    static const char twice[] = "\xef\xbb\xbf\xef\xbb\xbf{}";
    ck_assert_int_eq(slate_policy_from_json(NULL, twice, sizeof twice - 1, &p, &err), SLATE_EPARSE);
    ck_assert_ptr_null(p);
}
END_TEST

/* A policy may define SLATE_POLICY_MAX_CALENDARS calendars (100,000 unless
 * the build set another), found by name; one more is refused at load. */
START_TEST(calendar_count_limit) {
    unsigned max = SLATE_POLICY_MAX_CALENDARS;
    size_t cap = 64 + (size_t)(max + 1) * 24;
    char *json = malloc(cap);
    for (unsigned n = max; n <= max + 1; n++) {
        size_t at = (size_t)snprintf(json, cap, "{\"calendars\": {");
        for (unsigned i = 0; i < n; i++)
            at += (size_t)snprintf(json + at, cap - at, "%s\"c%u\": \"24x7\"", i ? ", " : "", i);
        snprintf(json + at, cap - at, "}}");
        slate_policy *p = NULL;
        slate_error err;
        slate_status st = slate_policy_from_json(NULL, json, strlen(json), &p, &err);
        if (n == max) {
            ck_assert_int_eq(st, SLATE_OK);
            ck_assert_uint_eq(slate_policy_calendar_count(p), max);
            char name[16];
            snprintf(name, sizeof name, "c%u", max - 1);
            ck_assert_str_eq(slate_calendar_name(slate_policy_calendar(p, name)), name);
            ck_assert_ptr_null(slate_policy_calendar(p, "c-1"));
        } else {
            char want[SLATE_ERROR_TEXT_MAX];
            snprintf(want, sizeof want,
                     "line 1, column 15: %u calendars: at most %u (SLATE_POLICY_MAX_CALENDARS) "
                     "(at /calendars)",
                     n, max);
            ck_assert_int_eq(st, SLATE_ELIMIT);
            ck_assert_str_eq(err.message, want);
        }
        slate_policy_free(p);
    }
    free(json);
}
END_TEST

/* 16: calendars are compiled per window as queries reach them, so 300
 * calendars closed every other day (1.8 GB when each was compiled for six
 * centuries at load) load holding their rules only, and a query compiles
 * the windows it touches. The 300 are identical: they share one core, so
 * what h0 compiled, h1 has. */
START_TEST(hostile_16_calendar_budget) {
    char *json = alternate_day_calendars(300);
    slate_policy *p = NULL;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_OK);
    free(json);
    size_t loaded = 0;
    for (size_t i = 0; i < 300; i++)
        loaded += slate_calendar_memory(slate_policy_calendar_at(p, i));
    ck_assert_uint_lt(loaded, 300 * 16 * 1024); /* 183 rules of 40 bytes, and names */
    const slate_calendar *h0 = slate_policy_calendar(p, "h0");
    const slate_calendar *h1 = slate_policy_calendar(p, "h1");
    size_t h1_before = slate_calendar_memory(h1), h0_before = slate_calendar_memory(h0);
    slate_duration open;
    /* Mondays of 2026 from 09:00 to 17:00 Warsaw, open only on the days
     * the rules leave (odd places in the 366-day list the rules walk): 26
     * of the 52 Mondays. */
    ck_assert_int_eq(
        slate_calendar_between(h0, 1767225600 /* 2026-01-01 */, 1798761600 /* 2027-01-01 */, &open),
        SLATE_OK);
    ck_assert_int_eq(open, 26 * 8 * 3600);
    ck_assert_uint_gt(slate_calendar_memory(h0), h0_before);
    ck_assert_uint_lt(slate_calendar_memory(h0) - h0_before, 64 * 1024); /* two windows */
    ck_assert_uint_eq(slate_calendar_memory(h1) - h1_before, slate_calendar_memory(h0) - h0_before);
    slate_policy_free(p);
    /* The parse tree is bounded too: 4,000,000 values at most. */
    char want[SLATE_ERROR_TEXT_MAX];
    size_t cap = 64 + 2 * (size_t)SLATE_POLICY_MAX_VALUES;
    json = malloc(cap);
    size_t at = (size_t)snprintf(json, cap, "{\"x\": [0");
    for (unsigned i = 1; i < SLATE_POLICY_MAX_VALUES - 2; i++)
        json[at++] = ',', json[at++] = '0';
    snprintf(json + at, cap - at, "]}"); /* the object, the array, 3,999,998 zeros */
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.message,
                     "line 1, column 2: unknown key \"x\"; known here: calendars, oncall, "
                     "priorities, slas, escalations, contracts, description (at /x)");
    snprintf(json + at, cap - at, ",0]}");
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_ELIMIT);
    snprintf(
        want, sizeof want,
        "line 1, column %zu: more than %u values (numbers, strings, arrays, objects) (at /x/%u)",
        at + 2, SLATE_POLICY_MAX_VALUES, SLATE_POLICY_MAX_VALUES - 2);
    ck_assert_str_eq(err.message, want);
    free(json);
}
END_TEST

/* 18: many distinct condition fields are interned and found by hash: a
 * policy reading 20,000 fields classifies by the right one. */
START_TEST(hostile_18_many_condition_fields) {
    enum { RULES = 2500, PER_RULE = 8 };
    size_t cap = 128 + (size_t)RULES * (PER_RULE * 48 + 96), at = 0;
    char *json = malloc(cap);
    at += (size_t)snprintf(json, cap,
                           "{\"priorities\": {\"levels\": [\"P1\", \"P2\", \"P3\"], \"default\": "
                           "\"P3\", \"rules\": [");
    for (int r = 0; r < RULES; r++) {
        at += (size_t)snprintf(json + at, cap - at, "%s{\"id\": \"r%d\", \"when\": {\"any\": [",
                               r ? ", " : "", r);
        for (int k = 0; k < PER_RULE; k++)
            at += (size_t)snprintf(json + at, cap - at, "%s{\"field\": \"f%d\", \"equals\": \"x\"}",
                                   k ? ", " : "", r * PER_RULE + k);
        at += (size_t)snprintf(json + at, cap - at, "]}, \"set\": {\"priority\": \"%s\"}}",
                               r == RULES - 1 ? "P1" : "P2");
    }
    snprintf(json + at, cap - at, "]}}");
    slate_policy *p;
    slate_classifier *c = classifier_of(json, &p);
    slate_error err;
    slate_field fields[3] = {{"f19999", "x"}, {"f7", "y"}, {"f20000", "x"}};
    slate_classification out;
    ck_assert_int_eq(slate_classify(c, fields, 3, 0, &out, &err), SLATE_OK);
    ck_assert_str_eq(out.priority_name, "P1"); /* f19999 is the last rule's */
    ck_assert_uint_eq(out.fired_count, 1);
    ck_assert_str_eq(out.fired[0], "r2499");
    fields[0].value = "no";
    ck_assert_int_eq(slate_classify(c, fields, 3, 0, &out, &err), SLATE_OK);
    ck_assert_str_eq(out.priority_name, "P3");
    slate_classifier_free(c);
    slate_policy_free(p);
    free(json);
}
END_TEST

/* A ticket of n members `"k<i>": value`, then `tail` before the brace. */
static char *wide_ticket(int n, const char *value, const char *tail) {
    size_t cap = (size_t)n * 24 + strlen(tail) + 8;
    char *json = malloc(cap);
    size_t at = (size_t)snprintf(json, cap, "{");
    for (int i = 0; i < n; i++)
        at += (size_t)snprintf(json + at, cap - at, "%s\"k%d\": %s", i ? ", " : "", i, value);
    snprintf(json + at, cap - at, "%s}", tail);
    return json;
}

/* 19: nulls and empty objects count toward the 4,096 members of a ticket,
 * and a duplicate key among thousands is found by hash, at its place. */
START_TEST(hostile_19_wide_tickets) {
    slate_ticket *t = NULL;
    slate_error err;
    const char *values[] = {"null", "{}", "1"};
    for (int v = 0; v < 3; v++) {
        char *json = wide_ticket(4096, values[v], "");
        ck_assert_int_eq(slate_ticket_from_json(json, strlen(json), &t, &err), SLATE_OK);
        slate_ticket_free(t);
        free(json);
        json = wide_ticket(4097, values[v], "");
        ck_assert_int_eq(slate_ticket_from_json(json, strlen(json), &t, &err), SLATE_ELIMIT);
        ck_assert_str_eq(err.pointer, "/k4096");
        ck_assert(strstr(err.message, "more than 4096 members") != NULL);
        free(json);
    }
    char *json = wide_ticket(4000, "null", ", \"k3999\": 2");
    ck_assert_int_eq(slate_ticket_from_json(json, strlen(json), &t, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.pointer, "/k3999");
    ck_assert_int_eq(err.column, (int)(strlen(json) - strlen("\"k3999\": 2}") + 1));
    ck_assert(strstr(err.message, "duplicate key \"k3999\"") != NULL);
    free(json);
}
END_TEST

/* 12: positions of errors under keys written with \u escapes, and under
 * JSON Pointers too long for the error record, are exact (they were the
 * end of the text). */
START_TEST(hostile_12_error_positions) {
    slate_policy *p = NULL;
    slate_error err;
    const char *escaped = "{\"calendars\": {\"\\u006ff\\u0066ice\\ud83d\\ude00\": {\n"
                          "  \"timezone\": \"Nowhere/Zone\", \"weekly\": {}}}}";
    ck_assert_int_eq(slate_policy_from_json(NULL, escaped, strlen(escaped), &p, &err),
                     SLATE_ENOENT);
    ck_assert_str_eq(err.pointer, "/calendars/office\xf0\x9f\x98\x80/timezone");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 15);
    /* A 600-byte calendar name: the pointer is cut after 509 bytes, so the
     * position is that of the deepest value it still names: the calendar. */
    char name[601], json[1024];
    memset(name, 'n', 600);
    name[600] = '\0';
    snprintf(json, sizeof json,
             "{\"calendars\": {\"a\": \"24x7\", \"%s\": {\n  \"timezone\": \"Nowhere/Zone\", "
             "\"weekly\": {}}}}",
             name);
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_ENOENT);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, (int)(strchr(json, '\n') - json));
    ck_assert_uint_eq(strlen(err.pointer), SLATE_ERROR_TEXT_MAX - 1);
    /* In a ticket: the duplicate, not the first of the two keys. */
    const char *ticket = "{\"a\\u0062\": 1,\n \"ab\": 2}";
    slate_ticket *t = NULL;
    ck_assert_int_eq(slate_ticket_from_json(ticket, strlen(ticket), &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 2);
    ck_assert_str_eq(err.pointer, "/ab");
}
END_TEST

/* A policy of `chains` chains of 10 steps, step j at j+1 hours of wall
 * time then every second `repeats` more times, on a 24x7 target. */
static char *busy_chains(int chains, int repeats) {
    size_t cap = 512 + (size_t)chains * 1400;
    char *json = malloc(cap);
    size_t at = (size_t)snprintf(
        json, cap,
        "{\"calendars\": {\"all\": \"24x7\"}, \"slas\": [{\"id\": \"s\", \"calendar\": \"all\", "
        "\"targets\": [{\"name\": \"fix\", \"durations\": {\"*\": \"PT1000H\"}}]}], "
        "\"escalations\": [");
    for (int c = 0; c < chains; c++) {
        at += (size_t)snprintf(
            json + at, cap - at,
            "%s{\"id\": \"c%d\", \"sla\": \"s\", \"target\": \"fix\", \"steps\": [", c ? ", " : "",
            c);
        for (int j = 0; j < 10; j++)
            at += (size_t)snprintf(json + at, cap - at,
                                   "%s{\"id\": \"s%d\", \"at\": {\"elapsed\": \"PT%dH\"}, "
                                   "\"measure\": \"wall\", \"repeat\": {\"every\": \"PT1S\", "
                                   "\"times\": %d}}",
                                   j ? ", " : "", j, j + 1, repeats);
        at += (size_t)snprintf(json + at, cap - at, "]}");
    }
    snprintf(json + at, cap - at, "]}");
    return json;
}

/* 15: the chains of a policy fire at most 100,000 times per cycle, and
 * that many firings are ordered in O(F log F) (insertion took 449 s for
 * 640,000): by instant, chains in policy order on ties. */
START_TEST(hostile_15_many_firings) {
    slate_policy *p = NULL;
    slate_error err;
    char *json = busy_chains(11, 999); /* 110,000 */
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_ELIMIT);
    ck_assert_str_eq(err.pointer, "/escalations/10");
    ck_assert(strstr(err.message, "more than 100000 times in one cycle") != NULL);
    free(json);
    json = busy_chains(10, 999); /* 100,000: the most */
    ck_assert_msg(slate_policy_from_json(NULL, json, strlen(json), &p, &err) == SLATE_OK, "%s",
                  err.message);
    free(json);
    slate_clock *c;
    ck_assert_int_eq(slate_clock_new(p, &c, &err), SLATE_OK);
    slate_time t0 = T("2026-03-02T00:00:00Z");
    slate_field open = {"status", "open"};
    slate_event events[2] = {{t0, NULL, &open, 1}, {t0 + 11 * 3600, NULL, &open, 1}};
    /* Fired between two events, then asked for again. */
    for (int e = 0; e < 2; e++)
        ck_assert_int_eq(slate_clock_apply(c, &events[e], &err), SLATE_OK);
    const slate_escalation *f;
    size_t n;
    ck_assert_int_eq(slate_clock_escalations_between(c, t0, t0 + 11 * 3600, &f, &n, &err),
                     SLATE_OK);
    ck_assert_uint_eq(n, 100000);
    for (size_t i = 0; i < n; i++) {
        /* 10 chains fire each instant: step i / 10000, repeat (i / 10) % 1000 */
        size_t step = i / 10000, repeat = i / 10 % 1000, chain = i % 10;
        char id[24];
        snprintf(id, sizeof id, "c%zu", chain);
        ck_assert_int_eq(f[i].at, t0 + (slate_time)(step + 1) * 3600 + (slate_time)repeat);
        ck_assert_str_eq(f[i].chain, id);
        ck_assert_int_eq(f[i].repeat, (int)repeat);
    }
    slate_clock_free(c);
    slate_policy_free(p);
}
END_TEST

int main(void) {
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("reproductions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300); /* the parse of 4,000,000 values, under the sanitizers */
    tcase_add_test(tc, hostile_01_add_extreme_durations);
    tcase_add_test(tc, hostile_05_credits_past_int64);
    tcase_add_test(tc, hostile_07_deep_union_chain);
    tcase_add_test(tc, hostile_08_numbers_strtod_would_take);
    tcase_add_test(tc, hostile_12_error_positions);
    tcase_add_test(tc, hostile_13_cut_utf8);
    tcase_add_test(tc, hostile_15_many_firings);
    tcase_add_test(tc, hostile_16_calendar_budget);
    tcase_add_test(tc, calendar_count_limit);
    tcase_add_test(tc, byte_order_mark);
    tcase_add_test(tc, hostile_17_union_members);
    tcase_add_test(tc, hostile_18_many_condition_fields);
    tcase_add_test(tc, hostile_19_wide_tickets);
    tcase_add_test(tc, hostile_22_nul_and_lone_surrogates);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
