/* The compiled "escalations" section: owned by the policy once attached,
 * freed with it, listed through the public API. */
#include "chains.h"
#include "../base/base.h"
#include "../policy/policy.h"

static void step_release(esc_step *s) {
    slate__free(s->id);
    slate__free(s->pointer);
    slate__free(s->rule);
    slate__cond_release(&s->when);
    for (size_t i = 0; i < s->notify_count; i++)
        slate__free(s->notify[i]);
    slate__free(s->notify);
    slate__free(s->channel);
    slate__free(s->template_id);
    slate__free(s->data);
}

void slate__escalations_free(escalations *e) {
    if (e == NULL) return;
    for (size_t i = 0; e->chains != NULL && i < e->count; i++) {
        esc_chain *ch = &e->chains[i];
        slate__free(ch->id);
        slate__cond_release(&ch->ack);
        for (size_t j = 0; ch->steps != NULL && j < ch->step_count; j++)
            step_release(&ch->steps[j]);
        slate__free(ch->steps);
    }
    slate__free(e->chains);
    slate__free(e);
}

static void free_section(void *section) { slate__escalations_free(section); }

void slate__escalations_attach(slate_policy *p, escalations *e) {
    slate__policy_set_section(p, SLATE__SECTION_ESCALATIONS, e, free_section);
}

const escalations *slate__escalations_of(const slate_policy *p) {
    return slate__policy_section(p, SLATE__SECTION_ESCALATIONS);
}

SLATE_API size_t slate_policy_escalation_count(const slate_policy *p) {
    return p == NULL || slate__escalations_of(p) == NULL ? 0 : slate__escalations_of(p)->count;
}

/* The i-th chain, or NULL. */
static const esc_chain *chain_at(const slate_policy *p, size_t i) {
    return i < slate_policy_escalation_count(p) ? &slate__escalations_of(p)->chains[i] : NULL;
}

SLATE_API const char *slate_policy_escalation_id(const slate_policy *p, size_t i) {
    const esc_chain *ch = chain_at(p, i);
    return ch != NULL ? ch->id : NULL;
}

SLATE_API const char *slate_policy_escalation_sla(const slate_policy *p, size_t i) {
    const esc_chain *ch = chain_at(p, i);
    return ch != NULL ? ch->sla : NULL;
}

SLATE_API const char *slate_policy_escalation_target(const slate_policy *p, size_t i) {
    const esc_chain *ch = chain_at(p, i);
    return ch != NULL ? ch->target_name : NULL;
}

SLATE_API size_t slate_policy_escalation_step_count(const slate_policy *p, size_t i) {
    const esc_chain *ch = chain_at(p, i);
    return ch != NULL ? ch->step_count : 0;
}

SLATE_API const char *slate_policy_escalation(const slate_policy *p, size_t i, const char **sla,
                                              const char **target, size_t *steps) {
    if (sla != NULL) *sla = slate_policy_escalation_sla(p, i);
    if (target != NULL) *target = slate_policy_escalation_target(p, i);
    if (steps != NULL) *steps = slate_policy_escalation_step_count(p, i);
    return slate_policy_escalation_id(p, i);
}
