/* Loading the "priorities" section: levels, matrix, rules, default. */
#include <string.h>

#include "load.h"

#define MAX_LEVELS 32
#define MAX_RULES 10000

void slate__load_near_priority(const slate_policy *p, const char *name, slate__suggestion *near) {
    slate__suggest_start(near, name, strlen(name), 0);
    for (size_t i = 0, n = slate_policy_priority_count(p); i < n; i++)
        slate__suggest_consider(near, slate_policy_priority_name(p, i));
}

/* The index of a name in a list, or an error naming the choices. */
static slate_status name_index(loader *ld, const cJSON *v, const char *pointer, char *const *names,
                               size_t n, const char *what, int *out) {
    slate_status st = slate__load_expect_string(ld, v, pointer);
    if (st != SLATE_OK) return st;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], v->valuestring) == 0) {
            *out = (int)i;
            return SLATE_OK;
        }
    slate__suggestion near;
    char hint[96];
    slate__suggest_start(&near, v->valuestring, strlen(v->valuestring), 0);
    for (size_t i = 0; i < n; i++)
        slate__suggest_consider(&near, names[i]);
    return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "unknown %s \"%.40s\"%s", what,
                            v->valuestring, slate__load_hint(&near, hint, sizeof hint));
}

static slate_status load_field_name(loader *ld, const cJSON *node, const char *pointer,
                                    const char *key, const char *fallback, char **out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, pointer, key);
    if (v != NULL) {
        slate_status st = slate__load_expect_string(ld, v, ptr);
        if (st != SLATE_OK) return st;
        fallback = v->valuestring;
    }
    return (*out = slate__strdup(fallback)) != NULL
               ? SLATE_OK
               : slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
}

static slate_status load_matrix(loader *ld, const cJSON *node, const char *pointer,
                                priorities *pr) {
    static const char *const keys[] = {"impact",       "urgency",       "table",
                                       "impact_field", "urgency_field", NULL};
    char ptr[SLATE_JSON_POINTER_MAX], row_ptr[SLATE_JSON_POINTER_MAX],
        cell_ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    for (int k = 0; k < 3 && st == SLATE_OK; k++) {
        const char *key = keys[k];
        if (cJSON_GetObjectItemCaseSensitive(node, key) == NULL)
            return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "the matrix needs \"%s\"",
                                    key);
    }
    if (st != SLATE_OK) return st;
    slate__json_pointer_key(ptr, pointer, "impact");
    if ((st = slate__load_names(ld, cJSON_GetObjectItemCaseSensitive(node, "impact"), ptr,
                                MAX_LEVELS, &pr->impacts, &pr->impact_count)) != SLATE_OK)
        return st;
    slate__json_pointer_key(ptr, pointer, "urgency");
    if ((st = slate__load_names(ld, cJSON_GetObjectItemCaseSensitive(node, "urgency"), ptr,
                                MAX_LEVELS, &pr->urgencies, &pr->urgency_count)) != SLATE_OK)
        return st;
    if ((st = load_field_name(ld, node, pointer, "impact_field", "impact", &pr->impact_field)) !=
        SLATE_OK)
        return st;
    if ((st = load_field_name(ld, node, pointer, "urgency_field", "urgency", &pr->urgency_field)) !=
        SLATE_OK)
        return st;
    long impact_slot = slate__cond_fields_intern(&pr->fields, pr->impact_field);
    long urgency_slot = slate__cond_fields_intern(&pr->fields, pr->urgency_field);
    if (impact_slot < 0 || urgency_slot < 0)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    pr->impact_slot = (size_t)impact_slot;
    pr->urgency_slot = (size_t)urgency_slot;
    const cJSON *table = cJSON_GetObjectItemCaseSensitive(node, "table");
    slate__json_pointer_key(ptr, pointer, "table");
    if ((st = slate__load_expect_array(ld, table, ptr)) != SLATE_OK) return st;
    if ((size_t)cJSON_GetArraySize(table) != pr->impact_count)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "the table has %d rows; it needs one per impact level (%zu)",
                                cJSON_GetArraySize(table), pr->impact_count);
    if ((pr->table = slate__calloc(pr->impact_count * pr->urgency_count, sizeof *pr->table)) ==
        NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    size_t r = 0;
    for (const cJSON *row = table->child; row != NULL; row = row->next, r++) {
        slate__json_pointer_index(row_ptr, ptr, r);
        if ((st = slate__load_expect_array(ld, row, row_ptr)) != SLATE_OK) return st;
        if ((size_t)cJSON_GetArraySize(row) != pr->urgency_count)
            return slate__json_fail(&ld->src, row_ptr, 0, SLATE_EPARSE,
                                    "row %zu has %d cells; it needs one per urgency level (%zu)", r,
                                    cJSON_GetArraySize(row), pr->urgency_count);
        size_t col = 0;
        for (const cJSON *cell = row->child; cell != NULL; cell = cell->next, col++) {
            slate__json_pointer_index(cell_ptr, row_ptr, col);
            st = name_index(ld, cell, cell_ptr, pr->levels, pr->level_count, "priority",
                            &pr->table[r * pr->urgency_count + col]);
            if (st != SLATE_OK) return st;
        }
    }
    pr->has_matrix = 1;
    return SLATE_OK;
}

static slate_status load_rule(loader *ld, const cJSON *node, const char *pointer, priorities *pr,
                              class_rule *rule) {
    static const char *const keys[] = {"id",    "when",     "set",         "raise",
                                       "lower", "continue", "description", NULL};
    static const char *const set_keys[] = {"priority", "impact", "urgency", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "id");
    slate__json_pointer_key(ptr, pointer, "id");
    if (id == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "a rule needs an \"id\"");
    if ((st = slate__load_expect_string(ld, id, ptr)) != SLATE_OK) return st;
    for (const class_rule *other = pr->rules; other != rule; other++)
        if (strcmp(other->id, id->valuestring) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "rule id \"%.40s\" is used twice", id->valuestring);
    if ((rule->id = slate__strdup(id->valuestring)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(node, "when");
    if (when != NULL) {
        slate__json_pointer_key(ptr, pointer, "when");
        rule->has_when = 1;
        if ((st = slate__load_condition(ld, when, ptr, 1, &pr->fields, &rule->when)) != SLATE_OK)
            return st;
    }
    const cJSON *set = cJSON_GetObjectItemCaseSensitive(node, "set");
    int actions = 0;
    if (set != NULL) {
        char set_ptr[SLATE_JSON_POINTER_MAX];
        slate__json_pointer_key(set_ptr, pointer, "set");
        if ((st = slate__load_expect_object(ld, set, set_ptr)) != SLATE_OK ||
            (st = slate__load_check_keys(ld, set, set_ptr, set_keys)) != SLATE_OK)
            return st;
        const cJSON *v;
        if ((v = cJSON_GetObjectItemCaseSensitive(set, "priority")) != NULL) {
            slate__json_pointer_key(ptr, set_ptr, "priority");
            if ((st = name_index(ld, v, ptr, pr->levels, pr->level_count, "priority",
                                 &rule->set_priority)) != SLATE_OK)
                return st;
            actions++;
        }
        const char *axes[] = {"impact", "urgency"};
        for (int a = 0; a < 2; a++) {
            if ((v = cJSON_GetObjectItemCaseSensitive(set, axes[a])) == NULL) continue;
            slate__json_pointer_key(ptr, set_ptr, axes[a]);
            if (!pr->has_matrix)
                return slate__json_fail(&ld->src, ptr, 1, SLATE_EPARSE, "setting %s needs a matrix",
                                        axes[a]);
            st = a == 0 ? name_index(ld, v, ptr, pr->impacts, pr->impact_count, "impact level",
                                     &rule->set_impact)
                        : name_index(ld, v, ptr, pr->urgencies, pr->urgency_count, "urgency level",
                                     &rule->set_urgency);
            if (st != SLATE_OK) return st;
            actions++;
        }
    }
    const char *shifts[] = {"raise", "lower"};
    for (int s = 0; s < 2; s++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, shifts[s]);
        if (v == NULL) continue;
        long n;
        slate__json_pointer_key(ptr, pointer, shifts[s]);
        if ((st = slate__load_expect_int(ld, v, ptr, 1, MAX_LEVELS, &n)) != SLATE_OK) return st;
        rule->shift += s == 0 ? (int)n : -(int)n;
        actions++;
    }
    if (actions == 0)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a rule needs an action: set, raise or lower");
    return slate__load_bool(ld, node, pointer, "continue", &rule->keep_going);
}

static slate_status load_rules(loader *ld, const cJSON *node, const char *pointer, priorities *pr) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_array(ld, node, pointer);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n > MAX_RULES)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT, "more than %d rules",
                                MAX_RULES);
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        slate__json_pointer_index(ptr, pointer, pr->rule_count);
        class_rule *rule = slate__priorities_add_rule(pr);
        if (rule == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_rule(ld, item, ptr, pr, rule)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}

slate_status slate__load_priorities(loader *ld, const cJSON *node, const char *pointer,
                                    slate_policy *p) {
    static const char *const keys[] = {"levels", "default", "matrix", "rules", "description", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    priorities *pr = slate__priorities_new(p);
    if (pr == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const cJSON *levels = cJSON_GetObjectItemCaseSensitive(node, "levels");
    if (levels == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "priorities need \"levels\", most urgent first");
    slate__json_pointer_key(ptr, pointer, "levels");
    if ((st = slate__load_names(ld, levels, ptr, MAX_LEVELS, &pr->levels, &pr->level_count)) !=
        SLATE_OK)
        return st;
    const cJSON *fallback = cJSON_GetObjectItemCaseSensitive(node, "default");
    if (fallback == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "priorities need a \"default\" level");
    slate__json_pointer_key(ptr, pointer, "default");
    if ((st = name_index(ld, fallback, ptr, pr->levels, pr->level_count, "priority",
                         &pr->default_level)) != SLATE_OK)
        return st;
    const cJSON *matrix = cJSON_GetObjectItemCaseSensitive(node, "matrix");
    slate__json_pointer_key(ptr, pointer, "matrix");
    if (matrix != NULL && (st = load_matrix(ld, matrix, ptr, pr)) != SLATE_OK) return st;
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(node, "rules");
    slate__json_pointer_key(ptr, pointer, "rules");
    if (rules != NULL && (st = load_rules(ld, rules, ptr, pr)) != SLATE_OK) return st;
    const cJSON *description = cJSON_GetObjectItemCaseSensitive(node, "description");
    slate__json_pointer_key(ptr, pointer, "description");
    return description != NULL ? slate__load_expect_string(ld, description, ptr) : SLATE_OK;
}
