/* A calendar in another zone: the same rules read in that zone's wall
 * clock (a leaf), or the same open time with that zone's dates (a composed
 * calendar, whose parts keep their own zones). */
#ifndef SLATE_CALENDAR_INSTANCES_H
#define SLATE_CALENDAR_INSTANCES_H

#include "slate/calendar.h"

/* Most instances one calendar makes. */
#define CAL_MAX_INSTANCES 1000

/* The calendar c in `zone`: c itself when it is already there, else an instance made on first use
 * and kept with c until c is destroyed (a 24x7 calendar in a zone has that zone's dates). Safe to
 * call from many threads on one calendar: lookups take no lock; two threads making the same
 * instance keep one. Fails out of memory, or with SLATE_ELIMIT past CAL_MAX_INSTANCES zones. */
slate_status slate__cal_in_zone(const slate_calendar *c, const slate_zone *zone,
                                const slate_calendar **out, slate_error *err);

#endif /* SLATE_CALENDAR_INSTANCES_H */
