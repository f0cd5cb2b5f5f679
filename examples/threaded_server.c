/* Embedding slate in a multi-threaded server: one policy loaded once and
 * shared by every thread (it is immutable), and per thread the mutable
 * objects (a classifier and an SLA clock). Each worker takes ticket
 * requests from a shared queue, classifies the ticket, replays its history
 * and computes when its response is due, with no lock around slate.
 *
 *   threaded_server [POLICY [THREADS [TICKETS]]]
 *
 * Prints a summary that does not depend on the number of threads. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "slate.h"

typedef struct server {
    const slate_policy *policy; /* shared, read-only */
    pthread_mutex_t lock;       /* guards the queue and the totals, not slate */
    long next, count;           /* the queue: ticket numbers next .. count-1 */
    long per_priority[8];
    long breached;
    int failed;
} server;

static const char *const summaries[] = {"Floor 7 network down", "Headset crackling",
                                        "Password expired", "Phishing mail clicked",
                                        "Printer jam on floor 2"};
static const char *const categories[] = {"network", "headset", "software", "security", "desktop"};

/* The request for ticket n: its fields and a created / pending / resumed history. */
static void handle(server *s, slate_classifier *cl, slate_clock *clock, long n) {
    char users[16];
    snprintf(users, sizeof users, "%ld", 10 + n % 150);
    slate_field fields[] = {{"summary", summaries[n % 5]},
                            {"category", categories[n % 5]},
                            {"affected_users", users},
                            {"status", "new"},
                            {"requester.email", "a@example.com"}};
    slate_classification r;
    slate_error err;
    if (slate_classify(cl, fields, 5, 0, &r, &err) != SLATE_OK) {
        s->failed = 1;
        return;
    }
    slate_time opened = 1772791200 + n * 977; /* from 2026-03-06T10:00:00Z on */
    slate_field pending[] = {{"status", "pending_customer"}},
                resumed[] = {{"status", "in_progress"}};
    slate_event history[] = {{opened, "created", fields, 5},
                             {opened + 1800, NULL, pending, 1},
                             {opened + 7200, "requester_comment", resumed, 1}};
    const slate_sla_result *res;
    size_t count;
    slate_clock_reset(clock);
    int ok = 1;
    for (int i = 0; i < 3 && ok; i++)
        ok = slate_clock_apply(clock, &history[i], &err) == SLATE_OK;
    if (!ok || slate_clock_results(clock, opened + 86400, &res, &count, &err) != SLATE_OK) {
        s->failed = 1;
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->per_priority[r.priority < 8 ? r.priority : 7]++;
    for (size_t i = 0; i < count; i++)
        s->breached += res[i].breached;
    pthread_mutex_unlock(&s->lock);
}

static void *worker(void *arg) {
    server *s = arg;
    slate_classifier *cl = NULL; /* per thread: PCRE2 match data and result buffers */
    slate_clock *clock = NULL;   /* per thread: one ticket at a time */
    slate_error err;
    if (slate_classifier_new(s->policy, &cl, &err) != SLATE_OK ||
        slate_clock_new(s->policy, &clock, &err) != SLATE_OK) {
        s->failed = 1;
    } else {
        for (;;) {
            pthread_mutex_lock(&s->lock);
            long n = s->next < s->count ? s->next++ : -1;
            pthread_mutex_unlock(&s->lock);
            if (n < 0) break;
            handle(s, cl, clock, n);
        }
    }
    slate_clock_free(clock);
    slate_classifier_free(cl);
    return NULL;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/policies/itsm-desk.json";
    int threads = argc > 2 ? atoi(argv[2]) : 4;
    slate_policy *policy;
    slate_error err;
    if (threads < 1 || threads > 64) threads = 4;
    if (slate_policy_from_file(NULL, path, &policy, &err) != SLATE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    server s = {policy, PTHREAD_MUTEX_INITIALIZER, 0, argc > 3 ? atol(argv[3]) : 20000, {0}, 0, 0};
    pthread_t t[64];
    for (int i = 0; i < threads; i++)
        pthread_create(&t[i], NULL, worker, &s);
    for (int i = 0; i < threads; i++)
        pthread_join(t[i], NULL);
    printf("%ld tickets on %d threads:", s.count, threads);
    for (size_t i = 0; i < slate_policy_priority_count(policy); i++)
        printf(" %s %ld", slate_policy_priority_id(policy, i), s.per_priority[i]);
    printf("; %ld targets breached a day later\n", s.breached);
    slate_policy_free(policy);
    return s.failed;
}
