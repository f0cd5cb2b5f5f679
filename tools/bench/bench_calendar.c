/* Calendar benchmark: ns per add and per between at spans from one hour to
 * five years, on a New York office calendar with US holidays and on a
 * follow-the-sun union of three zones; plus load time and memory.
 *
 *   bench_calendar [--quick] [EXAMPLES_DIR]
 *
 * --quick runs tiny sizes (a smoke test for ctest); numbers then mean
 * nothing. Prints one Markdown table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slate.h"

#define RUNS 5
#define STARTS 4096

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct workload {
    const slate_calendar *cal;
    slate_time starts[STARTS];
    slate_time ends[STARTS];
    slate_duration amount;
} workload;

static volatile int64_t sink;

/* Median over RUNS of the ns per call of add (which = 0) or between (1). */
static double time_op(workload *w, int which, long ops) {
    double samples[RUNS];
    for (int run = -1; run < RUNS; run++) { /* run -1 warms up */
        double t0 = now_ns();
        int64_t acc = 0;
        for (long i = 0; i < ops; i++) {
            slate_time u;
            slate_duration d;
            if (which == 0) {
                slate_calendar_add(w->cal, w->starts[i % STARTS], w->amount, &u);
                acc += u;
            } else {
                slate_calendar_between(w->cal, w->starts[i % STARTS], w->ends[i % STARTS], &d);
                acc += d;
            }
        }
        sink = acc;
        if (run >= 0) samples[run] = (now_ns() - t0) / (double)ops;
    }
    qsort(samples, RUNS, sizeof samples[0], compare_double);
    return samples[RUNS / 2];
}

static const slate_calendar *load(slate_tzdb *db, const char *dir, const char *file, const char *name,
                                  slate_policy **keep, double *load_ms) {
    char path[1024];
    slate_error err;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    double t0 = now_ns();
    if (slate_policy_from_file(db, path, keep, &err) != SLATE_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    *load_ms = (now_ns() - t0) / 1e6;
    return slate_policy_calendar(*keep, name);
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    const char *dir = argc > 1 + quick ? argv[1 + quick] : "examples/policies";
    long ops = quick ? 1000 : 400000;
    slate_tzdb *db;
    if (slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) return 1;
    struct { const char *file, *name, *label; } cals[] = {
        {"us-office.json", "ny-office", "NY Mon-Fri 09-17, US holidays"},
        {"follow-the-sun.json", "follow-the-sun", "follow-the-sun union (3 zones)"},
    };
    struct { const char *label; slate_duration amount; } spans[] = {
        {"1 hour", 3600},           {"1 day (8 h)", 8 * 3600},      {"5 business days", 5 * 8 * 3600},
        {"30 business days", 30 * 8 * 3600}, {"1 year", 250 * 8 * 3600}, {"5 years", 1250 * 8 * 3600},
    };
    printf("| calendar | span | add ns | between ns |\n|---|---|---:|---:|\n");
    srand(42);
    for (size_t c = 0; c < sizeof cals / sizeof cals[0]; c++) {
        slate_policy *policy;
        double load_ms;
        workload *w = calloc(1, sizeof *w);
        w->cal = load(db, dir, cals[c].file, cals[c].name, &policy, &load_ms);
        slate_time base;
        slate_time_parse("2026-01-01T00:00:00Z", &base, NULL);
        for (size_t s = 0; s < sizeof spans / sizeof spans[0]; s++) {
            w->amount = spans[s].amount;
            for (int i = 0; i < STARTS; i++) {
                w->starts[i] = base + (slate_time)(rand() % (4 * 365)) * 86400 + rand() % 86400;
                slate_calendar_add(w->cal, w->starts[i], w->amount, &w->ends[i]);
            }
            printf("| %s | %s | %.0f | %.0f |\n", cals[c].label, spans[s].label, time_op(w, 0, ops),
                   time_op(w, 1, ops));
        }
        printf("| %s | load %.1f ms, %zu KiB compiled | | |\n", cals[c].label, load_ms,
               slate_calendar_memory(w->cal) / 1024);
        free(w);
        slate_policy_free(policy);
    }
    slate_tzdb_free(db);
    return 0;
}
