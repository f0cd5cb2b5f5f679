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
/* The "oncall" section: schedules (after the calendars they may name). */
slate_status slate__load_oncall(loader *ld, const cJSON *node, const char *pointer,
                                slate_policy *p);

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
/* Searches the policy's priority levels for the name nearest to `name`. */
void slate__load_near_priority(const slate_policy *p, const char *name, slate__suggestion *near);

/* Fail with SLATE_ENOENT: an SLA, or a target of SLA d, that is not there,
 * and the one the name most likely meant. */
slate_status slate__load_unknown_sla(loader *ld, const char *pointer, const slas *s,
                                     const char *name);
slate_status slate__load_unknown_target(loader *ld, const char *pointer, const sla_def *d,
                                        const char *name);

/* Stretches of time a calendar is closed for (timed events of its
 * iCalendar sources), in instants, in the order found. */
typedef struct ics_closures {
    slate_time (*spans)[2];
    size_t count, cap;
} ics_closures;

/* An item {"ics": name, "categories": [...], "transparent": bool} of a
 * calendar's "closed" (lib/load/ics.c): closes on c, whose zone is zone,
 * the days of the source's all-day events, and adds its timed events to
 * *closures; *added counts the dates and stretches a calendar took so far. */
slate_status slate__load_ics(loader *ld, const cJSON *node, const char *pointer, slate_calendar *c,
                             const slate_zone *zone, ics_closures *closures, size_t *added);

slate_status slate__load_lint(loader *ld, const cJSON *root, slate_policy *p);

/* Loads one condition (depth counts from 1). */
slate_status slate__load_condition(loader *ld, const cJSON *node, const char *pointer, int depth,
                                   cond_fields *fields, condition *c);

#endif /* SLATE_LOAD_H */
