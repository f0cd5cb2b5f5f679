/* Loading the "slas" section: SLA definitions, their calendars, targets,
 * durations per priority and the conditions that drive the clock. */
#include <string.h>

#include "load.h"

#define MAX_SLAS 1000

static const char *const role_keys[COND_ROLES] = {"start_when", "pause_when", "stop_when",
                                                  "reset_when", "cancel_when"};

static int has_entry(const sla_target *t, const char *priority) {
    for (size_t i = 0; i < t->duration_count; i++)
        if (t->durations[i].priority != NULL && strcmp(t->durations[i].priority, priority) == 0)
            return 1;
    return 0;
}

/* One priority's due rule: "PT4H", {"by": "16:00", "business_days": 1} or
 * {"end_of_business_day": 0}. */
static slate_status load_due(loader *ld, const cJSON *node, const char *pointer, sla_duration *d) {
    static const char *const keys[] = {"by", "business_days", "end_of_business_day", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st;
    if (cJSON_IsString(node)) {
        slate_error why;
        if (slate_duration_parse(node->valuestring, &d->seconds, &why) != SLATE_OK ||
            d->seconds <= 0)
            return slate__json_fail(
                &ld->src, pointer, 0, SLATE_EPARSE,
                "expected a positive ISO 8601 duration such as PT4H, found \"%.40s\"",
                node->valuestring);
        d->kind = DUE_AFTER;
        return SLATE_OK;
    }
    if (!cJSON_IsObject(node))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "expected a duration such as \"PT4H\" or a deadline object");
    if ((st = slate__load_check_keys(ld, node, pointer, keys)) != SLATE_OK) return st;
    const cJSON *by = cJSON_GetObjectItemCaseSensitive(node, "by");
    const cJSON *days = cJSON_GetObjectItemCaseSensitive(node, "business_days");
    const cJSON *eod = cJSON_GetObjectItemCaseSensitive(node, "end_of_business_day");
    long n = 0;
    if ((by == NULL) == (eod == NULL))
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "a deadline has either \"by\" (with \"business_days\") or \"end_of_business_day\"");
    if (eod != NULL) {
        slate__json_pointer_key(ptr, pointer, "end_of_business_day");
        if (days != NULL)
            return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                    "end_of_business_day takes its day count itself");
        if ((st = slate__load_expect_int(ld, eod, ptr, 0, 366, &n)) != SLATE_OK) return st;
        d->kind = DUE_END_OF_DAY;
        d->business_days = (int)n;
        return SLATE_OK;
    }
    slate__json_pointer_key(ptr, pointer, "by");
    if ((st = slate__load_expect_string(ld, by, ptr)) != SLATE_OK) return st;
    const char *s = by->valuestring;
    if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
        s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9' ||
        (s[0] - '0') * 10 + (s[1] - '0') > 23)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "expected a wall time HH:MM from 00:00 to 23:59, found \"%.20s\"",
                                s);
    d->minute = ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0');
    if (days != NULL) {
        slate__json_pointer_key(ptr, pointer, "business_days");
        if ((st = slate__load_expect_int(ld, days, ptr, 0, 366, &n)) != SLATE_OK) return st;
    }
    d->kind = DUE_BY;
    d->business_days = (int)n;
    return SLATE_OK;
}

/* "durations": {"P1": "PT1H", "*": "P1D"}; every priority level covered. */
static slate_status load_durations(loader *ld, const cJSON *node, const char *pointer,
                                   const slate_policy *p, sla_target *t) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n == 0)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a target needs at least one duration");
    int fallback = 0;
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        slate__json_pointer_key(ptr, pointer, item->string);
        for (const cJSON *prev = node->child; prev != item; prev = prev->next)
            if (strcmp(prev->string, item->string) == 0)
                return slate__json_fail(&ld->src, ptr, 1, SLATE_EPARSE, "duplicate key \"%s\"",
                                        item->string);
        int is_fallback = strcmp(item->string, "*") == 0;
        size_t levels = slate_policy_priority_count(p);
        if (!is_fallback && levels > 0) {
            size_t i = 0;
            while (i < levels && strcmp(slate_policy_priority_name(p, i), item->string) != 0)
                i++;
            if (i == levels)
                return slate__json_fail(&ld->src, ptr, 1, SLATE_EPARSE,
                                        "unknown priority \"%.40s\"", item->string);
        }
        sla_duration *d = slate__sla_target_add_duration(t);
        if (d == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_due(ld, item, ptr, d)) != SLATE_OK) return st;
        if (!is_fallback && (d->priority = slate__strdup(item->string)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        fallback |= is_fallback;
    }
    for (size_t i = 0; !fallback && i < slate_policy_priority_count(p); i++)
        if (!has_entry(t, slate_policy_priority_name(p, i)))
            return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                    "no duration for priority %s (add it, or \"*\" for the rest)",
                                    slate_policy_priority_name(p, i));
    return SLATE_OK;
}

static slate_status load_target(loader *ld, const cJSON *node, const char *pointer,
                                const slate_policy *p, slas *s, sla_def *def, sla_target *t) {
    static const char *const keys[] = {"name",        "durations",  "start_when",  "pause_when",
                                       "stop_when",   "reset_when", "cancel_when", "restart",
                                       "description", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(node, "name");
    slate__json_pointer_key(ptr, pointer, "name");
    if (name == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a target needs a \"name\" (response, resolution, ...)");
    if ((st = slate__load_expect_string(ld, name, ptr)) != SLATE_OK) return st;
    for (sla_target *other = def->targets; other != t; other++)
        if (strcmp(other->name, name->valuestring) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "target \"%.40s\" is defined twice", name->valuestring);
    if ((t->name = slate__strdup(name->valuestring)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const cJSON *durations = cJSON_GetObjectItemCaseSensitive(node, "durations");
    slate__json_pointer_key(ptr, pointer, "durations");
    if (durations == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a target needs \"durations\" per priority");
    if ((st = load_durations(ld, durations, ptr, p, t)) != SLATE_OK) return st;
    for (int r = 0; r < COND_ROLES; r++) {
        const cJSON *when = cJSON_GetObjectItemCaseSensitive(node, role_keys[r]);
        if (when == NULL) continue;
        slate__json_pointer_key(ptr, pointer, role_keys[r]);
        t->has[r] = 1;
        if ((st = slate__load_condition(ld, when, ptr, 1, &s->fields, &t->when[r])) != SLATE_OK)
            return st;
    }
    const cJSON *restart = cJSON_GetObjectItemCaseSensitive(node, "restart");
    if (restart != NULL) {
        slate__json_pointer_key(ptr, pointer, "restart");
        if ((st = slate__load_expect_string(ld, restart, ptr)) != SLATE_OK) return st;
        const char *v = restart->valuestring;
        t->restart = strcmp(v, "never") == 0       ? RESTART_NEVER
                     : strcmp(v, "new_cycle") == 0 ? RESTART_NEW_CYCLE
                     : strcmp(v, "continue") == 0  ? RESTART_CONTINUE
                                                   : (sla_restart)-1;
        if ((int)t->restart < 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "restart is never, new_cycle or continue");
    }
    return SLATE_OK;
}

static slate_status find_calendar(loader *ld, const cJSON *node, const char *pointer,
                                  slate_policy *p, slas *s, const slate_calendar **out) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    if ((*out = slate_policy_calendar(p, node->valuestring)) != NULL) return SLATE_OK;
    if (strcmp(node->valuestring, "24x7") != 0)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ENOENT, "unknown calendar \"%.60s\"",
                                node->valuestring);
    return slate__slas_always(s, out, ld->src.err);
}

static slate_status load_sla(loader *ld, const cJSON *node, const char *pointer, slate_policy *p,
                             slas *s, sla_def *def) {
    static const char *const keys[] = {"id",      "applies_when", "calendar",
                                       "targets", "description",  NULL};
    char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "id");
    slate__json_pointer_key(ptr, pointer, "id");
    if (id == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "an SLA needs an \"id\"");
    if ((st = slate__load_expect_string(ld, id, ptr)) != SLATE_OK) return st;
    for (sla_def *other = s->defs; other != def; other++)
        if (strcmp(other->id, id->valuestring) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "SLA id \"%.40s\" is used twice", id->valuestring);
    if ((def->id = slate__strdup(id->valuestring)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const cJSON *applies = cJSON_GetObjectItemCaseSensitive(node, "applies_when");
    if (applies != NULL) {
        slate__json_pointer_key(ptr, pointer, "applies_when");
        def->has_applies = 1;
        if ((st = slate__load_condition(ld, applies, ptr, 1, &s->fields, &def->applies)) !=
            SLATE_OK)
            return st;
    }
    const cJSON *calendar = cJSON_GetObjectItemCaseSensitive(node, "calendar");
    slate__json_pointer_key(ptr, pointer, "calendar");
    if (calendar == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "an SLA needs a \"calendar\" (a calendar's name or \"24x7\")");
    if ((st = find_calendar(ld, calendar, ptr, p, s, &def->calendar)) != SLATE_OK) return st;
    const cJSON *targets = cJSON_GetObjectItemCaseSensitive(node, "targets");
    slate__json_pointer_key(ptr, pointer, "targets");
    if (targets == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "an SLA needs \"targets\"");
    if ((st = slate__load_expect_array(ld, targets, ptr)) != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(targets);
    if (n == 0 || n > SLA_MAX_TARGETS)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "an SLA has 1 to %d targets",
                                SLA_MAX_TARGETS);
    for (const cJSON *item = targets->child; item != NULL; item = item->next) {
        slate__json_pointer_index(item_ptr, ptr, def->target_count);
        sla_target *t = slate__sla_add_target(s, def);
        if (t == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_target(ld, item, item_ptr, p, s, def, t)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}

slate_status slate__load_slas(loader *ld, const cJSON *node, const char *pointer, slate_policy *p) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_array(ld, node, pointer);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n > MAX_SLAS)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT, "more than %d SLAs", MAX_SLAS);
    slas *s = ld->slas = slate__slas_new(p);
    if (s == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        slate__json_pointer_index(ptr, pointer, s->count);
        sla_def *def = slate__slas_add(s);
        if (def == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_sla(ld, item, ptr, p, s, def)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}
