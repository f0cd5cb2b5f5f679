/* Compiling a calendar into segments (see calendar_impl.h). */
#include <string.h>

#include "../base/base.h"
#include "../tz/zone.h"
#include "calendar_impl.h"
#include "leaf.h"

typedef struct builder {
    slate_calendar *c;
    size_t segment_cap, pattern_cap;
    int64_t open_so_far;
} builder;

static int pool_push(span_pool *pool, int64_t s, int64_t e, int64_t cum) {
    if (pool->count == pool->cap) {
        size_t want = slate__next_cap(pool->cap);
        int ok = 1;
        SLATE_RESIZE(pool->start, want, ok);
        SLATE_RESIZE(pool->end, want, ok);
        SLATE_RESIZE(pool->cum, want, ok);
        if (!ok) return 0;
        pool->cap = want;
    }
    pool->start[pool->count] = s;
    pool->end[pool->count] = e;
    pool->cum[pool->count] = cum;
    pool->count++;
    return 1;
}

/* Stores spans in the pool; returns their open time through *open. */
static int pool_store(span_pool *pool, const span_list *l, uint32_t *first, int64_t *open) {
    *first = (uint32_t)pool->count;
    int64_t cum = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (!pool_push(pool, l->start[i], l->end[i], cum)) return 0;
        cum += l->end[i] - l->start[i];
    }
    *open = cum;
    return 1;
}

/* The index of a pattern with exactly these week spans, added if new; -1: no memory. */
static int32_t intern_pattern(builder *b, const span_list *week) {
    slate_calendar *c = b->c;
    for (size_t i = 0; i < c->pattern_count; i++) {
        const pattern *p = &c->patterns[i];
        if (p->count != week->count) continue;
        if (week->count == 0) return (int32_t)i;
        if (memcmp(c->week_pool.start + p->first, week->start, week->count * sizeof(int64_t)) ==
                0 &&
            memcmp(c->week_pool.end + p->first, week->end, week->count * sizeof(int64_t)) == 0)
            return (int32_t)i;
    }
    if (c->pattern_count == b->pattern_cap) {
        size_t want = slate__next_cap(b->pattern_cap);
        int ok = 1;
        SLATE_RESIZE(c->patterns, want, ok);
        if (!ok) return -1;
        b->pattern_cap = want;
    }
    pattern *p = &c->patterns[c->pattern_count];
    if (!pool_store(&c->week_pool, week, &p->first, &p->week_open)) return -1;
    p->count = (uint32_t)week->count;
    return (int32_t)c->pattern_count++;
}

static span_view pattern_view(const slate_calendar *c, const pattern *p) {
    span_view v = {c->week_pool.start + p->first,
                   c->week_pool.end + p->first,
                   c->week_pool.cum + p->first,
                   p->count,
                   0,
                   WEEK_SECONDS};
    return v;
}

/* Open time of a week pattern in [WEEK_ANCHOR-relative week start, x). */
static int64_t pattern_measure(const slate_calendar *c, const pattern *p, int64_t x, int closed) {
    span_view v = pattern_view(c, p);
    int64_t rel = x - WEEK_ANCHOR;
    int64_t weeks = slate__floordiv(rel, WEEK_SECONDS);
    int64_t per_week = closed ? WEEK_SECONDS - p->week_open : p->week_open;
    return weeks * per_week + slate__spans_measure(&v, rel - weeks * WEEK_SECONDS, closed);
}

/* Spans of explicit segment k: up to where the next segment's begin. */
static uint32_t segment_span_count(const slate_calendar *c, size_t k) {
    size_t next = k + 1 < c->segment_count ? c->segments[k + 1].first : c->pool.count;
    return (uint32_t)(next - c->segments[k].first);
}

static span_view segment_view(const slate_calendar *c, size_t k) {
    const segment *s = &c->segments[k];
    int64_t limit = k + 1 < c->segment_count ? c->segments[k + 1].start : SEG_END;
    span_view v = {c->pool.start + s->first,
                   c->pool.end + s->first,
                   c->pool.cum + s->first,
                   segment_span_count(c, k),
                   s->start,
                   limit};
    return v;
}

/* Open (or closed) time inside segment k from its start to x. */
static int64_t segment_measure(const slate_calendar *c, size_t k, int64_t x, int closed) {
    const segment *s = &c->segments[k];
    if (s->pattern >= 0) {
        const pattern *p = &c->patterns[s->pattern];
        return pattern_measure(c, p, x, closed) - pattern_measure(c, p, s->start, closed);
    }
    span_view v = segment_view(c, k);
    return slate__spans_measure(&v, x, closed);
}

static int push_segment(builder *b, int64_t start, int32_t pattern_index, const span_list *spans) {
    slate_calendar *c = b->c;
    if (c->segment_count > 0) {
        segment *last = &c->segments[c->segment_count - 1];
        b->open_so_far = last->open_before + segment_measure(c, c->segment_count - 1, start, 0);
        if (pattern_index >= 0 && last->pattern == pattern_index)
            return 1; /* same pattern: extend */
    }
    if (c->segment_count == b->segment_cap) {
        size_t want = slate__next_cap(b->segment_cap);
        int ok = 1;
        SLATE_RESIZE(c->segments, want, ok);
        if (!ok) return 0;
        b->segment_cap = want;
    }
    segment *s = &c->segments[c->segment_count];
    s->start = start;
    s->open_before = b->open_so_far;
    s->pattern = pattern_index;
    s->first = (uint32_t)c->pool.count;
    if (pattern_index < 0) {
        int64_t open;
        /* cum in an explicit segment counts from the segment's start */
        if (!pool_store(&c->pool, spans, &s->first, &open)) return 0;
    }
    c->segment_count++;
    return 1;
}

static int finish_segments(builder *b) {
    slate_calendar *c = b->c;
    size_t k = c->segment_count - 1;
    c->total_open = c->segments[k].open_before + segment_measure(c, k, SEG_END, 0);
    /* Give back the growth slack; a failed shrink keeps the larger array. */
    int ignored = 1;
    SLATE_RESIZE(c->segments, c->segment_count, ignored);
    SLATE_RESIZE(c->patterns, c->pattern_count, ignored);
    (void)ignored;
    span_pool *pools[] = {&c->pool, &c->week_pool};
    for (int i = 0; i < 2; i++) {
        int fits = 1;
        size_t want = pools[i]->count;
        SLATE_RESIZE(pools[i]->start, want, fits);
        SLATE_RESIZE(pools[i]->end, want, fits);
        SLATE_RESIZE(pools[i]->cum, want, fits);
        if (fits) pools[i]->cap = want;
    }
    return 1;
}

/* ---- 24x7 ---- */

static int compile_always(builder *b) {
    span_list week = {0};
    int ok = slate__span_list_push(&week, 0, WEEK_SECONDS);
    int32_t id = ok ? intern_pattern(b, &week) : -1;
    slate__span_list_free(&week);
    return id >= 0 && push_segment(b, SEG_START, id, NULL) && finish_segments(b);
}

/* ---- leaves ---- */

/* The leaf's week in UTC at a constant offset: the local week rotated. */
static int32_t leaf_pattern(builder *b, int32_t offset) {
    const slate_calendar *c = b->c;
    span_list week = {0};
    int ok = 1;
    for (int w = 0; w < 7 && ok; w++) {
        const day_plan *plan = &c->weekly[w];
        for (uint32_t i = 0; i < plan->count && ok; i++) {
            const day_piece *p = &c->pieces[plan->first + i];
            int64_t s = slate__floormod((int64_t)w * 86400 + p->start - offset, WEEK_SECONDS);
            int64_t e = s + (p->end - p->start);
            if (e <= WEEK_SECONDS) {
                ok = slate__span_list_append(&week, s, e);
            } else {
                ok = slate__span_list_append(&week, s, WEEK_SECONDS) &&
                     slate__span_list_append(&week, 0, e - WEEK_SECONDS);
            }
        }
    }
    int32_t id = ok && slate__span_list_normalize(&week) ? intern_pattern(b, &week) : -1;
    slate__span_list_free(&week);
    return id;
}

/* The least and greatest UTC offsets in force around [x, y). */
static void offsets_near(const slate_zone *zone, int64_t x, int64_t y, int32_t *lo, int32_t *hi) {
    zone_period p = slate__zone_period_at(zone, x);
    *lo = *hi = p.offset;
    while (p.end < y) {
        p = slate__zone_period_next(zone, &p);
        if (p.offset < *lo) *lo = p.offset;
        if (p.offset > *hi) *hi = p.offset;
    }
}

/* UTC windows that contain every instant whose local day is an exception
 * (closed or overridden), or follows one whose weekday spills. */
static int exception_windows(const slate_calendar *c, span_list *out) {
    span_list days = {0};
    int ok = 1;
    for (size_t i = 0; i < c->closed_count && ok; i++) {
        /* Closing a day with no weekly hours (not even spill) changes nothing. */
        if (c->weekly[slate_weekday(c->closed[i]) - 1].count == 0) continue;
        ok = slate__span_list_append(&days, c->closed[i], c->closed[i] + 1);
    }
    for (size_t i = 0; i < c->override_count && ok; i++)
        ok = slate__span_list_append(&days, c->overrides[i].day, c->overrides[i].day + 1);
    ok = ok && slate__span_list_normalize(&days);
    for (size_t i = 0; i < days.count && ok; i++) {
        int64_t first = days.start[i], last = days.end[i];
        if (c->overnight[(slate_weekday(last - 1) - 1)]) last++; /* the next day loses its spill */
        /* Local midnight L is the instant L - offset; the offsets in force
         * within two days of the run bound where its instants can lie. */
        int32_t lo, hi;
        offsets_near(c->zone, first * 86400 - 2 * 86400, last * 86400 + 2 * 86400, &lo, &hi);
        ok = slate__span_list_append(out, first * 86400 - hi, last * 86400 - lo);
    }
    slate__span_list_free(&days);
    return ok && slate__span_list_normalize(out);
}

static int compile_leaf(builder *b) {
    const slate_calendar *c = b->c;
    span_list windows = {0}, spans = {0};
    int ok = exception_windows(c, &windows);
    size_t w = 0;
    int64_t cur = SEG_START;
    zone_period p = slate__zone_period_at(c->zone, cur);
    while (ok && cur < SEG_END) {
        while (w < windows.count && windows.end[w] <= cur)
            w++;
        if (w < windows.count && windows.start[w] <= cur) {
            int64_t end = windows.end[w] < SEG_END ? windows.end[w] : SEG_END;
            spans.count = 0;
            ok = slate__leaf_spans(c, cur, end, &spans) && push_segment(b, cur, -1, &spans);
            cur = end;
            continue;
        }
        while (p.end <= cur)
            p = slate__zone_period_next(c->zone, &p);
        int64_t end = p.end < SEG_END ? p.end : SEG_END;
        if (w < windows.count && windows.start[w] < end) end = windows.start[w];
        int32_t id = leaf_pattern(b, p.offset);
        ok = id >= 0 && push_segment(b, cur, id, NULL);
        cur = end;
    }
    slate__span_list_free(&windows);
    slate__span_list_free(&spans);
    return ok && finish_segments(b);
}

/* ---- composition ---- */

static span_op op_of(cal_kind kind) {
    return kind == CAL_UNION          ? SPAN_UNION
           : kind == CAL_INTERSECTION ? SPAN_INTERSECTION
                                      : SPAN_MINUS;
}

/* Combines the children's span lists in order: ((a op b) op c) ... */
static int combine_all(cal_kind kind, span_list *lists, size_t n, span_list *out) {
    span_list acc = {0}, next = {0};
    int ok = 1;
    for (size_t i = 0; i < lists[0].count && ok; i++)
        ok = slate__span_list_push(&acc, lists[0].start[i], lists[0].end[i]);
    for (size_t k = 1; k < n && ok; k++) {
        next.count = 0;
        ok = slate__span_list_combine(&acc, &lists[k], op_of(kind), &next);
        span_list tmp = acc;
        acc = next;
        next = tmp;
    }
    out->count = 0;
    for (size_t i = 0; i < acc.count && ok; i++)
        ok = slate__span_list_push(out, acc.start[i], acc.end[i]);
    slate__span_list_free(&acc);
    slate__span_list_free(&next);
    return ok;
}

/* Segment of child containing t, moving *k forward. */
static const segment *child_segment(const slate_calendar *child, size_t *k, int64_t t) {
    while (*k + 1 < child->segment_count && child->segments[*k + 1].start <= t)
        (*k)++;
    return &child->segments[*k];
}

static int64_t child_next_start(const slate_calendar *child, size_t k) {
    return k + 1 < child->segment_count ? child->segments[k + 1].start : SEG_END;
}

static int compile_composed(builder *b) {
    const slate_calendar *c = b->c;
    size_t n = c->child_count;
    size_t *at = slate__calloc(n, sizeof *at);
    span_list *lists = slate__calloc(n, sizeof *lists);
    span_list out = {0};
    int ok = at != NULL && lists != NULL;
    int64_t cur = SEG_START;
    while (ok && cur < SEG_END) {
        int64_t end = SEG_END;
        int all_regular = 1;
        for (size_t i = 0; i < n; i++) {
            const segment *s = child_segment(c->children[i], &at[i], cur);
            int64_t next = child_next_start(c->children[i], at[i]);
            if (next < end) end = next;
            all_regular &= s->pattern >= 0;
        }
        if (all_regular) {
            for (size_t i = 0; i < n && ok; i++) {
                const slate_calendar *child = c->children[i];
                const pattern *p = &child->patterns[child->segments[at[i]].pattern];
                lists[i].count = 0;
                for (uint32_t j = 0; j < p->count && ok; j++)
                    ok = slate__span_list_push(&lists[i], child->week_pool.start[p->first + j],
                                               child->week_pool.end[p->first + j]);
            }
            int32_t id = ok && combine_all(c->kind, lists, n, &out) ? intern_pattern(b, &out) : -1;
            ok = id >= 0 && push_segment(b, cur, id, NULL);
        } else {
            for (size_t i = 0; i < n && ok; i++) {
                lists[i].count = 0;
                ok = slate__cal_spans(c->children[i], cur, end, &lists[i]);
            }
            ok = ok && combine_all(c->kind, lists, n, &out) && push_segment(b, cur, -1, &out);
        }
        cur = end;
    }
    for (size_t i = 0; lists != NULL && i < n; i++)
        slate__span_list_free(&lists[i]);
    slate__free(lists);
    slate__free(at);
    slate__span_list_free(&out);
    return ok && finish_segments(b);
}

slate_status slate__cal_compile(slate_calendar *c, slate_error *err) {
    builder b = {c, 0, 0, 0};
    /* The pools are never NULL, so views into them never offset a null pointer. */
    int ok = pool_push(&c->pool, 0, 0, 0) && pool_push(&c->week_pool, 0, 0, 0);
    c->pool.count = c->week_pool.count = 0;
    ok = ok && c->kind == CAL_ALWAYS ? compile_always(&b)
         : c->kind == CAL_LEAF       ? compile_leaf(&b)
                                     : compile_composed(&b);
    if (!ok) return slate__fail(err, SLATE_ENOMEM, "out of memory compiling calendar %s", c->name);
    return SLATE_OK;
}

/* ---- reading the segments ---- */

/* Last segment starting at or before u. */
static size_t segment_at(const slate_calendar *c, int64_t u) {
    size_t lo = 0, hi = c->segment_count;
    while (lo + 1 < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->segments[mid].start <= u)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int slate__cal_spans(const slate_calendar *c, int64_t x, int64_t y, span_list *out) {
    if (c->kind == CAL_LEAF) return slate__leaf_spans(c, x, y, out);
    for (size_t k = segment_at(c, x); k < c->segment_count && c->segments[k].start < y; k++) {
        const segment *s = &c->segments[k];
        int64_t from = s->start > x ? s->start : x;
        int64_t to = child_next_start(c, k) < y ? child_next_start(c, k) : y;
        if (s->pattern < 0) {
            for (uint32_t j = 0, n = segment_span_count(c, k); j < n; j++) {
                int64_t a = c->pool.start[s->first + j], e = c->pool.end[s->first + j];
                if (!slate__span_list_push(out, a > from ? a : from, e < to ? e : to)) return 0;
            }
            continue;
        }
        const pattern *p = &c->patterns[s->pattern];
        int64_t week =
            WEEK_ANCHOR + slate__floordiv(from - WEEK_ANCHOR, WEEK_SECONDS) * WEEK_SECONDS;
        for (; week < to; week += WEEK_SECONDS)
            for (uint32_t j = 0; j < p->count; j++) {
                int64_t a = week + c->week_pool.start[p->first + j],
                        e = week + c->week_pool.end[p->first + j];
                if (e <= from || a >= to) continue;
                if (!slate__span_list_push(out, a > from ? a : from, e < to ? e : to)) return 0;
            }
    }
    return 1;
}

static int64_t before_segment(const slate_calendar *c, size_t k, int closed) {
    const segment *s = &c->segments[k];
    return closed ? (s->start - SEG_START) - s->open_before : s->open_before;
}

int64_t slate__cal_measure(const slate_calendar *c, int64_t u, int closed) {
    size_t k = segment_at(c, u);
    return before_segment(c, k, closed) + segment_measure(c, k, u, closed);
}

int slate__cal_first(const slate_calendar *c, int64_t v, int closed, int64_t *u) {
    int64_t total = closed ? (SEG_END - SEG_START) - c->total_open : c->total_open;
    if (v > total) return 0;
    if (v <= 0) {
        *u = SEG_START;
        return 1;
    }
    /* The segment k where the value is reached: the last starting below v. */
    size_t lo = 0, hi = c->segment_count;
    while (lo + 1 < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (before_segment(c, mid, closed) < v)
            lo = mid;
        else
            hi = mid;
    }
    const segment *s = &c->segments[lo];
    int64_t r = v - before_segment(c, lo, closed);
    if (s->pattern < 0) {
        span_view view = segment_view(c, lo);
        *u = slate__spans_first(&view, r, closed);
        return 1;
    }
    const pattern *p = &c->patterns[s->pattern];
    int64_t w = pattern_measure(c, p, s->start, closed) + r;
    int64_t per_week = closed ? WEEK_SECONDS - p->week_open : p->week_open;
    int64_t weeks = slate__floordiv(w - 1, per_week);
    span_view view = pattern_view(c, p);
    *u = WEEK_ANCHOR + weeks * WEEK_SECONDS +
         slate__spans_first(&view, w - weeks * per_week, closed);
    return 1;
}
