/* A core's windows: found, compiled on first use and published without a
 * lock; and the measures that span many of them, from per-window and
 * per-block totals. A window that cannot be compiled (no memory) is read
 * from the rules instead (direct.c), so no query fails for want of memory. */
#include "../base/base.h"
#include "calendar_impl.h"

static int64_t window_start(int w) { return SEG_START + ((int64_t)w << WINDOW_SHIFT); }

static int64_t window_end(int w) {
    int64_t end = window_start(w) + WINDOW_SECONDS;
    return end < SEG_END ? end : SEG_END;
}

/* The block of index b, made on first use. NULL: no memory. */
static cal_block *block_at(const cal_core *k, int b) {
    /* The windows are not part of the core's value: they may grow under const. */
    _Atomic(cal_block *) *slot = (_Atomic(cal_block *) *)&k->blocks[b];
    cal_block *block = atomic_load_explicit(slot, memory_order_acquire);
    if (block != NULL) return block;
    cal_block *made = slate__malloc(sizeof *made);
    if (made == NULL) return NULL;
    for (int i = 0; i < BLOCK_WINDOWS; i++)
        atomic_init(&made->windows[i], NULL);
    atomic_init(&made->open, -1);
    if (atomic_compare_exchange_strong_explicit(slot, &block, made, memory_order_acq_rel,
                                                memory_order_acquire))
        return made;
    slate__free(made); /* another thread published one first: block holds it */
    return block;
}

/* A window compiled already, or NULL: the fast path, two loads. */
static inline const cal_window *window_ready(const cal_core *k, int w) {
    const cal_block *block =
        atomic_load_explicit(&k->blocks[w / BLOCK_WINDOWS], memory_order_acquire);
    return block != NULL
               ? atomic_load_explicit(&block->windows[w % BLOCK_WINDOWS], memory_order_acquire)
               : NULL;
}

slate_status slate__core_window(const cal_core *k, int w, const cal_window **out) {
    if ((*out = window_ready(k, w)) != NULL) return SLATE_OK;
    cal_block *block = block_at(k, w / BLOCK_WINDOWS);
    if (block == NULL) return SLATE_ENOMEM;
    _Atomic(cal_window *) *slot = &block->windows[w % BLOCK_WINDOWS];
    cal_window *win = atomic_load_explicit(slot, memory_order_acquire);
    if (win == NULL) {
        cal_window *made;
        slate_status st = slate__window_compile(k, w, &made);
        if (st != SLATE_OK) return st;
        if (atomic_compare_exchange_strong_explicit(slot, &win, made, memory_order_acq_rel,
                                                    memory_order_acquire))
            win = made;
        else
            slate__window_free(made); /* the same window, compiled by another thread */
    }
    *out = win;
    return SLATE_OK;
}

/* A window as the walks read it: compiled, or (win NULL) from the rules. */
typedef struct window_ref {
    const cal_core *k;
    const cal_window *win;
    int64_t start, end;
} window_ref;

static window_ref window_get(const cal_core *k, int w) {
    window_ref r = {k, window_ready(k, w), window_start(w), window_end(w)};
    if (r.win == NULL && slate__core_window(k, w, &r.win) != SLATE_OK) r.win = NULL;
    return r;
}

/* Open (or closed) seconds of the window in [start, u). */
static int64_t ref_measure(const window_ref *r, int64_t u, int closed) {
    return r->win != NULL ? slate__window_measure(r->win, u, closed)
                          : slate__direct_between(r->k, r->start, u, closed);
}

static int64_t ref_total(const window_ref *r, int closed) {
    if (r->win == NULL) return slate__direct_between(r->k, r->start, r->end, closed);
    return closed ? (r->end - r->start) - r->win->open : r->win->open;
}

/* The smallest u with ref_measure(r, u) >= v, for 0 < v <= the total. */
static int64_t ref_first(const window_ref *r, int64_t v, int closed) {
    if (r->win != NULL) return slate__window_first(r->win, v, closed);
    int64_t u = r->end;
    slate__direct_first(r->k, r->start, r->end, v, closed, &u);
    return u;
}

static int64_t window_total(const cal_core *k, int w, int closed) {
    const cal_window *win = window_ready(k, w);
    if (win != NULL) return closed ? (win->end - win->start) - win->open : win->open;
    window_ref r = window_get(k, w);
    return ref_total(&r, closed);
}

static int block_windows(int b) {
    int n = WINDOW_COUNT - b * BLOCK_WINDOWS;
    return n < BLOCK_WINDOWS ? n : BLOCK_WINDOWS;
}

/* Open (or closed) seconds of block b: summed once, then kept. */
static int64_t block_total(const cal_core *k, int b, int closed) {
    cal_block *block = block_at(k, b);
    int64_t open = block != NULL ? atomic_load_explicit(&block->open, memory_order_relaxed) : -1;
    if (open < 0) {
        open = 0;
        for (int i = 0; i < block_windows(b); i++)
            open += window_total(k, b * BLOCK_WINDOWS + i, 0);
        /* Every thread sums the same value. */
        if (block != NULL) atomic_store_explicit(&block->open, open, memory_order_relaxed);
    }
    int first = b * BLOCK_WINDOWS;
    int64_t length = window_end(first + block_windows(b) - 1) - window_start(first);
    return closed ? length - open : open;
}

/* Open (or closed) seconds of the whole windows [w0, w1), by blocks where whole. */
static int64_t span_total(const cal_core *k, int w0, int w1, int closed) {
    int64_t sum = 0;
    for (int w = w0; w < w1;) {
        int b = w / BLOCK_WINDOWS;
        if (w % BLOCK_WINDOWS == 0 && w + block_windows(b) <= w1) {
            sum += block_total(k, b, closed);
            w += block_windows(b);
        } else {
            sum += window_total(k, w++, closed);
        }
    }
    return sum;
}

int64_t slate__core_between_known(const cal_core *k, int64_t a, int64_t a_local, int64_t b,
                                  int closed, int64_t *b_local) {
    int wa = slate__window_index(a), wb = b == SEG_END ? WINDOW_COUNT - 1 : slate__window_index(b);
    window_ref first = window_get(k, wa);
    if (a_local < 0) a_local = ref_measure(&first, a, closed);
    if (wa == wb) {
        *b_local = ref_measure(&first, b, closed);
        return *b_local - a_local;
    }
    window_ref last = window_get(k, wb);
    *b_local = ref_measure(&last, b, closed);
    return ref_total(&first, closed) - a_local + span_total(k, wa + 1, wb, closed) + *b_local;
}

int64_t slate__core_between(const cal_core *k, int64_t a, int64_t b, int closed) {
    int64_t b_local;
    return a == b ? 0 : slate__core_between_known(k, a, -1, b, closed, &b_local);
}

/* The total of window w, or of its whole block when step says so and w
 * starts it (forward, step 1) or ends it (backward, step -1). */
static int64_t stride_total(const cal_core *k, int w, int step, int closed, int *n) {
    int b = w / BLOCK_WINDOWS, first = b * BLOCK_WINDOWS;
    int edge = step > 0 ? w == first : w == first + block_windows(b) - 1;
    *n = edge ? block_windows(b) : 1;
    return edge ? block_total(k, b, closed) : window_total(k, w, closed);
}

/* Walks whole windows from w in the direction of step while they hold
 * less than *left, taking what they hold from it (and adding it to *seen).
 * Returns the window where *left is reached, or -1 / WINDOW_COUNT. */
static int skip(const cal_core *k, int w, int step, int closed, int64_t *left, int64_t *seen) {
    while (w >= 0 && w < WINDOW_COUNT) {
        int n;
        int64_t total = stride_total(k, w, step, closed, &n);
        if (total >= *left && n > 1) total = window_total(k, w, closed), n = 1;
        if (total >= *left) return w;
        *left -= total;
        *seen += total;
        w += step * n;
    }
    return w;
}

int slate__core_advance(const cal_core *k, int64_t t, int64_t v, int closed, int64_t *u,
                        int64_t *available) {
    int w = slate__window_index(t);
    window_ref r = window_get(k, w);
    int64_t here = ref_measure(&r, t, closed), rest = ref_total(&r, closed) - here;
    if (rest >= v) {
        *u = ref_first(&r, here + v, closed);
        return 1;
    }
    int64_t left = v - rest, seen = rest;
    w = skip(k, w + 1, 1, closed, &left, &seen);
    if (w == WINDOW_COUNT) {
        *available = seen;
        return 0;
    }
    r = window_get(k, w);
    *u = ref_first(&r, left, closed);
    return 1;
}

int slate__core_retreat(const cal_core *k, int64_t t, int64_t v, int closed, int64_t *u,
                        int64_t *available) {
    int w = t == SEG_END ? WINDOW_COUNT - 1 : slate__window_index(t);
    window_ref r = window_get(k, w);
    int64_t here = ref_measure(&r, t, closed);
    /* The latest u with measure(u) <= target: one before the first instant past it. */
    if (here >= v) {
        *u = ref_first(&r, here - v + 1, closed) - 1;
        return 1;
    }
    int64_t left = v - here, seen = here;
    w = skip(k, w - 1, -1, closed, &left, &seen);
    if (w < 0) {
        *available = seen;
        return 0;
    }
    r = window_get(k, w);
    *u = ref_first(&r, ref_total(&r, closed) - left + 1, closed) - 1;
    return 1;
}

size_t slate__core_memory(const cal_core *k) {
    size_t bytes = 0;
    for (int b = 0; b < BLOCK_COUNT; b++) {
        const cal_block *block = atomic_load_explicit(&k->blocks[b], memory_order_acquire);
        if (block == NULL) continue;
        bytes += sizeof *block;
        for (int i = 0; i < BLOCK_WINDOWS; i++) {
            const cal_window *win = atomic_load_explicit(&block->windows[i], memory_order_acquire);
            if (win != NULL) bytes += win->bytes;
        }
    }
    return bytes;
}

void slate__core_free_windows(cal_core *k) {
    for (int b = 0; b < BLOCK_COUNT; b++) {
        cal_block *block = atomic_load_explicit(&k->blocks[b], memory_order_acquire);
        if (block == NULL) continue;
        for (int i = 0; i < BLOCK_WINDOWS; i++)
            slate__window_free(atomic_load_explicit(&block->windows[i], memory_order_acquire));
        slate__free(block);
        atomic_store_explicit(&k->blocks[b], NULL, memory_order_relaxed);
    }
}
