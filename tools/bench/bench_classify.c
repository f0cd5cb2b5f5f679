/* Classification benchmark: a policy of 50 rules, 10 of them regular
 * expressions, over tickets of 12 fields; most tickets try every rule.
 *
 *   bench_classify [--quick]
 *
 * Prints classifications per second on one thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slate.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *patterns[10] = {"\\\\b(outage|down|offline)\\\\b",
                                   "^(re: )?urgent",
                                   "\\\\bvpn\\\\b.*(fail|error)",
                                   "disk (full|space)",
                                   "\\\\b(ransomware|phishing|malware)\\\\b",
                                   "password (reset|expired|locked)",
                                   "^\\\\[?test\\\\]?",
                                   "printer|toner|paper jam",
                                   "(headset|microphone) (broken|crackling|no sound)",
                                   "\\\\bsap\\\\b|\\\\boracle\\\\b"};

/* Writes a policy of 50 rules into buf; with keep_going every rule says
 * "continue" (each ticket tries all 50), else the first match wins. */
static void build_policy(char *buf, size_t cap, int keep_going) {
    const char *cont = keep_going ? ", \"continue\": true" : "";
    size_t n = (size_t)snprintf(buf, cap,
                                "{\"priorities\": {\"levels\": [\"P1\", \"P2\", \"P3\", \"P4\", "
                                "\"P5\"], \"default\": \"P4\","
                                "\"matrix\": {\"impact\": [\"high\", \"medium\", \"low\"], "
                                "\"urgency\": [\"high\", \"medium\", \"low\"],"
                                "\"table\": [[\"P1\", \"P2\", \"P3\"], [\"P2\", \"P3\", \"P4\"], "
                                "[\"P3\", \"P4\", \"P5\"]]}, \"rules\": [");
    for (int i = 0; i < 50; i++) {
        const char *sep = i ? ", " : "";
        if (i % 5 == 4)
            n += (size_t)snprintf(buf + n, cap - n,
                                  "%s{\"id\": \"re%d\", \"when\": {\"field\": \"summary\", "
                                  "\"matches\": \"%s\", \"ignore_case\": true}, \"raise\": 1%s}",
                                  sep, i, patterns[i / 5], cont);
        else if (i % 5 == 0)
            n += (size_t)snprintf(
                buf + n, cap - n,
                "%s{\"id\": \"in%d\", \"when\": {\"field\": \"category\", \"in\": [\"cat%d\", "
                "\"cat%d\", \"cat%d\"]}, \"set\": {\"impact\": \"medium\"}%s}",
                sep, i, i, i + 100, i + 200, cont);
        else if (i % 5 == 1)
            n += (size_t)snprintf(buf + n, cap - n,
                                  "%s{\"id\": \"num%d\", \"when\": {\"all\": [{\"field\": "
                                  "\"affected_users\", \"ge\": %d}, {\"field\": \"site\", "
                                  "\"equals\": \"site%d\"}]}, \"set\": {\"urgency\": \"high\"}%s}",
                                  sep, i, 100 + i, i, cont);
        else
            n += (size_t)snprintf(
                buf + n, cap - n,
                "%s{\"id\": \"eq%d\", \"when\": {\"any\": [{\"field\": \"customer.tier\", "
                "\"equals\": \"tier%d\"}, {\"not\": {\"field\": \"requester.email\", \"exists\": "
                "true}}]}, \"lower\": 1%s}",
                sep, i, i, cont);
    }
    snprintf(buf + n, cap - n, "]}}");
}

static const char *const tickets[4][12][2] = {
    {{"id", "INC-1"},
     {"summary", "VPN connection fails with error 809 after update"},
     {"category", "network"},
     {"impact", "medium"},
     {"urgency", "high"},
     {"affected_users", "12"},
     {"site", "site3"},
     {"customer.tier", "silver"},
     {"requester.email", "a@example.com"},
     {"status", "new"},
     {"channel", "email"},
     {"assignee", "l1-manila"}},
    {{"id", "INC-2"},
     {"summary", "Headset crackling on line 4 during calls"},
     {"category", "headset"},
     {"impact", "low"},
     {"urgency", "medium"},
     {"affected_users", "1"},
     {"site", "site7"},
     {"customer.tier", "gold"},
     {"requester.email", "b@example.com"},
     {"status", "new"},
     {"channel", "portal"},
     {"assignee", "l1-manila"}},
    {{"id", "INC-3"},
     {"summary", "Floor 3 network is down since 09:10"},
     {"category", "cat5"},
     {"impact", "high"},
     {"urgency", "high"},
     {"affected_users", "240"},
     {"site", "site6"},
     {"customer.tier", "platinum"},
     {"requester.email", "c@example.com"},
     {"status", "new"},
     {"channel", "phone"},
     {"assignee", "l2-pune"}},
    {{"id", "INC-4"},
     {"summary", "Please install Acrobat Reader on my laptop"},
     {"category", "software"},
     {"impact", "low"},
     {"urgency", "low"},
     {"affected_users", "1"},
     {"site", "site1"},
     {"customer.tier", "bronze"},
     {"requester.email", "d@example.com"},
     {"status", "new"},
     {"channel", "portal"},
     {"assignee", "l1-manila"}},
};

/* Runs one policy; prints a table row. */
static int run(const char *label, int keep_going, long rounds) {
    static char json[64 * 1024];
    build_policy(json, sizeof json, keep_going);
    slate_policy *policy;
    slate_classifier *c;
    slate_error err;
    if (slate_policy_from_json(NULL, json, strlen(json), &policy, &err) != SLATE_OK ||
        slate_classifier_new(policy, &c, &err) != SLATE_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    slate_field fields[4][12];
    for (int t = 0; t < 4; t++)
        for (int f = 0; f < 12; f++)
            fields[t][f] = (slate_field){tickets[t][f][0], tickets[t][f][1]};
    slate_classification r;
    long checksum = 0;
    for (long i = 0; i < rounds / 10; i++)
        slate_classify(c, fields[i % 4], 12, 0, &r, NULL); /* warm-up */
    double t0 = now_s();
    for (long i = 0; i < rounds; i++) {
        if (slate_classify(c, fields[i % 4], 12, 0, &r, NULL) != SLATE_OK) return 1;
        checksum += r.priority;
    }
    double elapsed = now_s() - t0;
    printf("| classification, 50 rules (10 regular expressions), 12 fields, %s | %.0f ns | %.2f "
           "million/s |\n",
           label, elapsed / rounds * 1e9, rounds / elapsed / 1e6);
    if (checksum < 0) puts("");
    slate_classifier_free(c);
    slate_policy_free(policy);
    return 0;
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    long rounds = quick ? 1000 : 1000000;
    return run("every rule tried (all continue)", 1, rounds) || run("first match wins", 0, rounds);
}
