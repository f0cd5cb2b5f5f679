/* The compiled "slas" section: owned by the policy once attached, freed
 * with it, listed through the public API. */
#include <string.h>

#include "../base/base.h"
#include "../calendar/build.h"
#include "../policy/policy.h"
#include "slas.h"

static void zone_rule_release(zone_rule *r) {
    slate__free(r->field);
    slate__free(r->pointer);
}

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
            slate__free(target->start_from_name);
        }
        slate__free(def->targets);
        slate__free(def->calendar_pointer);
        for (size_t i = 0; i < def->choice_count; i++) {
            slate__free(def->choices[i].value);
            slate__free(def->choices[i].pointer);
            zone_rule_release(&def->choices[i].zone);
        }
        slate__free(def->choices);
        zone_rule_release(&def->calendar_zone);
        zone_rule_release(&def->zone);
    }
    slate__free(s->defs);
    slate__cond_fields_release(&s->fields);
    slate__cal_destroy(s->always);
    slate__free(s);
}

static void free_section(void *section) { slate__slas_free(section); }

slas *slate__slas_new(slate_policy *p) {
    slas *s = slate__calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    slate__policy_set_section(p, SLATE__SECTION_SLAS, s, free_section);
    long priority_slot = slate__cond_fields_intern(&s->fields, "priority");
    long event_slot = slate__cond_fields_intern(&s->fields, "event");
    if (priority_slot < 0 || event_slot < 0) return NULL;
    s->priority_slot = (size_t)priority_slot;
    s->event_slot = (size_t)event_slot;
    return s;
}

sla_def *slate__slas_add(slas *s) {
    int ok = 1;
    SLATE_GROW(s->defs, s->cap, s->count + 1, ok);
    if (!ok) return NULL;
    sla_def *def = &s->defs[s->count++];
    memset(def, 0, sizeof *def);
    return def;
}

sla_target *slate__sla_add_target(slas *s, sla_def *def) {
    int ok = 1;
    SLATE_GROW(def->targets, def->target_cap, def->target_count + 1, ok);
    if (!ok) return NULL;
    sla_target *t = &def->targets[def->target_count++];
    memset(t, 0, sizeof *t);
    s->target_total++;
    return t;
}

sla_duration *slate__sla_target_add_duration(sla_target *t) {
    int ok = 1;
    SLATE_GROW(t->durations, t->duration_cap, t->duration_count + 1, ok);
    if (!ok) return NULL;
    sla_duration *d = &t->durations[t->duration_count++];
    memset(d, 0, sizeof *d);
    return d;
}

cal_choice *slate__sla_add_choice(sla_def *def) {
    int ok = 1;
    SLATE_GROW(def->choices, def->choice_cap, def->choice_count + 1, ok);
    if (!ok) return NULL;
    cal_choice *c = &def->choices[def->choice_count++];
    memset(c, 0, sizeof *c);
    return c;
}

slate_status slate__slas_always(slas *s, const slate_calendar **out, slate_error *err) {
    if (s->always == NULL) {
        slate_calendar *c = slate__cal_create("24x7", "");
        if (c == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
        slate__cal_set_always(c);
        slate_status st = slate__cal_finish(c, NULL, err);
        if (st != SLATE_OK) {
            slate__cal_destroy(c);
            return st;
        }
        s->always = c;
    }
    *out = s->always;
    return SLATE_OK;
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
