/* Classification: rules in order, then the matrix, then the default, then
 * the raises and lowers, clamped. See docs/guides/classification.md. */
#include <stdio.h>
#include <string.h>

#include "../base/base.h"
#include "priorities.h"

struct slate_classifier {
    const priorities *pr;
    cond_scratch scratch;
    const char **fired;
    slate_trail_entry *trail;
    char *reasons;       /* rule_count * TRAIL_REASON_MAX */
    const char **values; /* the ticket's value per field slot */
};

SLATE_API slate_status slate_classifier_new(const slate_policy *p, slate_classifier **out,
                                            slate_error *err) {
    if (p == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "policy or out is NULL");
    *out = NULL;
    const priorities *pr = slate__priorities_of(p);
    if (pr == NULL)
        return slate__fail(err, SLATE_ENOENT, "the policy has no \"priorities\" section");
    slate_classifier *c = slate__calloc(1, sizeof *c);
    if (c == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    c->pr = pr;
    c->fired = slate__calloc(pr->rule_count, sizeof *c->fired);
    c->trail = slate__calloc(pr->rule_count, sizeof *c->trail);
    c->reasons = slate__calloc(pr->rule_count, TRAIL_REASON_MAX);
    c->values = slate__calloc(pr->fields.count, sizeof *c->values);
    if (c->fired == NULL || c->trail == NULL || c->reasons == NULL || c->values == NULL ||
        !slate__cond_scratch_init(&c->scratch, pr->fields.count)) {
        slate_classifier_free(c);
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    *out = c;
    return SLATE_OK;
}

SLATE_API void slate_classifier_free(slate_classifier *c) {
    if (c == NULL) return;
    slate__cond_scratch_release(&c->scratch);
    slate__free((void *)c->fired);
    slate__free(c->trail);
    slate__free(c->reasons);
    slate__free((void *)c->values);
    slate__free(c);
}

static int level_of(char *const *names, size_t n, const char *value) {
    for (size_t i = 0; value != NULL && i < n; i++)
        if (slate__text_equal(names[i], value)) return (int)i;
    return -1;
}

static slate_status evaluation_failed(const class_rule *rule, const cond_failure *f,
                                      slate_error *err) {
    char context[224];
    snprintf(context, sizeof context, "rule \"%.200s\"", rule->id);
    return slate__cond_failure_report(f, context, err);
}

typedef struct verdict {
    int priority, impact, urgency, shift;
} verdict;

static void apply(const class_rule *rule, verdict *v) {
    if (rule->set_priority >= 0) v->priority = rule->set_priority;
    if (rule->set_impact >= 0) v->impact = rule->set_impact;
    if (rule->set_urgency >= 0) v->urgency = rule->set_urgency;
    v->shift += rule->shift;
}

static void finish(const priorities *pr, const verdict *v, slate_classification *out) {
    int base;
    if (v->priority >= 0) {
        base = v->priority;
        out->decided_by = "rule";
    } else if (pr->has_matrix && v->impact >= 0 && v->urgency >= 0) {
        base = pr->table[v->impact * (int)pr->urgency_count + v->urgency];
        out->decided_by = "matrix";
    } else {
        base = pr->default_level;
        out->decided_by = "default";
    }
    int level = base - v->shift, last = (int)pr->level_count - 1;
    out->priority = level < 0 ? 0 : level > last ? last : level;
    out->priority_name = pr->levels[out->priority];
    out->impact = v->impact;
    out->impact_name = v->impact >= 0 ? pr->impacts[v->impact] : NULL;
    out->urgency = v->urgency;
    out->urgency_name = v->urgency >= 0 ? pr->urgencies[v->urgency] : NULL;
}

SLATE_API slate_status slate_classify(slate_classifier *c, const slate_field *fields, size_t count,
                                      int explain, slate_classification *out, slate_error *err) {
    if (c == NULL || out == NULL || (fields == NULL && count > 0))
        return slate__fail(err, SLATE_EMISUSE, "classifier, fields or out is NULL");
    const priorities *pr = c->pr;
    verdict v = {-1, -1, -1, 0};
    slate__cond_fields_resolve(&pr->fields, fields, count, c->values);
    slate__cond_scratch_reset(&c->scratch);
    if (pr->has_matrix) {
        v.impact = level_of(pr->impacts, pr->impact_count, c->values[pr->impact_slot]);
        v.urgency = level_of(pr->urgencies, pr->urgency_count, c->values[pr->urgency_slot]);
    }
    size_t fired = 0, tried = 0;
    for (size_t i = 0; i < pr->rule_count; i++) {
        const class_rule *rule = &pr->rules[i];
        cond_failure failure;
        int matched =
            rule->has_when ? slate__cond_eval(&rule->when, c->values, &c->scratch, &failure) : 1;
        if (matched < 0) return evaluation_failed(rule, &failure, err);
        if (explain) {
            char *reason = c->reasons + tried * TRAIL_REASON_MAX;
            if (rule->has_when)
                slate__cond_explain(&rule->when, c->values, &c->scratch, reason, TRAIL_REASON_MAX);
            else
                snprintf(reason, TRAIL_REASON_MAX, "no condition: always applies");
            c->trail[tried] = (slate_trail_entry){rule->id, matched, reason};
            tried++;
        }
        if (!matched) continue;
        apply(rule, &v);
        c->fired[fired++] = rule->id;
        if (!rule->keep_going) break;
    }
    finish(pr, &v, out);
    out->fired_count = fired;
    out->fired = c->fired;
    out->trail_count = tried;
    out->trail = c->trail;
    return SLATE_OK;
}
