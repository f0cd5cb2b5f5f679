/* Business days (bdays.h): their per-window index, built on first use from
 * the calendar's open stretches and published without a lock like the
 * windows of open time, and the public queries over it. A window the index
 * has no memory for is walked instead: the same answers, more slowly. */
#include <string.h>

#include "../base/base.h"
#include "../tz/local.h"
#include "bdays.h"

/* ---- local dates ---- */

int64_t slate__cal_date(const slate_calendar *c, slate_time t) {
    return slate__local_day(c->zone, t);
}

int slate__cal_midnight(const slate_calendar *c, int64_t day, slate_time *out) {
    return slate__local_instant(c->zone, day, 0, out);
}

/* ---- one window's business days, in order ---- */

/* Called for each business day with its anchor, in order; returns 0 to stop. */
typedef int (*bd_visit)(void *ctx, int64_t anchor, int64_t day);

typedef struct bd_walk {
    const slate_calendar *c;
    bd_visit visit;
    void *ctx;
    int64_t last_day;
    int any, stopped;
} bd_walk;

/* Passes day on unless it was the last passed. 0 when the visitor stopped. */
static int emit(bd_walk *wk, int64_t anchor, int64_t day) {
    if (wk->any && wk->last_day == day) return 1;
    wk->any = 1;
    wk->last_day = day;
    return !(wk->stopped = !wk->visit(wk->ctx, anchor, day));
}

/* The end of the open stretch from s (SEG_END when it never closes). */
static int64_t close_after(const slate_calendar *c, int64_t s) {
    slate_time e;
    return slate_calendar_next_close(c, s, &e) == SLATE_OK ? e : SEG_END;
}

/* The business days of the stretch [s, e) whose anchors lie in [from, to):
 * the date it starts on (unless it only continues one from before `from`),
 * and each date it covers whole. */
static int walk_stretch(bd_walk *wk, int64_t s, int64_t e, int continues, int64_t from,
                        int64_t to) {
    const slate_calendar *c = wk->c;
    if (!continues && !emit(wk, s, slate__cal_date(c, s))) return 0;
    int64_t day = slate__cal_date(c, s > from ? s : from), midnight, next;
    for (;; day++) {
        if (!slate__cal_midnight(c, day, &midnight)) return 1;
        if (midnight < s || midnight < from) continue;
        if (midnight >= to || midnight >= e) return 1;
        if (!slate__cal_midnight(c, day + 1, &next)) next = SEG_END;
        if (next > e) return 1; /* the stretch ends inside this date */
        if (!emit(wk, midnight, day)) return 0;
    }
}

/* Whether local date `day` has its anchor before instant `before`: a
 * stretch starting on it, or its midnight when open from the night before
 * through the whole date. */
static int anchored_before(const slate_calendar *c, int64_t day, int64_t before) {
    int64_t m0, m1, t;
    if (!slate__cal_midnight(c, day, &m0) || m0 >= before) return 0;
    if (!slate__cal_midnight(c, day + 1, &m1)) m1 = SEG_END;
    if ((t = m0) > SEG_START && slate_calendar_is_open(c, m0 - 1) &&
        slate_calendar_is_open(c, m0) && (t = close_after(c, m0)) >= m1)
        return 1;
    slate_time s;
    return t < SEG_END && slate_calendar_next_open(c, t, &s) == SLATE_OK && s < before && s < m1;
}

/* Visits the business days anchored in window w, in order, from the
 * calendar's stretches; needs no memory. 0 when the visitor stopped. */
static int walk_window(const slate_calendar *c, int w, bd_visit visit, void *ctx) {
    int64_t from = SEG_START + ((int64_t)w << WINDOW_SHIFT);
    int64_t to = from + WINDOW_SECONDS < SEG_END ? from + WINDOW_SECONDS : SEG_END;
    bd_walk wk = {c, visit, ctx, 0, 0, 0};
    /* A date the window's start falls in may belong to the window before. */
    int64_t first = slate__cal_date(c, from);
    if (anchored_before(c, first, from)) wk.any = 1, wk.last_day = first;
    slate_time s;
    for (int64_t t = from; t < to && slate_calendar_next_open(c, t, &s) == SLATE_OK && s < to;) {
        int continues = s == from && from > SEG_START && slate_calendar_is_open(c, from - 1);
        int64_t e = close_after(c, s);
        if (!walk_stretch(&wk, s, e, continues, from, to)) return !wk.stopped;
        t = e;
    }
    return 1;
}

typedef struct marks {
    int64_t *anchors, *days;
    size_t count, cap;
} marks;

static int keep_mark(void *arg, int64_t anchor, int64_t day) {
    marks *m = arg;
    if (m->count == m->cap) {
        size_t want = slate__next_cap(m->cap);
        int ok = 1;
        SLATE_RESIZE(m->anchors, want, ok);
        SLATE_RESIZE(m->days, want, ok);
        if (!ok) return 0;
        m->cap = want;
    }
    m->anchors[m->count] = anchor;
    m->days[m->count++] = day;
    return 1;
}

/* Window w of the index, in one block; NULL when out of memory. */
static bd_window *bd_window_build(const slate_calendar *c, int w) {
    marks m = {NULL, NULL, 0, 0};
    int ok = walk_window(c, w, keep_mark, &m);
    /* A window holds at most its ~388 dates: ranks fit 16 bits. */
    size_t span = m.count > 0 ? (size_t)(m.days[m.count - 1] - m.days[0]) + 1 : 0;
    size_t bytes = sizeof(bd_window) + 2 * m.count * sizeof(int64_t) + span * sizeof(uint16_t);
    bd_window *win = ok ? slate__malloc(bytes) : NULL;
    if (win != NULL) {
        int64_t *anchors = (int64_t *)(win + 1), *days = anchors + m.count;
        uint16_t *rank = (uint16_t *)(days + m.count);
        if (m.count > 0) {
            memcpy(anchors, m.anchors, m.count * sizeof *anchors);
            memcpy(days, m.days, m.count * sizeof *days);
        }
        for (size_t i = 0, k = 0; i < span; i++) {
            while (k < m.count && days[k] <= days[0] + (int64_t)i)
                k++;
            rank[i] = (uint16_t)k;
        }
        *win = (bd_window){m.count, anchors, days, m.count ? days[0] : 0, span, rank, bytes};
    }
    slate__free(m.anchors);
    slate__free(m.days);
    return win;
}

/* ---- the index ---- */

static bd_block *bd_block_at(const slate_calendar *c, int b) {
    _Atomic(bd_block *) *slot = (_Atomic(bd_block *) *)&c->bd_blocks[b];
    bd_block *block = atomic_load_explicit(slot, memory_order_acquire);
    if (block != NULL) return block;
    bd_block *made = slate__malloc(sizeof *made);
    if (made == NULL) return NULL;
    for (int i = 0; i < BLOCK_WINDOWS; i++)
        atomic_init(&made->windows[i], NULL);
    atomic_init(&made->count, -1);
    if (atomic_compare_exchange_strong_explicit(slot, &block, made, memory_order_acq_rel,
                                                memory_order_acquire))
        return made;
    slate__free(made);
    return block;
}

/* Window w of the index, built on first use; NULL when there is no memory
 * for it (the walks below then visit the window's days instead). */
static const bd_window *bd_window_get(const slate_calendar *c, int w) {
    bd_block *block = bd_block_at(c, w / BLOCK_WINDOWS);
    if (block == NULL) return NULL;
    _Atomic(bd_window *) *slot = &block->windows[w % BLOCK_WINDOWS];
    bd_window *win = atomic_load_explicit(slot, memory_order_acquire);
    if (win != NULL) return win;
    bd_window *made = bd_window_build(c, w);
    if (made == NULL) return NULL;
    if (atomic_compare_exchange_strong_explicit(slot, &win, made, memory_order_acq_rel,
                                                memory_order_acquire))
        return made;
    slate__free(made); /* built by another thread at the same time */
    return win;
}

/* Counting and picking without the index: what a walk visits. */
typedef struct tally {
    int64_t below; /* count anchors below this instant (by_day: days up to it) */
    int by_day;
    int64_t count;
    int64_t pick; /* the index wanted, or -1 */
    int64_t anchor, day;
} tally;

static int count_day(void *arg, int64_t anchor, int64_t day) {
    tally *t = arg;
    if (t->by_day ? day > t->below : anchor >= t->below) return 0;
    if (t->count == t->pick) {
        t->anchor = anchor, t->day = day;
        return 0;
    }
    t->count++;
    return 1;
}

/* Anchors of window w below instant u (INT64_MAX: all of them). */
static int64_t before_in(const slate_calendar *c, int w, int64_t u) {
    const bd_window *win = bd_window_get(c, w);
    if (win != NULL) return (int64_t)slate__count_le(win->anchors, win->count, u - 1);
    tally t = {u, 0, 0, -1, 0, 0};
    walk_window(c, w, count_day, &t);
    return t.count;
}

/* Business days of window w on local dates up to x. */
static int64_t days_up_to(const slate_calendar *c, int w, int64_t x) {
    const bd_window *win = bd_window_get(c, w);
    if (win != NULL) {
        if (win->count == 0 || x < win->first_day) return 0;
        int64_t i = x - win->first_day;
        return i < (int64_t)win->rank_count ? win->rank[i] : (int64_t)win->count;
    }
    tally t = {x, 1, 0, -1, 0, 0};
    walk_window(c, w, count_day, &t);
    return t.count;
}

static int64_t window_count(const slate_calendar *c, int w) { return before_in(c, w, INT64_MAX); }

/* The i-th business day anchored in window w (i < its count). */
static void day_at(const slate_calendar *c, int w, int64_t i, int64_t *anchor, int64_t *day) {
    const bd_window *win = bd_window_get(c, w);
    if (win != NULL) {
        *anchor = win->anchors[i];
        *day = win->days[i];
        return;
    }
    tally t = {INT64_MAX, 0, 0, i, 0, 0};
    walk_window(c, w, count_day, &t);
    *anchor = t.anchor;
    *day = t.day;
}

static int block_windows(int b) {
    int n = WINDOW_COUNT - b * BLOCK_WINDOWS;
    return n < BLOCK_WINDOWS ? n : BLOCK_WINDOWS;
}

static int64_t block_count(const slate_calendar *c, int b) {
    bd_block *block = bd_block_at(c, b);
    int64_t n = block != NULL ? atomic_load_explicit(&block->count, memory_order_relaxed) : -1;
    if (n >= 0) return n;
    n = 0;
    for (int i = 0; i < block_windows(b); i++)
        n += window_count(c, b * BLOCK_WINDOWS + i);
    if (block != NULL) atomic_store_explicit(&block->count, n, memory_order_relaxed);
    return n;
}

/* The business days of window w, or of its whole block when w is at the
 * block's edge in the direction of step. */
static int64_t stride_count(const slate_calendar *c, int w, int step, int *n) {
    int b = w / BLOCK_WINDOWS, first = b * BLOCK_WINDOWS;
    int edge = step > 0 ? w == first : w == first + block_windows(b) - 1;
    *n = edge ? block_windows(b) : 1;
    return edge ? block_count(c, b) : window_count(c, w);
}

/* Business days of the whole windows [w0, w1), by blocks where whole. */
static int64_t windows_count(const slate_calendar *c, int w0, int w1) {
    int64_t sum = 0;
    for (int w = w0; w < w1;) {
        int n = 1;
        if (w % BLOCK_WINDOWS == 0 && w + block_windows(w / BLOCK_WINDOWS) <= w1)
            sum += block_count(c, w / BLOCK_WINDOWS), n = block_windows(w / BLOCK_WINDOWS);
        else
            sum += window_count(c, w);
        w += n;
    }
    return sum;
}

/* Where the business days on dates up to x end, without finding x's
 * midnight: every one in the windows before *w, and *in more counted from
 * the start of window *w. The anchors of dates up to x lie before x's
 * next midnight, within a day and two hours of UTC's, so they end in
 * window *w or the one after it. */
static void rank_of(const slate_calendar *c, int64_t x, int *w, int64_t *in) {
    int64_t u = (x + 1) * 86400 - 26 * 3600;
    u = u < SEG_START ? SEG_START : u >= SEG_END ? SEG_END - 1 : u;
    *w = slate__window_index(u);
    *in = days_up_to(c, *w, x);
    if (*w + 1 < WINDOW_COUNT && *in == window_count(c, *w)) *in += days_up_to(c, *w + 1, x);
}

/* The k-th business day counted from the start of window w (k < 0 goes
 * back before it). 0 when it lies outside the range. */
static int day_from(const slate_calendar *c, int w, int64_t k, int64_t *day) {
    int span;
    while (k < 0) {
        if (--w < 0) return 0;
        int64_t n = stride_count(c, w, -1, &span);
        if (k + n >= 0 && span > 1) n = window_count(c, w), span = 1;
        w -= span - 1;
        k += n;
    }
    for (;;) {
        int64_t n = stride_count(c, w, 1, &span);
        if (k < n && span > 1) n = window_count(c, w), span = 1;
        if (k < n) break;
        k -= n;
        if ((w += span) >= WINDOW_COUNT) return 0;
    }
    int64_t anchor;
    day_at(c, w, k, &anchor, day);
    return 1;
}

/* The n-th anchor at or after x (n > 0), or the n-th before x (n < 0),
 * with its day. 0 when there is none within the range. */
static int nth_anchor(const slate_calendar *c, int64_t x, int64_t n, int64_t *anchor,
                      int64_t *day) {
    int step = n > 0 ? 1 : -1, w = x == SEG_END ? WINDOW_COUNT - 1 : slate__window_index(x);
    int64_t left = n > 0 ? n : -n, total = window_count(c, w);
    int64_t here = x == SEG_END ? total : before_in(c, w, x);
    int64_t take = step > 0 ? total - here : here; /* what this window offers that way */
    while (take < left) {
        left -= take;
        if ((w += step) < 0 || w >= WINDOW_COUNT) return 0;
        int span;
        take = stride_count(c, w, step, &span);
        if (take >= left && span > 1) take = window_count(c, w), span = 1;
        w += step * (span - 1); /* past a whole block */
        here = step > 0 ? 0 : take;
    }
    day_at(c, w, step > 0 ? here + left - 1 : here - left, anchor, day);
    return 1;
}

/* ---- queries ---- */

/* Where the date after `day` begins (*x); SEG_END when that date lies past
 * the supported range. 0 when it cannot be found otherwise. */
static int after_date(const slate_calendar *c, int64_t day, int64_t *x) {
    if (slate__cal_midnight(c, day + 1, x)) return 1;
    *x = SEG_END;
    return day + 1 > slate__cal_date(c, SLATE_TIME_MAX);
}

int64_t slate__cal_nth_business_day(const slate_calendar *c, int64_t day, int64_t n) {
    int w;
    int64_t in, found;
    if (n == 0) return day;
    /* After day: the first is entry `in` from window w; before it, entry in - 1
     * counted up to day - 1. */
    rank_of(c, n > 0 ? day : day - 1, &w, &in);
    return day_from(c, w, n > 0 ? in + n - 1 : in + n, &found) ? found : BD_NONE;
}

/* The first instant at or after t that is open; SEG_END when none. */
static int64_t open_from(const slate_calendar *c, int64_t t) {
    slate_time u;
    return t < SEG_END && slate_calendar_next_open(c, t, &u) == SLATE_OK ? u : SEG_END;
}

int slate__cal_business_day(const slate_calendar *c, int64_t day, slate_time *start,
                            slate_time *end) {
    int64_t m0, m1, m2, found;
    if (!slate__cal_midnight(c, day, &m0) || !after_date(c, day, &m1)) return -1;
    if (!after_date(c, day + 1, &m2)) m2 = SEG_END;
    /* The first business day from the date's start: is it this one? */
    int r = nth_anchor(c, m0, 1, start, &found);
    if (r <= 0) return r;
    if (found != day) return 0;
    /* Open from the night before and through the whole date: it ends at midnight. */
    int64_t from = m0;
    if (m0 > SEG_START && slate_calendar_is_open(c, m0 - 1) && slate_calendar_is_open(c, m0) &&
        (from = close_after(c, m0)) >= m1) {
        *end = m1;
        return 1;
    }
    /* Else the close of the last stretch that starts on it; at midnight
     * when that stretch also covers the next date whole. */
    for (int64_t open = open_from(c, from);;) {
        int64_t close = close_after(c, open);
        if (close >= m1) {
            *end = close >= m2 ? m1 : close;
            return 1;
        }
        if ((open = open_from(c, close)) >= m1) {
            *end = close;
            return 1;
        }
    }
}

SLATE_API slate_status slate_calendar_business_days(const slate_calendar *c, slate_time a,
                                                    slate_time b, int32_t *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return SLATE_ERANGE;
    int64_t da = slate__cal_date(c, a < b ? a : b), db = slate__cal_date(c, a < b ? b : a);
    int wa, wb;
    int64_t ina, inb;
    rank_of(c, da, &wa, &ina);
    rank_of(c, db, &wb, &inb);
    int64_t n = windows_count(c, wa, wb) + inb - ina;
    *out = (int32_t)(a <= b ? n : -n);
    return SLATE_OK;
}

SLATE_API slate_status slate_calendar_add_business_days(const slate_calendar *c, slate_time t,
                                                        int32_t days, slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    /* t's local date and wall time, from one look at the zone. */
    slate_civil civil = {1970, 1, 1, 0, 0, 0};
    if (c->zone != NULL)
        slate_zone_to_civil(c->zone, t, &civil);
    else
        slate_civil_from_days(slate__floordiv(t, 86400), &civil.year, &civil.month, &civil.day);
    int64_t today = slate_days_from_civil(civil.year, civil.month, civil.day), target = today;
    if (days != 0 && (target = slate__cal_nth_business_day(c, today, days)) == BD_NONE)
        /* None at all that way, or not that many before the range ends. */
        return slate__cal_nth_business_day(c, today, days > 0 ? 1 : -1) == BD_NONE ? SLATE_ENEVER
                                                                                   : SLATE_ERANGE;
    /* The same wall time on that date, then the next open instant. */
    slate_time at = target * 86400 + slate__floormod(t, 86400);
    slate_civil_from_days(target, &civil.year, &civil.month, &civil.day);
    if (c->zone != NULL && slate_zone_from_civil(c->zone, &civil, SLATE_DISAMBIGUATE_COMPATIBLE,
                                                 &at, NULL) != SLATE_OK)
        return SLATE_ERANGE;
    if (!slate__time_in_range(at)) return SLATE_ERANGE;
    return slate_calendar_next_open(c, at, out);
}

size_t slate__cal_bdays_memory(const slate_calendar *c) {
    size_t bytes = 0;
    for (int b = 0; b < BLOCK_COUNT; b++) {
        const bd_block *block = atomic_load_explicit(&c->bd_blocks[b], memory_order_acquire);
        if (block == NULL) continue;
        bytes += sizeof *block;
        for (int i = 0; i < BLOCK_WINDOWS; i++) {
            const bd_window *win = atomic_load_explicit(&block->windows[i], memory_order_acquire);
            if (win != NULL) bytes += win->bytes;
        }
    }
    return bytes;
}

void slate__cal_bdays_free(slate_calendar *c) {
    for (int b = 0; b < BLOCK_COUNT; b++) {
        bd_block *block = atomic_load_explicit(&c->bd_blocks[b], memory_order_acquire);
        if (block == NULL) continue;
        for (int i = 0; i < BLOCK_WINDOWS; i++)
            slate__free(atomic_load_explicit(&block->windows[i], memory_order_acquire));
        slate__free(block);
    }
}

/* Fills out with business day `day` if t lies in it (or, with `next`, if
 * it starts after t). */
static int day_holding(const slate_calendar *c, int64_t day, slate_time t, int next,
                       slate_business_day *out) {
    slate_time start, end;
    if (slate__cal_business_day(c, day, &start, &end) <= 0) return 0;
    if (next ? start <= t : t < start || t >= end) return 0;
    slate_civil_from_days(day, &out->year, &out->month, &out->day);
    out->start = start;
    out->end = end;
    return 1;
}

SLATE_API slate_status slate_calendar_business_day(const slate_calendar *c, slate_time t,
                                                   slate_business_day *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    int64_t today = slate__cal_date(c, t), anchor, day;
    /* A business day lasts at most into the next date: yesterday's or today's. */
    if (day_holding(c, today - 1, t, 0, out) || day_holding(c, today, t, 0, out)) return SLATE_OK;
    if (t == SLATE_TIME_MAX || nth_anchor(c, t + 1, 1, &anchor, &day) != 1) return SLATE_ENEVER;
    return day_holding(c, day, t, 1, out) ? SLATE_OK : SLATE_ENEVER;
}
