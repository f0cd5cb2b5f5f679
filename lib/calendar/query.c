/* The public calendar arithmetic, on the windows of a calendar's core. */
#include <string.h>

#include "../base/base.h"
#include "bdays.h"
#include "calendar_impl.h"
#include "mark.h"

SLATE_API int slate_calendar_is_open(const slate_calendar *c, slate_time t) {
    if (c == NULL || !slate__time_in_range(t)) return 0;
    const cal_window *win;
    int open;
    /* Without memory for the window, the answer comes from the rules. */
    if (slate__core_window(c->core, slate__window_index(t), &win) != SLATE_OK) {
        slate__direct_next_change(c->core, t, t + 1, &open);
        return open;
    }
    return slate__window_measure(win, t + 1, 0) - slate__window_measure(win, t, 0) == 1;
}

/* The first instant at or after t from which the open (or closed) measure
 * grows: t itself if it grows right away. */
static slate_status next_growth(const slate_calendar *c, slate_time t, int closed,
                                slate_time *out) {
    int64_t u, available;
    const cal_window *win;
    if (slate__core_window(c->core, slate__window_index(t), &win) != SLATE_OK) {
        /* Without memory for t's window, walk from t to the next change
         * rather than measure the window from its start. */
        int open;
        int64_t change = slate__direct_next_change(c->core, t, SEG_END, &open);
        if (open != closed) change = t;
        if (change >= SEG_END) return SLATE_ENEVER;
        *out = change;
        return SLATE_OK;
    }
    if (!slate__core_advance(c->core, t, 1, closed, &u, &available)) return SLATE_ENEVER;
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

/* The last second before t (t itself excluded) that is open (closed = 0)
 * or closed (1); 0 when there is none since the range's start. */
static int last_before(const slate_calendar *c, slate_time t, int closed, slate_time *out) {
    int64_t available;
    return slate__core_retreat(c->core, t, 1, closed, out, &available);
}

SLATE_API slate_status slate_calendar_prev_open(const slate_calendar *c, slate_time t,
                                                slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    slate_time open = t, closed;
    if (!slate_calendar_is_open(c, t) && !last_before(c, t, 0, &open)) return SLATE_ENEVER;
    /* The stretch holding `open` starts after the last closed second before it. */
    if (!last_before(c, open, 1, &closed)) return SLATE_ENEVER;
    *out = closed + 1;
    return SLATE_OK;
}

SLATE_API slate_status slate_calendar_prev_close(const slate_calendar *c, slate_time t,
                                                 slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    slate_time closed = t, open;
    if (slate_calendar_is_open(c, t) && !last_before(c, t, 1, &closed)) return SLATE_ENEVER;
    /* From a closed second, the last stretch before it ends after its last open second. */
    if (!last_before(c, closed, 0, &open)) return SLATE_ENEVER;
    *out = open + 1;
    return SLATE_OK;
}

SLATE_API slate_status slate_calendar_between(const slate_calendar *c, slate_time a, slate_time b,
                                              slate_duration *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return SLATE_ERANGE;
    *out = a <= b ? slate__core_between(c->core, a, b, 0) : -slate__core_between(c->core, b, a, 0);
    return SLATE_OK;
}

slate_duration slate__cal_between_marked(const slate_calendar *c, slate_time a, slate_time b,
                                         cal_mark *mark) {
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return 0;
    if (a > b) return -slate__core_between(c->core, b, a, 0); /* the mark stays */
    int64_t known = mark->cal == c && mark->at == a ? mark->local : -1, b_local;
    slate_duration open = slate__core_between_known(c->core, a, known, b, 0, &b_local);
    *mark = (cal_mark){c, b, b_local};
    return open;
}

SLATE_API slate_status slate_calendar_add(const slate_calendar *c, slate_time t, slate_duration d,
                                          slate_time *out) {
    if (c == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    if (d == 0) {
        *out = t;
        return SLATE_OK;
    }
    /* INT64_MIN asks for more than any calendar holds, as INT64_MAX does. */
    int64_t v = d > 0 ? d : d == INT64_MIN ? INT64_MAX : -d, u, available;
    int found = d > 0 ? slate__core_advance(c->core, t, v, 0, &u, &available)
                      : slate__core_retreat(c->core, t, v, 0, &u, &available);
    /* Never: no open time at all that way; out of range: some, not enough. */
    if (!found) return available == 0 ? SLATE_ENEVER : SLATE_ERANGE;
    if (u > SLATE_TIME_MAX) return SLATE_ERANGE;
    *out = u;
    return SLATE_OK;
}

SLATE_API const char *slate_calendar_name(const slate_calendar *c) { return c->name; }

SLATE_API const slate_zone *slate_calendar_zone(const slate_calendar *c) { return c->zone; }

static size_t def_memory(const cal_def *d) {
    return d->piece_cap * sizeof *d->pieces + d->closed_cap * sizeof *d->closed +
           d->override_cap * sizeof *d->overrides + d->holiday_cap * sizeof *d->holidays +
           d->child_count * sizeof *d->children;
}

SLATE_API size_t slate_calendar_memory(const slate_calendar *c) {
    if (c == NULL) return 0;
    size_t bytes =
        sizeof *c + sizeof *c->core + slate__core_memory(c->core) + slate__cal_bdays_memory(c);
    if (c->core->def == &c->core->own) bytes += def_memory(c->core->def);
    for (size_t i = 0; i < c->rule_count; i++)
        bytes += sizeof(char *) + strlen(c->rules[i]) + 1;
    return bytes;
}
