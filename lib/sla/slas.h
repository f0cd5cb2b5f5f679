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
enum { COND_START, COND_PAUSE, COND_RESUME, COND_STOP, COND_RESET, COND_CANCEL, COND_ROLES };

/* How a target's due time is set for a priority. */
typedef enum due_kind {
    DUE_AFTER,      /* business time after the start: `seconds` */
    DUE_BY,         /* by a wall time on the n-th business day: `minute`, `business_days` */
    DUE_END_OF_DAY, /* at the end of the n-th business day: `business_days` */
    DUE_FIELD       /* from a ticket field (`slot`): an instant or a duration; else `seconds` */
} due_kind;

typedef struct sla_duration {
    char *priority; /* NULL: "*", any other priority */
    due_kind kind;
    slate_duration seconds;
    int minute;        /* DUE_BY: minutes after local midnight */
    int business_days; /* DUE_BY, DUE_END_OF_DAY: 0 = the start's own business day */
    size_t slot;       /* DUE_FIELD: the field's condition slot; `seconds` 0 without a default */
} sla_duration;

typedef struct sla_target {
    char *name;
    sla_duration *durations;
    size_t duration_count, duration_cap;
    condition when[COND_ROLES];
    int has[COND_ROLES];
    unsigned roles; /* a bit per role that has a condition */
    sla_restart restart;
    int goal_from_field;   /* an entry reads a ticket field */
    int dated;             /* an entry may give a wall-clock deadline */
    int has_start_from;    /* a first cycle starts at a ticket timestamp */
    size_t start_from;     /* its condition slot */
    char *start_from_name; /* the field's name, for errors */
} sla_target;

/* Where an SLA's calendars take their zone: a fixed zone, or a ticket
 * field with a default. */
typedef struct zone_rule {
    int used;
    int from_field;
    size_t slot;
    char *field;              /* the field's name, for errors */
    const slate_zone *zone;   /* fixed, or the default; NULL: the calendar's own */
    int unknown_uses_default; /* an unknown zone in a ticket reads as the default */
    char *pointer;            /* JSON Pointer of the rule */
} zone_rule;

/* A calendar an SLA uses when a ticket field has a value. */
typedef struct cal_choice {
    char *value;
    const slate_calendar *calendar;
    char *pointer;  /* JSON Pointer of the choice */
    zone_rule zone; /* the calendar's own zone from the ticket, if it has one */
} cal_choice;

typedef struct sla_def {
    char *id;
    int has_applies;
    condition applies;
    const slate_calendar *calendar; /* the only one, or the default of a choice */
    char *calendar_pointer;         /* JSON Pointer of it */
    int calendar_from_field;
    size_t calendar_slot;
    cal_choice *choices;
    size_t choice_count, choice_cap;
    zone_rule calendar_zone;   /* the default calendar's own zone from the ticket */
    zone_rule zone;            /* the SLA's: overrides its calendars' own */
    int reads_ticket;          /* its calendar or a zone comes from a ticket field */
    int cancel_unless_applies; /* running targets are cancelled once applies_when fails */
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
    slate_tzdb *db;         /* where zones named by tickets are found */
    int follows_ticket;     /* some SLA reads its calendar, zone or goal from the ticket */
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
cal_choice *slate__sla_add_choice(sla_def *def);

/* The section's own always-open calendar, for SLAs that name "24x7"
 * without defining it; made on first use. */
slate_status slate__slas_always(slas *s, const slate_calendar **out, slate_error *err);

/* The SLAs of a policy, or NULL when it has none. */
const slas *slate__slas_of(const slate_policy *p);

/* What a target allows a cycle: business seconds, and for a relative
 * entry the wall-clock deadline they were worked out from (the target is
 * met at or before that instant). */
typedef struct sla_goal {
    slate_duration seconds;
    int has_deadline;
    slate_time deadline;
} sla_goal;

/* The goal of a target at a priority, for a cycle that started at `start`
 * on calendar `cal`. Returns 0 when the target has no entry for the
 * priority (or no deadline within ten years). */
int slate__sla_target_goal(const sla_target *t, const char *priority, const char *const *values,
                           const slate_calendar *cal, slate_time start, sla_goal *out);

/* Whether a goal field's text reads as a goal: an RFC 3339 instant or a
 * positive ISO 8601 duration. Sets *seconds or *at (*is_instant says which). */
int slate__sla_goal_text(const char *text, int *is_instant, slate_time *at,
                         slate_duration *seconds);

/* Where an SLA counts for a ticket (its fields by condition slot): the
 * calendar its choice gives, in the zone its rule gives. *cause is the
 * JSON Pointer of the choice, *zone_cause that of the zone rule (or the
 * choice's when no rule applied). Fails for an unknown zone in the ticket
 * (unless the rule falls back), or out of memory; `event` is for the
 * message. */
slate_status slate__sla_where(const slas *s, const sla_def *def, const char *const *values,
                              size_t event, const slate_calendar **cal, const char **cause,
                              const char **zone_cause, slate_error *err);

#endif /* SLATE_SLAS_H */
