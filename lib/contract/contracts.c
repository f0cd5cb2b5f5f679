/* The compiled "contracts" section: owned by the policy once attached,
 * freed with it, listed through the public API. */
#include "contracts.h"
#include <string.h>

#include "../base/base.h"
#include "../calendar/build.h"
#include "../policy/policy.h"

void slate__contracts_free(contracts *c) {
    if (c == NULL) return;
    for (size_t i = 0; c->items != NULL && i < c->count; i++) {
        contract *k = &c->items[i];
        slate__free(k->id);
        slate__free(k->customer);
        slate__free(k->currency);
        slate__cond_release(&k->down_when);
        slate__cond_release(&k->scope);
        slate__cal_destroy(k->availability_own);
        for (size_t j = 0; k->credits != NULL && j < k->credit_count; j++) {
            credit_clause *cl = &k->credits[j];
            slate__free(cl->id);
            slate__free(cl->pointer);
            slate__free(cl->target);
            for (size_t n = 0; n < cl->priority_count; n++)
                slate__free(cl->priorities[n]);
            slate__free(cl->priorities);
        }
        slate__free(k->credits);
    }
    slate__free(c->items);
    slate__free(c);
}

static void free_section(void *section) { slate__contracts_free(section); }

contracts *slate__contracts_new(slate_policy *p) {
    contracts *all = slate__calloc(1, sizeof *all);
    if (all != NULL) slate__policy_set_section(p, SLATE__SECTION_CONTRACTS, all, free_section);
    return all;
}

contract *slate__contracts_add(contracts *all) {
    int ok = 1;
    SLATE_GROW(all->items, all->cap, all->count + 1, ok);
    if (!ok) return NULL;
    contract *k = &all->items[all->count++];
    memset(k, 0, sizeof *k);
    return k;
}

credit_clause *slate__contract_add_clause(contract *k) {
    int ok = 1;
    SLATE_GROW(k->credits, k->credit_cap, k->credit_count + 1, ok);
    if (!ok) return NULL;
    credit_clause *cl = &k->credits[k->credit_count++];
    memset(cl, 0, sizeof *cl);
    return cl;
}

const contracts *slate__contracts_of(const slate_policy *p) {
    return slate__policy_section(p, SLATE__SECTION_CONTRACTS);
}

SLATE_API size_t slate_policy_contract_count(const slate_policy *p) {
    return p == NULL || slate__contracts_of(p) == NULL ? 0 : slate__contracts_of(p)->count;
}

SLATE_API const char *slate_policy_contract_id(const slate_policy *p, size_t i) {
    return i < slate_policy_contract_count(p) ? slate__contracts_of(p)->items[i].id : NULL;
}

SLATE_API const slate_zone *slate_policy_contract_timezone(const slate_policy *p, size_t i) {
    return i < slate_policy_contract_count(p) ? slate__contracts_of(p)->items[i].zone : NULL;
}
