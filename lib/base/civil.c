/* Proleptic Gregorian day numbers. The calendar repeats every 400 years
 * (146,097 days); counting years from March puts the leap day last, so the
 * day of the year follows from the month by a linear formula. */
#include "base.h"

static int is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

SLATE_API int64_t slate_days_from_civil(int32_t year, int month, int day) {
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = slate__floordiv(y, 400);
    int64_t year_of_era = y - era * 400;         /* 0..399 */
    int64_t month_from_march = (month + 9) % 12; /* Mar=0 .. Feb=11 */
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

SLATE_API void slate_civil_from_days(int64_t days, int32_t *year, int *month, int *day) {
    int64_t z = days + 719468;
    int64_t era = slate__floordiv(z, 146097);
    int64_t day_of_era = z - era * 146097; /* 0..146096 */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_from_march = (5 * day_of_year + 2) / 153;
    int d = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    int m = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    *year = (int32_t)(year_of_era + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

SLATE_API int slate_weekday(int64_t days) {
    /* 1970-01-01 was a Thursday (4). */
    return (int)slate__floormod(days + 3, 7) + 1;
}

SLATE_API int slate_days_in_month(int32_t year, int month) {
    static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return lengths[month - 1] + (month == 2 && is_leap(year));
}

SLATE_API slate_status slate_civil_check(const slate_civil *c, slate_error *err) {
    if (c == NULL) return slate__fail(err, SLATE_EMISUSE, "civil fields are NULL");
    if (c->month < 1 || c->month > 12)
        return slate__fail(err, SLATE_EINVAL, "month %d is not 1 to 12", c->month);
    if (c->day < 1 || c->day > slate_days_in_month(c->year, c->month))
        return slate__fail(err, SLATE_EINVAL, "day %d is not in %04d-%02d", c->day, (int)c->year,
                           c->month);
    if (c->hour < 0 || c->hour > 23)
        return slate__fail(err, SLATE_EINVAL, "hour %d is not 0 to 23", c->hour);
    if (c->minute < 0 || c->minute > 59)
        return slate__fail(err, SLATE_EINVAL, "minute %d is not 0 to 59", c->minute);
    if (c->second < 0 || c->second > 59)
        return slate__fail(err, SLATE_EINVAL, "second %d is not 0 to 59", c->second);
    if (c->year < SLATE_YEAR_MIN || c->year > SLATE_YEAR_MAX)
        return slate__fail(err, SLATE_ERANGE, "year %d is outside %d to %d", (int)c->year,
                           SLATE_YEAR_MIN, SLATE_YEAR_MAX);
    return SLATE_OK;
}
