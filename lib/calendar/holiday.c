/* Dates of holiday rules. */
#include "holiday.h"
#include "../base/base.h"

int64_t slate__holiday_easter(int32_t year) {
    /* The Gregorian computus in integer arithmetic (Meeus, "Astronomical
     * Algorithms", after the anonymous 1876 method). */
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return slate_days_from_civil(year, month, day);
}

static int64_t nth_weekday(int32_t year, int month, int nth, int weekday, int *found) {
    int64_t first = slate_days_from_civil(year, month, 1);
    int length = slate_days_in_month(year, month);
    *found = 1;
    if (nth > 0) {
        int64_t day = first + (weekday - slate_weekday(first) + 7) % 7 + 7 * (nth - 1);
        if (day >= first + length) *found = 0;
        return day;
    }
    int64_t last = first + length - 1;
    return last - (slate_weekday(last) - weekday + 7) % 7;
}

int slate__holiday_in_year(const holiday_rule *rule, int32_t year, int64_t *day) {
    if (year < rule->from_year || year > rule->to_year) return 0;
    int64_t d;
    int found = 1;
    switch (rule->kind) {
    case HOLIDAY_DATE:
        if (year != rule->year) return 0;
        d = slate_days_from_civil(year, rule->month, rule->day);
        break;
    case HOLIDAY_YEARLY:
        if (rule->day > slate_days_in_month(year, rule->month)) return 0; /* Feb 29 */
        d = slate_days_from_civil(year, rule->month, rule->day);
        break;
    case HOLIDAY_NTH:
        d = nth_weekday(year, rule->month, rule->nth, rule->weekday, &found);
        if (!found) return 0;
        break;
    default: d = slate__holiday_easter(year) + rule->easter_offset; break;
    }
    if (rule->observed) {
        int wd = slate_weekday(d);
        if (wd == 6) d -= 1;
        if (wd == 7) d += 1;
    }
    *day = d;
    return 1;
}
