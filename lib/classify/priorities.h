/* The compiled `priorities` section of a policy. */
#ifndef SLATE_PRIORITIES_H
#define SLATE_PRIORITIES_H

#include "../condition/condition.h"
#include "slate/classify.h"

/* Longest reason the trail keeps per rule (bytes, NUL included). */
#define TRAIL_REASON_MAX 256

typedef struct class_rule {
    char *id;
    int has_when;
    condition when;
    int set_priority; /* level index or -1 */
    int set_impact;   /* impact index or -1 */
    int set_urgency;  /* urgency index or -1 */
    int shift;        /* levels more urgent (raise) minus less urgent (lower) */
    int keep_going;   /* "continue": true */
} class_rule;

typedef struct priorities {
    char **levels;
    size_t level_count;
    int default_level;
    int has_matrix;
    char **impacts, **urgencies;
    size_t impact_count, urgency_count;
    int *table; /* [impact * urgency_count + urgency] -> level */
    char *impact_field, *urgency_field;
    size_t impact_slot, urgency_slot; /* matrix fields' slots */
    cond_fields fields;               /* every field the section reads */
    class_rule *rules;
    size_t rule_count, rule_cap;
} priorities;

void slate__priorities_free(priorities *p);

/* Building the section (lib/load does, from the policy's JSON), as for the
 * SLA section (lib/sla/slas.h): owned by p from the start; a rule added
 * is counted at once and sets nothing until the caller fills it; NULL
 * when out of memory. */
priorities *slate__priorities_new(slate_policy *p);
class_rule *slate__priorities_add_rule(priorities *pr);

/* The priorities of a policy, or NULL when it has none. */
const priorities *slate__priorities_of(const slate_policy *p);

/* Whether classification reads the field `name` (its rules or the matrix). */
int slate__priorities_reads(const priorities *p, const char *name);

#endif /* SLATE_PRIORITIES_H */
