/* Local dates and wall times of a zone (UTC without one). */
#include "local.h"

#include "../base/base.h"

int64_t slate__local_day(const slate_zone *zone, slate_time t) {
    slate_zone_info info = {0, 0, ""};
    if (zone != NULL) slate_zone_lookup(zone, t, &info);
    return slate__floordiv(t + info.utc_offset, 86400);
}

int slate__local_instant(const slate_zone *zone, int64_t day, int second, slate_time *out) {
    if (zone == NULL) {
        *out = day * 86400 + second;
        return slate__time_in_range(*out);
    }
    slate_civil c = {0, 0, 0, second / 3600, second / 60 % 60, second % 60};
    slate_civil_from_days(day, &c.year, &c.month, &c.day);
    return slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, NULL) == SLATE_OK;
}
