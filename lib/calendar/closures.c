/* The days and stretches a calendar's own rules close, by name: a listing
 * (slate calendar holidays), read from the rules at each step, in time
 * order. Each step looks at every rule: meant for listings, not loops. */
#include <string.h>

#include "../base/base.h"
#include "../tz/local.h"
#include "calendar_impl.h"
#include "holiday.h"

/* Whether (start, index) comes after the iterator's last report. */
static int after_cursor(const slate_closure_iter *it, slate_time start, size_t index) {
    return !it->started || start > it->last_start ||
           (start == it->last_start && index > it->last_index);
}

/* The earliest occurrence of closure e (number index) after the cursor
 * that overlaps the range, into *out; 0 when there is none. */
static int first_after(const slate_calendar *c, const cal_closure *e, size_t index,
                       const slate_closure_iter *it, slate_closure *out) {
    slate_time start = 0, end = 0;
    int found = 0;
    if (e->end > e->start) {
        start = e->start, end = e->end;
        found = end > it->from && start < it->to && after_cursor(it, start, index);
    } else {
        slate_time from = it->started && it->last_start > it->from ? it->last_start : it->from;
        int32_t y0, y1;
        int m, d;
        slate_civil_from_days(slate__local_day(c->zone, from) - 1, &y0, &m, &d);
        slate_civil_from_days(slate__local_day(c->zone, it->to) + 1, &y1, &m, &d);
        int64_t day;
        for (int32_t y = y0 - 1; y <= y1 && !found; y++) {
            if (!slate__holiday_in_year(&e->rule, y, &day) ||
                !slate__local_instant(c->zone, day, 0, &start) ||
                !slate__local_instant(c->zone, day + 1, 0, &end))
                continue;
            found = end > it->from && start < it->to && after_cursor(it, start, index);
        }
    }
    if (!found) return 0;
    out->start = start, out->end = end;
    out->whole_day = e->end <= e->start;
    slate_civil_from_days(slate__local_day(c->zone, start), &out->year, &out->month, &out->day);
    out->name = e->name;
    out->source = e->source;
    return 1;
}

SLATE_API slate_status slate_calendar_closures(const slate_calendar *c, slate_time a, slate_time b,
                                               slate_closure_iter *it) {
    if (c == NULL || it == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return SLATE_ERANGE;
    memset(it, 0, sizeof *it);
    it->calendar = c;
    it->from = a;
    it->to = b;
    return SLATE_OK;
}

SLATE_API int slate_calendar_closures_next(slate_closure_iter *it, slate_closure *out) {
    if (it == NULL || out == NULL || it->calendar == NULL) return 0;
    const slate_calendar *c = it->calendar;
    slate_closure best, candidate;
    size_t best_index = 0;
    int any = 0;
    for (size_t i = 0; i < c->closure_count; i++) {
        if (!first_after(c, &c->closures[i], i, it, &candidate)) continue;
        if (!any || candidate.start < best.start) best = candidate, best_index = i, any = 1;
    }
    if (!any) return 0;
    *out = best;
    it->last_start = best.start;
    it->last_index = best_index;
    it->started = 1;
    return 1;
}
