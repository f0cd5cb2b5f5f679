/* Calendar benchmark: ns per add and per between at spans from one hour to
 * five years, on a New York office calendar with US holidays and on a
 * follow-the-sun union of three zones; plus load time and memory.
 *
 *   bench_calendar [--quick] [EXAMPLES_DIR]
 *   bench_calendar --emit FILE [EXAMPLES_DIR]
 *
 * --quick runs tiny sizes (a smoke test for ctest); numbers then mean
 * nothing. Prints one Markdown table. --emit writes the New York workload
 * for the peer harnesses instead (tools/bench/peers): the holidays, and per
 * span the start instants with slate's add and between answers (and where
 * the add lands for a library that never returns a closing instant). */
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

/* Median over RUNS of the ns per call of add (which = 0), between (1),
 * add business days (2) or count them (3); for 2, amount is in days. */
static double time_op(workload *w, int which, long ops) {
    double samples[RUNS];
    for (int run = -1; run < RUNS; run++) { /* run -1 warms up */
        double t0 = now_ns();
        int64_t acc = 0;
        for (long i = 0; i < ops; i++) {
            slate_time u;
            slate_duration d;
            int32_t days = 0;
            if (which == 0) {
                slate_calendar_add(w->cal, w->starts[i % STARTS], w->amount, &u);
                acc += u;
            } else if (which == 1) {
                slate_calendar_between(w->cal, w->starts[i % STARTS], w->ends[i % STARTS], &d);
                acc += d;
            } else if (which == 2) {
                slate_calendar_add_business_days(w->cal, w->starts[i % STARTS], (int32_t)w->amount,
                                                 &u);
                acc += u;
            } else {
                slate_calendar_business_days(w->cal, w->starts[i % STARTS], w->ends[i % STARTS],
                                             &days);
                acc += days;
            }
        }
        sink = acc;
        if (run >= 0) samples[run] = (now_ns() - t0) / (double)ops;
    }
    qsort(samples, RUNS, sizeof samples[0], compare_double);
    return samples[RUNS / 2];
}

static const slate_calendar *load(slate_tzdb *db, const char *dir, const char *file,
                                  const char *name, slate_policy **keep, double *load_ms) {
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

#define PEER_STARTS 64

/* The peers' workload as JSON: weekdays the NY calendar is closed (its
 * holidays) in 2025-2036, and per span PEER_STARTS starts (the same
 * formula in every harness) with slate's answers. */
static int emit(const char *path, const slate_calendar *cal, const slate_duration *amounts,
                const char *const *labels, size_t spans) {
    FILE *f = fopen(path, "w");
    if (f == NULL) return 1;
    fputs("{\"zone\": \"America/New_York\", \"hours\": [\"09:00\", \"17:00\"], \"holidays\": [", f);
    int first = 1;
    for (int64_t day = slate_days_from_civil(2025, 1, 1); day < slate_days_from_civil(2037, 1, 1);
         day++) {
        int wd = slate_weekday(day);
        slate_time noon = day * 86400 + 17 * 3600; /* 12:00 or 13:00 in New York */
        slate_duration open = 0;
        slate_calendar_between(cal, noon - 6 * 3600, noon + 6 * 3600, &open);
        if (wd >= 1 && wd <= 5 && open == 0) {
            int32_t y;
            int m, d;
            slate_civil_from_days(day, &y, &m, &d);
            fprintf(f, "%s\"%04d-%02d-%02d\"", first ? "" : ", ", (int)y, m, d);
            first = 0;
        }
    }
    fputs("], \"spans\": [", f);
    for (size_t s = 0; s < spans; s++) {
        fprintf(f, "%s{\"label\": \"%s\", \"seconds\": %lld, \"cases\": [", s ? ", " : "",
                labels[s], (long long)amounts[s]);
        for (int i = 0; i < PEER_STARTS; i++) {
            slate_time start = 1767225600 + (slate_time)((i * 7919L) % 1460) * 86400 +
                               (i * 104729L) % 86400,
                       end, reopen;
            slate_duration back = 0;
            slate_calendar_add(cal, start, amounts[s], &end);
            slate_calendar_between(cal, start, end, &back);
            slate_calendar_next_open(
                cal, end, &reopen); /* where "the next business second" conventions land */
            fprintf(f, "%s[%lld, %lld, %lld, %lld]", i ? ", " : "", (long long)start,
                    (long long)end, (long long)back, (long long)reopen);
        }
        fputs("]}", f);
    }
    fputs("]}\n", f);
    return fclose(f) != 0;
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "--emit") == 0) {
        char path[1024];
        slate_policy *policy;
        slate_error err;
        snprintf(path, sizeof path, "%s/us-office.json", argc > 3 ? argv[3] : "examples/policies");
        if (slate_policy_from_file(NULL, path, &policy, &err) != SLATE_OK) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        static const slate_duration amounts[] = {3600,          8 * 3600,       5 * 8 * 3600,
                                                 30 * 8 * 3600, 250 * 8 * 3600, 1250 * 8 * 3600};
        static const char *const labels[] = {"1 hour",           "1 day (8 h)", "5 business days",
                                             "30 business days", "1 year",      "5 years"};
        int status = emit(argv[2], slate_policy_calendar(policy, "ny-office"), amounts, labels, 6);
        slate_policy_free(policy);
        return status;
    }
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    const char *dir = argc > 1 + quick ? argv[1 + quick] : "examples/policies";
    long ops = quick ? 1000 : 400000;
    slate_tzdb *db;
    if (slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) return 1;
    struct {
        const char *file, *name, *label;
    } cals[] = {
        {"us-office.json", "ny-office", "NY Mon-Fri 09-17, US holidays"},
        {"follow-the-sun.json", "follow-the-sun", "follow-the-sun union (3 zones)"},
    };
    struct {
        const char *label;
        slate_duration amount;
    } spans[] = {
        {"1 hour", 3600},
        {"1 day (8 h)", 8 * 3600},
        {"5 business days", 5 * 8 * 3600},
        {"30 business days", 30 * 8 * 3600},
        {"1 year", 250 * 8 * 3600},
        {"5 years", 1250 * 8 * 3600},
    };
    static const struct {
        const char *label;
        int32_t days;
    } day_spans[] = {{"1 business day", 1},
                     {"5 business days", 5},
                     {"30 business days", 30},
                     {"1 year (250 days)", 250},
                     {"5 years (1250 days)", 1250}};
    struct {
        const char *label;
        double add[5], count[5];
    } days_table[2];
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
        days_table[c].label = cals[c].label;
        for (size_t s = 0; s < sizeof day_spans / sizeof day_spans[0]; s++) {
            w->amount = day_spans[s].days;
            for (int i = 0; i < STARTS; i++) {
                w->starts[i] = base + (slate_time)(rand() % (4 * 365)) * 86400 + rand() % 86400;
                slate_calendar_add_business_days(w->cal, w->starts[i], day_spans[s].days,
                                                 &w->ends[i]);
            }
            days_table[c].add[s] = time_op(w, 2, ops);
            days_table[c].count[s] = time_op(w, 3, ops);
        }
        free(w);
        slate_policy_free(policy);
    }
    printf("\n| calendar (business days) | span | add-days ns | days ns |\n|---|---|---:|---:|\n");
    for (int c = 0; c < 2; c++)
        for (size_t s = 0; s < sizeof day_spans / sizeof day_spans[0]; s++)
            printf("| %s | %s | %.0f | %.0f |\n", days_table[c].label, day_spans[s].label,
                   days_table[c].add[s], days_table[c].count[s]);
    slate_tzdb_free(db);
    return 0;
}
