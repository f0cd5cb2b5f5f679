/* What a target allows: its duration for a priority, or the business time
 * from the start of a cycle to a relative deadline ("by 16:00 on the next
 * business day", "end of business day"). */
#include <string.h>

#include "../base/base.h"
#include "slas.h"

/* The entry of a target for a priority: exact, else "*". */
static const sla_duration *due_entry(const sla_target *t, const char *priority) {
    const sla_duration *fallback = NULL;
    for (size_t i = 0; i < t->duration_count; i++) {
        if (t->durations[i].priority == NULL)
            fallback = &t->durations[i];
        else if (priority != NULL && strcmp(t->durations[i].priority, priority) == 0)
            return &t->durations[i];
    }
    return fallback;
}

/* Local midnight of a day number in the calendar's zone (UTC without one). */
static int day_start(const slate_zone *zone, int64_t day, slate_time *out) {
    if (zone == NULL) {
        *out = day * 86400;
        return slate__time_in_range(*out);
    }
    slate_civil c = {0, 0, 0, 0, 0, 0};
    slate_civil_from_days(day, &c.year, &c.month, &c.day);
    return slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, NULL) == SLATE_OK;
}

/* The open time of a local day, and its bounds. */
static slate_duration day_open(const slate_calendar *cal, const slate_zone *zone, int64_t day,
                               slate_time *from, slate_time *to) {
    slate_duration open = 0;
    if (!day_start(zone, day, from) || !day_start(zone, day + 1, to)) return -1;
    slate_calendar_between(cal, *from, *to, &open);
    return open;
}

/* The business day a relative deadline falls on: with n = 0 the start's own
 * day if `today_ok`, else the next business day; with n >= 1 the n-th
 * business day after the start's day. -1 when none within ten years. */
static int64_t business_day(const slate_calendar *cal, const slate_zone *zone, int64_t today, int n,
                            int today_ok) {
    slate_time from, to;
    if (n == 0 && today_ok) return today;
    int wanted = n == 0 ? 1 : n;
    for (int64_t d = today + 1; d <= today + 3660; d++) {
        slate_duration open = day_open(cal, zone, d, &from, &to);
        if (open < 0) return -1;
        if (open > 0 && --wanted == 0) return d;
    }
    return -1;
}

/* The deadline instant of a relative entry for a cycle starting at `start`. */
static int relative_due(const sla_duration *d, const slate_calendar *cal, slate_time start,
                        slate_time *due) {
    const slate_zone *zone = slate_calendar_zone(cal);
    slate_zone_info info = {0, 0, ""};
    if (zone != NULL) slate_zone_lookup(zone, start, &info);
    int64_t local = start + info.utc_offset, today = slate__floordiv(local, 86400);
    slate_time from, to;
    slate_duration open_today = day_open(cal, zone, today, &from, &to);
    if (open_today < 0) return 0;
    if (d->kind == DUE_BY) {
        int64_t minute_now = (local - today * 86400) / 60;
        int64_t day = business_day(cal, zone, today, d->business_days,
                                   open_today > 0 && minute_now < d->minute);
        if (day < 0) return 0;
        slate_civil c = {0, 0, 0, d->minute / 60, d->minute % 60, 0};
        slate_civil_from_days(day, &c.year, &c.month, &c.day);
        if (zone == NULL) {
            *due = day * 86400 + d->minute * 60;
            return slate__time_in_range(*due);
        }
        return slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, due, NULL) ==
               SLATE_OK;
    }
    /* End of business day: the close of the day's last open interval. */
    slate_duration left_today = 0;
    slate_calendar_between(cal, start, to, &left_today);
    int64_t day = business_day(cal, zone, today, d->business_days, left_today > 0);
    if (day < 0) return 0;
    slate_duration open = day_open(cal, zone, day, &from, &to);
    return open > 0 && slate_calendar_add(cal, from, open, due) == SLATE_OK;
}

int slate__sla_target_allows(const sla_target *t, const char *priority, const slate_calendar *cal,
                             slate_time start, slate_duration *seconds) {
    const sla_duration *d = due_entry(t, priority);
    if (d == NULL) return 0;
    if (d->kind == DUE_AFTER) {
        *seconds = d->seconds;
        return 1;
    }
    slate_time due;
    if (!relative_due(d, cal, start, &due)) return 0;
    *seconds = 0;
    if (due > start) slate_calendar_between(cal, start, due, seconds);
    return 1;
}
