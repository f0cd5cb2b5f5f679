/* When a step fires: its trigger as a threshold on the target's business
 * seconds or as a wall instant, reached while the target stays as it is,
 * then held to the delivery calendar. */
#include <stdint.h>

#include "../base/base.h"
#include "chains.h"

slate_duration slate__esc_elapsed_at(const esc_view *v, slate_time t) {
    slate_duration more = 0;
    if (v->state == SLATE_SLA_RUNNING && t > v->since)
        slate_calendar_between(v->cal, v->since, t, &more);
    return v->elapsed + more;
}

/* The first instant >= from at which the target's business seconds reach
 * `threshold`; 0 when they never do while it stays as it is, or not within
 * the horizon. */
static int business_reached(const esc_view *v, esc_horizon *h, slate_duration threshold,
                            slate_time from, slate_time *at) {
    if (h->elapsed_cap < 0) {
        /* Business time grows no faster than wall time: most thresholds are
         * out of reach without asking the calendar. */
        slate_duration bound =
            v->elapsed +
            (v->state == SLATE_SLA_RUNNING && h->until > v->since ? h->until - v->since : 0);
        if (threshold > bound) return 0;
        h->elapsed_cap = slate__esc_elapsed_at(v, h->until);
    }
    if (threshold > h->elapsed_cap) return 0;
    slate_duration now = slate__esc_elapsed_at(v, from);
    if (now >= threshold) {
        *at = from;
        return 1;
    }
    return v->state == SLATE_SLA_RUNNING &&
           slate_calendar_add(v->cal, from, threshold - now, at) == SLATE_OK;
}

int slate__esc_view_due(const esc_view *v, slate_time *due) {
    if (v->breached) {
        *due = v->breach_time;
        return 1;
    }
    if (v->has_deadline) {
        *due = v->deadline;
        return 1;
    }
    return v->target > 0 &&
           slate_calendar_add(v->cal, v->since, v->target - v->elapsed, due) == SLATE_OK;
}

/* The instant the running target reaches its due time (its breach time once
 * breached); 0 when it is paused and not breached. Worked out once. */
static int due_instant(const esc_view *v, esc_horizon *h, slate_time *at) {
    if (!h->due_known) {
        h->due_known = 1;
        h->has_due =
            (v->breached || v->state == SLATE_SLA_RUNNING) && slate__esc_view_due(v, &h->due);
    }
    *at = h->due;
    return h->has_due;
}

/* The business threshold of a first firing. */
static slate_duration first_threshold(const esc_step *s, const esc_view *v) {
    switch (s->trigger) {
    case ESC_PERCENT: return (v->target * s->basis_points + 9999) / 10000;
    case ESC_ELAPSED: return s->offset;
    case ESC_BEFORE_BREACH: return v->target > s->offset ? v->target - s->offset : 0;
    default: return v->target + s->offset;
    }
}

/* The wall instant of a first firing; 0 when there is none yet. */
static int first_wall(const esc_step *s, const esc_view *v, esc_horizon *h, slate_time *w) {
    slate_time due;
    /* Without a wake time to find, a due time that cannot come by `until`
     * (it is at least the business time left away) needs no calendar. */
    if (h->elapsed_cap != INT64_MAX && s->trigger != ESC_ELAPSED && !v->breached &&
        v->state == SLATE_SLA_RUNNING) {
        slate_time earliest_due = v->since + (v->target > v->elapsed ? v->target - v->elapsed : 0);
        if ((s->trigger == ESC_AFTER_BREACH ? earliest_due + s->offset : earliest_due - s->offset) >
            h->until)
            return 0;
    }
    switch (s->trigger) {
    case ESC_ELAPSED: *w = v->start + s->offset; return 1;
    case ESC_BEFORE_BREACH:
        if (v->state != SLATE_SLA_RUNNING || !due_instant(v, h, &due)) return 0;
        *w = due - s->offset;
        return 1;
    default:
        if (!due_instant(v, h, &due)) return 0;
        *w = due + s->offset;
        return 1;
    }
}

/* The earliest instant at or after `from` at which a step could fire,
 * worked out without the calendar: business time grows no faster than
 * wall time, and a due time is at least the business time left away.
 * INT64_MAX when it cannot fire while the target stays as it is. */
slate_time slate__esc_step_not_before(const esc_step *s, const esc_step_state *ss,
                                      const esc_view *v, slate_time from) {
    int running = v->state == SLATE_SLA_RUNNING;
    if ((!running && v->state != SLATE_SLA_PAUSED) || ss->fired > s->repeats) return INT64_MAX;
    if (ss->fired == 0 && s->trigger != ESC_ELAPSED && v->target <= 0) return INT64_MAX;
    slate_time t;
    if (s->measure == ESC_BUSINESS) {
        slate_duration threshold =
            ss->fired > 0 ? ss->last_elapsed + s->every : first_threshold(s, v);
        if (v->elapsed >= threshold) return from;
        if (!running) return INT64_MAX;
        t = v->since + (threshold - v->elapsed);
    } else if (ss->fired > 0) {
        t = ss->last_at + s->every;
    } else if (s->trigger == ESC_ELAPSED) {
        t = v->start + s->offset;
    } else {
        slate_time due = v->breached ? v->breach_time
                         : running
                             ? v->since + (v->target > v->elapsed ? v->target - v->elapsed : 0)
                             : INT64_MAX;
        if (due == INT64_MAX || (s->trigger == ESC_BEFORE_BREACH && !running)) return INT64_MAX;
        t = s->trigger == ESC_BEFORE_BREACH ? due - s->offset : due + s->offset;
    }
    return t > from ? t : from;
}

int slate__esc_step_next(const esc_step *s, const esc_step_state *ss, const esc_view *v,
                         esc_horizon *h, slate_time from, slate_time *at, slate_time *eligible) {
    if (v->state != SLATE_SLA_RUNNING && v->state != SLATE_SLA_PAUSED) return 0;
    if (ss->fired > s->repeats) return 0;
    if (ss->fired == 0 && s->trigger != ESC_ELAPSED && v->target <= 0) return 0; /* no target yet */
    slate_time t, wall;
    int found;
    if (s->measure == ESC_BUSINESS) {
        slate_duration threshold =
            ss->fired > 0 ? ss->last_elapsed + s->every : first_threshold(s, v);
        found = business_reached(v, h, threshold, from, &t);
    } else {
        found = ss->fired > 0 ? (wall = ss->last_at + s->every, 1) : first_wall(s, v, h, &wall);
        t = found && wall > from ? wall : from;
    }
    if (!found || !slate__time_in_range(t)) return 0;
    *eligible = t;
    if (s->delivery != NULL && !slate_calendar_is_open(s->delivery, t) &&
        slate_calendar_next_open(s->delivery, t, &t) != SLATE_OK)
        return 0;
    *at = t;
    return 1;
}
