/* Loading the "slas" section: SLA definitions, their calendars, targets,
 * durations per priority and the conditions that drive the clock. */
#include <string.h>

#include "../calendar/build.h"
#include "load.h"
#include "wall_clock.h"

#define MAX_SLAS 1000
#define MAX_CALENDAR_CHOICES 1000

static const char *const role_keys[COND_ROLES] = {"start_when", "pause_when", "resume_when",
                                                  "stop_when",  "reset_when", "cancel_when"};

/* The condition slot of a ticket field an SLA reads, by a string member. */
static slate_status field_slot(loader *ld, const cJSON *node, const char *pointer, slas *s,
                               size_t *slot, char **name) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    if (node->valuestring[0] == '\0')
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "expected a field's name");
    long k = slate__cond_fields_intern(&s->fields, node->valuestring);
    if (k < 0 || (name != NULL && (*name = slate__strdup(node->valuestring)) == NULL))
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    *slot = (size_t)k;
    s->follows_ticket = 1;
    return SLATE_OK;
}

static int has_entry(const sla_target *t, const char *priority) {
    for (size_t i = 0; i < t->duration_count; i++)
        if (t->durations[i].priority != NULL && strcmp(t->durations[i].priority, priority) == 0)
            return 1;
    return 0;
}

/* A positive ISO 8601 duration. */
static slate_status load_seconds(loader *ld, const cJSON *node, const char *pointer,
                                 slate_duration *seconds) {
    slate_error why;
    if (!cJSON_IsString(node) ||
        slate_duration_parse(node->valuestring, seconds, &why) != SLATE_OK || *seconds <= 0)
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "expected a positive ISO 8601 duration such as PT4H, found \"%.40s\"",
            cJSON_IsString(node) ? node->valuestring : "(not a string)");
    return SLATE_OK;
}

/* {"field": "agreed_due", "default": "PT8H"}: the goal a ticket field gives. */
static slate_status load_due_field(loader *ld, const cJSON *node, const char *pointer, slas *s,
                                   sla_target *t, sla_duration *d) {
    static const char *const keys[] = {"field", "default", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    slate__json_pointer_key(ptr, pointer, "field");
    if (st == SLATE_OK)
        st =
            field_slot(ld, cJSON_GetObjectItemCaseSensitive(node, "field"), ptr, s, &d->slot, NULL);
    const cJSON *fallback = cJSON_GetObjectItemCaseSensitive(node, "default");
    slate__json_pointer_key(ptr, pointer, "default");
    if (st == SLATE_OK && fallback != NULL) st = load_seconds(ld, fallback, ptr, &d->seconds);
    d->kind = DUE_FIELD;
    t->goal_from_field = 1;
    return st;
}

/* One priority's due rule: "PT4H", {"by": "16:00", "business_days": 1},
 * {"end_of_business_day": 0} or {"field": ...}. */
static slate_status load_due(loader *ld, const cJSON *node, const char *pointer, slas *s,
                             sla_target *t, sla_duration *d) {
    static const char *const keys[] = {"by", "business_days", "end_of_business_day", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st;
    if (cJSON_IsString(node)) {
        d->kind = DUE_AFTER;
        return load_seconds(ld, node, pointer, &d->seconds);
    }
    if (!cJSON_IsObject(node))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "expected a duration such as \"PT4H\" or a deadline object");
    if (cJSON_GetObjectItemCaseSensitive(node, "field") != NULL)
        return load_due_field(ld, node, pointer, s, t, d);
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
    const char *w = by->valuestring;
    int32_t at = strlen(w) == 5 ? slate__wall_clock_parse(w, 0) : -1;
    if (at < 0) {
        char strict[12];
        if (slate__wall_clock_strict(w, 0, strict) && strlen(strict) == 5)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "expected a wall time HH:MM (24-hour, two-digit hours), found "
                                    "\"%.20s\"; write \"%s\"",
                                    w, strict);
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "expected a wall time HH:MM from 00:00 to 23:59, found \"%.20s\"",
                                w);
    }
    d->minute = at / 60;
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
                                   const slate_policy *p, slas *s, sla_target *t) {
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
                return slate__json_fail_duplicate(&ld->src, ptr, "duplicate key \"%s\"",
                                                  item->string);
        int is_fallback = strcmp(item->string, "*") == 0;
        size_t levels = slate_policy_priority_count(p);
        if (!is_fallback && levels > 0) {
            size_t i = 0;
            while (i < levels && strcmp(slate_policy_priority_name(p, i), item->string) != 0)
                i++;
            if (i == levels) {
                slate__suggestion near;
                char hint[96];
                slate__load_near_priority(p, item->string, &near);
                return slate__json_fail(&ld->src, ptr, 1, SLATE_EPARSE,
                                        "unknown priority \"%.40s\"%s", item->string,
                                        slate__load_hint(&near, hint, sizeof hint));
            }
        }
        sla_duration *d = slate__sla_target_add_duration(t);
        if (d == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_due(ld, item, ptr, s, t, d)) != SLATE_OK) return st;
        t->dated |= d->kind != DUE_AFTER;
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
                                       "resume_when", "stop_when",  "reset_when",  "cancel_when",
                                       "restart",     "start_from", "description", NULL};
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
    if ((st = load_durations(ld, durations, ptr, p, s, t)) != SLATE_OK) return st;
    for (int r = 0; r < COND_ROLES; r++) {
        const cJSON *when = cJSON_GetObjectItemCaseSensitive(node, role_keys[r]);
        if (when == NULL) continue;
        slate__json_pointer_key(ptr, pointer, role_keys[r]);
        t->has[r] = 1;
        t->roles |= 1u << r;
        if ((st = slate__load_condition(ld, when, ptr, 1, &s->fields, &t->when[r])) != SLATE_OK)
            return st;
    }
    if (t->has[COND_RESUME] && !t->has[COND_PAUSE])
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "resume_when needs a pause_when to resume from");
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(node, "start_from");
    slate__json_pointer_key(ptr, pointer, "start_from");
    if (from != NULL) {
        t->has_start_from = 1;
        if ((st = field_slot(ld, from, ptr, s, &t->start_from, &t->start_from_name)) != SLATE_OK)
            return st;
    }
    static const char *const restarts[] = {"never", "new_cycle", "continue", NULL};
    const cJSON *restart = cJSON_GetObjectItemCaseSensitive(node, "restart");
    int which = 0;
    slate__json_pointer_key(ptr, pointer, "restart");
    if (restart != NULL && (st = slate__load_word(ld, restart, ptr, restarts, &which)) != SLATE_OK)
        return st;
    t->restart = which == 0 ? RESTART_NEVER : which == 1 ? RESTART_NEW_CYCLE : RESTART_CONTINUE;
    return SLATE_OK;
}

slate_status slate__load_unknown_sla(loader *ld, const char *pointer, const slas *s,
                                     const char *name) {
    slate__suggestion near;
    char hint[96];
    slate__suggest_start(&near, name, strlen(name), 0);
    for (size_t d = 0; s != NULL && d < s->count; d++)
        slate__suggest_consider(&near, s->defs[d].id);
    return slate__json_fail(&ld->src, pointer, 0, SLATE_ENOENT, "unknown SLA \"%.60s\"%s", name,
                            slate__load_hint(&near, hint, sizeof hint));
}

slate_status slate__load_unknown_target(loader *ld, const char *pointer, const sla_def *d,
                                        const char *name) {
    slate__suggestion near;
    char hint[96];
    slate__suggest_start(&near, name, strlen(name), 0);
    for (size_t t = 0; t < d->target_count; t++)
        slate__suggest_consider(&near, d->targets[t].name);
    return slate__json_fail(&ld->src, pointer, 0, SLATE_ENOENT,
                            "SLA \"%.40s\" has no target \"%.40s\"%s", d->id, name,
                            slate__load_hint(&near, hint, sizeof hint));
}

static slate_status find_calendar(loader *ld, const cJSON *node, const char *pointer,
                                  slate_policy *p, slas *s, const slate_calendar **out) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    if ((*out = slate_policy_calendar(p, node->valuestring)) != NULL) return SLATE_OK;
    if (strcmp(node->valuestring, "24x7") != 0)
        return slate__load_unknown_calendar(ld, p, pointer, node->valuestring);
    return slate__slas_always(s, out, ld->src.err);
}

/* {"field": "assignment_group", "map": {"L1": "manila", ...}, "default": "pune"}. */
static slate_status load_calendar_choice(loader *ld, const cJSON *node, const char *pointer,
                                         slate_policy *p, slas *s, sla_def *def) {
    static const char *const keys[] = {"field", "map", "default", NULL};
    char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(node, "field");
    const cJSON *map = cJSON_GetObjectItemCaseSensitive(node, "map");
    const cJSON *fallback = cJSON_GetObjectItemCaseSensitive(node, "default");
    if (st == SLATE_OK && (field == NULL || map == NULL || fallback == NULL))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a calendar chosen by the ticket needs \"field\", \"map\" (value "
                                "to calendar) and \"default\"");
    slate__json_pointer_key(ptr, pointer, "field");
    if (st == SLATE_OK) st = field_slot(ld, field, ptr, s, &def->calendar_slot, NULL);
    def->calendar_from_field = 1;
    slate__json_pointer_key(ptr, pointer, "default");
    if (st == SLATE_OK) st = find_calendar(ld, fallback, ptr, p, s, &def->calendar);
    if (st == SLATE_OK && (def->calendar_pointer = slate__strdup(ptr)) == NULL)
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    slate__json_pointer_key(ptr, pointer, "map");
    if (st == SLATE_OK) st = slate__load_expect_object(ld, map, ptr);
    if (st == SLATE_OK && cJSON_GetArraySize(map) > MAX_CALENDAR_CHOICES)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT, "more than %d calendar choices",
                                MAX_CALENDAR_CHOICES);
    for (const cJSON *item = map ? map->child : NULL; item != NULL && st == SLATE_OK;
         item = item->next) {
        slate__json_pointer_key(item_ptr, ptr, item->string);
        for (size_t i = 0; i < def->choice_count; i++)
            if (strcmp(def->choices[i].value, item->string) == 0)
                return slate__json_fail_duplicate(&ld->src, item_ptr, "duplicate key \"%s\"",
                                                  item->string);
        cal_choice *c = slate__sla_add_choice(def);
        if (c == NULL || (c->value = slate__strdup(item->string)) == NULL ||
            (c->pointer = slate__strdup(item_ptr)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        st = find_calendar(ld, item, item_ptr, p, s, &c->calendar);
    }
    return st;
}

/* "calendar" of the SLA at `sla`: a calendar's name, or a choice by a
 * ticket field. */
static slate_status load_calendar(loader *ld, const cJSON *node, const char *sla, slate_policy *p,
                                  slas *s, sla_def *def) {
    char pointer[SLATE_JSON_POINTER_MAX];
    if (node == NULL)
        return slate__json_fail(&ld->src, sla, 0, SLATE_EPARSE,
                                "an SLA needs a \"calendar\" (a calendar's name or \"24x7\")");
    slate__json_pointer_key(pointer, sla, "calendar");
    if (cJSON_IsObject(node)) return load_calendar_choice(ld, node, pointer, p, s, def);
    if ((def->calendar_pointer = slate__strdup(pointer)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    return find_calendar(ld, node, pointer, p, s, &def->calendar);
}

/* A rule that reads a zone from a ticket field, for the SLA's clock. */
static slate_status zone_rule_from_field(loader *ld, slas *s, const char *field,
                                         const slate_zone *fallback, int unknown_default,
                                         const char *pointer, zone_rule *rule) {
    long k = field != NULL ? slate__cond_fields_intern(&s->fields, field) : 0;
    rule->used = 1;
    rule->from_field = field != NULL;
    rule->zone = fallback;
    rule->unknown_uses_default = unknown_default;
    if ((rule->pointer = slate__strdup(pointer)) == NULL || k < 0 ||
        (field != NULL && (rule->field = slate__strdup(field)) == NULL))
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    rule->slot = (size_t)k;
    if (field != NULL) s->db = ld->db, s->follows_ticket = 1;
    return SLATE_OK;
}

/* "timezone": a zone's name, or {"field": ..., "default": zone, "unknown":
 * "error" | "default"}: the zone the SLA's calendars are read in. */
static slate_status load_zone_rule(loader *ld, const cJSON *node, const char *pointer, slas *s,
                                   zone_rule *rule) {
    const char *field;
    const slate_zone *zone;
    int unknown_default;
    slate_status st = slate__load_zone_rule(ld, node, pointer, 0, &field, &zone, &unknown_default);
    return st != SLATE_OK
               ? st
               : zone_rule_from_field(ld, s, field, zone, unknown_default, pointer, rule);
}

/* The zone rule a calendar brings: read in the zone a ticket field names. */
static slate_status calendar_zone_rule(loader *ld, slas *s, const slate_calendar *cal,
                                       zone_rule *rule) {
    int unknown_default;
    const char *field = slate__cal_zone_field(cal, &unknown_default);
    char pointer[SLATE_JSON_POINTER_MAX];
    if (field == NULL) return SLATE_OK;
    slate__json_pointer_key(pointer, slate__cal_pointer(cal), "timezone");
    return zone_rule_from_field(ld, s, field, slate_calendar_zone(cal), unknown_default, pointer,
                                rule);
}

/* "on_not_applicable": "keep" (the default) or "cancel". */
static slate_status load_not_applicable(loader *ld, const cJSON *node, const char *pointer,
                                        sla_def *def) {
    static const char *const words[] = {"keep", "cancel", NULL};
    slate_status st = slate__load_word(ld, node, pointer, words, &def->cancel_unless_applies);
    if (st != SLATE_OK) return st;
    if (def->cancel_unless_applies && !def->has_applies)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "on_not_applicable needs an applies_when to stop holding");
    return SLATE_OK;
}

static slate_status load_sla(loader *ld, const cJSON *node, const char *pointer, slate_policy *p,
                             slas *s, sla_def *def) {
    static const char *const keys[] = {"id",      "applies_when",      "calendar",    "timezone",
                                       "targets", "on_not_applicable", "description", NULL};
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
    if ((st = load_calendar(ld, calendar, pointer, p, s, def)) != SLATE_OK) return st;
    const cJSON *zone = cJSON_GetObjectItemCaseSensitive(node, "timezone");
    slate__json_pointer_key(ptr, pointer, "timezone");
    if (zone != NULL && (st = load_zone_rule(ld, zone, ptr, s, &def->zone)) != SLATE_OK) return st;
    /* Without its own rule, the SLA reads each calendar as that calendar says. */
    if (zone == NULL) st = calendar_zone_rule(ld, s, def->calendar, &def->calendar_zone);
    for (size_t i = 0; zone == NULL && st == SLATE_OK && i < def->choice_count; i++)
        st = calendar_zone_rule(ld, s, def->choices[i].calendar, &def->choices[i].zone);
    if (st != SLATE_OK) return st;
    def->reads_ticket =
        def->calendar_from_field || def->zone.from_field || def->calendar_zone.from_field;
    for (size_t i = 0; i < def->choice_count; i++)
        def->reads_ticket |= def->choices[i].zone.from_field;
    const cJSON *na = cJSON_GetObjectItemCaseSensitive(node, "on_not_applicable");
    slate__json_pointer_key(ptr, pointer, "on_not_applicable");
    if (na != NULL && (st = load_not_applicable(ld, na, ptr, def)) != SLATE_OK) return st;
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
