/* Walking a leaf calendar's pieces in UTC order. */
#ifndef SLATE_LEAF_H
#define SLATE_LEAF_H

#include "calendar_impl.h"

/* Most pieces a day may have (spill plus override intervals); the loader
 * enforces it. */
#define LEAF_MAX_PIECES 64

/* Called for each open piece [s, e) in UTC, with its local day and rule.
 * Returns 0 to stop the walk. */
typedef int (*leaf_visit)(void *ctx, int64_t s, int64_t e, int64_t day, const day_piece *piece);

/* Visits the pieces overlapping [x, y), clipped to it, in time order.
 * Returns 0 when the visitor stopped it. */
int slate__leaf_walk(const slate_calendar *c, int64_t x, int64_t y, leaf_visit visit, void *ctx);

/* Whether a local day is closed or overridden. */
int slate__leaf_is_exception(const slate_calendar *c, int64_t day);

#endif /* SLATE_LEAF_H */
