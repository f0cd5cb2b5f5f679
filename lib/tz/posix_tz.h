/* The POSIX TZ string of a TZif footer (RFC 8536 section 3.3), with the
 * version 3 extensions: rule times from -167 to 167 hours, DST all year. */
#ifndef SLATE_POSIX_TZ_H
#define SLATE_POSIX_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "slate/tz.h"

/* When a rule switches: 'J' Julian day 1-365 without Feb 29, 'N' zero-based
 * day 0-365 with Feb 29, 'M' month.week.weekday. */
typedef struct tz_rule_date {
    char kind;
    int day;      /* J, N */
    int month;    /* M: 1-12 */
    int week;     /* M: 1-5, 5 = last */
    int weekday;  /* M: 0 = Sunday */
    int32_t time; /* seconds after local midnight, -167h..167h */
} tz_rule_date;

typedef struct tz_rule {
    slate_zone_info std;
    slate_zone_info dst; /* meaningful when has_dst */
    int has_dst;
    tz_rule_date start; /* DST starts, in standard local time */
    tz_rule_date end;   /* DST ends, in daylight local time */
} tz_rule;

/* Parses the len bytes of s. On failure returns 0 and writes a reason. */
int slate__tz_rule_parse(const char *s, size_t len, tz_rule *out, char *why, size_t why_cap);

/* The UTC instants at which DST starts and ends in local year `year`. */
void slate__tz_rule_year(const tz_rule *rule, int32_t year, int64_t *start, int64_t *end);

#endif /* SLATE_POSIX_TZ_H */
