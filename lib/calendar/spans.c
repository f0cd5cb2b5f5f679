/* Span arithmetic: measures and their inverses by binary search, and set
 * operations by a merge of two sorted lists. */
#include <stdlib.h>

#include "../base/base.h"
#include "spans.h"

/* Index of the last span starting at or before x, or -1. */
static ptrdiff_t last_start_at_or_before(const span_view *v, int64_t x) {
    return (ptrdiff_t)slate__count_le(v->start, v->count, x) - 1;
}

static int64_t open_before(const span_view *v, int64_t x) {
    ptrdiff_t j = last_start_at_or_before(v, x);
    if (j < 0) return 0;
    int64_t inside = x - v->start[j], len = v->end[j] - v->start[j];
    return v->cum[j] + (inside < len ? inside : len);
}

int64_t slate__spans_measure(const span_view *v, int64_t x, int closed) {
    int64_t open = open_before(v, x);
    return closed ? (x - v->origin) - open : open;
}

int slate__spans_contains(const span_view *v, int64_t x) {
    ptrdiff_t j = last_start_at_or_before(v, x);
    return j >= 0 && x < v->end[j];
}

/* Open time reached at the end of span j, or closed time reached at its start. */
static int64_t reached(const span_view *v, size_t j, int closed) {
    return closed ? (v->start[j] - v->origin) - v->cum[j] : v->cum[j] + (v->end[j] - v->start[j]);
}

int64_t slate__spans_first(const span_view *v, int64_t r, int closed) {
    /* First j whose reached value is >= r (v->count when none), by a
     * branch-free binary search. */
    size_t lo = 0, n = v->count;
    while (n > 1) {
        size_t half = n / 2;
        lo = reached(v, lo + half - 1, closed) < r ? lo + half : lo;
        n -= half;
    }
    lo += n == 1 && reached(v, lo, closed) < r;
    if (!closed) return v->start[lo] + (r - v->cum[lo]);
    /* Closed: r is reached in the gap before span lo (or after the last). */
    int64_t gap_start = lo == 0 ? v->origin : v->end[lo - 1];
    int64_t closed_at_gap_start = (gap_start - v->origin) - (lo == 0 ? 0 : reached(v, lo - 1, 0));
    return gap_start + (r - closed_at_gap_start);
}

int slate__span_list_push(span_list *l, int64_t s, int64_t e) {
    if (e <= s) return 1;
    if (l->count > 0 && s <= l->end[l->count - 1]) {
        if (e > l->end[l->count - 1]) l->end[l->count - 1] = e;
        return 1;
    }
    return slate__span_list_append(l, s, e);
}

int slate__span_list_append(span_list *l, int64_t s, int64_t e) {
    if (e <= s) return 1;
    if (l->count == l->cap) {
        size_t want = slate__next_cap(l->cap);
        int ok = 1;
        SLATE_RESIZE(l->start, want, ok);
        SLATE_RESIZE(l->end, want, ok);
        if (!ok) return 0;
        l->cap = want;
    }
    l->start[l->count] = s;
    l->end[l->count] = e;
    l->count++;
    return 1;
}

void slate__span_list_free(span_list *l) {
    slate__free(l->start);
    slate__free(l->end);
    l->start = l->end = NULL;
    l->count = l->cap = 0;
}

static int in_result(int in_a, int in_b, span_op op) {
    switch (op) {
    case SPAN_UNION: return in_a || in_b;
    case SPAN_INTERSECTION: return in_a && in_b;
    default: return in_a && !in_b;
    }
}

/* Sweeps the boundaries of a and b in order, tracking membership. */
int slate__span_list_combine(const span_list *a, const span_list *b, span_op op, span_list *out) {
    size_t i = 0, j = 0;
    int in_a = 0, in_b = 0, inside = 0;
    int64_t open_at = 0;
    while (i < 2 * a->count || j < 2 * b->count) {
        int64_t xa = i < 2 * a->count ? (i % 2 ? a->end[i / 2] : a->start[i / 2]) : INT64_MAX;
        int64_t xb = j < 2 * b->count ? (j % 2 ? b->end[j / 2] : b->start[j / 2]) : INT64_MAX;
        int64_t x = xa < xb ? xa : xb;
        if (xa == x) in_a = !(i++ % 2);
        if (xb == x) in_b = !(j++ % 2);
        int now = in_result(in_a, in_b, op);
        if (now && !inside) open_at = x;
        if (!now && inside && !slate__span_list_push(out, open_at, x)) return 0;
        inside = now;
    }
    return 1;
}

static int compare_start(const void *pa, const void *pb) {
    const int64_t *a = pa, *b = pb;
    return (a[0] > b[0]) - (a[0] < b[0]);
}

int slate__span_list_normalize(span_list *l) {
    if (l->count < 2) return 1;
    int64_t *pairs = slate__malloc(l->count * 2 * sizeof *pairs);
    if (pairs == NULL) return 0;
    for (size_t i = 0; i < l->count; i++)
        pairs[2 * i] = l->start[i], pairs[2 * i + 1] = l->end[i];
    qsort(pairs, l->count, 2 * sizeof *pairs, compare_start);
    size_t n = l->count;
    l->count = 0;
    for (size_t i = 0; i < n; i++)
        slate__span_list_push(l, pairs[2 * i], pairs[2 * i + 1]); /* never grows */
    slate__free(pairs);
    return 1;
}
