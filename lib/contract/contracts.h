/* The compiled `contracts` section of a policy. */
#ifndef SLATE_CONTRACTS_H
#define SLATE_CONTRACTS_H

#include "../condition/condition.h"
#include "../sla/slas.h"
#include "slate/contract.h"

typedef enum credit_kind { CREDIT_PER_BREACH, CREDIT_PER_HOUR, CREDIT_AVAILABILITY } credit_kind;

typedef struct credit_clause {
    char *id;
    char *pointer;
    credit_kind kind;
    char *target;      /* NULL: any target of the contract */
    char **priorities; /* none: any priority */
    size_t priority_count;
    int64_t amount;    /* hundredths per breach or per started hour */
    int64_t below;     /* availability: threshold, percent x 100 */
    int64_t fee_share; /* availability: percent of the fee x 100 */
} credit_clause;

typedef struct contract {
    char *id;
    char *customer, *currency; /* NULL when absent */
    const sla_def *sla;
    size_t first_target;    /* the clock's index of the SLA's first target */
    const slate_zone *zone; /* months are in this zone; NULL: UTC */
    int64_t fee;            /* hundredths per month */
    int has_availability;
    int64_t availability; /* commitment, percent x 100 */
    const slate_calendar *availability_calendar;
    int has_down;
    condition down_when;
    credit_clause *credits;
    size_t credit_count, credit_cap;
    int has_cap;
    int64_t cap;         /* percent of the month's fee x 100 */
    int last_cycle_only; /* "cycles": "last": a target's last cycle counts, as before 0.2 */
} contract;

typedef struct contracts {
    contract *items;
    size_t count, cap;
    /* down_when conditions read the slots of the SLA section's fields. */
} contracts;

void slate__contracts_free(contracts *c);

/* Building the section (lib/load does, from the policy's JSON), as for the
 * SLA section (lib/sla/slas.h): owned by p from the start, one zeroed item
 * per _add, counted at once; NULL when out of memory. */
contracts *slate__contracts_new(slate_policy *p);
contract *slate__contracts_add(contracts *all);
credit_clause *slate__contract_add_clause(contract *k);

/* The contracts of a policy, or NULL when it has none. */
const contracts *slate__contracts_of(const slate_policy *p);

#endif /* SLATE_CONTRACTS_H */
