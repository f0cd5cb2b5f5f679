/* The compiled "escalations" section: owned by the policy once attached,
 * freed with it, listed through the public API. */
#include "chains.h"
#include <string.h>

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

escalations *slate__escalations_new(slate_policy *p, cond_fields *fields, size_t priority_slot,
                                    size_t event_slot) {
    escalations *e = slate__calloc(1, sizeof *e);
    if (e == NULL) return NULL;
    slate__policy_set_section(p, SLATE__SECTION_ESCALATIONS, e, free_section);
    long ack = slate__cond_fields_intern(fields, "acknowledged");
    long state = slate__cond_fields_intern(fields, "state");
    if (ack < 0 || state < 0) return NULL;
    e->ack_slot = (size_t)ack;
    e->state_slot = (size_t)state;
    e->priority_slot = priority_slot;
    e->event_slot = event_slot;
    return e;
}

esc_chain *slate__escalations_add(escalations *e) {
    int ok = 1;
    SLATE_GROW(e->chains, e->cap, e->count + 1, ok);
    if (!ok) return NULL;
    esc_chain *ch = &e->chains[e->count++];
    memset(ch, 0, sizeof *ch);
    ch->first_step = e->step_total;
    return ch;
}

esc_step *slate__esc_chain_add_step(escalations *e, esc_chain *ch) {
    int ok = 1;
    SLATE_GROW(ch->steps, ch->step_cap, ch->step_count + 1, ok);
    if (!ok) return NULL;
    esc_step *s = &ch->steps[ch->step_count++];
    memset(s, 0, sizeof *s);
    e->step_total++;
    return s;
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
