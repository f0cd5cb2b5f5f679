/* The compiled "slas" section: owned by the policy once attached, freed
 * with it, listed through the public API; and what a target allows. */
#include <string.h>

#include "../base/base.h"
#include "../calendar/build.h"
#include "../policy/policy.h"
#include "slas.h"

void slate__slas_free(slas *s) {
    if (s == NULL) return;
    for (size_t d = 0; s->defs != NULL && d < s->count; d++) {
        sla_def *def = &s->defs[d];
        slate__free(def->id);
        slate__cond_release(&def->applies);
        for (size_t t = 0; def->targets != NULL && t < def->target_count; t++) {
            sla_target *target = &def->targets[t];
            slate__free(target->name);
            for (size_t i = 0; i < target->duration_count; i++)
                slate__free(target->durations[i].priority);
            slate__free(target->durations);
            for (int r = 0; r < COND_ROLES; r++)
                slate__cond_release(&target->when[r]);
        }
        slate__free(def->targets);
    }
    slate__free(s->defs);
    slate__cond_fields_release(&s->fields);
    slate__cal_destroy(s->always);
    slate__free(s);
}

static void free_section(void *section) { slate__slas_free(section); }

void slate__slas_attach(slate_policy *p, slas *s) {
    slate__policy_set_section(p, SLATE__SECTION_SLAS, s, free_section);
}

const slas *slate__slas_of(const slate_policy *p) {
    return slate__policy_section(p, SLATE__SECTION_SLAS);
}

SLATE_API size_t slate_policy_sla_count(const slate_policy *p) {
    return p == NULL || slate__slas_of(p) == NULL ? 0 : slate__slas_of(p)->count;
}

SLATE_API const char *slate_policy_sla_id(const slate_policy *p, size_t i) {
    return i < slate_policy_sla_count(p) ? slate__slas_of(p)->defs[i].id : NULL;
}

/* The i-th SLA, or NULL. */
static const sla_def *sla_at(const slate_policy *p, size_t i) {
    return i < slate_policy_sla_count(p) ? &slate__slas_of(p)->defs[i] : NULL;
}

SLATE_API size_t slate_policy_sla_target_count(const slate_policy *p, size_t i) {
    const sla_def *def = sla_at(p, i);
    return def != NULL ? def->target_count : 0;
}

SLATE_API const char *slate_policy_sla_target_id(const slate_policy *p, size_t i, size_t j) {
    return j < slate_policy_sla_target_count(p, i) ? sla_at(p, i)->targets[j].name : NULL;
}

SLATE_API const char *slate_policy_sla_target(const slate_policy *p, size_t i, size_t j,
                                              size_t *count) {
    if (count != NULL) *count = slate_policy_sla_target_count(p, i);
    return slate_policy_sla_target_id(p, i, j);
}
