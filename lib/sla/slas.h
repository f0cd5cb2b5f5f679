/* The compiled `slas` section of a policy. */
#ifndef SLATE_SLAS_H
#define SLATE_SLAS_H

#include "../condition/condition.h"
#include "slate/calendar.h"
#include "slate/sla.h"

typedef enum sla_restart { RESTART_NEVER, RESTART_NEW_CYCLE, RESTART_CONTINUE } sla_restart;

/* The conditions of a target, by role. */
enum { COND_START, COND_PAUSE, COND_STOP, COND_RESET, COND_CANCEL, COND_ROLES };

typedef struct sla_duration {
    char *priority; /* NULL: "*", any other priority */
    slate_duration seconds;
} sla_duration;

typedef struct sla_target {
    char *name;
    sla_duration *durations;
    size_t duration_count;
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
    size_t target_count;
} sla_def;

typedef struct slas {
    sla_def *defs;
    size_t count;
    size_t target_total;
    cond_fields fields;      /* every field the section reads */
    size_t priority_slot;    /* the "priority" field */
    size_t event_slot;       /* the pseudo-field "event": the event's kind */
    slate_calendar *always;  /* a 24x7 calendar for SLAs that name "24x7" without defining it */
} slas;

void slas_free(slas *s);

/* The SLAs of a policy, or NULL (lib/policy provides it). */
const slas *policy_slas(const slate_policy *p);

/* The business seconds a target allows at a priority; 0 when none. */
slate_duration sla_target_seconds(const sla_target *t, const char *priority);

#endif /* SLATE_SLAS_H */
