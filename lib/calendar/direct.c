/* A calendar's open time worked out from its rules, with no memory: what
 * queries use for a window that cannot be compiled for want of memory. It
 * gives the same answers as the compiled windows, more slowly (a walk over
 * the window's days instead of two binary searches). */
#include "../base/base.h"
#include "calendar_impl.h"
#include "leaf.h"

typedef struct run {
    int64_t x, end; /* the walk's start; where the first run found ends */
    int started, open_at_x;
} run;

/* Follows the open pieces from x: the run of touching pieces that covers
 * x (open at x), or the first piece after it (closed at x). */
static int follow_run(void *arg, int64_t s, int64_t e, int64_t day, const day_piece *piece) {
    run *r = arg;
    (void)day, (void)piece;
    if (!r->started) {
        r->started = 1;
        r->open_at_x = s == r->x;
        r->end = r->open_at_x ? e : s;
        return r->open_at_x;
    }
    if (s > r->end) return 0;
    if (e > r->end) r->end = e;
    return 1;
}

static int combine(cal_kind kind, const int *open, size_t n) {
    int result = open[0];
    for (size_t i = 1; i < n; i++)
        result = kind == CAL_UNION          ? result || open[i]
                 : kind == CAL_INTERSECTION ? result && open[i]
                                            : result && !open[i];
    return result;
}

int64_t slate__direct_next_change(const cal_core *k, int64_t x, int64_t limit, int *open) {
    const cal_def *d = k->def;
    if (d->kind == CAL_ALWAYS) {
        *open = 1;
        return limit;
    }
    if (d->kind == CAL_LEAF) {
        leaf_days direct = LEAF_DAYS_DIRECT;
        run r = {x, limit, 0, 0};
        slate__leaf_walk(k, &direct, x, limit, follow_run, &r);
        *open = r.open_at_x;
        return r.end < limit ? r.end : limit;
    }
    int parts[CAL_MAX_PARTS] = {0};
    int64_t next[CAL_MAX_PARTS];
    size_t n = d->child_count;
    for (size_t i = 0; i < n; i++)
        next[i] = slate__direct_next_change(d->children[i], x, limit, &parts[i]);
    *open = combine(d->kind, parts, n);
    for (;;) {
        int64_t t = limit;
        for (size_t i = 0; i < n; i++)
            if (next[i] < t) t = next[i];
        if (t >= limit) return limit;
        for (size_t i = 0; i < n; i++)
            if (next[i] == t)
                next[i] = slate__direct_next_change(d->children[i], t, limit, &parts[i]);
        if (combine(d->kind, parts, n) != *open) return t;
    }
}

int64_t slate__direct_between(const cal_core *k, int64_t x, int64_t y, int closed) {
    int64_t open = 0;
    for (int64_t t = x; t < y;) {
        int is_open;
        int64_t change = slate__direct_next_change(k, t, y, &is_open);
        if (is_open) open += change - t;
        t = change;
    }
    return closed ? (y - x) - open : open;
}

int slate__direct_first(const cal_core *k, int64_t x, int64_t limit, int64_t v, int closed,
                        int64_t *u) {
    int64_t seen = 0;
    for (int64_t t = x; t < limit;) {
        int is_open;
        int64_t change = slate__direct_next_change(k, t, limit, &is_open);
        if (is_open != closed) {
            if (seen + (change - t) >= v) {
                *u = t + (v - seen);
                return 1;
            }
            seen += change - t;
        }
        t = change;
    }
    return 0;
}
