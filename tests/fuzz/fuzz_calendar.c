/* Fuzz target: calendars built from the input's bytes (zone, weekly hours,
 * closed dates, dated hours, composition) and queried with the invariants
 * of the calendar semantics: add then between gives back the amount,
 * next_open is open, between is additive and antisymmetric; from today
 * and, one query in eight, from anywhere in the range with spans of years. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static slate_tzdb *db;
static const char *const zones[] = {
    "America/New_York", "Australia/Lord_Howe", "Pacific/Apia",     "Asia/Kolkata",
    "Europe/Dublin",    "Africa/Casablanca",   "Antarctica/Troll", "UTC"};
static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

typedef struct bytes {
    const uint8_t *p;
    size_t n;
} bytes;

static unsigned take(bytes *b, unsigned range) {
    unsigned v = b->n ? *b->p : 0;
    if (b->n) b->p++, b->n--;
    return range ? v % range : v;
}

static size_t hhmm(char *out, unsigned quarter) {
    return (size_t)sprintf(out, "%02u:%02u", quarter / 4, quarter % 4 * 15);
}

/* Writes a zoned calendar named `name` from the bytes. */
static size_t leaf(char *buf, size_t cap, const char *name, bytes *b) {
    size_t n = (size_t)snprintf(buf, cap, "\"%s\": {\"timezone\": \"%s\", \"weekly\": {", name,
                                zones[take(b, 8)]);
    for (int d = 0; d < 7; d++) {
        unsigned s = take(b, 96), e = take(b, 97);
        if (s == e) continue;
        char a[8], z[8];
        hhmm(a, s);
        hhmm(z, e);
        n += (size_t)snprintf(buf + n, cap - n, "%s\"%s\": [\"%s-%s\"]",
                              n > 60 && buf[n - 1] != '{' ? ", " : "", days[d], a, z);
    }
    n += (size_t)snprintf(
        buf + n, cap - n,
        "}, \"closed\": [\"2026-03-%02u\", {\"yearly\": \"11-%02u\", \"observed\": true}]",
        1 + take(b, 28), 1 + take(b, 30));
    n += (size_t)snprintf(buf + n, cap - n, ", \"hours\": {\"2026-03-%02u\": [\"10:00-%02u:00\"]}}",
                          1 + take(b, 28), 11 + take(b, 13));
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (db == NULL && slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) abort();
    bytes b = {data, size};
    char json[4096];
    size_t n = (size_t)snprintf(json, sizeof json, "{\"calendars\": {");
    n += leaf(json + n, sizeof json - n, "a", &b);
    n += (size_t)snprintf(json + n, sizeof json - n, ", ");
    n += leaf(json + n, sizeof json - n, "b", &b);
    static const char *const ops[] = {"union", "intersection", "minus"};
    snprintf(json + n, sizeof json - n, ", \"c\": {\"%s\": [\"a\", \"b\"]}}}", ops[take(&b, 3)]);
    slate_policy *p;
    if (slate_policy_from_json(db, json, strlen(json), &p, NULL) != SLATE_OK)
        return 0; /* overlapping hours */
    const char *names[] = {"a", "b", "c"};
    for (int k = 0; k < 3; k++) {
        const slate_calendar *c = slate_policy_calendar(p, names[k]);
        for (int q = 0; q < 4; q++) {
            /* Mostly around today; one query in eight anywhere in 1800-2400,
             * its amounts and spans reaching across many compiled windows. */
            unsigned era = take(&b, 0);
            int64_t scale = era % 8 == 0 ? 86400 * 31 : 1;
            slate_time t =
                era % 8 == 0 ? SLATE_TIME_MIN + (slate_time)(era / 8) * 592000000 : 1767225600;
            t += (slate_time)take(&b, 0) * 86400 * 3 + (slate_time)take(&b, 0) * 337;
            slate_duration d = ((slate_duration)take(&b, 0) * 601 + 1) * scale, back, ab, bc, ac,
                           ba;
            slate_time u, open;
            slate_status st = slate_calendar_add(c, t, d, &u);
            if (st == SLATE_OK) {
                if (slate_calendar_between(c, t, u, &back) != SLATE_OK || back != d) abort();
                if (slate_calendar_add(c, u, -d, &open) != SLATE_OK) abort();
                if (slate_calendar_between(c, open, u, &back) != SLATE_OK || back != d) abort();
            }
            if (slate_calendar_next_open(c, t, &open) == SLATE_OK &&
                !slate_calendar_is_open(c, open))
                abort();
            int64_t reach = scale > 1 ? 1200 : 1; /* up to 34 and 68 years */
            slate_time m = t + (slate_time)take(&b, 0) * 3607 * reach,
                       e2 = m + (slate_time)take(&b, 0) * 7211 * reach;
            if (e2 > SLATE_TIME_MAX) m = t, e2 = t;
            slate_calendar_between(c, t, m, &ab);
            slate_calendar_between(c, m, e2, &bc);
            slate_calendar_between(c, t, e2, &ac);
            slate_calendar_between(c, e2, t, &ba);
            if (ab + bc != ac || ba != -ac) abort();
        }
    }
    slate_policy_free(p);
    return 0;
}
