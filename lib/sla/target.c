/* One target of an SLA on one ticket: counters, transitions, steps and
 * cycles (see target.h). Allocation failures while recording set
 * `failed`, which the clock reports; the state itself never fails. */
#include <string.h>

#include "../base/base.h"
#include "target.h"

typedef enum cycle_end { END_STOP, END_CANCEL, END_RESET } cycle_end;

void slate__target_reset(target_state *ts) {
    target_state keep = *ts;
    memset(ts, 0, sizeof *ts);
    ts->steps = keep.steps, ts->step_cap = keep.step_cap;
    ts->cycle_list = keep.cycle_list, ts->cycle_cap = keep.cycle_cap;
    ts->runs = keep.runs, ts->run_cap = keep.run_cap;
}

void slate__target_release(target_state *ts) {
    slate__free(ts->steps);
    slate__free(ts->cycle_list);
    slate__free(ts->runs);
    memset(ts, 0, sizeof *ts);
}

void slate__target_move(target_state *to, target_state *from) {
    slate__target_release(to);
    *to = *from;
    memset(from, 0, sizeof *from);
    /* The old policy's calendars may be freed, and their addresses reused. */
    memset(&to->mark, 0, sizeof to->mark);
}

static void add_step_noted(target_state *ts, slate_time at, slate_time noted, size_t event,
                           slate_sla_state to, const char *why, const char *cause) {
    int ok = 1;
    SLATE_GROW(ts->steps, ts->step_cap, ts->step_count + 1, ok);
    if (!ok) {
        ts->failed = 1;
        return;
    }
    ts->steps[ts->step_count++] =
        (slate_sla_step){at, event, ts->state, to, why, cause, ts->cal_name, ts->zone_name, noted};
}

static void add_step(target_state *ts, slate_time at, size_t event, slate_sla_state to,
                     const char *why, const char *cause) {
    add_step_noted(ts, at, at, event, to, why, cause);
}

/* The entry of the current cycle, or NULL when it could not be recorded. */
static slate_sla_cycle *current_cycle(target_state *ts) {
    slate_sla_cycle *cy = ts->cycle_count ? &ts->cycle_list[ts->cycle_count - 1] : NULL;
    return cy != NULL && cy->number == ts->cycles ? cy : NULL;
}

/* Notes that the target ran over [from, to) on its calendar. */
static void note_run(target_state *ts, slate_time from, slate_time to) {
    run_segment *last = ts->run_count ? &ts->runs[ts->run_count - 1] : NULL;
    if (last != NULL && last->to == from && last->cal == ts->cal) {
        last->to = to;
        return;
    }
    int ok = 1;
    SLATE_GROW(ts->runs, ts->run_cap, ts->run_count + 1, ok);
    if (!ok) {
        ts->failed = 1;
        return;
    }
    ts->runs[ts->run_count++] = (run_segment){from, to, ts->elapsed, ts->cal};
}

static void breach(target_state *ts, slate_time at, slate_time noted, size_t event, int record) {
    ts->breached = 1;
    ts->breach_time = at;
    if (record) add_step_noted(ts, at, noted, event, ts->state, "breach", "");
}

/* Breached when still running at a wall instant after the due one:
 * meeting the target exactly at its due time is on time, and so is
 * nothing else. With the target used up exactly, the closed time after the
 * due instant still counts against it. A wall-clock deadline is due as
 * such; a pause over business time moves it by that time, which makes it
 * the instant the running business time runs out, as for a duration. */
void slate__target_advance(target_state *ts, slate_time t, size_t event, int record) {
    if (ts->state == SLATE_SLA_PAUSED) {
        ts->paused += t - ts->since;
        slate_duration open = 0;
        if (ts->dated && !ts->paused_open && t > ts->since &&
            slate_calendar_between(ts->cal, ts->since, t, &open) == SLATE_OK && open > 0)
            ts->has_deadline = 0, ts->paused_open = 1;
    }
    if (ts->state == SLATE_SLA_RUNNING && t > ts->since) {
        slate_duration more = slate__cal_between_marked(ts->cal, ts->since, t, &ts->mark);
        slate_duration left = ts->target - ts->elapsed;
        slate_time due;
        if (ts->breached) {
            /* counted already */
        } else if (ts->has_deadline) {
            if (t > ts->deadline)
                breach(ts, ts->deadline > ts->since ? ts->deadline : ts->since, t, event, record);
        } else if (ts->target > 0 && more >= left &&
                   slate_calendar_add(ts->cal, ts->since, left, &due) == SLATE_OK && t > due) {
            breach(ts, due, t, event, record);
        }
        if (record) note_run(ts, ts->since, t);
        ts->elapsed += more;
    }
    if (ts->state == SLATE_SLA_RUNNING || ts->state == SLATE_SLA_PAUSED) ts->since = t;
}

void slate__target_fill_cycle(const target_state *ts, slate_sla_cycle *cy) {
    cy->target_seconds = ts->target;
    cy->elapsed = ts->elapsed;
    cy->paused = ts->paused;
    cy->breached = ts->breached && ts->breach_time >= cy->start;
    cy->breach_time = cy->breached ? ts->breach_time : 0;
    cy->late_by = cy->breached && ts->elapsed > ts->target ? ts->elapsed - ts->target : 0;
    /* Due: a deadline, the breach, or (running, set by the caller) when its
     * time runs out. */
    cy->has_due = ts->has_deadline || cy->breached;
    cy->due = ts->has_deadline ? ts->deadline : cy->breach_time;
    if (!cy->has_end) {
        cy->state = ts->state;
        cy->outcome = cy->breached ? SLATE_CYCLE_BREACHED : SLATE_CYCLE_OPEN;
    }
}

static void open_cycle(target_state *ts, const char *priority) {
    int ok = 1;
    ts->run_count = 0;
    SLATE_GROW(ts->cycle_list, ts->cycle_cap, ts->cycle_count + 1, ok);
    if (!ok) {
        ts->failed = 1;
        return;
    }
    slate_sla_cycle *cy = &ts->cycle_list[ts->cycle_count++];
    memset(cy, 0, sizeof *cy);
    cy->number = ts->cycles;
    cy->start = ts->start;
    cy->priority = priority;
}

/* The current cycle ends at t: stopped, cancelled or reset. */
static void close_cycle(target_state *ts, slate_time t, cycle_end how) {
    slate_sla_cycle *cy = current_cycle(ts);
    if (cy == NULL || cy->has_end) return;
    cy->has_end = 1;
    slate__target_fill_cycle(ts, cy);
    cy->end = t;
    cy->state = how == END_STOP     ? SLATE_SLA_MET
                : how == END_CANCEL ? SLATE_SLA_CANCELLED
                                    : ts->state;
    cy->outcome = how == END_CANCEL ? SLATE_CYCLE_CANCELLED
                  : cy->breached    ? SLATE_CYCLE_BREACHED
                  : how == END_STOP ? SLATE_CYCLE_MET
                                    : SLATE_CYCLE_RESET;
}

static void begin_cycle(target_state *ts, slate_time t, int keep_counters) {
    ts->cycles++;
    ts->start = t;
    ts->since = t;
    if (!keep_counters) {
        ts->elapsed = ts->paused = 0;
        ts->breached = 0;
        ts->paused_open = 0;
    }
}

/* The calendar a target counts on from now. */
static void set_calendar(target_state *ts, const slate_calendar *cal) {
    const slate_zone *zone = slate_calendar_zone(cal);
    ts->cal = cal;
    ts->cal_name = slate_calendar_name(cal);
    ts->zone_name = zone != NULL ? slate_zone_name(zone) : NULL;
}

static void set_goal(target_state *ts, const sla_goal *g) {
    ts->target = g->seconds;
    ts->has_deadline = g->has_deadline && !ts->paused_open;
    ts->deadline = g->deadline;
}

/* A new cycle at t on the event's calendar, with the goal of the priority
 * (the old goal is kept when the priority has none). */
static void new_cycle(target_state *ts, const target_event *ev, slate_time t, int keep) {
    sla_goal g;
    ts->dated = ev->target->dated;
    set_calendar(ts, ev->cal);
    begin_cycle(ts, t, keep);
    if (!keep && slate__sla_target_goal(ev->target, ev->priority, ev->values, ts->cal, t, &g))
        set_goal(ts, &g);
    else
        ts->has_deadline = 0; /* the business time left, or the old goal */
    open_cycle(ts, ev->priority);
}

int slate__target_may_begin_cycle(const target_state *ts, const sla_target *target,
                                  const unsigned char *holds) {
    if (ts->state == SLATE_SLA_CANCELLED) return 0;
    return ts->state == SLATE_SLA_NOT_STARTED || holds[COND_RESET] ||
           (ts->state == SLATE_SLA_MET && target->restart != RESTART_NEVER && holds[COND_START] &&
            !holds[COND_STOP]);
}

/* Cancelled by its cancel condition, or because the SLA stopped applying
 * (when the SLA says so). */
static int cancelled(target_state *ts, const target_event *ev) {
    const char *cause = NULL;
    int active = ts->state == SLATE_SLA_RUNNING || ts->state == SLATE_SLA_PAUSED;
    if (ev->holds[COND_CANCEL] && ts->state != SLATE_SLA_MET)
        cause = ev->target->when[COND_CANCEL].pointer;
    else if (ev->def->cancel_unless_applies && !ev->applies && active)
        cause = ev->def->applies.pointer;
    if (cause == NULL) return 0;
    if (active) close_cycle(ts, ev->t, END_CANCEL);
    add_step(ts, ev->t, ev->event, SLATE_SLA_CANCELLED, "cancel", cause);
    ts->state = SLATE_SLA_CANCELLED;
    return 1;
}

/* A first cycle: at the event, or from an earlier instant (start_from),
 * in which case the target runs from there up to the event. Returns 0
 * when it does not start; *why is set when the start is still to be
 * recorded with the state the event leaves. */
static int first_cycle(target_state *ts, const target_event *ev, const char **why,
                       const char **cond) {
    const sla_target *target = ev->target;
    sla_goal g;
    if (!ev->applies || !ev->holds[COND_START] ||
        !slate__sla_target_goal(target, ev->priority, ev->values, ev->cal, ev->start_at, &g))
        return 0;
    ts->dated = target->dated;
    set_calendar(ts, ev->cal);
    begin_cycle(ts, ev->start_at, 0);
    set_goal(ts, &g);
    open_cycle(ts, ev->priority);
    *cond = target->has[COND_START] ? target->when[COND_START].pointer : "";
    if (ev->start_at == ev->t) {
        *why = "start";
        return 1;
    }
    add_step(ts, ev->start_at, ev->event, SLATE_SLA_RUNNING, "start", *cond);
    ts->state = SLATE_SLA_RUNNING;
    slate__target_advance(ts, ev->t, ev->event, 1);
    return 1;
}

/* The state the pause (and resume) conditions give: with a resume
 * condition, a paused target waits for it; without, the pause condition
 * alone decides. */
static slate_sla_state paused_or_running(const target_state *ts, const target_event *ev,
                                         int new_cycle_begins) {
    const unsigned char *holds = ev->holds;
    if (ev->target->has[COND_RESUME] && !new_cycle_begins && ts->state == SLATE_SLA_PAUSED)
        return holds[COND_RESUME] ? SLATE_SLA_RUNNING : SLATE_SLA_PAUSED;
    return holds[COND_PAUSE] ? SLATE_SLA_PAUSED : SLATE_SLA_RUNNING;
}

void slate__target_transition(target_state *ts, const target_event *ev) {
    const sla_target *target = ev->target;
    const unsigned char *holds = ev->holds;
    slate_time t = ev->t;
    slate_sla_state s = ts->state;
    if (s == SLATE_SLA_CANCELLED || cancelled(ts, ev)) return;
    const char *why = NULL, *cond = "";
    if (s == SLATE_SLA_NOT_STARTED) {
        if (!first_cycle(ts, ev, &why, &cond)) return;
    } else if (holds[COND_RESET]) {
        if (s != SLATE_SLA_MET) close_cycle(ts, t, END_RESET);
        new_cycle(ts, ev, t, 0);
        why = "reset", cond = target->when[COND_RESET].pointer;
    } else if (s == SLATE_SLA_MET) {
        if (target->restart == RESTART_NEVER || !holds[COND_START] || holds[COND_STOP]) return;
        new_cycle(ts, ev, t, target->restart == RESTART_CONTINUE);
        why = "restart", cond = target->has[COND_START] ? target->when[COND_START].pointer : "";
    }
    if (holds[COND_STOP]) {
        if (why != NULL) {
            add_step(ts, t, ev->event, SLATE_SLA_RUNNING, why, cond);
            ts->state = SLATE_SLA_RUNNING;
        }
        close_cycle(ts, t, END_STOP);
        add_step(ts, t, ev->event, SLATE_SLA_MET, "stop", target->when[COND_STOP].pointer);
        ts->state = SLATE_SLA_MET;
        return;
    }
    slate_sla_state next = paused_or_running(ts, ev, why != NULL);
    if (why == NULL && next == ts->state) return;
    if (why == NULL) {
        int resuming = next == SLATE_SLA_RUNNING && target->has[COND_RESUME];
        why = next == SLATE_SLA_PAUSED ? "pause" : "resume";
        cond = target->when[resuming ? COND_RESUME : COND_PAUSE].pointer;
    }
    add_step(ts, t, ev->event, next, why, cond);
    ts->state = next;
}

/* Where the current cycle's running time first went past its goal, by
 * the rule of slate__target_advance: the due instant of the first running
 * stretch that went on past it (for a deadline, the first running instant
 * after it). 0 when none did (yet). */
static int first_overrun(const target_state *ts, slate_time *at) {
    for (size_t i = 0; i < ts->run_count; i++) {
        const run_segment *r = &ts->runs[i];
        slate_duration in = 0, left = ts->target - r->elapsed_at_from;
        slate_time due = r->from;
        if (ts->has_deadline) {
            if (r->to <= ts->deadline) continue;
            *at = r->from > ts->deadline ? r->from : ts->deadline;
            return 1;
        }
        if (ts->target <= 0) return 0;
        slate_calendar_between(r->cal, r->from, r->to, &in);
        if (in < left || (left > 0 && slate_calendar_add(r->cal, r->from, left, &due) != SLATE_OK))
            continue;
        if (r->to > due) {
            *at = due;
            return 1;
        }
    }
    return 0;
}

/* A running or paused target follows the ticket: it moves to the SLA's
 * calendar for the ticket as it is now (elapsed time kept, the rest
 * counted on the new calendar, the switch recorded), and when its
 * calendar, priority or goal changed, takes the goal of the current
 * priority counted from the cycle's start. A goal the cycle already went
 * past is a breach at the instant it did (known now). */
void slate__target_follow(target_state *ts, const target_event *ev, int goal_changed) {
    sla_goal g;
    slate_time at;
    ts->dated = ev->target->dated;
    if (ts->state != SLATE_SLA_RUNNING && ts->state != SLATE_SLA_PAUSED) return;
    if (ev->cal != ts->cal) {
        int renamed = strcmp(slate_calendar_name(ev->cal), ts->cal_name) != 0;
        int rezoned = slate_calendar_zone(ev->cal) != slate_calendar_zone(ts->cal);
        set_calendar(ts, ev->cal);
        /* The same calendar of another policy version moves silently. */
        if (renamed || rezoned)
            add_step(ts, ev->t, ev->event, ts->state, "calendar",
                     renamed ? ev->cal_cause : ev->zone_cause);
        goal_changed = 1;
    }
    if (!goal_changed ||
        !slate__sla_target_goal(ev->target, ev->priority, ev->values, ts->cal, ts->start, &g))
        return;
    set_goal(ts, &g);
    slate_sla_cycle *cy = current_cycle(ts);
    if (cy != NULL) cy->priority = ev->priority;
    if (!ts->breached && first_overrun(ts, &at)) breach(ts, at, ev->t, ev->event, 1);
}
