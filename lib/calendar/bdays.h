/* Business days: the local dates on which open time starts, or that are
 * open from their first second to their last, in the zone of the
 * calendar's dates (UTC without one). Each is marked by its anchor, the
 * first instant of its business day (the first stretch starting on it, or
 * its midnight), and indexed per window like open time, so counting and
 * stepping over them costs the same at any span. SLA relative deadlines
 * use these same days (lib/sla/due.c). */
#ifndef SLATE_CALENDAR_BDAYS_H
#define SLATE_CALENDAR_BDAYS_H

#include <stdatomic.h>

#include "calendar_impl.h"

/* The business days whose anchors lie in one window, in order. */
typedef struct bd_window {
    size_t count;
    const int64_t *anchors; /* instants */
    const int64_t *days;    /* their local day numbers */
    /* rank[d - first_day]: how many are on dates up to d, for d from
     * first_day to the last one's date (a lookup instead of a search). */
    int64_t first_day;
    size_t rank_count;
    const uint16_t *rank;
    size_t bytes;
} bd_window;

typedef struct bd_block {
    _Atomic(bd_window *) windows[BLOCK_WINDOWS];
    _Atomic int64_t count; /* business days in the block; -1 until summed */
} bd_block;

/* The local date of t in the calendar's dates zone. */
int64_t slate__cal_date(const slate_calendar *c, slate_time t);

/* The instant local date `day` begins (a midnight a change of offset skips:
 * when the clock shows the date). 0 when outside the supported range. */
int slate__cal_midnight(const slate_calendar *c, int64_t day, slate_time *out);

/* Whether local date `day` is a business day (1), not (0), or cannot be
 * told (-1: out of range); for a business day, its first instant and its
 * end: the close of the last stretch that starts on it (past midnight when
 * the stretch runs on), or its midnight when that stretch covers the next
 * date whole. */
int slate__cal_business_day(const slate_calendar *c, int64_t day, slate_time *start,
                            slate_time *end);

/* What slate__cal_nth_business_day returns when there is none (day
 * numbers before 1970 are negative). */
#define BD_NONE INT64_MIN

/* The n-th business day after local date `day` (n > 0) or before it
 * (n < 0); BD_NONE when there is none within the supported range. */
int64_t slate__cal_nth_business_day(const slate_calendar *c, int64_t day, int64_t n);

/* Bytes the business-day index holds, and freeing it. */
size_t slate__cal_bdays_memory(const slate_calendar *c);
void slate__cal_bdays_free(slate_calendar *c);

#endif /* SLATE_CALENDAR_BDAYS_H */
