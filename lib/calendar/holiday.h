/* Holiday rules: the dates a closed-date rule yields. */
#ifndef SLATE_HOLIDAY_H
#define SLATE_HOLIDAY_H

#include <stdint.h>

typedef enum holiday_kind {
    HOLIDAY_DATE,   /* one date */
    HOLIDAY_YEARLY, /* a month and day every year */
    HOLIDAY_NTH,    /* the n-th (or last, n = -1) weekday of a month */
    HOLIDAY_EASTER  /* Western Easter Sunday plus an offset in days */
} holiday_kind;

typedef struct holiday_rule {
    holiday_kind kind;
    int32_t year;               /* HOLIDAY_DATE */
    int month, day;             /* HOLIDAY_DATE, HOLIDAY_YEARLY; month for HOLIDAY_NTH */
    int nth;                    /* 1..5 or -1 */
    int weekday;                /* ISO: 1 = Monday .. 7 = Sunday */
    int easter_offset;          /* days */
    int observed;               /* Saturday -> Friday before, Sunday -> Monday after */
    int32_t from_year, to_year; /* inclusive bounds */
} holiday_rule;

/* Day number (since 1970-01-01) of Western Easter Sunday in a year. */
int64_t slate__holiday_easter(int32_t year);

/* The date the rule closes in `year`, observed shift applied. Returns 0
 * when the rule yields no date that year. */
int slate__holiday_in_year(const holiday_rule *rule, int32_t year, int64_t *day);

#endif /* SLATE_HOLIDAY_H */
