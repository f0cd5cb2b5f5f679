/* A leaf calendar evaluated from its definition: the pieces of each local
 * day, mapped to UTC through the zone's periods. This is the exact ground
 * truth; compiled segments use it around holidays, overrides and wherever
 * the weekly pattern does not simply repeat. */
#include <stdlib.h>

#include "../base/base.h"
#include "../tz/zone.h"
#include "calendar_impl.h"
#include "leaf.h"

static int has_day(const int64_t *days, size_t n, int64_t day) {
    size_t k = slate__count_le(days, n, day);
    return k > 0 && days[k - 1] == day;
}

static const dated_plan *find_override(const slate_calendar *c, int64_t day) {
    size_t lo = 0, hi = c->override_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->overrides[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->override_count && c->overrides[lo].day == day ? &c->overrides[lo] : NULL;
}

int slate__leaf_is_exception(const slate_calendar *c, int64_t day) {
    return has_day(c->closed, c->closed_count, day) || find_override(c, day) != NULL;
}

size_t slate__leaf_day_pieces(const slate_calendar *c, int64_t day, const day_piece **out,
                              day_piece *scratch, size_t scratch_cap) {
    if (has_day(c->closed, c->closed_count, day)) return 0;
    int weekday = slate_weekday(day) - 1;
    int spills = c->overnight[(weekday + 6) % 7] && !slate__leaf_is_exception(c, day - 1);
    const dated_plan *o = find_override(c, day);
    if (o == NULL) {
        const day_plan *plan = spills ? &c->weekly[weekday] : &c->own[weekday];
        *out = c->pieces + plan->first;
        return plan->count;
    }
    /* An override keeps the spill of the night before, then its own hours. */
    size_t n = 0;
    int32_t covered = 0;
    if (spills) {
        const day_plan *plan = &c->weekly[weekday];
        for (uint32_t i = 0; i < plan->count && n < scratch_cap; i++) {
            const day_piece *p = &c->pieces[plan->first + i];
            if (p->source != SLATE_SOURCE_SPILL) continue;
            scratch[n++] = *p;
            if (p->end > covered) covered = p->end;
        }
    }
    for (uint32_t i = 0; i < o->plan.count && n < scratch_cap; i++) {
        day_piece p = c->pieces[o->plan.first + i];
        if (p.start < covered) p.start = covered;
        if (p.end > p.start) scratch[n++] = p;
    }
    *out = scratch;
    return n;
}

int slate__leaf_walk(const slate_calendar *c, int64_t x, int64_t y, leaf_visit visit, void *ctx) {
    day_piece scratch[LEAF_MAX_PIECES];
    zone_period p = slate__zone_period_at(c->zone, x);
    for (;;) {
        int64_t ux = x > p.start ? x : p.start, uy = y < p.end ? y : p.end;
        int64_t lx = ux + p.offset, ly = uy + p.offset;
        for (int64_t day = slate__floordiv(lx, 86400); day * 86400 < ly; day++) {
            const day_piece *pieces;
            size_t n = slate__leaf_day_pieces(c, day, &pieces, scratch, LEAF_MAX_PIECES);
            for (size_t i = 0; i < n; i++) {
                int64_t ls = day * 86400 + pieces[i].start, le = day * 86400 + pieces[i].end;
                if (ls < lx) ls = lx;
                if (le > ly) le = ly;
                if (le > ls && !visit(ctx, ls - p.offset, le - p.offset, day, &pieces[i])) return 0;
            }
        }
        if (p.end >= y) return 1;
        p = slate__zone_period_next(c->zone, &p);
    }
}

typedef struct collect_ctx {
    span_list *out;
    int failed;
} collect_ctx;

static int collect(void *arg, int64_t s, int64_t e, int64_t day, const day_piece *piece) {
    collect_ctx *ctx = arg;
    (void)day;
    (void)piece;
    if (!slate__span_list_push(ctx->out, s, e)) {
        ctx->failed = 1;
        return 0;
    }
    return 1;
}

int slate__leaf_spans(const slate_calendar *c, int64_t x, int64_t y, span_list *out) {
    collect_ctx ctx = {out, 0};
    if (y > x) slate__leaf_walk(c, x, y, collect, &ctx);
    return !ctx.failed;
}
