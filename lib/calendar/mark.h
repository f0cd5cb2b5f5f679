/* Counting open time from where the last count stopped. The SLA clock
 * brings each target up to every event; with a mark, the count from the
 * last event to this one looks up only the new instant. */
#ifndef SLATE_CALENDAR_MARK_H
#define SLATE_CALENDAR_MARK_H

#include <stdint.h>

#include "slate/calendar.h"

/* Where a count stopped: an instant on a calendar, and its measure inside
 * its window. A zeroed mark stands nowhere. */
typedef struct cal_mark {
    const slate_calendar *cal;
    slate_time at;
    int64_t local;
} cal_mark;

/* The open seconds of c in [a, b), as slate_calendar_between (0 when a or
 * b is out of range). Uses *mark when it stands at a on c, and leaves it
 * at b. */
slate_duration slate__cal_between_marked(const slate_calendar *c, slate_time a, slate_time b,
                                         cal_mark *mark);

#endif /* SLATE_CALENDAR_MARK_H */
