/* The compiled `contracts` section of a policy. */
#ifndef SLATE_CONTRACTS_H
#define SLATE_CONTRACTS_H

#include "../condition/condition.h"
#include "../sla/slas.h"
#include "slate/contract.h"

typedef enum credit_kind {
    CREDIT_PER_BREACH,     /* amounts[n-1] for the month's n-th breach (the last repeats) */
    CREDIT_PER_HOUR,       /* amount per started business hour late */
    CREDIT_FEE_PER_BREACH, /* fee_share of the month's fee per breach */
    CREDIT_ATTAINMENT,     /* fee_share when the month's on-time share is below `below` */
    CREDIT_AVAILABILITY    /* fee_share when the month's availability is below `below` */
} credit_kind;

/* Most credit clauses of a contract. */
#define MAX_CREDIT_CLAUSES 256

/* Most amounts of an escalating per_breach clause. */
#define MAX_CREDIT_STEPS 32

typedef struct credit_clause {
    char *id;
    char *pointer;
    credit_kind kind;
    char *target;      /* NULL: any target of the contract */
    char **priorities; /* none: any priority */
    size_t priority_count;
    int64_t amounts[MAX_CREDIT_STEPS]; /* per breach: hundredths for the 1st, 2nd, ... */
    size_t amount_count;
    int64_t amount;    /* per hour: hundredths per started hour */
    int64_t below;     /* attainment, availability: threshold, percent x 100 */
    int64_t fee_share; /* percent of the month's fee x 100 */
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
    int has_term;
    slate_time term_start, term_end; /* [start, end): local midnights of its first day and after
                                        its last */
    int has_scope;
    condition scope;                  /* which tickets it covers */
    slate_calendar *availability_own; /* the availability calendar minus maintenance, owned */
} contract;

typedef struct contracts {
    contract *items;
    size_t count, cap;
    /* down_when conditions read the slots of the SLA section's fields. */
} contracts;

void slate__contracts_free(contracts *c);

/* amount * part / whole rounded half up, for 0 <= part <= whole. */
int64_t slate__share(int64_t amount, int64_t part, int64_t whole);

/* Building the section (lib/load does, from the policy's JSON), as for the
 * SLA section (lib/sla/slas.h): owned by p from the start, one zeroed item
 * per _add, counted at once; NULL when out of memory. */
contracts *slate__contracts_new(slate_policy *p);
contract *slate__contracts_add(contracts *all);
credit_clause *slate__contract_add_clause(contract *k);

/* The contracts of a policy, or NULL when it has none. */
const contracts *slate__contracts_of(const slate_policy *p);

#endif /* SLATE_CONTRACTS_H */
