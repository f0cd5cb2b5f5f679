/* Walking a leaf calendar's pieces in UTC order. */
#ifndef SLATE_LEAF_H
#define SLATE_LEAF_H

#include "calendar_impl.h"

/* Most pieces a day may have (spill plus override intervals); the loader
 * enforces it. */
#define LEAF_MAX_PIECES 64

/* Closed days worked out from the rules as the walk meets them. */
#define LEAF_DAYS_DIRECT ((leaf_days){NULL, 0, 0, -1, 1})

/* Called for each open piece [s, e) in UTC, with its local day and rule.
 * Returns 0 to stop the walk. */
typedef int (*leaf_visit)(void *ctx, int64_t s, int64_t e, int64_t day, const day_piece *piece);

/* Visits the pieces of leaf core k overlapping [x, y), clipped to it, in
 * time order, with its closed days from `days`. Returns 0 when the visitor
 * stopped it. */
int slate__leaf_walk(const cal_core *k, const leaf_days *days, int64_t x, int64_t y,
                     leaf_visit visit, void *ctx);

/* Whether a local day is closed or overridden. */
int slate__leaf_is_exception(const cal_def *d, const leaf_days *days, int64_t day);

/* The closed local days over [first, last], sorted, in a new array (NULL
 * when there are none). 0 when out of memory. */
int slate__leaf_closed_days(const cal_def *d, int64_t first, int64_t last, int64_t **out,
                            size_t *count);

#endif /* SLATE_LEAF_H */
