/* Classification: every operator and action, rule order and continue, the
 * matrix, clamping, UTF-8, the match limit, the explanation trail, load
 * errors, tickets from JSON, and many threads sharing one policy. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static slate_policy *policy;
static slate_classifier *classifier;

#define HEAD                                                                                       \
    "{\"priorities\": {\"levels\": [\"P1\", \"P2\", \"P3\", \"P4\"], \"default\": \"P3\","         \
    "\"matrix\": {\"impact\": [\"high\", \"low\"], \"urgency\": [\"high\", \"low\"],"              \
    "\"table\": [[\"P1\", \"P2\"], [\"P2\", \"P4\"]]}, \"rules\": ["

static void load_rules(const char *rules) {
    char json[8192];
    slate_error err;
    snprintf(json, sizeof json, HEAD "%s]}}", rules);
    slate_classifier_free(classifier);
    slate_policy_free(policy);
    ck_assert_msg(slate_policy_from_json(NULL, json, strlen(json), &policy, &err) == SLATE_OK, "%s",
                  err.message);
    ck_assert_int_eq(slate_classifier_new(policy, &classifier, &err), SLATE_OK);
}

static void teardown(void) {
    slate_classifier_free(classifier);
    slate_policy_free(policy);
    classifier = NULL;
    policy = NULL;
}

/* Classifies fields given as "name=value" strings. */
static slate_classification classify(int explain, const char *const *pairs) {
    slate_field fields[16];
    static char storage[16][128];
    size_t n = 0;
    for (; pairs[n] != NULL; n++) {
        snprintf(storage[n], sizeof storage[n], "%s", pairs[n]);
        char *eq = strchr(storage[n], '=');
        *eq = '\0';
        fields[n] = (slate_field){storage[n], eq + 1};
    }
    slate_classification r;
    slate_error err;
    ck_assert_msg(slate_classify(classifier, fields, n, explain, &r, &err) == SLATE_OK, "%s",
                  err.message);
    return r;
}

#define PRIORITY(...) (classify(0, (const char *const[]){__VA_ARGS__, NULL}).priority_name)

START_TEST(operators) {
    load_rules("{\"id\": \"eq\", \"when\": {\"field\": \"a\", \"equals\": \"x\"}, \"set\": "
               "{\"priority\": \"P1\"}},"
               "{\"id\": \"ne\", \"when\": {\"field\": \"b\", \"not_equals\": \"x\"}, \"set\": "
               "{\"priority\": \"P2\"}},"
               "{\"id\": \"in\", \"when\": {\"field\": \"c\", \"in\": [\"x\", \"y\"]}, \"set\": "
               "{\"priority\": \"P1\"}},"
               "{\"id\": \"nin\", \"when\": {\"field\": \"d\", \"not_in\": [\"x\", \"y\"]}, "
               "\"set\": {\"priority\": \"P2\"}},"
               "{\"id\": \"ex\", \"when\": {\"field\": \"e\", \"exists\": true}, \"set\": "
               "{\"priority\": \"P1\"}},"
               "{\"id\": \"gt\", \"when\": {\"field\": \"n\", \"gt\": 10}, \"set\": {\"priority\": "
               "\"P1\"}},"
               "{\"id\": \"le\", \"when\": {\"field\": \"n\", \"le\": -2.5}, \"set\": "
               "{\"priority\": \"P2\"}},"
               "{\"id\": \"re\", \"when\": {\"field\": \"s\", \"matches\": \"^dis[ck] full\", "
               "\"ignore_case\": true}, \"set\": {\"priority\": \"P1\"}},"
               "{\"id\": \"utf\", \"when\": {\"field\": \"s\", \"matches\": "
               "\"^Zürich\\\\b|\\\\p{Devanagari}+\"}, \"set\": {\"priority\": \"P2\"}},"
               "{\"id\": \"nb\", \"when\": {\"field\": \"f\", \"exists\": false}, \"set\": "
               "{\"priority\": \"P4\"}}");
    ck_assert_str_eq(PRIORITY("a=x", "b=x", "d=x", "f=1"), "P1");
    ck_assert_str_eq(PRIORITY("a=X", "b=x", "d=x", "f=1"), "P3"); /* equals is exact */
    ck_assert_str_eq(PRIORITY("b=y", "d=x", "f=1"), "P2");
    ck_assert_str_eq(PRIORITY("d=x", "f=1"), "P2"); /* an absent b does not equal x */
    ck_assert_str_eq(PRIORITY("b=x", "d=y", "e=", "f=1"), "P1");
    ck_assert_str_eq(PRIORITY("b=x", "d=x", "n=11", "f=1"), "P1");
    ck_assert_str_eq(PRIORITY("b=x", "d=x", "s=Disk full", "f=1"), "P1");
    ck_assert_str_eq(PRIORITY("b=x", "d=x", "f=1"), "P3");
    ck_assert_str_eq(PRIORITY("b=x", "d=x"), "P4");
}
END_TEST

START_TEST(missing_fields_and_numbers) {
    load_rules("{\"id\": \"ne\", \"when\": {\"field\": \"b\", \"not_equals\": \"x\"}, \"set\": "
               "{\"priority\": \"P2\"}}");
    ck_assert_str_eq(PRIORITY("a=1"), "P2"); /* an absent field does not equal x */
    load_rules("{\"id\": \"nin\", \"when\": {\"field\": \"d\", \"not_in\": [\"x\"]}, \"set\": "
               "{\"priority\": \"P2\"}}");
    ck_assert_str_eq(PRIORITY("a=1"), "P2");
    ck_assert_str_eq(PRIORITY("d=x"), "P3");
    load_rules("{\"id\": \"in\", \"when\": {\"field\": \"c\", \"in\": [\"x\", \"y\"]}, \"set\": "
               "{\"priority\": \"P1\"}}");
    ck_assert_str_eq(PRIORITY("c=y"), "P1");
    ck_assert_str_eq(PRIORITY("c=z"), "P3");
    ck_assert_str_eq(PRIORITY("a=y"), "P3");
    load_rules("{\"id\": \"gt\", \"when\": {\"field\": \"n\", \"gt\": 10}, \"set\": {\"priority\": "
               "\"P1\"}},"
               "{\"id\": \"ge\", \"when\": {\"field\": \"n\", \"ge\": 10}, \"set\": {\"priority\": "
               "\"P2\"}},"
               "{\"id\": \"lt\", \"when\": {\"field\": \"n\", \"lt\": -2.5}, \"set\": "
               "{\"priority\": \"P4\"}},"
               "{\"id\": \"le\", \"when\": {\"field\": \"n\", \"le\": -2.5}, \"set\": "
               "{\"priority\": \"P3\"}}");
    ck_assert_str_eq(PRIORITY("n=11"), "P1");
    ck_assert_str_eq(PRIORITY("n=10"), "P2");
    ck_assert_str_eq(PRIORITY("n=1e1"), "P2");
    ck_assert_str_eq(PRIORITY("n=-3"), "P4");
    ck_assert_str_eq(PRIORITY("n=-2.5"), "P3");
    ck_assert_str_eq(classify(0, (const char *const[]){"n=ten", NULL}).decided_by,
                     "default"); /* not a number */
    ck_assert_str_eq(classify(0, (const char *const[]){"n=", NULL}).decided_by, "default");
    load_rules("{\"id\": \"ex\", \"when\": {\"field\": \"e\", \"exists\": true}, \"set\": "
               "{\"priority\": \"P1\"}},"
               "{\"id\": \"nx\", \"when\": {\"field\": \"f\", \"exists\": false}, \"set\": "
               "{\"priority\": \"P4\"}}");
    ck_assert_str_eq(PRIORITY("e="), "P1"); /* present, even empty */
    ck_assert_str_eq(PRIORITY("a=1"), "P4");
    ck_assert_str_eq(PRIORITY("f=1"), "P3");
}
END_TEST

START_TEST(patterns_and_utf8) {
    load_rules("{\"id\": \"re\", \"when\": {\"field\": \"s\", \"matches\": \"^dis[ck] full\", "
               "\"ignore_case\": true}, \"set\": {\"priority\": \"P1\"}},"
               "{\"id\": \"utf\", \"when\": {\"field\": \"s\", \"matches\": "
               "\"^Zürich\\\\b|\\\\p{Devanagari}+\"}, \"set\": {\"priority\": \"P2\"}},"
               "{\"id\": \"cs\", \"when\": {\"field\": \"s\", \"matches\": \"Printer\"}, \"set\": "
               "{\"priority\": \"P4\"}}");
    ck_assert_str_eq(PRIORITY("s=DISK FULL on /var"), "P1");
    ck_assert_str_eq(PRIORITY("s=Zürich office"), "P2");
    ck_assert_str_eq(PRIORITY("s=सर्वर बंद"), "P2");
    ck_assert_str_eq(PRIORITY("s=printer jam"), "P3"); /* case-sensitive without ignore_case */
    ck_assert_str_eq(PRIORITY("s=Printer jam"), "P4");
    /* A value that is not UTF-8 is an error for that call. */
    slate_field bad = {"s", "\xff\xfe"};
    slate_classification r;
    slate_error err;
    ck_assert_int_eq(slate_classify(classifier, &bad, 1, 0, &r, &err), SLATE_EINVAL);
    ck_assert(strstr(err.message, "rule \"re\"") != NULL);
}
END_TEST

/* "\b" in a JSON string is a backspace, not a regex word boundary: the
 * policy loads (the pattern is valid) with a warning at the pattern, and
 * the rule indeed matches only a backspace. "\\b" is the boundary. A
 * policy with no section at all loads with a warning too. */
START_TEST(policy_warnings_for_likely_mistakes) {
    load_rules("{\"id\": \"bs\", \"when\": {\"field\": \"s\", \"matches\": "
               "\"\\b(outage|down)\\b\"}, \"set\": {\"priority\": \"P1\"}},"
               "{\"id\": \"wb\", \"when\": {\"field\": \"s\", \"matches\": "
               "\"\\\\b(printer)\\\\b\"}, \"set\": {\"priority\": \"P2\"}}");
    ck_assert_uint_eq(slate_policy_warning_count(policy), 1);
    const slate_error *w = slate_policy_warning(policy, 0);
    ck_assert_str_eq(w->pointer, "/priorities/rules/0/when/matches");
    ck_assert_int_eq(w->line, 1);
    ck_assert(strstr(w->message, "the pattern holds a backspace (\"\\b\" in JSON is U+0008), "
                                 "which matches only that character; for a word boundary write "
                                 "\"\\\\b\"") != NULL);
    ck_assert_str_eq(PRIORITY("s=network down"), "P3");
    ck_assert_str_eq(PRIORITY("s=\bdown\b"), "P1");
    ck_assert_str_eq(PRIORITY("s=printer jam"), "P2");
    slate_policy *empty;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_json(NULL, "{}", 2, &empty, &err), SLATE_OK);
    ck_assert_uint_eq(slate_policy_warning_count(empty), 1);
    ck_assert_str_eq(slate_policy_warning(empty, 0)->message,
                     "line 1, column 1: the policy defines nothing: no calendars, priorities, "
                     "slas, escalations or contracts (at /)");
    slate_policy_free(empty);
}
END_TEST

START_TEST(match_limit) {
    load_rules("{\"id\": \"evil\", \"when\": {\"field\": \"s\", \"matches\": \"^(a+)+$\"}, "
               "\"set\": {\"priority\": \"P1\"}}");
    slate_field f = {"s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"};
    slate_classification r;
    slate_error err;
    ck_assert_int_eq(slate_classify(classifier, &f, 1, 0, &r, &err), SLATE_ELIMIT);
    ck_assert_msg(strstr(err.message, "rule \"evil\": /^(a+)+$/ on field s: ") != NULL, "%s",
                  err.message);
    ck_assert_str_eq(err.pointer, "/priorities/rules/0/when");
    /* The classifier stays usable. */
    ck_assert_str_eq(PRIORITY("s=aaa"), "P1");
}
END_TEST

START_TEST(actions_order_and_continue) {
    load_rules(
        "{\"id\": \"vip\", \"when\": {\"field\": \"vip\", \"equals\": true}, \"raise\": 1, "
        "\"continue\": true},"
        "{\"id\": \"major\", \"when\": {\"field\": \"kind\", \"equals\": \"major\"}, \"set\": "
        "{\"impact\": \"high\", \"urgency\": \"high\"}},"
        "{\"id\": \"minor\", \"when\": {\"field\": \"kind\", \"equals\": \"minor\"}, \"set\": "
        "{\"priority\": \"P4\"}},"
        "{\"id\": \"never\", \"when\": {\"field\": \"kind\", \"equals\": \"minor\"}, \"set\": "
        "{\"priority\": \"P1\"}},"
        "{\"id\": \"test\", \"when\": {\"field\": \"kind\", \"equals\": \"test\"}, \"lower\": 3}");
    /* Matrix from the ticket's own fields. */
    slate_classification r = classify(0, (const char *const[]){"impact=low", "urgency=high", NULL});
    ck_assert_str_eq(r.priority_name, "P2");
    ck_assert_str_eq(r.decided_by, "matrix");
    ck_assert_str_eq(r.impact_name, "low");
    ck_assert_int_eq(r.fired_count, 0);
    /* A rule sets impact and urgency; the matrix decides; vip raises by one, clamped at P1. */
    r = classify(0, (const char *const[]){"kind=major", "vip=true", NULL});
    ck_assert_str_eq(r.priority_name, "P1");
    ck_assert_int_eq(r.fired_count, 2);
    ck_assert_str_eq(r.fired[0], "vip");
    ck_assert_str_eq(r.fired[1], "major");
    /* First match wins: "never" is not reached. */
    r = classify(0, (const char *const[]){"kind=minor", NULL});
    ck_assert_str_eq(r.priority_name, "P4");
    ck_assert_int_eq(r.fired_count, 1);
    r = classify(0, (const char *const[]){"kind=minor", "vip=true", NULL});
    ck_assert_str_eq(r.priority_name, "P3");
    /* Lower by 3 from the default P3 clamps at P4. */
    r = classify(0, (const char *const[]){"kind=test", NULL});
    ck_assert_str_eq(r.priority_name, "P4");
    ck_assert_int_eq(r.priority, 3);
    /* Unknown matrix values fall back to the default. */
    r = classify(0, (const char *const[]){"impact=huge", "urgency=high", NULL});
    ck_assert_str_eq(r.decided_by, "default");
    ck_assert_ptr_null(r.impact_name);
    ck_assert_int_eq(r.urgency, 0);
}
END_TEST

START_TEST(groups_and_trail) {
    load_rules("{\"id\": \"g\", \"when\": {\"all\": [{\"field\": \"a\", \"equals\": \"1\"},"
               "{\"any\": [{\"field\": \"b\", \"equals\": \"1\"}, {\"not\": {\"field\": \"c\", "
               "\"exists\": true}}]}]},"
               "\"set\": {\"priority\": \"P1\"}},"
               "{\"id\": \"always\", \"set\": {\"priority\": \"P4\"}}");
    ck_assert_str_eq(PRIORITY("a=1", "b=1", "c=1"), "P1");
    ck_assert_str_eq(PRIORITY("a=1", "b=0"), "P1");
    ck_assert_str_eq(PRIORITY("a=1", "b=0", "c=1"), "P4");
    slate_classification r = classify(1, (const char *const[]){"a=2", "b=1", NULL});
    ck_assert_int_eq(r.trail_count, 2);
    ck_assert_str_eq(r.trail[0].rule, "g");
    ck_assert_int_eq(r.trail[0].matched, 0);
    ck_assert_str_eq(r.trail[0].reason, "a equals \"1\": no (value \"2\")");
    ck_assert_str_eq(r.trail[1].reason, "no condition: always applies");
    r = classify(1, (const char *const[]){"a=1", "b=0", NULL});
    ck_assert_int_eq(r.trail_count, 1);
    ck_assert_str_eq(r.trail[0].reason, "all of 2 conditions hold");
    r = classify(0, (const char *const[]){"a=1", "b=0", NULL});
    ck_assert_int_eq(r.trail_count, 0);
}
END_TEST

START_TEST(no_priorities) {
    const char *json = "{\"calendars\": {\"a\": \"24x7\"}}";
    slate_policy *p;
    slate_classifier *c = (slate_classifier *)1;
    slate_error err;
    ck_assert_int_eq(slate_policy_from_json(NULL, json, strlen(json), &p, &err), SLATE_OK);
    ck_assert_int_eq(slate_classifier_new(p, &c, &err), SLATE_ENOENT);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(slate_policy_priority_count(p), 0);
    ck_assert_ptr_null(slate_policy_priority_name(p, 0));
    slate_policy_free(p);
}
END_TEST

START_TEST(tickets_from_json) {
    const char *json =
        "{\"id\": \"INC-1\", \"n\": 1.50, \"big\": 12345678901234567890, \"ok\": true,"
        " \"gone\": null, \"customer\": {\"tier\": \"gold\", \"site\": {\"floor\": 7}}}";
    slate_ticket *t;
    slate_error err;
    size_t n;
    ck_assert_int_eq(slate_ticket_from_json(json, strlen(json), &t, &err), SLATE_OK);
    const slate_field *f = slate_ticket_fields(t, &n);
    const char *want[][2] = {{"id", "INC-1"},
                             {"n", "1.50"},
                             {"big", "12345678901234567890"},
                             {"ok", "true"},
                             {"customer.tier", "gold"},
                             {"customer.site.floor", "7"}};
    ck_assert_uint_eq(n, 6);
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(f[i].name, want[i][0]);
        ck_assert_str_eq(f[i].value, want[i][1]);
    }
    slate_ticket_free(t);
    const char *arrays = "{\"id\": 1,\n \"tags\": [\"a\"]}";
    ck_assert_int_eq(slate_ticket_from_json(arrays, strlen(arrays), &t, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.pointer, "/tags");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 10);
    ck_assert_int_eq(slate_ticket_from_json("[1]", 3, &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(slate_ticket_from_json("{\"a\": 1, \"a\": 2}", 16, &t, &err), SLATE_EPARSE);
    ck_assert(strstr(err.message, "duplicate key") != NULL);
    ck_assert_int_eq(slate_ticket_from_json("{\"a\": }", 7, &t, &err), SLATE_EPARSE);
    ck_assert_int_eq(err.column, 7);
    /* An empty key as the very first text read (found by fuzz_ticket). */
    ck_assert_int_eq(slate_ticket_from_json("{\"\":\"i cyme\"}", 13, &t, &err), SLATE_OK);
    f = slate_ticket_fields(t, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(f[0].name, "");
    ck_assert_str_eq(f[0].value, "i cyme");
    slate_ticket_free(t);
    /* Escapes, surrogate pairs, and a lone surrogate or NUL refused. */
    const char *escaped = "{\"e\": \"a\\n\\u00fc\\ud83d\\ude00\\\"\"}";
    ck_assert_int_eq(slate_ticket_from_json(escaped, strlen(escaped), &t, &err), SLATE_OK);
    f = slate_ticket_fields(t, &n);
    ck_assert_str_eq(f[0].value, "a\n\xc3\xbc\xf0\x9f\x98\x80\"");
    slate_ticket_free(t);
    const char *lone = "{\"e\": \"\\ud83d\"}", *nul = "{\"e\": \"\\u0000\"}";
    ck_assert_int_eq(slate_ticket_from_json(lone, strlen(lone), &t, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.message,
                     "line 1, column 8: a \\u escape names half of a surrogate pair (at /e)");
    ck_assert_int_eq(slate_ticket_from_json(nul, strlen(nul), &t, &err), SLATE_EPARSE);
    ck_assert_str_eq(err.message, "line 1, column 8: \\u0000 (a NUL) in a string (at /e)");
    slate_ticket_free(NULL);
}
END_TEST

/* Threads: each its own classifier, all one policy, same answers. */
typedef struct worker {
    const slate_policy *p;
    char answers[64][8];
    int failures;
} worker;

static const char *const thread_tickets[8][3] = {{"kind=major", "vip=true", NULL},
                                                 {"kind=minor", NULL, NULL},
                                                 {"impact=low", "urgency=high", NULL},
                                                 {"kind=test", NULL, NULL},
                                                 {"s=DISK full", NULL, NULL},
                                                 {"impact=high", "urgency=low", NULL},
                                                 {"vip=true", NULL, NULL},
                                                 {"x=y", NULL, NULL}};

static void classify_all(slate_classifier *c, char answers[64][8], int *failures) {
    for (int round = 0; round < 8; round++)
        for (int i = 0; i < 8; i++) {
            slate_field fields[2];
            char buf[2][64];
            size_t n = 0;
            for (; n < 2 && thread_tickets[i][n] != NULL; n++) {
                snprintf(buf[n], sizeof buf[n], "%s", thread_tickets[i][n]);
                char *eq = strchr(buf[n], '=');
                *eq = '\0';
                fields[n] = (slate_field){buf[n], eq + 1};
            }
            slate_classification r;
            if (slate_classify(c, fields, n, 1, &r, NULL) != SLATE_OK)
                (*failures)++;
            else
                snprintf(answers[round * 8 + i], 8, "%s", r.priority_name);
        }
}

static void *work(void *arg) {
    worker *w = arg;
    slate_classifier *c;
    if (slate_classifier_new(w->p, &c, NULL) != SLATE_OK) {
        w->failures++;
        return NULL;
    }
    classify_all(c, w->answers, &w->failures);
    slate_classifier_free(c);
    return NULL;
}

START_TEST(threads_share_a_policy) {
    load_rules(
        "{\"id\": \"vip\", \"when\": {\"field\": \"vip\", \"equals\": true}, \"raise\": 1, "
        "\"continue\": true},"
        "{\"id\": \"major\", \"when\": {\"field\": \"kind\", \"equals\": \"major\"}, \"set\": "
        "{\"impact\": \"high\", \"urgency\": \"high\"}},"
        "{\"id\": \"disk\", \"when\": {\"field\": \"s\", \"matches\": \"disk\", \"ignore_case\": "
        "true}, \"set\": {\"priority\": \"P2\"}},"
        "{\"id\": \"minor\", \"when\": {\"field\": \"kind\", \"equals\": \"minor\"}, \"set\": "
        "{\"priority\": \"P4\"}},"
        "{\"id\": \"test\", \"when\": {\"field\": \"kind\", \"equals\": \"test\"}, \"lower\": 3}");
    worker single = {policy, {{0}}, 0};
    classify_all(classifier, single.answers, &single.failures);
    pthread_t threads[8];
    worker *workers = calloc(8, sizeof *workers);
    for (int i = 0; i < 8; i++) {
        workers[i].p = policy;
        ck_assert_int_eq(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
    }
    for (int i = 0; i < 8; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < 8; i++) {
        ck_assert_int_eq(workers[i].failures, 0);
        ck_assert(memcmp(workers[i].answers, single.answers, sizeof single.answers) == 0);
    }
    ck_assert_str_eq(single.answers[0], "P1");
    ck_assert_str_eq(single.answers[4], "P2");
    free(workers);
}
END_TEST

int main(void) {
    Suite *s = suite_create("classify");
    TCase *tc = tcase_create("classify");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, operators);
    tcase_add_test(tc, missing_fields_and_numbers);
    tcase_add_test(tc, patterns_and_utf8);
    tcase_add_test(tc, policy_warnings_for_likely_mistakes);
    tcase_add_test(tc, match_limit);
    tcase_add_test(tc, actions_order_and_continue);
    tcase_add_test(tc, groups_and_trail);
    tcase_add_test(tc, no_priorities);
    tcase_add_test(tc, tickets_from_json);
    tcase_add_test(tc, threads_share_a_policy);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
