/* Conversions with a compiled zone. Everything here reads immutable data:
 * no lock, no allocation. */
#include "zone.h"
#include "../base/base.h"

/* Index of the last transition at or before t, or -1 when t precedes them all. */
static ptrdiff_t period_index(const slate_zone *z, int64_t t) {
    if (t < SLATE_TIME_MIN || t > SLATE_TIME_MAX)
        return (ptrdiff_t)slate__count_le(z->times, z->count, t) - 1;
    size_t i = z->bucket_first[(uint64_t)(t - SLATE_TIME_MIN) >> ZONE_BUCKET_SHIFT];
    while (i < z->count && z->times[i] <= t)
        i++;
    return (ptrdiff_t)i - 1;
}

static const slate_zone_info *period_info(const slate_zone *z, ptrdiff_t i) {
    return &z->types[i < 0 ? z->type_before : z->type_of[i]];
}

static int64_t period_start(const slate_zone *z, ptrdiff_t i) {
    return i < 0 ? INT64_MIN : z->times[i];
}

static int64_t period_end(const slate_zone *z, ptrdiff_t i) {
    return (size_t)(i + 1) < z->count ? z->times[i + 1] : INT64_MAX;
}

static zone_period make_period(const slate_zone *z, ptrdiff_t i) {
    zone_period p = {i, period_start(z, i), period_end(z, i), period_info(z, i)->utc_offset};
    return p;
}

zone_period slate__zone_period_at(const slate_zone *z, int64_t t) {
    return make_period(z, period_index(z, t));
}

zone_period slate__zone_period_next(const slate_zone *z, const zone_period *p) {
    return make_period(z, p->index + 1);
}

SLATE_API const char *slate_zone_name(const slate_zone *z) { return z->name; }

SLATE_API slate_status slate_zone_lookup(const slate_zone *z, slate_time t, slate_zone_info *out) {
    if (z == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    *out = *period_info(z, period_index(z, t));
    return SLATE_OK;
}

SLATE_API slate_status slate_zone_to_civil(const slate_zone *z, slate_time t, slate_civil *out) {
    if (z == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    int64_t local = t + period_info(z, period_index(z, t))->utc_offset;
    int64_t days = slate__floordiv(local, 86400);
    int64_t secs = local - days * 86400;
    slate_civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    return SLATE_OK;
}

/* The instants whose wall time is `local`: the first, the last and how many. */
typedef struct candidates {
    int count;
    int64_t first, last;
} candidates;

static candidates find_candidates(const slate_zone *z, int64_t local) {
    candidates c = {0, 0, 0};
    int64_t window = z->max_abs_offset + 1;
    for (ptrdiff_t i = period_index(z, local - window);
         i < (ptrdiff_t)z->count && period_start(z, i) <= local + window; i++) {
        int64_t t = local - period_info(z, i)->utc_offset;
        if (t >= period_start(z, i) && t < period_end(z, i)) {
            if (c.count++ == 0) c.first = t;
            c.last = t;
        }
    }
    return c;
}

/* For a local time in a gap: the offsets before and after the transition
 * that skipped it. Returns 0 if none is found (cannot happen for a gap). */
static int gap_offsets(const slate_zone *z, int64_t local, int32_t *before, int32_t *after) {
    int64_t window = z->max_abs_offset + 1;
    for (ptrdiff_t i = period_index(z, local - window) + 1;
         i < (ptrdiff_t)z->count && z->times[i] <= local + window; i++) {
        int32_t b = period_info(z, i - 1)->utc_offset, a = period_info(z, i)->utc_offset;
        if (a > b && local >= z->times[i] + b && local < z->times[i] + a) {
            *before = b;
            *after = a;
            return 1;
        }
    }
    return 0;
}

static slate_status resolved(slate_time t, slate_time *out, slate_error *err) {
    if (!slate__time_in_range(t)) return slate__check_time(t, "the instant", err);
    *out = t;
    return SLATE_OK;
}

SLATE_API slate_status slate_zone_from_civil(const slate_zone *z, const slate_civil *c,
                                             slate_disambiguation how, slate_time *out,
                                             slate_error *err) {
    if (z == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "zone or out is NULL");
    slate_status st = slate_civil_check(c, err);
    if (st != SLATE_OK) return st;
    if ((unsigned)how > SLATE_DISAMBIGUATE_REJECT)
        return slate__fail(err, SLATE_EINVAL, "unknown disambiguation %d", (int)how);
    int64_t local = slate_days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
                    c->minute * 60 + c->second;
    candidates found = find_candidates(z, local);
    if (found.count == 1) return resolved(found.first, out, err);
    if (found.count > 1) {
        if (how == SLATE_DISAMBIGUATE_REJECT)
            return slate__fail(err, SLATE_EAMBIGUOUS,
                               "%04d-%02d-%02dT%02d:%02d:%02d occurs %d times in %s", (int)c->year,
                               c->month, c->day, c->hour, c->minute, c->second, found.count,
                               z->name);
        return resolved(how == SLATE_DISAMBIGUATE_LATER ? found.last : found.first, out, err);
    }
    int32_t before, after;
    if (how == SLATE_DISAMBIGUATE_REJECT || !gap_offsets(z, local, &before, &after))
        return slate__fail(err, SLATE_ENONEXISTENT,
                           "%04d-%02d-%02dT%02d:%02d:%02d does not occur in %s (skipped by a "
                           "transition)",
                           (int)c->year, c->month, c->day, c->hour, c->minute, c->second, z->name);
    /* Shift by the gap's length: forward keeps the wall time read with the
     * old offset, backward reads it with the new one. */
    return resolved(local - (how == SLATE_DISAMBIGUATE_EARLIER ? after : before), out, err);
}

SLATE_API slate_status slate_zone_next_transition(const slate_zone *z, slate_time t,
                                                  slate_time *out) {
    if (z == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    size_t next = (size_t)(period_index(z, t) + 1);
    if (next >= z->count || z->times[next] > SLATE_TIME_MAX) return SLATE_ENEVER;
    *out = z->times[next];
    return SLATE_OK;
}
