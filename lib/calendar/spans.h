/* Sorted, disjoint half-open spans [start, end) with the open time before
 * each (cum), and the growable lists calendars are compiled from. */
#ifndef SLATE_SPANS_H
#define SLATE_SPANS_H

#include <stddef.h>
#include <stdint.h>

/* A read-only view of spans lying in [origin, limit). */
typedef struct span_view {
    const int64_t *start, *end, *cum;
    size_t count;
    int64_t origin, limit;
} span_view;

/* Open (closed = 0) or closed (closed = 1) time in [origin, x), x in [origin, limit]. */
int64_t slate__spans_measure(const span_view *v, int64_t x, int closed);

/* Smallest x in [origin, limit] with slate__spans_measure(v, x, closed) >= r, for
 * 0 < r <= slate__spans_measure(v, limit, closed). */
int64_t slate__spans_first(const span_view *v, int64_t r, int closed);

/* Whether x lies in a span. */
int slate__spans_contains(const span_view *v, int64_t x);

/* A growable list of spans (no cum): the working form while compiling. */
typedef struct span_list {
    int64_t *start, *end;
    size_t count, cap;
} span_list;

/* Appends [s, e) (ignored when empty), merging with the last span when they
 * touch or overlap; spans must come in order of start. 0 when out of memory. */
int slate__span_list_push(span_list *l, int64_t s, int64_t e);

/* Appends [s, e) without merging, in any order; slate__span_list_normalize sorts
 * and merges afterwards. 0 when out of memory. */
int slate__span_list_append(span_list *l, int64_t s, int64_t e);

void slate__span_list_free(span_list *l);

typedef enum span_op { SPAN_UNION, SPAN_INTERSECTION, SPAN_MINUS } span_op;

/* out = a op b, all sorted and disjoint. 0 when out of memory. */
int slate__span_list_combine(const span_list *a, const span_list *b, span_op op, span_list *out);

/* Sorts spans by start and merges overlaps, in place. 0 when out of memory. */
int slate__span_list_normalize(span_list *l);

#endif /* SLATE_SPANS_H */
