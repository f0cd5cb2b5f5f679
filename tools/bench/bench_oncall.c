/* Who is on call, per call: a schedule of three layers (a weekly rotation
 * restricted to a desk's hours, a daily one, a backup) with N overrides,
 * asked at random instants over a year. Prints "overrides ns_per_who" per
 * size: the overrides are found by binary search, so their number should
 * barely show (docs/benchmarks.md, "On-call schedules").
 *   bench_oncall [--quick] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slate.h"

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The policy with n overrides of 4 hours, one every 9 hours from 2026. */
static char *policy_text(int n) {
    size_t cap = 4096 + (size_t)n * 160, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(
        s + len, cap - len,
        "{\"calendars\": {\"desk\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {"
        "\"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], "
        "\"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"]}}}, "
        "\"oncall\": {\"s\": {\"timezone\": \"Europe/Warsaw\", \"layers\": ["
        "{\"name\": \"weekly\", \"members\": [\"a\", \"b\", \"c\", \"d\"], \"rotation\": \"P1W\", "
        "\"handoff\": \"09:00\", "
        "\"start\": \"2026-01-05\", \"restrict\": \"desk\"}, "
        "{\"name\": \"daily\", \"members\": [\"e\", \"f\", \"g\"], \"rotation\": \"P1D\", "
        "\"handoff\": \"21:00\", "
        "\"start\": \"2026-01-01\"}, "
        "{\"name\": \"backup\", \"members\": [\"h\"], \"rotation\": \"P1W\", \"handoff\": "
        "\"00:00\", \"start\": \"2025-01-06\"}]");
    if (n > 0) len += (size_t)snprintf(s + len, cap - len, ", \"overrides\": [");
    for (int i = 0; i < n; i++) {
        slate_time from = 1767225600 + (slate_time)i * 9 * 3600;
        char a[SLATE_TIME_TEXT_MAX], b[SLATE_TIME_TEXT_MAX];
        slate_time_format(from, 0, a, sizeof a);
        slate_time_format(from + 4 * 3600, 0, b, sizeof b);
        len += (size_t)snprintf(s + len, cap - len,
                                "%s{\"member\": \"o%d\", \"from\": \"%s\", \"to\": \"%s\"}",
                                i ? ", " : "", i, a, b);
    }
    snprintf(s + len, cap - len, "%s}}}", n > 0 ? "]" : "");
    return s;
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    int sizes[] = {0, 10, 1000, 10000};
    int calls = quick ? 1000 : 2000000;
    slate_tzdb *db;
    if (slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) return 1;
    slate_time *at = malloc(sizeof *at * (size_t)calls);
    srand(7);
    for (int i = 0; i < calls; i++)
        at[i] =
            1767225600 + (slate_time)(((unsigned)rand() << 8 ^ (unsigned)rand()) % (365u * 86400));
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char *text = policy_text(sizes[k]);
        slate_policy *p;
        slate_error err;
        if (slate_policy_from_json(db, text, strlen(text), &p, &err) != SLATE_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const slate_schedule *s = slate_policy_schedule(p, "s");
        slate_oncall o;
        size_t sum = 0;
        for (int i = 0; i < calls; i++) /* warm: the desk calendar's windows */
            slate_schedule_who(s, at[i], &o);
        double t = now_ns();
        for (int i = 0; i < calls; i++) {
            slate_schedule_who(s, at[i], &o);
            sum += o.member != NULL ? (size_t)o.member[0] : 0;
        }
        double per = (now_ns() - t) / calls;
        printf("%d %.1f %zu\n", sizes[k], per, sum % 7);
        slate_policy_free(p);
        free(text);
    }
    free(at);
    slate_tzdb_free(db);
    return 0;
}
