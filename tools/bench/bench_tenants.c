/* Multi-tenant benchmark: many small policies in one process, each a
 * tenant's office calendar (11 holidays in a zone with DST) and an SLA with
 * two targets. One figure per run, so that each has its own peak memory:
 *
 *   bench_tenants load N       load N distinct tenants into one database:
 *                              total ms, us per tenant, peak MiB
 *   bench_tenants same N       the same with N identical tenants (shared)
 *   bench_tenants year         one tenant, a year of queries around
 *                              2026-11: KiB the calendar holds after
 *   bench_tenants cold N       us for the first query into a window not
 *                              compiled yet, median over N fresh tenants
 *   bench_tenants one N        us to load one tenant, median of N loads
 *
 * Prints "name value" lines for tools/bench/compare.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slate.h"

static const char *const zones[] = {"America/New_York", "America/Chicago", "Europe/London",
                                    "Europe/Warsaw", "Australia/Sydney"};

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Tenant i's policy: US federal holidays, and a company day off that
 * differs per tenant unless `same`. */
static int tenant_text(char *buf, size_t cap, long i, int same) {
    long v = same ? 0 : i;
    return snprintf(
        buf, cap,
        "{\"calendars\": {\"office\": {\"timezone\": \"%s\", \"weekly\": {\"mon\": "
        "[\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": "
        "[\"09:00-17:00\"], \"fri\": [\"09:00-%02ld:00\"]}, \"closed\": ["
        "{\"yearly\": \"01-01\", \"observed\": true}, {\"nth\": 3, \"weekday\": \"mon\", "
        "\"month\": 1}, {\"nth\": 3, \"weekday\": \"mon\", \"month\": 2}, {\"nth\": -1, "
        "\"weekday\": \"mon\", \"month\": 5}, {\"yearly\": \"06-19\", \"observed\": true}, "
        "{\"yearly\": \"07-04\", \"observed\": true}, {\"nth\": 1, \"weekday\": \"mon\", "
        "\"month\": 9}, {\"nth\": 2, \"weekday\": \"mon\", \"month\": 10}, {\"yearly\": "
        "\"11-11\", \"observed\": true}, {\"nth\": 4, \"weekday\": \"thu\", \"month\": 11}, "
        "{\"yearly\": \"%02ld-%02ld\"}]}},"
        " \"slas\": [{\"id\": \"support\", \"calendar\": \"office\", \"targets\": ["
        "{\"name\": \"response\", \"durations\": {\"*\": \"PT4H\"}},"
        " {\"name\": \"resolution\", \"durations\": {\"*\": \"P2D\"}}]}]}",
        zones[v % 5], 15 + v / 5 % 3, 12 - v / 15 % 12, 1 + v / 180 % 28);
}

static slate_policy *load(slate_tzdb *db, long i, int same) {
    char text[4096];
    int n = tenant_text(text, sizeof text, i, same);
    slate_policy *p;
    slate_error err;
    if (slate_policy_from_json(db, text, (size_t)n, &p, &err) != SLATE_OK) {
        fprintf(stderr, "bench_tenants: %s\n", err.message);
        exit(1);
    }
    return p;
}

/* This process's peak resident memory: VmHWM, which starts afresh at exec
 * (getrusage's ru_maxrss keeps the peak of the process that started us). */
static double peak_mib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    if (f != NULL) fclose(f);
    return kib / 1024.0;
}

static int many(slate_tzdb *db, long n, int same) {
    slate_policy **all = malloc((size_t)n * sizeof *all);
    double t0 = now_us();
    for (long i = 0; i < n; i++)
        all[i] = load(db, i, same);
    double us = now_us() - t0;
    printf("tenants %ld\nload_ms %.1f\nus_per_tenant %.1f\npeak_mib %.1f\n", n, us / 1e3, us / n,
           peak_mib());
    for (long i = 0; i < n; i++)
        slate_policy_free(all[i]);
    free(all);
    return 0;
}

/* A year of queries around 2026-11: adds and betweens from random instants. */
static int year(slate_tzdb *db) {
    slate_policy *p = load(db, 7, 0);
    const slate_calendar *c = slate_policy_calendar(p, "office");
    size_t loaded = slate_calendar_memory(c);
    slate_time base = 1777593600; /* 2026-05-01 */
    srand(7);
    for (int i = 0; i < 100000; i++) {
        slate_time t = base + (slate_time)(rand() % 365) * 86400 + rand() % 86400, u;
        slate_duration d;
        slate_calendar_add(c, t, (rand() % 40 + 1) * 3600, &u);
        slate_calendar_between(c, t - 86400 * (rand() % 20), t, &d);
    }
    printf("loaded_kib %.1f\nyear_kib %.1f\n", loaded / 1024.0, slate_calendar_memory(c) / 1024.0);
    slate_policy_free(p);
    return 0;
}

static int timed(slate_tzdb *db, long n, int cold) {
    double *samples = malloc((size_t)n * sizeof *samples);
    for (long i = 0; i < n; i++) {
        double t0 = now_us();
        slate_policy *p = load(db, i, 0);
        if (cold) {
            slate_time u;
            t0 = now_us();
            slate_calendar_add(slate_policy_calendar(p, "office"), 1795000000, 4 * 3600, &u);
        }
        samples[i] = now_us() - t0;
        slate_policy_free(p);
    }
    qsort(samples, (size_t)n, sizeof *samples, compare_double);
    printf("%s %.1f\n", cold ? "cold_query_us" : "load_one_us", samples[n / 2]);
    free(samples);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_tenants load|same|year|cold|one [N]\n");
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 1000;
    slate_tzdb *db;
    if (n < 1 || slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) return 1;
    /* The zones come from disk once; every tenant after that finds them. */
    for (long i = 0; i < 5; i++)
        slate_policy_free(load(db, i, 0));
    int status = strcmp(argv[1], "load") == 0   ? many(db, n, 0)
                 : strcmp(argv[1], "same") == 0 ? many(db, n, 1)
                 : strcmp(argv[1], "year") == 0 ? year(db)
                 : strcmp(argv[1], "cold") == 0 ? timed(db, n, 1)
                 : strcmp(argv[1], "one") == 0  ? timed(db, n, 0)
                                                : 2;
    slate_tzdb_free(db);
    return status;
}
