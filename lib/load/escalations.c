/* Loading the "escalations" section: chains of steps bound to SLA targets. */
#include <stdio.h>
#include <string.h>

#include "load.h"

#define MAX_CHAINS 1000
#define MAX_STEPS 64
#define MAX_REPEATS 1000
#define MAX_FIRINGS 100000 /* all chains' steps and repeats, per cycle of a ticket */
#define MAX_NOTIFY 64

/* An ISO 8601 duration, zero allowed when min is 0. */
static slate_status load_offset(loader *ld, const cJSON *node, const char *pointer,
                                slate_duration min, slate_duration *out) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    slate_error why;
    if (slate_duration_parse(node->valuestring, out, &why) != SLATE_OK || *out < min)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "expected a%s ISO 8601 duration such as PT30M, found \"%.40s\"",
                                min > 0 ? " positive" : "n", node->valuestring);
    return SLATE_OK;
}

/* "at": {"percent": 75} or {"elapsed" | "before_breach" | "after_breach": duration}. */
static slate_status load_trigger(loader *ld, const cJSON *node, const char *pointer, esc_step *s,
                                 const char **text) {
    static const char *const keys[] = {"percent", "elapsed", "before_breach", "after_breach", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    if (cJSON_GetArraySize(node) != 1)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "\"at\" has one of percent, elapsed, before_breach, after_breach");
    const cJSON *v = node->child;
    slate__json_pointer_key(ptr, pointer, v->string);
    if (strcmp(v->string, "percent") == 0) {
        s->trigger = ESC_PERCENT;
        st = slate__load_expect_hundredths(ld, v, ptr, 100000, &s->basis_points);
        if (st == SLATE_OK && s->basis_points == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "a percentage above 0");
        return st;
    }
    s->trigger = strcmp(v->string, "elapsed") == 0         ? ESC_ELAPSED
                 : strcmp(v->string, "before_breach") == 0 ? ESC_BEFORE_BREACH
                                                           : ESC_AFTER_BREACH;
    *text = cJSON_IsString(v) ? v->valuestring : "";
    return load_offset(ld, v, ptr, 0, &s->offset);
}

/* "repeat": {"every": duration, "times": n}. */
static slate_status load_repeat(loader *ld, const cJSON *node, const char *pointer, esc_step *s,
                                const char **every) {
    static const char *const keys[] = {"every", "times", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(node, "every"),
                *times = cJSON_GetObjectItemCaseSensitive(node, "times");
    if (e == NULL || times == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a repeat needs \"every\" and \"times\"");
    slate__json_pointer_key(ptr, pointer, "every");
    if ((st = load_offset(ld, e, ptr, 1, &s->every)) != SLATE_OK) return st;
    *every = e->valuestring;
    long n = 0;
    slate__json_pointer_key(ptr, pointer, "times");
    if ((st = slate__load_expect_int(ld, times, ptr, 1, MAX_REPEATS, &n)) != SLATE_OK) return st;
    s->repeats = (int)n;
    return SLATE_OK;
}

/* The step's trigger in words, for explanations. */
static slate_status describe(loader *ld, esc_step *s, const char *offset, const char *every) {
    static const char *const what[] = {"", "after the start", "before the due time",
                                       "after the due time"};
    char text[256];
    int n;
    if (s->trigger == ESC_PERCENT)
        n = snprintf(text, sizeof text, "%lld.%02lld%% of the target",
                     (long long)(s->basis_points / 100), (long long)(s->basis_points % 100));
    else
        n = snprintf(text, sizeof text, "%.40s %s (%s time)", offset, what[s->trigger],
                     s->measure == ESC_WALL ? "wall" : "business");
    if (s->repeats > 0)
        snprintf(text + n, sizeof text - (size_t)n, ", then every %.40s up to %d times", every,
                 s->repeats);
    return (s->rule = slate__strdup(text)) != NULL
               ? SLATE_OK
               : slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
}

/* The schedule named by {"oncall": name} at pointer. */
static slate_status load_oncall_recipient(loader *ld, const cJSON *item, const char *pointer,
                                          const slate_policy *p, esc_step *s) {
    static const char *const keys[] = {"oncall", NULL};
    slate_status st = slate__load_check_keys(ld, item, pointer, keys);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(item, "oncall");
    char name_ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(name_ptr, pointer, "oncall");
    if (st != SLATE_OK) return st;
    if (name == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "expected {\"oncall\": schedule}");
    if (s->oncall != NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a step notifies at most one schedule");
    if ((st = slate__load_expect_string(ld, name, name_ptr)) != SLATE_OK) return st;
    if ((s->oncall = slate_policy_schedule(p, name->valuestring)) != NULL) return SLATE_OK;
    slate__suggestion near;
    char hint[96];
    slate__suggest_start(&near, name->valuestring, strlen(name->valuestring), 0);
    for (size_t k = 0; k < slate_policy_schedule_count(p); k++)
        slate__suggest_consider(&near, slate_policy_schedule_id(p, k));
    return slate__json_fail(&ld->src, name_ptr, 0, SLATE_ENOENT, "unknown schedule \"%.60s\"%s",
                            name->valuestring, slate__load_hint(&near, hint, sizeof hint));
}

/* "notify": names, and at most one {"oncall": schedule}, the person on
 * call in it when the step fires; the names go to s->notify. */
static slate_status load_notify(loader *ld, const cJSON *notify, const char *pointer,
                                const slate_policy *p, esc_step *s) {
    slate_status st = slate__load_expect_array(ld, notify, pointer);
    int objects = 0;
    for (const cJSON *item = notify->child; st == SLATE_OK && item != NULL; item = item->next)
        objects += cJSON_IsObject(item);
    if (st != SLATE_OK || objects == 0)
        return st == SLATE_OK ? slate__load_names(ld, notify, pointer, MAX_NOTIFY, &s->notify,
                                                  &s->notify_count)
                              : st;
    size_t n = (size_t)cJSON_GetArraySize(notify), i = 0;
    if (n > MAX_NOTIFY)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "expected 1 to %d names",
                                MAX_NOTIFY);
    if ((s->notify = slate__calloc(n, sizeof *s->notify)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    char item_ptr[SLATE_JSON_POINTER_MAX];
    for (const cJSON *item = notify->child; item != NULL && st == SLATE_OK;
         item = item->next, i++) {
        slate__json_pointer_index(item_ptr, pointer, i);
        if (cJSON_IsObject(item))
            st = load_oncall_recipient(ld, item, item_ptr, p, s);
        else if ((st = slate__load_expect_string(ld, item, item_ptr)) == SLATE_OK &&
                 *item->valuestring == '\0')
            st = slate__json_fail(&ld->src, item_ptr, 0, SLATE_EPARSE, "a name is not empty");
        else if (st == SLATE_OK &&
                 (s->notify[s->notify_count++] = slate__strdup(item->valuestring)) == NULL)
            st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    return st;
}

/* notify, channel, template and data: what the host does when it fires. */
static slate_status load_action(loader *ld, const cJSON *node, const char *pointer,
                                const slate_policy *p, esc_step *s) {
    char ptr[SLATE_JSON_POINTER_MAX];
    const cJSON *notify = cJSON_GetObjectItemCaseSensitive(node, "notify");
    slate_status st = SLATE_OK;
    if (notify != NULL) {
        slate__json_pointer_key(ptr, pointer, "notify");
        st = load_notify(ld, notify, ptr, p, s);
    }
    if (st == SLATE_OK) st = slate__load_copy_text(ld, node, pointer, "channel", 0, &s->channel);
    if (st == SLATE_OK)
        st = slate__load_copy_text(ld, node, pointer, "template", 0, &s->template_id);
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(node, "data");
    if (st != SLATE_OK || data == NULL) return st;
    char *text = cJSON_PrintUnformatted(data);
    s->data = text != NULL ? slate__strdup(text) : NULL;
    cJSON_free(text);
    return s->data != NULL ? SLATE_OK : slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
}

static slate_status load_measure(loader *ld, const cJSON *node, const char *pointer, esc_step *s) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(node, "measure");
    char ptr[SLATE_JSON_POINTER_MAX];
    if (m == NULL) return SLATE_OK;
    static const char *const words[] = {"business", "wall", NULL};
    int wall = 0;
    slate__json_pointer_key(ptr, pointer, "measure");
    slate_status st = slate__load_word(ld, m, ptr, words, &wall);
    if (st != SLATE_OK) return st;
    s->measure = wall ? ESC_WALL : ESC_BUSINESS;
    if (s->measure == ESC_WALL && s->trigger == ESC_PERCENT)
        return slate__json_fail(
            &ld->src, ptr, 0, SLATE_EPARSE,
            "a percentage is of the target's business time; it has no wall measure");
    return SLATE_OK;
}

static slate_status load_step(loader *ld, const cJSON *node, const char *pointer, slate_policy *p,
                              esc_chain *ch, esc_step *s) {
    static const char *const keys[] = {
        "id",     "at",      "measure",  "repeat", "when",        "delivery_calendar",
        "notify", "channel", "template", "data",   "description", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    const char *offset = "", *every = "";
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st == SLATE_OK && (s->pointer = slate__strdup(pointer)) == NULL)
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    if (st != SLATE_OK) return st;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "id"),
                *at = cJSON_GetObjectItemCaseSensitive(node, "at");
    if (id == NULL || at == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a step needs an \"id\" and an \"at\"");
    slate__json_pointer_key(ptr, pointer, "id");
    if ((st = slate__load_copy_text(ld, node, pointer, "id", 0, &s->id)) != SLATE_OK) return st;
    for (const esc_step *other = ch->steps; other != s; other++)
        if (strcmp(other->id, s->id) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "step \"%.40s\" is defined twice", s->id);
    slate__json_pointer_key(ptr, pointer, "at");
    if ((st = load_trigger(ld, at, ptr, s, &offset)) != SLATE_OK) return st;
    if ((st = load_measure(ld, node, pointer, s)) != SLATE_OK) return st;
    const cJSON *repeat = cJSON_GetObjectItemCaseSensitive(node, "repeat");
    slate__json_pointer_key(ptr, pointer, "repeat");
    if (repeat != NULL && (st = load_repeat(ld, repeat, ptr, s, &every)) != SLATE_OK) return st;
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(node, "when");
    slate__json_pointer_key(ptr, pointer, "when");
    if (when != NULL &&
        (s->has_when = 1,
         st = slate__load_condition(ld, when, ptr, 1, &ld->slas->fields, &s->when)) != SLATE_OK)
        return st;
    const cJSON *delivery = cJSON_GetObjectItemCaseSensitive(node, "delivery_calendar");
    if (delivery != NULL) {
        slate__json_pointer_key(ptr, pointer, "delivery_calendar");
        if ((st = slate__load_expect_string(ld, delivery, ptr)) != SLATE_OK) return st;
        if ((s->delivery = slate_policy_calendar(p, delivery->valuestring)) == NULL)
            return slate__load_unknown_calendar(ld, p, ptr, delivery->valuestring);
    }
    if ((st = load_action(ld, node, pointer, p, s)) != SLATE_OK) return st;
    return describe(ld, s, offset, every);
}

/* The clock's index of an SLA's target, or an error. */
static slate_status find_target(loader *ld, const cJSON *node, const char *pointer, const slas *s,
                                esc_chain *ch) {
    const cJSON *sla = cJSON_GetObjectItemCaseSensitive(node, "sla"),
                *target = cJSON_GetObjectItemCaseSensitive(node, "target");
    char ptr[SLATE_JSON_POINTER_MAX];
    if (sla == NULL || target == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a chain needs the \"sla\" and \"target\" it follows");
    slate__json_pointer_key(ptr, pointer, "sla");
    slate_status st = slate__load_expect_string(ld, sla, ptr);
    if (st != SLATE_OK) return st;
    size_t k = 0;
    for (size_t d = 0; d < s->count; k += s->defs[d].target_count, d++) {
        if (strcmp(s->defs[d].id, sla->valuestring) != 0) continue;
        slate__json_pointer_key(ptr, pointer, "target");
        if ((st = slate__load_expect_string(ld, target, ptr)) != SLATE_OK) return st;
        for (size_t t = 0; t < s->defs[d].target_count; t++)
            if (strcmp(s->defs[d].targets[t].name, target->valuestring) == 0) {
                ch->target = k + t;
                ch->sla = s->defs[d].id;
                ch->target_name = s->defs[d].targets[t].name;
                return SLATE_OK;
            }
        return slate__load_unknown_target(ld, ptr, &s->defs[d], target->valuestring);
    }
    return slate__load_unknown_sla(ld, ptr, s, sla->valuestring);
}

static slate_status load_chain(loader *ld, const cJSON *node, const char *pointer, slate_policy *p,
                               escalations *e, esc_chain *ch) {
    static const char *const keys[] = {"id",    "sla",         "target", "acknowledge_when",
                                       "steps", "description", NULL};
    char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    if (cJSON_GetObjectItemCaseSensitive(node, "id") == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "a chain needs an \"id\"");
    if ((st = slate__load_copy_text(ld, node, pointer, "id", 0, &ch->id)) != SLATE_OK) return st;
    slate__json_pointer_key(ptr, pointer, "id");
    for (const esc_chain *other = e->chains; other != ch; other++)
        if (strcmp(other->id, ch->id) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "chain \"%.40s\" is defined twice", ch->id);
    if ((st = find_target(ld, node, pointer, ld->slas, ch)) != SLATE_OK) return st;
    const cJSON *ack = cJSON_GetObjectItemCaseSensitive(node, "acknowledge_when");
    slate__json_pointer_key(ptr, pointer, "acknowledge_when");
    if (ack != NULL &&
        (ch->has_ack = 1,
         st = slate__load_condition(ld, ack, ptr, 1, &ld->slas->fields, &ch->ack)) != SLATE_OK)
        return st;
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(node, "steps");
    slate__json_pointer_key(ptr, pointer, "steps");
    if (steps == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "a chain needs \"steps\"");
    if ((st = slate__load_expect_array(ld, steps, ptr)) != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(steps);
    if (n == 0 || n > MAX_STEPS)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "a chain has 1 to %d steps",
                                MAX_STEPS);
    for (const cJSON *item = steps->child; item != NULL; item = item->next) {
        slate__json_pointer_index(item_ptr, ptr, ch->step_count);
        esc_step *s = slate__esc_chain_add_step(e, ch);
        if (s == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_step(ld, item, item_ptr, p, ch, s)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}

/* Adds what a chain can fire in one cycle of its target (each step once
 * plus its repeats) to the policy's count; past MAX_FIRINGS, a limit error
 * at the chain that crossed it. */
static slate_status count_firings(loader *ld, const esc_chain *ch, const char *pointer,
                                  size_t *firings) {
    size_t own = 0;
    for (size_t j = 0; j < ch->step_count; j++)
        own += 1 + (size_t)ch->steps[j].repeats;
    *firings += own;
    if (*firings <= MAX_FIRINGS) return SLATE_OK;
    return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT,
                            "the chains can fire more than %d times in one cycle of a ticket with "
                            "this one (%zu firings): use fewer steps or repeats",
                            MAX_FIRINGS, own);
}

slate_status slate__load_escalations(loader *ld, const cJSON *node, const char *pointer,
                                     slate_policy *p) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_array(ld, node, pointer);
    if (st != SLATE_OK) return st;
    if (ld->slas == NULL)
        return slate__json_fail(&ld->src, pointer, 1, SLATE_EPARSE,
                                "escalations follow SLA targets: the policy has no \"slas\"");
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n > MAX_CHAINS)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT, "more than %d chains",
                                MAX_CHAINS);
    size_t firings = 0;
    escalations *e =
        slate__escalations_new(p, &ld->slas->fields, ld->slas->priority_slot, ld->slas->event_slot);
    if (e == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        slate__json_pointer_index(ptr, pointer, e->count);
        esc_chain *ch = slate__escalations_add(e);
        if (ch == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        st = load_chain(ld, item, ptr, p, e, ch);
        if (st != SLATE_OK) return st;
        if ((st = count_firings(ld, ch, ptr, &firings)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}
