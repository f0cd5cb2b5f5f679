/* One target of an SLA on one ticket: its state machine, its counters,
 * the steps that explain it, and the history of its cycles. The clock
 * (clock.c) works out what an event means and drives one of these per
 * target; everything here follows the rules of docs/guides/sla.md. */
#ifndef SLATE_SLA_TARGET_H
#define SLATE_SLA_TARGET_H

#include "../calendar/mark.h"
#include "slas.h"

/* A stretch of the current cycle during which the target ran, on one
 * calendar: where its business time came from, for breach instants
 * worked out after the fact. */
typedef struct run_segment {
    slate_time from, to;
    slate_duration elapsed_at_from;
    const slate_calendar *cal;
} run_segment;

typedef struct target_state {
    slate_sla_state state;
    int cycles;
    int breached;
    slate_time start;       /* of the current cycle */
    slate_time since;       /* last instant the counters were brought up to */
    slate_duration elapsed; /* business seconds of the cycle up to `since` */
    slate_duration paused;  /* wall seconds paused in the cycle up to `since` */
    slate_duration target;  /* business seconds allowed */
    slate_time breach_time;
    const slate_calendar *cal;        /* the calendar counting the cycle */
    cal_mark mark;                    /* where its count stopped (at `since`) */
    const char *cal_name, *zone_name; /* its name and its zone's, for the steps */
    int has_deadline;                 /* met at or before `deadline` (a relative entry) */
    slate_time deadline;
    int paused_open; /* business time passed while paused in this cycle */
    int dated;       /* its target has deadline entries: paused_open matters */
    int failed;      /* a step or cycle could not be recorded (out of memory) */
    slate_sla_step *steps;
    size_t step_count, step_cap;
    slate_sla_cycle *cycle_list; /* every cycle; the last is the current one */
    size_t cycle_count, cycle_cap;
    run_segment *runs; /* the current cycle's running stretches */
    size_t run_count, run_cap;
} target_state;

/* What an event brings to one target. */
typedef struct target_event {
    const sla_def *def;
    const sla_target *target;
    const unsigned char *holds; /* per role */
    int applies;                /* the SLA's applies_when */
    slate_time t;
    size_t event;
    const char *priority;
    const slate_calendar *cal; /* the SLA's calendar for the ticket as it is now */
    const char *cal_cause;     /* JSON Pointer of the choice that gave it */
    const char *zone_cause;    /* and of the zone rule that gave its zone */
    slate_time start_at;       /* where a first cycle starts: t, or earlier (start_from) */
    const char *const *values; /* the ticket's fields by condition slot */
} target_event;

/* Back to not started, keeping the buffers. */
void slate__target_reset(target_state *ts);
void slate__target_release(target_state *ts);

/* Moves a target (its buffers too) from one clock to another; `from` is
 * left empty. */
void slate__target_move(target_state *to, target_state *from);

/* Brings the counters up to t under the current state. A breach on the
 * way is recorded as a step of event `event` when `record` (else it is
 * only counted, as for a look at `now`). */
void slate__target_advance(target_state *ts, slate_time t, size_t event, int record);

/* Follows the ticket: the SLA's calendar for it now, and the goal of the
 * current priority when it or the calendar changed (goal_changed). */
void slate__target_follow(target_state *ts, const target_event *ev, int goal_changed);

/* The transitions the event makes. */
void slate__target_transition(target_state *ts, const target_event *ev);

/* Whether the event may begin one more cycle (checked before anything
 * changes, against SLATE_SLA_CYCLES_MAX). */
int slate__target_may_begin_cycle(const target_state *ts, const sla_target *target,
                                  const unsigned char *holds);

/* The figures of a cycle from its target as it stands (brought up to now
 * for an open one; its due time while running is the caller's to set). */
void slate__target_fill_cycle(const target_state *ts, slate_sla_cycle *cycle);

#endif /* SLATE_SLA_TARGET_H */
