/* Local dates and wall times of a zone, as the calendar and SLA layers read
 * them: a date is days since 1970-01-01, a wall time seconds after the
 * date's midnight, and no zone (NULL) means UTC. */
#ifndef SLATE_TZ_LOCAL_H
#define SLATE_TZ_LOCAL_H

#include <stdint.h>

#include "slate/tz.h"

/* The local date of instant t in zone. */
int64_t slate__local_day(const slate_zone *zone, slate_time t);

/* The instant at which clocks in zone show `second` seconds after midnight
 * on local date `day`; a wall time skipped by a change of offset is read
 * as the compatible disambiguation does (moved forward by the gap). 0 when
 * that is outside the years 1800 to 2400. */
int slate__local_instant(const slate_zone *zone, int64_t day, int second, slate_time *out);

#endif /* SLATE_TZ_LOCAL_H */
