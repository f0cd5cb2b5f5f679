/* SLA replay benchmark: 8-event ticket histories replayed against the ITSM
 * example policy (two SLAs, three targets, classification on each event).
 *
 *   bench_replay [--quick] [--following] [EXAMPLES_DIR]
 *
 * --following: the tickets also carry a requester's zone (one of four), an
 * assignment group that changes once, and an opening time, for a policy
 * whose SLAs follow them (tools/bench/compare.py writes it).
 * Prints tickets per second on one thread: the median of five runs after a
 * warm-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slate.h"

#define RUNS 5 /* the median of five runs is reported */

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int quick = 0, following = 0, arg = 1;
    for (; arg < argc && argv[arg][0] == '-'; arg++) {
        quick |= strcmp(argv[arg], "--quick") == 0;
        following |= strcmp(argv[arg], "--following") == 0;
    }
    const char *dir = arg < argc ? argv[arg] : "examples/policies";
    long rounds = quick ? 100 : 200000;
    char path[1024];
    snprintf(path, sizeof path, "%s/itsm-desk.json", dir);
    slate_policy *policy;
    slate_clock *clock;
    slate_error err;
    if (slate_policy_from_file(NULL, path, &policy, &err) != SLATE_OK ||
        slate_clock_new(policy, &clock, &err) != SLATE_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    static const char *const zones[] = {"Europe/Warsaw", "Asia/Kolkata", "America/Chicago",
                                        "Asia/Manila"};
    slate_field created[] = {{"summary", "VPN fails with error 809"},
                             {"category", "network"},
                             {"status", "new"},
                             {"requester.email", "a@example.com"},
                             {"type", "incident"},
                             {"requester.timezone", zones[0]},
                             {"assignment_group", "L1"},
                             {"opened_at", "2026-03-06T09:00:00Z"}};
    const slate_field progress[] = {{"status", "in_progress"}};
    const slate_field handed_over[] = {{"status", "in_progress"}, {"assignment_group", "L2"}};
    const slate_field pending[] = {{"status", "pending_customer"}};
    const slate_field resolved[] = {{"status", "resolved"}};
    const slate_field reopened[] = {{"status", "in_progress"}, {"priority", "P2"}};
    slate_event events[8] = {
        {0, "created", created, following ? 8 : 5},
        {900, "agent_comment", progress, 1},
        {3600, "agent_comment", pending, 1},
        {90000, "requester_comment", following ? handed_over : progress, following ? 2 : 1},
        {95000, NULL, resolved, 1},
        {180000, "requester_comment", reopened, 2},
        {190000, "agent_comment", progress, 1},
        {200000, NULL, resolved, 1}};
    slate_time base = 1772791200; /* 2026-03-06T10:00:00Z */
    long checksum = 0;
    double runs[RUNS];
    for (int run = -1; run < RUNS; run++) { /* run -1 warms up */
        double t0 = now_s();
        for (long i = 0; i < rounds; i++) {
            slate_time offset = base + (i % 1000) * 3607;
            slate_clock_reset(clock);
            created[5].value = zones[i % 4];
            for (int k = 0; k < 8; k++) {
                slate_event e = events[k];
                e.at += offset;
                if (slate_clock_apply(clock, &e, &err) != SLATE_OK) {
                    fprintf(stderr, "bench: %s\n", err.message);
                    return 1;
                }
            }
            const slate_sla_result *r;
            size_t n;
            slate_clock_results(clock, offset + 250000, &r, &n, NULL);
            checksum += r[0].elapsed;
        }
        if (run >= 0) runs[run] = now_s() - t0;
    }
    qsort(runs, RUNS, sizeof *runs, by_value);
    double elapsed = runs[RUNS / 2];
    printf("| SLA replay, 8-event histories, 3 targets, classified priority | %.0f ns | %.2f "
           "million/s |\n",
           elapsed / rounds * 1e9, rounds / elapsed / 1e6);
    if (checksum < 0) puts("");
    slate_clock_free(clock);
    slate_policy_free(policy);
    return 0;
}
