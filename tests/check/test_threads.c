/* Threads: eight threads share one time zone database (whose zones they
 * load concurrently on first use) and one policy, and each converts,
 * computes due times, classifies and replays SLA clocks at once; they
 * compile the same cold calendar windows (and business-day index) at
 * once; they load and free
 * policies that share calendars. Their answers must equal a
 * single-threaded run. Built under ThreadSanitizer in CI
 * (-DSLATE_SANITIZE_THREAD=ON). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#define THREADS 8
#define ROUNDS 40

static const char *const zone_names[] = {
    "Asia/Manila",         "Asia/Kolkata", "Europe/Warsaw",     "America/Chicago",
    "Australia/Lord_Howe", "Pacific/Apia", "Africa/Casablanca", "Europe/Dublin"};

typedef struct job {
    slate_tzdb *db;
    const slate_policy *policy;
    int64_t answers[ROUNDS][4];
    int failures;
} job;

static void work_once(job *j, int round, slate_classifier *cl, slate_clock *clock) {
    const slate_zone *z;
    slate_civil c;
    slate_time t = 1772955000 + (slate_time)round * 86413, due;
    int64_t *out = j->answers[round];
    if (slate_tzdb_zone(j->db, zone_names[(round + (int)(t % 3)) % 8], &z, NULL) != SLATE_OK ||
        slate_zone_to_civil(z, t, &c) != SLATE_OK) {
        j->failures++;
        return;
    }
    out[0] = c.hour * 60 + c.minute;
    const slate_calendar *cal = slate_policy_calendar(j->policy, "desk");
    if (slate_calendar_add(cal, t, 9 * 3600 + round * 60, &due) != SLATE_OK) j->failures++;
    out[1] = due;
    slate_field f[3] = {{"summary", round % 2 ? "Floor 7 network down" : "Headset crackling"},
                        {"category", round % 3 ? "network" : "headset"},
                        {"location", "Floor 7"}};
    slate_classification r;
    if (slate_classify(cl, f, 3, 1, &r, NULL) != SLATE_OK) j->failures++;
    out[2] = r.priority;
    slate_field s1[2] = {{"status", "new"}, {"summary", "VPN down"}},
                s2[1] = {{"status", "pending_customer"}};
    slate_event e[2] = {{t, "created", s1, 2}, {t + 5000, "agent_comment", s2, 1}};
    slate_clock_reset(clock);
    for (int i = 0; i < 2; i++)
        if (slate_clock_apply(clock, &e[i], NULL) != SLATE_OK) j->failures++;
    const slate_sla_result *res;
    size_t n;
    if (slate_clock_results(clock, t + 90000, &res, &n, NULL) != SLATE_OK) j->failures++;
    out[3] = res[0].elapsed * 10 + res[1].state;
}

static void *work(void *arg) {
    job *j = arg;
    slate_classifier *cl;
    slate_clock *clock;
    if (slate_classifier_new(j->policy, &cl, NULL) != SLATE_OK ||
        slate_clock_new(j->policy, &clock, NULL) != SLATE_OK) {
        j->failures++;
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++)
        work_once(j, round, cl, clock);
    slate_clock_free(clock);
    slate_classifier_free(cl);
    return NULL;
}

START_TEST(shared_database_and_policy) {
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/policies/itsm-desk.json",
             getenv("SLATE_SOURCE_DIR") ? getenv("SLATE_SOURCE_DIR") : ".");
    slate_tzdb *db;
    slate_policy *policy;
    slate_error err;
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, NULL), SLATE_OK);
    ck_assert_msg(slate_policy_from_file(db, path, &policy, &err) == SLATE_OK, "%s", err.message);
    static job single, jobs[THREADS];
    single = (job){db, policy, {{0}}, 0};
    work(&single);
    ck_assert_int_eq(single.failures, 0);
    /* A fresh database for the threads, so that zones load concurrently. */
    slate_tzdb *shared;
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &shared, NULL), SLATE_OK);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){shared, policy, {{0}}, 0};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, work, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(jobs[i].failures, 0);
        ck_assert(memcmp(jobs[i].answers, single.answers, sizeof single.answers) == 0);
    }
    slate_tzdb_free(shared);
    slate_policy_free(policy);
    slate_tzdb_free(db);
}
END_TEST

/* An SLA whose calendar is read in the requester's zone: the first
 * tickets of each zone make the calendar's instance for it, from any
 * thread. */
static const char zoned_policy[] =
    "{\"calendars\": {\"office\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"09:00-17:00\"],"
    " \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"],"
    " \"fri\": [\"09:00-17:00\"]}}},"
    " \"slas\": [{\"id\": \"care\", \"calendar\": \"office\", \"timezone\": {\"field\": \"tz\"},"
    " \"targets\": [{\"name\": \"fix\", \"durations\": {\"*\": {\"by\": \"16:00\", "
    "\"business_days\": 1}}}]}]}";

typedef struct zoned_job {
    const slate_policy *policy;
    int64_t due[ROUNDS];
    int failures;
} zoned_job;

static void *zoned_work(void *arg) {
    zoned_job *j = arg;
    slate_clock *clock;
    if (slate_clock_new(j->policy, &clock, NULL) != SLATE_OK) {
        j->failures++;
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++) {
        /* Every thread takes the zones in the same order: they race to make each instance. */
        slate_field f = {"tz", zone_names[round % 8]};
        slate_event e = {1772955000 + (slate_time)round * 86413, "created", &f, 1};
        const slate_sla_result *res;
        size_t n;
        slate_clock_reset(clock);
        if (slate_clock_apply(clock, &e, NULL) != SLATE_OK ||
            slate_clock_results(clock, e.at, &res, &n, NULL) != SLATE_OK || !res[0].has_due)
            j->failures++;
        else
            j->due[round] = res[0].due;
    }
    slate_clock_free(clock);
    return NULL;
}

START_TEST(zone_instances_made_at_once) {
    slate_policy *single, *shared;
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, zoned_policy, sizeof zoned_policy - 1, &single,
                                         &err) == SLATE_OK,
                  "%s", err.message);
    ck_assert_int_eq(
        slate_policy_from_json(NULL, zoned_policy, sizeof zoned_policy - 1, &shared, NULL),
        SLATE_OK);
    static zoned_job alone, jobs[THREADS];
    alone = (zoned_job){single, {0}, 0};
    zoned_work(&alone);
    ck_assert_int_eq(alone.failures, 0);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (zoned_job){shared, {0}, 0};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, zoned_work, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(jobs[i].failures, 0);
        ck_assert(memcmp(jobs[i].due, alone.due, sizeof alone.due) == 0);
    }
    slate_policy_free(shared);
    slate_policy_free(single);
}
END_TEST

static const char small_policy[] =
    "{\"calendars\": {\"a\": {\"timezone\": \"Asia/Kolkata\", \"weekly\": {\"mon\": "
    "[\"09:00-17:00\"]}}},"
    " \"priorities\": {\"levels\": [\"P1\", \"P2\"], \"default\": \"P2\", \"rules\": [{\"id\": "
    "\"r\","
    " \"when\": {\"field\": \"s\", \"matches\": \"down\"}, \"set\": {\"priority\": \"P1\"}}]}}";

static void *load_many(void *arg) {
    int *failures = arg;
    for (int i = 0; i < 20; i++) {
        slate_policy *p;
        if (slate_policy_from_json(NULL, small_policy, sizeof small_policy - 1, &p, NULL) !=
            SLATE_OK)
            (*failures)++;
        slate_policy_free(p);
        if (slate_policy_from_json(NULL, "{\"calendars\": 5}", 17, &p, NULL) != SLATE_EPARSE)
            (*failures)++;
    }
    return NULL;
}

START_TEST(policies_loaded_at_once) {
    /* cJSON's parser keeps a process-wide error pointer; slate serialises it. */
    pthread_t threads[THREADS];
    static int failures[THREADS];
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&threads[i], NULL, load_many, &failures[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(failures[i], 0);
}
END_TEST

/* Calendars whose windows start cold: two leaves with holidays in DST
 * zones, their union and a minus, all compiled by the queries. */
static const char cold_policy[] =
    "{\"calendars\": {\"ny\": {\"timezone\": \"America/New_York\", \"weekly\": {\"mon\": "
    "[\"09:00-17:00\"], \"fri\": [\"22:00-06:00\"]}, \"closed\": [{\"yearly\": \"12-25\", "
    "\"observed\": true}, {\"nth\": 4, \"weekday\": \"thu\", \"month\": 11}, {\"easter\": -2}]},"
    " \"waw\": {\"timezone\": \"Europe/Warsaw\", \"weekly\": {\"mon\": [\"08:00-16:00\"], "
    "\"tue\": [\"08:00-16:00\"]}, \"closed\": [{\"yearly\": \"11-11\"}]},"
    " \"both\": {\"union\": [\"ny\", \"waw\"]}, \"ny-only\": {\"minus\": [\"ny\", \"waw\"]}}}";

#define COLD_POINTS 2400

typedef struct cold_job {
    const slate_policy *policy;
    pthread_barrier_t *start;
    uint64_t digest[4];
    int failures;
} cold_job;

static void mix(uint64_t *h, int64_t v) { *h = (*h ^ (uint64_t)v) * 1099511628211u; }

/* The same queries in every thread, from 1800 to 2400 in steps of 91 days:
 * every window of every calendar, the long spans summing whole blocks. */
static void *cold_work(void *arg) {
    cold_job *j = arg;
    static const char *const names[4] = {"ny", "waw", "both", "ny-only"};
    if (j->start != NULL) pthread_barrier_wait(j->start);
    for (int c = 0; c < 4; c++) {
        const slate_calendar *cal = slate_policy_calendar(j->policy, names[c]);
        uint64_t h = 14695981039346656037u;
        for (int i = 0; i < COLD_POINTS; i++) {
            slate_time t = SLATE_TIME_MIN + (slate_time)i * 91 * 86400 + i * 3607, u = 0;
            slate_duration d = 0;
            int st = slate_calendar_add(cal, t, 40 * 3600, &u);
            mix(&h, st), mix(&h, u);
            st = slate_calendar_add(cal, t, -40 * 3600, &u);
            mix(&h, st), mix(&h, u);
            st = slate_calendar_next_open(cal, t, &u);
            mix(&h, st), mix(&h, u);
            mix(&h, slate_calendar_is_open(cal, t));
            slate_time far = t + (slate_time)(i % 50) * 365 * 86400;
            if (far > SLATE_TIME_MAX) far = SLATE_TIME_MAX;
            if (slate_calendar_between(cal, t, far, &d) != SLATE_OK) j->failures++;
            mix(&h, d);
            int32_t days = 0;
            st = slate_calendar_add_business_days(cal, t, i % 7 - 3, &u);
            mix(&h, st), mix(&h, u);
            if (slate_calendar_business_days(cal, t, far, &days) != SLATE_OK) j->failures++;
            mix(&h, days);
        }
        j->digest[c] = h;
    }
    return NULL;
}

/* Eight threads query the same cold windows of one shared policy at once
 * (each window compiled by whichever thread gets there first, the others
 * using it or dropping their own copy) and agree with one thread on a
 * policy of its own. */
START_TEST(cold_windows_compiled_at_once) {
    slate_policy *single, *shared;
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, cold_policy, sizeof cold_policy - 1, &single,
                                         &err) == SLATE_OK,
                  "%s", err.message);
    ck_assert_int_eq(
        slate_policy_from_json(NULL, cold_policy, sizeof cold_policy - 1, &shared, NULL), SLATE_OK);
    static cold_job alone, jobs[THREADS];
    alone = (cold_job){single, NULL, {0}, 0};
    cold_work(&alone);
    ck_assert_int_eq(alone.failures, 0);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (cold_job){shared, &start, {0}, 0};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, cold_work, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(jobs[i].failures, 0);
        ck_assert(memcmp(jobs[i].digest, alone.digest, sizeof alone.digest) == 0);
    }
    /* Every window was compiled once: the shared policy holds what one thread's does. */
    for (size_t i = 0; i < slate_policy_calendar_count(single); i++)
        ck_assert_uint_eq(slate_calendar_memory(slate_policy_calendar_at(shared, i)),
                          slate_calendar_memory(slate_policy_calendar_at(single, i)));
    slate_policy_free(shared);
    slate_policy_free(single);
}
END_TEST

typedef struct tenant_job {
    slate_tzdb *db;
    int failures;
    slate_duration open;
} tenant_job;

/* Loads the same policy into the shared database again and again, queries
 * it and frees it: the calendars share cores that other threads hold. */
static void *tenant_work(void *arg) {
    tenant_job *j = arg;
    for (int i = 0; i < 30; i++) {
        slate_policy *p;
        slate_duration d = 0;
        if (slate_policy_from_json(j->db, cold_policy, sizeof cold_policy - 1, &p, NULL) !=
            SLATE_OK) {
            j->failures++;
            continue;
        }
        if (slate_calendar_between(slate_policy_calendar(p, "both"), 1767225600 + i * 86400 * 40,
                                   1798761600 + i * 86400 * 40, &d) != SLATE_OK)
            j->failures++;
        j->open += d;
        slate_policy_free(p);
    }
    return NULL;
}

/* Identical policies loaded, queried and freed by eight threads on one
 * database share their calendars' cores; freeing one never disturbs
 * another, and the answers are those of a lone policy. */
START_TEST(shared_calendars_loaded_and_freed_at_once) {
    slate_tzdb *db;
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, NULL), SLATE_OK);
    static tenant_job alone, jobs[THREADS];
    alone = (tenant_job){db, 0, 0};
    tenant_work(&alone);
    ck_assert_int_eq(alone.failures, 0);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (tenant_job){db, 0, 0};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, tenant_work, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(jobs[i].failures, 0);
        ck_assert_int_eq(jobs[i].open, alone.open);
    }
    slate_tzdb_free(db);
}
END_TEST

int main(void) {
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, zone_instances_made_at_once);
    tcase_add_test(tc, shared_database_and_policy);
    tcase_add_test(tc, policies_loaded_at_once);
    tcase_add_test(tc, cold_windows_compiled_at_once);
    tcase_add_test(tc, shared_calendars_loaded_and_freed_at_once);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
