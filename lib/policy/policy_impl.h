/* The compiled policy and the loaders of its sections. */
#ifndef SLATE_POLICY_IMPL_H
#define SLATE_POLICY_IMPL_H

#include "../classify/priorities.h"
#include "../contract/contracts.h"
#include "../escalate/chains.h"
#include "../sla/slas.h"
#include "slate/policy.h"
#include "json_util.h"

struct slate_policy {
    slate_tzdb *owned_db; /* opened by the policy when the caller gave none */
    slate_calendar **calendars;
    size_t calendar_count;
    priorities *priorities; /* NULL without a "priorities" section */
    slas *slas;             /* NULL without a "slas" section */
    escalations *escalations; /* NULL without an "escalations" section */
    contracts *contracts;   /* NULL without a "contracts" section */
};

/* Loads the "calendars" object into p. */
slate_status load_calendars(loader *ld, const cJSON *node, const char *pointer, slate_policy *p);

/* Loads the "priorities" section into p. */
slate_status load_priorities(loader *ld, const cJSON *node, const char *pointer, slate_policy *p);

/* Loads the "slas" section into p (after calendars and priorities). */
slate_status load_slas(loader *ld, const cJSON *node, const char *pointer, slate_policy *p);

/* Loads the "escalations" section into p (after the SLAs). */
slate_status load_escalations(loader *ld, const cJSON *node, const char *pointer, slate_policy *p);

/* Loads the "contracts" section into p (after the SLAs). */
slate_status load_contracts(loader *ld, const cJSON *node, const char *pointer, slate_policy *p);

/* Loads one condition (depth counts from 1). */
slate_status load_condition(loader *ld, const cJSON *node, const char *pointer, int depth,
                            cond_fields *fields, condition *c);

#endif /* SLATE_POLICY_IMPL_H */
