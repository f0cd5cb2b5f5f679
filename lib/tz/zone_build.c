/* Building a zone: the file's transitions, then the footer's rule unrolled
 * from the last transition to past the end of the supported range, so that
 * every lookup is a binary search. Transitions that change nothing visible
 * are dropped. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "zone.h"

/* Unroll the footer's rule up to this instant (a margin past SLATE_TIME_MAX
 * so local times in the last supported year still resolve). */
#define UNROLL_END (SLATE_TIME_MAX + 7 * 86400)
#define UNROLL_FIRST_YEAR 1797

typedef struct table {
    size_t count, cap;
    int64_t *times;
    uint16_t *type_of;
} table;

typedef struct rule_event {
    int64_t time;
    int32_t year;
    int is_start;
} rule_event;

static int table_push(table *t, int64_t time, uint16_t type) {
    if (t->count == t->cap) {
        size_t want = slate__next_cap(t->cap);
        int ok = 1;
        SLATE_RESIZE(t->times, want, ok);
        SLATE_RESIZE(t->type_of, want, ok);
        if (!ok) return 0;
        t->cap = want;
    }
    t->times[t->count] = time;
    t->type_of[t->count] = type;
    t->count++;
    return 1;
}

static int same_info(const slate_zone_info *a, const slate_zone_info *b) {
    return a->utc_offset == b->utc_offset && a->is_dst == b->is_dst &&
           strcmp(a->abbr, b->abbr) == 0;
}

static uint16_t find_or_add_type(slate_zone *z, const slate_zone_info *info) {
    for (size_t i = 0; i < z->type_count; i++)
        if (same_info(&z->types[i], info)) return (uint16_t)i;
    z->types[z->type_count] = *info;
    return (uint16_t)z->type_count++;
}

static int compare_events(const void *pa, const void *pb) {
    const rule_event *a = pa, *b = pb;
    if (a->time != b->time) return a->time < b->time ? -1 : 1;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    return a->is_start - b->is_start; /* an end before a start of the same instant */
}

static int32_t local_year(int64_t t, int32_t offset) {
    int32_t y;
    int m, d;
    slate_civil_from_days(slate__floordiv(t + offset, 86400), &y, &m, &d);
    return y;
}

/* Appends the rule's transitions after `anchor` and returns the type in
 * force at the anchor itself, or -1 when out of memory. */
static int unroll_rule(const tz_rule *rule, slate_zone *z, table *t, int64_t anchor) {
    uint16_t std = find_or_add_type(z, &rule->std);
    if (!rule->has_dst) return std;
    uint16_t dst = find_or_add_type(z, &rule->dst);
    /* The year of the anchor, held within the unrolled range. */
    int64_t held = anchor < SLATE_TIME_MIN ? SLATE_TIME_MIN
                   : anchor > UNROLL_END   ? UNROLL_END
                                           : anchor;
    int32_t first = local_year(held, rule->std.utc_offset) - 1;
    if (first < UNROLL_FIRST_YEAR) first = UNROLL_FIRST_YEAR;
    int32_t last = SLATE_YEAR_MAX + 1;
    if (first > last) return std;
    size_t n = 2 * (size_t)(last - first + 1);
    rule_event *events = slate__malloc(n * sizeof *events);
    if (events == NULL) return -1;
    for (int32_t y = first, i = 0; y <= last; y++, i += 2) {
        events[i] = (rule_event){0, y, 1};
        events[i + 1] = (rule_event){0, y, 0};
        slate__tz_rule_year(rule, y, &events[i].time, &events[i + 1].time);
    }
    qsort(events, n, sizeof *events, compare_events);
    /* In force at the anchor: the last event at or before it; before the
     * first event, the opposite of what that event starts. */
    uint16_t current = events[0].is_start ? std : dst;
    size_t i = 0;
    for (; i < n && events[i].time <= anchor; i++)
        current = events[i].is_start ? dst : std;
    int at_anchor = current;
    while (i < n && events[i].time <= UNROLL_END) {
        int64_t when = events[i].time;
        uint16_t next = current;
        for (; i < n && events[i].time == when; i++)
            next = events[i].is_start ? dst : std;
        if (next != current && !table_push(t, when, next)) {
            slate__free(events);
            return -1;
        }
        current = next;
    }
    slate__free(events);
    return at_anchor;
}

static void zone_release_tables(slate_zone *z);

/* Drops transitions whose type shows the same as the one before. */
static void drop_silent(slate_zone *z) {
    size_t kept = 0;
    const slate_zone_info *prev = &z->types[z->type_before];
    for (size_t i = 0; i < z->count; i++) {
        const slate_zone_info *info = &z->types[z->type_of[i]];
        if (same_info(info, prev)) continue;
        z->times[kept] = z->times[i];
        z->type_of[kept] = z->type_of[i];
        kept++;
        prev = info;
    }
    z->count = kept;
}

slate_status slate__zone_build(const tzif_data *data, slate_zone *z, slate_error *err) {
    table t = {0, 0, NULL, NULL};
    z->types = slate__calloc(data->type_count + 2, sizeof *z->types);
    if (z->types == NULL) goto nomem;
    memcpy(z->types, data->types, data->type_count * sizeof *z->types);
    z->type_count = data->type_count;
    z->type_before = 0; /* RFC 8536 3.2: type 0 before the first transition */
    for (size_t i = 0; i < data->time_count; i++)
        if (!table_push(&t, data->times[i], data->type_of[i])) goto nomem;
    if (data->has_rule) {
        int64_t anchor = t.count ? t.times[t.count - 1] : INT64_MIN / 2;
        size_t last = t.count;
        int at_anchor = unroll_rule(&data->rule, z, &t, anchor);
        if (at_anchor < 0) goto nomem;
        /* From the last transition on, the footer governs. */
        if (last > 0)
            t.type_of[last - 1] = (uint16_t)at_anchor;
        else
            z->type_before = (uint16_t)at_anchor;
    }
    z->count = t.count;
    z->times = t.times;
    z->type_of = t.type_of;
    drop_silent(z);
    if ((z->bucket_first = slate__calloc(ZONE_BUCKETS, sizeof *z->bucket_first)) == NULL) {
        t.times = NULL, t.type_of = NULL; /* z owns them now */
        zone_release_tables(z);
        goto nomem;
    }
    for (size_t b = 0, i = 0; b < ZONE_BUCKETS; b++) {
        int64_t start = SLATE_TIME_MIN + ((int64_t)b << ZONE_BUCKET_SHIFT);
        while (i < z->count && z->times[i] < start)
            i++;
        z->bucket_first[b] = (uint32_t)i;
    }
    z->max_abs_offset = 0;
    for (size_t i = 0; i < z->type_count; i++) {
        int32_t a = abs(z->types[i].utc_offset);
        if (a > z->max_abs_offset) z->max_abs_offset = a;
    }
    return SLATE_OK;
nomem:
    slate__free(t.times);
    slate__free(t.type_of);
    slate__free(z->types);
    z->types = NULL;
    return slate__fail(err, SLATE_ENOMEM, "out of memory building zone %s", z->name);
}

/* Frees the transition tables of z and forgets them. */
static void zone_release_tables(slate_zone *z) {
    slate__free(z->times);
    slate__free(z->type_of);
    slate__free(z->bucket_first);
    z->times = NULL, z->type_of = NULL, z->bucket_first = NULL;
}

void slate__zone_release(slate_zone *z) {
    slate__free(z->name);
    zone_release_tables(z);
    slate__free(z->types);
}
