/* The loaders of the policy's sections: JSON (as a cJSON tree) in,
 * compiled sections out, each handed to the policy by the module that owns
 * it. The only layer that knows both JSON and the modules. */
#ifndef SLATE_LOAD_H
#define SLATE_LOAD_H

#include "../classify/priorities.h"
#include "../contract/contracts.h"
#include "../escalate/chains.h"
#include "../policy/policy.h"
#include "../sla/slas.h"
#include "tree.h"

/* Loads the "calendars" object into p. */
slate_status slate__load_calendars(loader *ld, const cJSON *node, const char *pointer,
                                   slate_policy *p);

/* Loads the "priorities" section into p. */
slate_status slate__load_priorities(loader *ld, const cJSON *node, const char *pointer,
                                    slate_policy *p);

/* Loads the "slas" section into p (after calendars and priorities). */
slate_status slate__load_slas(loader *ld, const cJSON *node, const char *pointer, slate_policy *p);

/* Loads the "escalations" section into p (after the SLAs). */
slate_status slate__load_escalations(loader *ld, const cJSON *node, const char *pointer,
                                     slate_policy *p);

/* Loads the "contracts" section into p (after the SLAs). */
slate_status slate__load_contracts(loader *ld, const cJSON *node, const char *pointer,
                                   slate_policy *p);

/* Records the policy's warnings (lint.c), once everything is loaded. */
slate_status slate__load_lint(loader *ld, const cJSON *root, slate_policy *p);

/* Loads one condition (depth counts from 1). */
slate_status slate__load_condition(loader *ld, const cJSON *node, const char *pointer, int depth,
                                   cond_fields *fields, condition *c);

#endif /* SLATE_LOAD_H */
