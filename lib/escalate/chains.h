/* The compiled `escalations` section of a policy, and the scheduling of its
 * steps over a target of the SLA clock. */
#ifndef SLATE_CHAINS_H
#define SLATE_CHAINS_H

#include "../condition/condition.h"
#include "slate/calendar.h"
#include "slate/escalate.h"
#include "slate/sla.h"

/* What reaching a step is measured against. */
typedef enum esc_trigger {
    ESC_PERCENT,       /* a share of the target's business time */
    ESC_ELAPSED,       /* a duration since the cycle started */
    ESC_BEFORE_BREACH, /* a duration before the due time */
    ESC_AFTER_BREACH   /* a duration after the due time */
} esc_trigger;

typedef enum esc_measure { ESC_BUSINESS, ESC_WALL } esc_measure;

typedef struct esc_step {
    char *id;
    char *pointer; /* JSON Pointer of the step in the policy */
    char *rule;    /* its trigger in words, for explanations */
    esc_trigger trigger;
    esc_measure measure;
    int64_t basis_points;  /* ESC_PERCENT: percent x 100 */
    slate_duration offset; /* the other triggers */
    slate_duration every;  /* between repeats (in the step's measure) */
    int repeats;           /* firings after the first */
    int has_when;
    condition when;
    const slate_calendar *delivery; /* NULL: any time */
    char **notify;
    size_t notify_count;
    const slate_schedule *oncall;       /* {"oncall": name} in notify, or NULL */
    char *channel, *template_id, *data; /* NULL when absent; data is compact JSON */
} esc_step;

typedef struct esc_chain {
    char *id;
    size_t target; /* index of its target among the clock's targets */
    const char *sla, *target_name;
    int has_ack;
    condition ack;
    esc_step *steps;
    size_t step_count, step_cap;
    size_t first_step; /* index of steps[0] among all steps of the section */
} esc_chain;

typedef struct escalations {
    esc_chain *chains;
    size_t count, cap;
    size_t step_total;
    /* The conditions read the slots of the SLA section's fields (so the
     * clock resolves a ticket once for both), with these pseudo-fields. */
    size_t ack_slot, state_slot, priority_slot, event_slot;
} escalations;

void slate__escalations_free(escalations *e);

/* Building the section (lib/load does, from the policy's JSON), as for the
 * SLA section (lib/sla/slas.h): owned by p from the start, one zeroed item
 * per _add, counted at once; NULL when out of memory. Conditions read the
 * SLA section's `fields`, to which the pseudo-fields "acknowledged" and
 * "state" are added; priority_slot and event_slot are that section's. */
escalations *slate__escalations_new(slate_policy *p, cond_fields *fields, size_t priority_slot,
                                    size_t event_slot);
esc_chain *slate__escalations_add(escalations *e);
/* A step of ch, the last chain added. */
esc_step *slate__esc_chain_add_step(escalations *e, esc_chain *ch);

/* The escalations of a policy, or NULL when it has none. */
const escalations *slate__escalations_of(const slate_policy *p);

/* A target as it stands from `since` until its next event. */
typedef struct esc_view {
    const slate_calendar *cal;
    slate_sla_state state;
    const char *state_name; /* as conditions see it: "running", ... */
    int cycles;
    slate_time start;       /* of the cycle */
    slate_time since;       /* counters are as of here */
    slate_duration elapsed; /* business seconds at `since` */
    slate_duration target;  /* business seconds allowed; 0 unknown */
    int breached;
    slate_time breach_time;
    int has_deadline; /* a wall-clock deadline: due then, whatever the business time */
    slate_time deadline;
} esc_view;

/* Whether a target changed course from one view to the next in a way
 * that can bring a firing earlier than a bound worked out from the first:
 * another cycle, goal or breach, or running again after it was not.
 * Pausing, stopping and time passing only make firings later. */
static inline int slate__esc_view_moved(const esc_view *was, const esc_view *now) {
    return (now->state == SLATE_SLA_RUNNING && was->state != SLATE_SLA_RUNNING) ||
           was->cycles != now->cycles || was->start != now->start || was->target != now->target ||
           was->breached != now->breached || was->breach_time != now->breach_time ||
           was->has_deadline != now->has_deadline || was->deadline != now->deadline ||
           now->since < was->since || now->elapsed < was->elapsed;
}

/* When the target is due while it keeps running: its breach time once
 * breached, its deadline, or the instant its business time runs out.
 * 0 when it has no goal or it never runs out within the range. */
int slate__esc_view_due(const esc_view *v, slate_time *due);

/* A step's progress within the current cycle of its target. */
typedef struct esc_step_state {
    int fired;
    slate_time last_at;
    slate_duration last_elapsed; /* the target's business seconds at last_at */
} esc_step_state;

/* A chain's progress: the cycle it follows and whether it is acknowledged. */
typedef struct esc_chain_state {
    int cycle;
    int acked;
} esc_chain_state;

/* What a search for firings knows of its target beyond `from`: a bound on
 * the business seconds worth looking at, and the due instant once worked
 * out (it is asked for by several steps). */
typedef struct esc_horizon {
    slate_duration elapsed_cap; /* business thresholds above this are not looked for; -1: the
                                   business seconds at `until`, worked out when first needed */
    slate_time until;
    int due_known, has_due;
    slate_time due;
} esc_horizon;

/* The earliest instant >= from at which the step fires if the target stays
 * as `v` says; 0 when it does not, or when its business threshold is
 * beyond h->elapsed_cap. Conditions are the caller's concern. */
int slate__esc_step_next(const esc_step *s, const esc_step_state *ss, const esc_view *v,
                         esc_horizon *h, slate_time from, slate_time *at, slate_time *eligible);

/* A lower bound of the instant at or after `from` at which the step could
 * fire (INT64_MAX: not while the target stays as it is), without the
 * calendar: what lets a chain with nothing due skip its search. */
slate_time slate__esc_step_not_before(const esc_step *s, const esc_step_state *ss,
                                      const esc_view *v, slate_time from);

/* The target's business seconds at t (t >= v->since). */
slate_duration slate__esc_elapsed_at(const esc_view *v, slate_time t);

#endif /* SLATE_CHAINS_H */
