/* The compiled "priorities" section: owned by the policy once attached,
 * freed with it, listed through the public API. */
#include <string.h>

#include "../base/base.h"
#include "../policy/policy.h"
#include "priorities.h"

static void free_list(char **items, size_t n) {
    for (size_t i = 0; items != NULL && i < n; i++)
        slate__free(items[i]);
    slate__free(items);
}
void slate__priorities_free(priorities *p) {
    if (p == NULL) return;
    free_list(p->levels, p->level_count);
    free_list(p->impacts, p->impact_count);
    free_list(p->urgencies, p->urgency_count);
    slate__free(p->table);
    slate__free(p->impact_field);
    slate__free(p->urgency_field);
    for (size_t i = 0; p->rules != NULL && i < p->rule_count; i++) {
        slate__free(p->rules[i].id);
        slate__cond_release(&p->rules[i].when);
    }
    slate__free(p->rules);
    slate__cond_fields_release(&p->fields);
    slate__free(p);
}

static void free_section(void *section) { slate__priorities_free(section); }

priorities *slate__priorities_new(slate_policy *p) {
    priorities *pr = slate__calloc(1, sizeof *pr);
    if (pr != NULL) slate__policy_set_section(p, SLATE__SECTION_PRIORITIES, pr, free_section);
    return pr;
}

class_rule *slate__priorities_add_rule(priorities *pr) {
    int ok = 1;
    SLATE_GROW(pr->rules, pr->rule_cap, pr->rule_count + 1, ok);
    if (!ok) return NULL;
    class_rule *rule = &pr->rules[pr->rule_count++];
    memset(rule, 0, sizeof *rule);
    rule->set_priority = rule->set_impact = rule->set_urgency = -1;
    return rule;
}

const priorities *slate__priorities_of(const slate_policy *p) {
    return slate__policy_section(p, SLATE__SECTION_PRIORITIES);
}

int slate__priorities_reads(const priorities *p, const char *name) {
    size_t len = strlen(name);
    for (size_t i = 0; i < p->fields.count; i++)
        if (p->fields.lengths[i] == len && slate__bytes_equal(p->fields.names[i], name, len))
            return 1;
    return 0;
}

SLATE_API size_t slate_policy_priority_count(const slate_policy *p) {
    const priorities *pr = p != NULL ? slate__priorities_of(p) : NULL;
    return pr != NULL ? pr->level_count : 0;
}

SLATE_API const char *slate_policy_priority_id(const slate_policy *p, size_t i) {
    return i < slate_policy_priority_count(p) ? slate__priorities_of(p)->levels[i] : NULL;
}

SLATE_API const char *slate_policy_priority_name(const slate_policy *p, size_t i) {
    return slate_policy_priority_id(p, i);
}
