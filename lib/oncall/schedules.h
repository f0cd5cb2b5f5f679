/* On-call schedules (include/slate/oncall.h): their rules, as the loader
 * builds them and the policy holds them (its ONCALL section). */
#ifndef SLATE_ONCALL_SCHEDULES_H
#define SLATE_ONCALL_SCHEDULES_H

#include "../policy/policy.h"
#include "slate/calendar.h"
#include "slate/oncall.h"
#include "slate/tz.h"

typedef struct oncall_layer {
    char *name;
    char *pointer;
    char **members;
    size_t member_count;
    int32_t *shift_day;                /* day each shift of the cycle starts, from 0 */
    size_t shift_count;                /* shifts in the cycle: 1, or a pattern's */
    int32_t cycle_days;                /* days the cycle lasts */
    int32_t handoff;                   /* seconds after local midnight */
    int64_t start_day;                 /* local date of the first handoff */
    const slate_calendar *restrict_to; /* on call only while it is open, or NULL */
} oncall_layer;

typedef struct oncall_override {
    slate_time from, to; /* [from, to) */
    char *member;
    char *pointer;
} oncall_override;

struct slate_schedule {
    char *name;
    char *pointer;
    const slate_zone *zone;
    oncall_layer *layers;
    size_t layer_count;
    oncall_override *overrides; /* sorted by from, none overlapping */
    size_t override_count;
};

typedef struct schedules {
    slate_schedule *items;
    size_t count;
} schedules;

/* Frees a schedules section (the policy's free function for it). */
void slate__schedules_free(void *section);

/* The policy's schedules, or NULL. */
const schedules *slate__schedules_of(const slate_policy *p);

#endif /* SLATE_ONCALL_SCHEDULES_H */
