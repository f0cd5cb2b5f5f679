/* Compiling one window of a calendar into segments (see calendar_impl.h). */
#include <string.h>

#include "../base/base.h"
#include "../tz/zone.h"
#include "calendar_impl.h"
#include "leaf.h"

/* A leaf's closed days are kept this far either side of its window: the
 * enumerator walks two days past a window's instants, and a zone's offset
 * moves local days by one more. */
#define DAYS_MARGIN 7

typedef struct builder {
    const cal_core *k;
    cal_window *win;
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
    cal_window *win = b->win;
    for (size_t i = 0; i < win->pattern_count; i++) {
        const pattern *p = &win->patterns[i];
        if (p->count != week->count) continue;
        if (week->count == 0) return (int32_t)i;
        if (memcmp(win->week_pool.start + p->first, week->start, week->count * sizeof(int64_t)) ==
                0 &&
            memcmp(win->week_pool.end + p->first, week->end, week->count * sizeof(int64_t)) == 0)
            return (int32_t)i;
    }
    if (win->pattern_count == b->pattern_cap) {
        size_t want = slate__next_cap(b->pattern_cap);
        int ok = 1;
        SLATE_RESIZE(win->patterns, want, ok);
        if (!ok) return -1;
        b->pattern_cap = want;
    }
    pattern *p = &win->patterns[win->pattern_count];
    if (!pool_store(&win->week_pool, week, &p->first, &p->week_open)) return -1;
    p->count = (uint32_t)week->count;
    return (int32_t)win->pattern_count++;
}

static span_view pattern_view(const cal_window *win, const pattern *p) {
    span_view v = {win->week_pool.start + p->first,
                   win->week_pool.end + p->first,
                   win->week_pool.cum + p->first,
                   p->count,
                   0,
                   WEEK_SECONDS};
    return v;
}

/* Open time of a week pattern from the anchor week's start to x. */
static int64_t pattern_measure(const cal_window *win, const pattern *p, int64_t x, int closed) {
    span_view v = pattern_view(win, p);
    int64_t rel = x - WEEK_ANCHOR;
    int64_t weeks = slate__floordiv(rel, WEEK_SECONDS);
    int64_t per_week = closed ? WEEK_SECONDS - p->week_open : p->week_open;
    return weeks * per_week + slate__spans_measure(&v, rel - weeks * WEEK_SECONDS, closed);
}

static int64_t next_start(const cal_window *win, size_t k) {
    return k + 1 < win->segment_count ? win->segments[k + 1].start : win->end;
}

/* Spans of explicit segment k: up to where the next segment's begin. */
static uint32_t segment_span_count(const cal_window *win, size_t k) {
    size_t next = k + 1 < win->segment_count ? win->segments[k + 1].first : win->pool.count;
    return (uint32_t)(next - win->segments[k].first);
}

static span_view segment_view(const cal_window *win, size_t k) {
    const segment *s = &win->segments[k];
    span_view v = {win->pool.start + s->first,
                   win->pool.end + s->first,
                   win->pool.cum + s->first,
                   segment_span_count(win, k),
                   s->start,
                   next_start(win, k)};
    return v;
}

/* Open (or closed) time inside segment k from its start to x. */
static int64_t segment_measure(const cal_window *win, size_t k, int64_t x, int closed) {
    const segment *s = &win->segments[k];
    if (s->pattern >= 0) {
        int64_t open = pattern_measure(win, &win->patterns[s->pattern], x, 0) - s->pattern_base;
        return closed ? (x - s->start) - open : open;
    }
    span_view v = segment_view(win, k);
    return slate__spans_measure(&v, x, closed);
}

static int push_segment(builder *b, int64_t start, int32_t pattern_index, const span_list *spans) {
    cal_window *win = b->win;
    if (win->segment_count > 0) {
        segment *last = &win->segments[win->segment_count - 1];
        b->open_so_far = last->open_before + segment_measure(win, win->segment_count - 1, start, 0);
        if (pattern_index >= 0 && last->pattern == pattern_index)
            return 1; /* same pattern: extend */
    }
    if (win->segment_count == b->segment_cap) {
        size_t want = slate__next_cap(b->segment_cap);
        int ok = 1;
        SLATE_RESIZE(win->segments, want, ok);
        if (!ok) return 0;
        b->segment_cap = want;
    }
    segment *s = &win->segments[win->segment_count];
    s->start = start;
    s->open_before = b->open_so_far;
    s->pattern = pattern_index;
    s->pattern_base =
        pattern_index >= 0 ? pattern_measure(win, &win->patterns[pattern_index], start, 0) : 0;
    s->first = (uint32_t)win->pool.count;
    if (pattern_index < 0) {
        int64_t open;
        /* cum in an explicit segment counts from the segment's start */
        if (!pool_store(&win->pool, spans, &s->first, &open)) return 0;
    }
    win->segment_count++;
    return 1;
}

static int finish_segments(builder *b) {
    cal_window *win = b->win;
    size_t k = win->segment_count - 1;
    win->open = win->segments[k].open_before + segment_measure(win, k, win->end, 0);
    return 1;
}

/* ---- 24x7 ---- */

static int compile_always(builder *b) {
    span_list week = {0};
    int ok = slate__span_list_push(&week, 0, WEEK_SECONDS);
    int32_t id = ok ? intern_pattern(b, &week) : -1;
    slate__span_list_free(&week);
    return id >= 0 && push_segment(b, b->win->start, id, NULL) && finish_segments(b);
}

/* ---- leaves ---- */

/* The leaf's week in UTC at a constant offset: the local week rotated. */
static int32_t leaf_pattern(builder *b, int32_t offset) {
    const cal_def *d = b->k->def;
    span_list week = {0};
    int ok = 1;
    for (int w = 0; w < 7 && ok; w++) {
        const day_plan *plan = &d->weekly[w];
        for (uint32_t i = 0; i < plan->count && ok; i++) {
            const day_piece *p = &d->pieces[plan->first + i];
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

/* UTC stretches that contain every instant of the window whose local day
 * is an exception (closed or overridden), or follows one whose weekday
 * spills. */
static int exception_windows(const builder *b, span_list *out) {
    const cal_def *d = b->k->def;
    const leaf_days *near = &b->win->days;
    span_list days = {0};
    int ok = 1;
    for (size_t i = 0; i < near->count && ok; i++) {
        /* Closing a day with no weekly hours (not even spill) changes nothing. */
        if (d->weekly[slate_weekday(near->closed[i]) - 1].count == 0) continue;
        ok = slate__span_list_append(&days, near->closed[i], near->closed[i] + 1);
    }
    size_t first = 0;
    while (first < d->override_count && d->overrides[first].day < near->first)
        first++;
    for (size_t i = first; i < d->override_count && d->overrides[i].day <= near->last && ok; i++)
        ok = slate__span_list_append(&days, d->overrides[i].day, d->overrides[i].day + 1);
    ok = ok && slate__span_list_normalize(&days);
    for (size_t i = 0; i < days.count && ok; i++) {
        int64_t from = days.start[i], last = days.end[i];
        if (d->overnight[(slate_weekday(last - 1) - 1)]) last++; /* the next day loses its spill */
        /* Local midnight L is the instant L - offset; the offsets in force
         * within two days of the run bound where its instants can lie. */
        int32_t lo, hi;
        offsets_near(b->k->zone, from * 86400 - 2 * 86400, last * 86400 + 2 * 86400, &lo, &hi);
        int64_t s = from * 86400 - hi, e = last * 86400 - lo;
        if (s < b->win->start) s = b->win->start;
        if (e > b->win->end) e = b->win->end;
        ok = slate__span_list_append(out, s, e);
    }
    slate__span_list_free(&days);
    return ok && slate__span_list_normalize(out);
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

static int leaf_spans(const builder *b, int64_t x, int64_t y, span_list *out) {
    collect_ctx ctx = {out, 0};
    if (y > x) slate__leaf_walk(b->k, &b->win->days, x, y, collect, &ctx);
    return !ctx.failed;
}

/* The closed days from DAYS_MARGIN before the window to DAYS_MARGIN after. */
static int near_days(builder *b) {
    cal_window *win = b->win;
    win->days.first = slate__floordiv(win->start, 86400) - DAYS_MARGIN;
    win->days.last = slate__floordiv(win->end - 1, 86400) + DAYS_MARGIN;
    if (!slate__leaf_closed_days(b->k->def, win->days.first, win->days.last, &win->closed,
                                 &win->days.count))
        return 0;
    win->days.closed = win->closed;
    return 1;
}

static int compile_leaf(builder *b) {
    const cal_window *win = b->win;
    span_list windows = {0}, spans = {0};
    int ok = near_days(b) && exception_windows(b, &windows);
    size_t w = 0;
    int64_t cur = win->start;
    zone_period p = slate__zone_period_at(b->k->zone, cur);
    while (ok && cur < win->end) {
        while (w < windows.count && windows.end[w] <= cur)
            w++;
        if (w < windows.count && windows.start[w] <= cur) {
            int64_t end = windows.end[w];
            spans.count = 0;
            ok = leaf_spans(b, cur, end, &spans) && push_segment(b, cur, -1, &spans);
            cur = end;
            continue;
        }
        while (p.end <= cur)
            p = slate__zone_period_next(b->k->zone, &p);
        int64_t end = p.end < win->end ? p.end : win->end;
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

/* Combines the parts' span lists in order: ((a op b) op c) ... */
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

/* Segment of a part's window containing t, moving *k forward. */
static const segment *part_segment(const cal_window *part, size_t *k, int64_t t) {
    while (*k + 1 < part->segment_count && part->segments[*k + 1].start <= t)
        (*k)++;
    return &part->segments[*k];
}

static int append_window_spans(const cal_window *win, int64_t x, int64_t y, span_list *out);

/* Composes the window from the parts' windows of the same index. */
static slate_status compile_composed(builder *b, int index) {
    const cal_def *d = b->k->def;
    size_t n = d->child_count;
    size_t *at = slate__calloc(n, sizeof *at);
    span_list *lists = slate__calloc(n, sizeof *lists);
    const cal_window **parts = slate__calloc(n, sizeof *parts);
    span_list out = {0};
    slate_status st = at != NULL && lists != NULL && parts != NULL ? SLATE_OK : SLATE_ENOMEM;
    for (size_t i = 0; i < n && st == SLATE_OK; i++)
        st = slate__core_window(d->children[i], index, &parts[i]);
    int ok = st == SLATE_OK;
    int64_t cur = b->win->start;
    while (ok && cur < b->win->end) {
        int64_t end = b->win->end;
        int all_regular = 1;
        for (size_t i = 0; i < n; i++) {
            const segment *s = part_segment(parts[i], &at[i], cur);
            int64_t next = next_start(parts[i], at[i]);
            if (next < end) end = next;
            all_regular &= s->pattern >= 0;
        }
        if (all_regular) {
            for (size_t i = 0; i < n && ok; i++) {
                const cal_window *part = parts[i];
                const pattern *p = &part->patterns[part->segments[at[i]].pattern];
                lists[i].count = 0;
                for (uint32_t j = 0; j < p->count && ok; j++)
                    ok = slate__span_list_push(&lists[i], part->week_pool.start[p->first + j],
                                               part->week_pool.end[p->first + j]);
            }
            int32_t id = ok && combine_all(d->kind, lists, n, &out) ? intern_pattern(b, &out) : -1;
            ok = id >= 0 && push_segment(b, cur, id, NULL);
        } else {
            for (size_t i = 0; i < n && ok; i++) {
                lists[i].count = 0;
                ok = append_window_spans(parts[i], cur, end, &lists[i]);
            }
            ok = ok && combine_all(d->kind, lists, n, &out) && push_segment(b, cur, -1, &out);
        }
        cur = end;
    }
    for (size_t i = 0; lists != NULL && i < n; i++)
        slate__span_list_free(&lists[i]);
    slate__free(lists);
    slate__free(at);
    slate__free((void *)parts);
    slate__span_list_free(&out);
    if (st != SLATE_OK) return st;
    return ok && finish_segments(b) ? SLATE_OK : SLATE_ENOMEM;
}

/* Frees the growing arrays of a window being built. */
static void free_parts(cal_window *win) {
    slate__free(win->segments);
    slate__free(win->patterns);
    span_pool *pools[] = {&win->pool, &win->week_pool};
    for (int i = 0; i < 2; i++) {
        slate__free(pools[i]->start);
        slate__free(pools[i]->end);
        slate__free(pools[i]->cum);
    }
    slate__free(win->closed);
}

/* Copies n items of size each from src to the block at *at, moving it on. */
static void *place(char **at, const void *src, size_t n, size_t each) {
    void *dst = *at;
    if (n > 0) memcpy(dst, src, n * each);
    *at += n * each;
    return dst;
}

static void place_pool(char **at, span_pool *dst, const span_pool *src) {
    dst->start = place(at, src->start, src->count, sizeof(int64_t));
    dst->end = place(at, src->end, src->count, sizeof(int64_t));
    dst->cum = place(at, src->cum, src->count, sizeof(int64_t));
    dst->count = dst->cap = src->count;
}

/* The built window in one block of its exact size: NULL when out of memory. */
static cal_window *pack(const cal_window *tmp) {
    size_t spans = tmp->pool.count + tmp->week_pool.count;
    size_t bytes = sizeof *tmp + tmp->segment_count * sizeof *tmp->segments +
                   tmp->pattern_count * sizeof *tmp->patterns + spans * 3 * sizeof(int64_t) +
                   tmp->days.count * sizeof(int64_t);
    cal_window *win = slate__malloc(bytes);
    if (win == NULL) return NULL;
    *win = *tmp;
    char *at = (char *)(win + 1);
    win->segments = place(&at, tmp->segments, tmp->segment_count, sizeof *tmp->segments);
    win->patterns = place(&at, tmp->patterns, tmp->pattern_count, sizeof *tmp->patterns);
    place_pool(&at, &win->pool, &tmp->pool);
    place_pool(&at, &win->week_pool, &tmp->week_pool);
    win->closed = place(&at, tmp->days.closed, tmp->days.count, sizeof(int64_t));
    win->days.closed = win->closed;
    win->bytes = bytes;
    return win;
}

void slate__window_free(cal_window *win) { slate__free(win); }

slate_status slate__window_compile(const cal_core *k, int w, cal_window **out) {
    cal_window tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.start = SEG_START + ((int64_t)w << WINDOW_SHIFT);
    tmp.end = tmp.start + WINDOW_SECONDS < SEG_END ? tmp.start + WINDOW_SECONDS : SEG_END;
    builder b = {k, &tmp, 0, 0, 0};
    /* The pools are never NULL, so views into them never offset a null pointer. */
    int ok = pool_push(&tmp.pool, 0, 0, 0) && pool_push(&tmp.week_pool, 0, 0, 0);
    tmp.pool.count = tmp.week_pool.count = 0;
    slate_status st = !ok                          ? SLATE_ENOMEM
                      : k->def->kind == CAL_ALWAYS ? (compile_always(&b) ? SLATE_OK : SLATE_ENOMEM)
                      : k->def->kind == CAL_LEAF   ? (compile_leaf(&b) ? SLATE_OK : SLATE_ENOMEM)
                                                   : compile_composed(&b, w);
    if (st == SLATE_OK && (*out = pack(&tmp)) == NULL) st = SLATE_ENOMEM;
    free_parts(&tmp);
    return st;
}

/* ---- reading a window ---- */

/* Last segment starting at or before u (the first starts at the window's
 * start), by a branch-free binary search. */
static size_t segment_at(const cal_window *win, int64_t u) {
    const segment *base = win->segments;
    size_t n = win->segment_count;
    while (n > 1) {
        size_t half = n / 2;
        base = base[half].start <= u ? base + half : base;
        n -= half;
    }
    return (size_t)(base - win->segments);
}

/* Appends the window's open spans within [x, y). */
static int append_window_spans(const cal_window *win, int64_t x, int64_t y, span_list *out) {
    for (size_t k = segment_at(win, x); k < win->segment_count && win->segments[k].start < y; k++) {
        const segment *s = &win->segments[k];
        int64_t from = s->start > x ? s->start : x;
        int64_t to = next_start(win, k) < y ? next_start(win, k) : y;
        if (s->pattern < 0) {
            for (uint32_t j = 0, n = segment_span_count(win, k); j < n; j++) {
                int64_t a = win->pool.start[s->first + j], e = win->pool.end[s->first + j];
                if (!slate__span_list_push(out, a > from ? a : from, e < to ? e : to)) return 0;
            }
            continue;
        }
        const pattern *p = &win->patterns[s->pattern];
        int64_t week =
            WEEK_ANCHOR + slate__floordiv(from - WEEK_ANCHOR, WEEK_SECONDS) * WEEK_SECONDS;
        for (; week < to; week += WEEK_SECONDS)
            for (uint32_t j = 0; j < p->count; j++) {
                int64_t a = week + win->week_pool.start[p->first + j],
                        e = week + win->week_pool.end[p->first + j];
                if (e <= from || a >= to) continue;
                if (!slate__span_list_push(out, a > from ? a : from, e < to ? e : to)) return 0;
            }
    }
    return 1;
}

static int64_t before_segment(const cal_window *win, size_t k, int closed) {
    const segment *s = &win->segments[k];
    return closed ? (s->start - win->start) - s->open_before : s->open_before;
}

int64_t slate__window_measure(const cal_window *win, int64_t u, int closed) {
    size_t k = segment_at(win, u);
    return before_segment(win, k, closed) + segment_measure(win, k, u, closed);
}

int64_t slate__window_first(const cal_window *win, int64_t v, int closed) {
    /* The segment where the value is reached: the last with less before it
     * (the first has none), by a branch-free binary search. */
    size_t lo = 0, n = win->segment_count;
    while (n > 1) {
        size_t half = n / 2;
        lo = before_segment(win, lo + half, closed) < v ? lo + half : lo;
        n -= half;
    }
    const segment *s = &win->segments[lo];
    int64_t r = v - before_segment(win, lo, closed);
    if (s->pattern < 0) {
        span_view view = segment_view(win, lo);
        return slate__spans_first(&view, r, closed);
    }
    const pattern *p = &win->patterns[s->pattern];
    int64_t w = (closed ? (s->start - WEEK_ANCHOR) - s->pattern_base : s->pattern_base) + r;
    int64_t per_week = closed ? WEEK_SECONDS - p->week_open : p->week_open;
    int64_t weeks = slate__floordiv(w - 1, per_week);
    span_view view = pattern_view(win, p);
    return WEEK_ANCHOR + weeks * WEEK_SECONDS +
           slate__spans_first(&view, w - weeks * per_week, closed);
}
