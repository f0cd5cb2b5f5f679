/* A leaf calendar evaluated from its definition: the pieces of each local
 * day, mapped to UTC through the zone's periods. This is the exact ground
 * truth; compiled windows use it around holidays, overrides and wherever
 * the weekly pattern does not simply repeat. */
#include <stdlib.h>

#include "../base/base.h"
#include "../tz/zone.h"
#include "calendar_impl.h"
#include "leaf.h"

/* A rule of year y yields a date within two years of y (Easter +-366 days). */
#define RULE_REACH_YEARS 2

static int has_day(const int64_t *days, size_t n, int64_t day) {
    size_t k = slate__count_le(days, n, day);
    return k > 0 && days[k - 1] == day;
}

static int32_t year_of(int64_t day) {
    int32_t year;
    int month, mday;
    slate_civil_from_days(day, &year, &month, &mday);
    return year;
}

/* Calls yield(day) for every date the recurring rules close within
 * [first, last]; stops with 0 when it does. */
static int each_rule_day(const cal_def *d, int64_t first, int64_t last,
                         int (*yield)(void *, int64_t), void *ctx) {
    int32_t from = year_of(first) - RULE_REACH_YEARS, to = year_of(last) + RULE_REACH_YEARS;
    if (from < HOLIDAY_FIRST_YEAR) from = HOLIDAY_FIRST_YEAR;
    if (to > HOLIDAY_LAST_YEAR) to = HOLIDAY_LAST_YEAR;
    for (size_t i = 0; i < d->holiday_count; i++)
        for (int32_t y = from; y <= to; y++) {
            int64_t day;
            if (slate__holiday_in_year(&d->holidays[i], y, &day) && day >= first && day <= last &&
                !yield(ctx, day))
                return 0;
        }
    return 1;
}

static int stop_at_any(void *ctx, int64_t day) {
    (void)day;
    *(int *)ctx = 1;
    return 0;
}

static int day_closed(const cal_def *d, const leaf_days *days, int64_t day) {
    if (!days->direct && day >= days->first && day <= days->last)
        return has_day(days->closed, days->count, day);
    if (has_day(d->closed, d->closed_count, day)) return 1;
    int hit = 0;
    each_rule_day(d, day, day, stop_at_any, &hit);
    return hit;
}

typedef struct day_list {
    int64_t *days;
    size_t count, cap;
} day_list;

static int push_day(void *ctx, int64_t day) {
    day_list *l = ctx;
    int ok = 1;
    SLATE_GROW(l->days, l->cap, l->count + 1, ok);
    if (ok) l->days[l->count++] = day;
    return ok;
}

static int compare_days(const void *pa, const void *pb) {
    const int64_t *a = pa, *b = pb;
    return (*a > *b) - (*a < *b);
}

int slate__leaf_closed_days(const cal_def *d, int64_t first, int64_t last, int64_t **out,
                            size_t *count) {
    day_list l = {NULL, 0, 0};
    size_t k = slate__count_le(d->closed, d->closed_count, first - 1);
    int ok = 1;
    for (; k < d->closed_count && d->closed[k] <= last && ok; k++)
        ok = push_day(&l, d->closed[k]);
    ok = ok && each_rule_day(d, first, last, push_day, &l);
    if (!ok) {
        slate__free(l.days);
        return 0;
    }
    if (l.count > 1) qsort(l.days, l.count, sizeof *l.days, compare_days);
    size_t kept = 0;
    for (size_t i = 0; i < l.count; i++)
        if (kept == 0 || l.days[kept - 1] != l.days[i]) l.days[kept++] = l.days[i];
    *out = l.days;
    *count = kept;
    return 1;
}

static const dated_plan *find_override(const cal_def *d, int64_t day) {
    size_t lo = 0, hi = d->override_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->overrides[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->override_count && d->overrides[lo].day == day ? &d->overrides[lo] : NULL;
}

int slate__leaf_is_exception(const cal_def *d, const leaf_days *days, int64_t day) {
    return day_closed(d, days, day) || find_override(d, day) != NULL;
}

size_t slate__leaf_day_pieces(const cal_def *d, const leaf_days *days, int64_t day,
                              const day_piece **out, day_piece *scratch, size_t scratch_cap) {
    if (day_closed(d, days, day)) return 0;
    int weekday = slate_weekday(day) - 1;
    int spills = d->overnight[(weekday + 6) % 7] && !slate__leaf_is_exception(d, days, day - 1);
    const dated_plan *o = find_override(d, day);
    if (o == NULL) {
        const day_plan *plan = spills ? &d->weekly[weekday] : &d->own[weekday];
        *out = d->pieces + plan->first;
        return plan->count;
    }
    /* An override keeps the spill of the night before, then its own hours. */
    size_t n = 0;
    int32_t covered = 0;
    if (spills) {
        const day_plan *plan = &d->weekly[weekday];
        for (uint32_t i = 0; i < plan->count && n < scratch_cap; i++) {
            const day_piece *p = &d->pieces[plan->first + i];
            if (p->source != SLATE_SOURCE_SPILL) continue;
            scratch[n++] = *p;
            if (p->end > covered) covered = p->end;
        }
    }
    for (uint32_t i = 0; i < o->plan.count && n < scratch_cap; i++) {
        day_piece p = d->pieces[o->plan.first + i];
        if (p.start < covered) p.start = covered;
        if (p.end > p.start) scratch[n++] = p;
    }
    *out = scratch;
    return n;
}

int slate__leaf_walk(const cal_core *k, const leaf_days *days, int64_t x, int64_t y,
                     leaf_visit visit, void *ctx) {
    day_piece scratch[LEAF_MAX_PIECES];
    zone_period p = slate__zone_period_at(k->zone, x);
    for (;;) {
        int64_t ux = x > p.start ? x : p.start, uy = y < p.end ? y : p.end;
        int64_t lx = ux + p.offset, ly = uy + p.offset;
        for (int64_t day = slate__floordiv(lx, 86400); day * 86400 < ly; day++) {
            const day_piece *pieces;
            size_t n = slate__leaf_day_pieces(k->def, days, day, &pieces, scratch, LEAF_MAX_PIECES);
            for (size_t i = 0; i < n; i++) {
                int64_t ls = day * 86400 + pieces[i].start, le = day * 86400 + pieces[i].end;
                if (ls < lx) ls = lx;
                if (le > ly) le = ly;
                if (le > ls && !visit(ctx, ls - p.offset, le - p.offset, day, &pieces[i])) return 0;
            }
        }
        if (p.end >= y) return 1;
        p = slate__zone_period_next(k->zone, &p);
    }
}
