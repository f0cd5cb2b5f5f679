/* The interval enumerator: each open stretch with the date and rule that
 * opened it. Long closed stretches are skipped with next_open, so every
 * step costs O(log n). */
#include "../base/base.h"
#include "../tz/local.h"
#include "calendar_impl.h"
#include "leaf.h"

SLATE_API slate_status slate_calendar_intervals(const slate_calendar *c, slate_time a, slate_time b,
                                                slate_interval_iter *it) {
    if (c == NULL || it == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return SLATE_ERANGE;
    it->calendar = c;
    it->next = a;
    it->end = b;
    return SLATE_OK;
}

typedef struct first_piece {
    slate_interval *out;
    const slate_calendar *c;
} first_piece;

static int take_first(void *arg, int64_t s, int64_t e, int64_t day, const day_piece *piece) {
    first_piece *f = arg;
    f->out->start = s;
    f->out->end = e;
    slate_civil_from_days(day, &f->out->year, &f->out->month, &f->out->day);
    f->out->source = (slate_interval_source)piece->source;
    f->out->rule = f->c->rules[piece->rule];
    return 0;
}

/* The local date of t in zone (UTC without one), and the instant the next
 * date begins (a midnight that a DST change skips: when the clock shows
 * the next date). */
static int64_t local_day(const slate_zone *zone, slate_time t, slate_time *next_midnight) {
    slate_zone_info info = {0, 0, ""};
    if (zone != NULL) slate_zone_lookup(zone, t, &info);
    int64_t day = slate__floordiv(t + info.utc_offset, 86400);
    if (!slate__local_instant(zone, day + 1, 0, next_midnight))
        *next_midnight = (day + 1) * 86400 - info.utc_offset;
    return day;
}

SLATE_API int slate_calendar_intervals_next(slate_interval_iter *it, slate_interval *out) {
    const slate_calendar *c = it->calendar;
    slate_time start;
    if (it->next >= it->end || slate_calendar_next_open(c, it->next, &start) != SLATE_OK ||
        start >= it->end)
        return 0;
    if (c->core->def->kind == CAL_LEAF) {
        /* A piece never spans more than a day of local time; the window
         * of start knows the closed days around it. */
        first_piece f = {out, c};
        int64_t horizon = start + 2 * 86400 < it->end ? start + 2 * 86400 : it->end;
        const cal_window *win;
        leaf_days direct = LEAF_DAYS_DIRECT;
        const leaf_days *days =
            slate__core_window(c->core, slate__window_index(start), &win) == SLATE_OK ? &win->days
                                                                                      : &direct;
        if (slate__leaf_walk(c->core, days, start, horizon, take_first, &f))
            return 0; /* cannot happen: start is open */
    } else {
        slate_time close, midnight;
        int64_t day = local_day(c->zone, start, &midnight);
        if (slate_calendar_next_close(c, start, &close) != SLATE_OK) close = SLATE_TIME_MAX + 1;
        out->start = start;
        out->end = close < midnight ? close : midnight;
        if (out->end > it->end) out->end = it->end;
        slate_civil_from_days(day, &out->year, &out->month, &out->day);
        out->source =
            c->core->def->kind == CAL_ALWAYS ? SLATE_SOURCE_ALWAYS : SLATE_SOURCE_COMPOSED;
        out->rule = c->pointer;
    }
    if (out->end > it->end) out->end = it->end;
    it->next = out->end;
    return 1;
}
