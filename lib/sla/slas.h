/* The compiled `slas` section of a policy. */
#ifndef SLATE_SLAS_H
#define SLATE_SLAS_H

#include "../condition/condition.h"
#include "slate/calendar.h"
#include "slate/sla.h"

/* Most targets one SLA may have. */
#define SLA_MAX_TARGETS 32

typedef enum sla_restart { RESTART_NEVER, RESTART_NEW_CYCLE, RESTART_CONTINUE } sla_restart;

/* The conditions of a target, by role. */
enum { COND_START, COND_PAUSE, COND_STOP, COND_RESET, COND_CANCEL, COND_ROLES };

/* How a target's due time is set for a priority. */
typedef enum due_kind {
    DUE_AFTER,     /* business time after the start: `seconds` */
    DUE_BY,        /* by a wall time on the n-th business day: `minute`, `business_days` */
    DUE_END_OF_DAY /* at the close of the n-th business day: `business_days` */
} due_kind;

typedef struct sla_duration {
    char *priority; /* NULL: "*", any other priority */
    due_kind kind;
    slate_duration seconds;
    int minute;        /* DUE_BY: minutes after local midnight */
    int business_days; /* DUE_BY, DUE_END_OF_DAY: 0 = the start's own business day */
} sla_duration;

typedef struct sla_target {
    char *name;
    sla_duration *durations;
    size_t duration_count, duration_cap;
    condition when[COND_ROLES];
    int has[COND_ROLES];
    sla_restart restart;
} sla_target;

typedef struct sla_def {
    char *id;
    int has_applies;
    condition applies;
    const slate_calendar *calendar;
    sla_target *targets;
    size_t target_count, target_cap;
} sla_def;

typedef struct slas {
    sla_def *defs;
    size_t count, cap;
    size_t target_total;
    cond_fields fields;     /* every field the section reads */
    size_t priority_slot;   /* the "priority" field */
    size_t event_slot;      /* the pseudo-field "event": the event's kind */
    slate_calendar *always; /* a 24x7 calendar for SLAs that name "24x7" without defining it */
} slas;

void slate__slas_free(slas *s);

/* Building the section (lib/load does, from the policy's JSON). The
 * constructor gives the section to p at once, and each _add grows its
 * array by one zeroed item and counts it, so that whatever fails later is
 * freed with the policy. Items are filled in by the caller; pointers to
 * items of an array stay valid until the next _add on that array. NULL
 * means out of memory. */

/* A new, empty section, owned by p, reading "priority" and "event". */
slas *slate__slas_new(slate_policy *p);
sla_def *slate__slas_add(slas *s);
sla_target *slate__sla_add_target(slas *s, sla_def *def);
sla_duration *slate__sla_target_add_duration(sla_target *t);

/* The section's own always-open calendar, for SLAs that name "24x7"
 * without defining it; made on first use. */
slate_status slate__slas_always(slas *s, const slate_calendar **out, slate_error *err);

/* The SLAs of a policy, or NULL when it has none. */
const slas *slate__slas_of(const slate_policy *p);

/* The business seconds a target allows at a priority, for a cycle that
 * started at `start` on calendar `cal` (relative deadlines become the open
 * time from the start to the deadline). Returns 0 when the target has no
 * entry for the priority (or no deadline within ten years). */
int slate__sla_target_allows(const sla_target *t, const char *priority, const slate_calendar *cal,
                             slate_time start, slate_duration *seconds);

#endif /* SLATE_SLAS_H */
