/* The public calendar arithmetic, on the compiled measure. */
#include <string.h>

#include "../base/base.h"
#include "calendar_impl.h"
#include "leaf.h"
#include "mark.h"

SLATE_API int slate_calendar_is_open(const slate_calendar *c, slate_time t) {
    if (c == NULL || !slate__time_in_range(t)) return 0;
    return slate__cal_measure(c, t + 1, 0) - slate__cal_measure(c, t, 0) == 1;
}

/* The first instant at or after t from which the open (or closed) measure
 * grows: t itself if it grows right away. */
static slate_status next_growth(const slate_calendar *c, slate_time t, int closed,
                                slate_time *out) {
    int64_t u;
    if (!slate__cal_first(c, slate__cal_measure(c, t, closed) + 1, closed, &u) ||
        u - 1 > SLATE_TIME_MAX)
        return SLATE_ENEVER;
    *out = u - 1;
    return SLATE_OK;
}

SLATE_API slate_status slate_calendar_next_open(const slate_calendar *c, slate_time t,
                                                slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    return next_growth(c, t, 0, out);
}

SLATE_API slate_status slate_calendar_next_close(const slate_calendar *c, slate_time t,
                                                 slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    slate_time open;
    slate_status st = next_growth(c, t, 0, &open);
    return st != SLATE_OK ? st : next_growth(c, open, 1, out);
}

SLATE_API slate_status slate_calendar_between(const slate_calendar *c, slate_time a, slate_time b,
                                              slate_duration *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return SLATE_ERANGE;
    *out = slate__cal_measure(c, b, 0) - slate__cal_measure(c, a, 0);
    return SLATE_OK;
}

slate_duration slate__cal_between_marked(const slate_calendar *c, slate_time a, slate_time b,
                                         cal_mark *mark) {
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return 0;
    int64_t from = mark->cal == c && mark->at == a ? mark->measure : slate__cal_measure(c, a, 0);
    *mark = (cal_mark){c, b, slate__cal_measure(c, b, 0)};
    return mark->measure - from;
}

SLATE_API slate_status slate_calendar_add(const slate_calendar *c, slate_time t, slate_duration d,
                                          slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    if (d == 0) {
        *out = t;
        return SLATE_OK;
    }
    int64_t here = slate__cal_measure(c, t, 0), u;
    if (d > 0) {
        if (here == c->total_open) return SLATE_ENEVER;
        if (d > c->total_open - here || !slate__cal_first(c, here + d, 0, &u) || u > SLATE_TIME_MAX)
            return SLATE_ERANGE;
        *out = u;
        return SLATE_OK;
    }
    if (here == 0) return SLATE_ENEVER;
    if (d < -here) return SLATE_ERANGE; /* here >= 0: no negation overflows */
    /* The latest u with measure(u) = here + d is one before the first
     * instant whose measure exceeds it. */
    slate__cal_first(c, here + d + 1, 0, &u);
    *out = u - 1;
    return SLATE_OK;
}

SLATE_API const char *slate_calendar_name(const slate_calendar *c) { return c->name; }

SLATE_API const slate_zone *slate_calendar_zone(const slate_calendar *c) { return c->zone; }

SLATE_API size_t slate_calendar_memory(const slate_calendar *c) {
    size_t bytes = sizeof *c + c->piece_cap * sizeof *c->pieces +
                   c->closed_count * sizeof *c->closed + c->override_cap * sizeof *c->overrides +
                   c->holiday_cap * sizeof *c->holidays + c->child_count * sizeof *c->children +
                   c->segment_count * sizeof *c->segments + c->pattern_count * sizeof *c->patterns +
                   (c->pool.cap + c->week_pool.cap) * 3 * sizeof(int64_t);
    for (size_t i = 0; i < c->rule_count; i++)
        bytes += sizeof(char *) + strlen(c->rules[i]) + 1;
    return bytes;
}
