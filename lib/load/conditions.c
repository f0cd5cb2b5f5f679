/* Loading conditions: {"field": F, <operator>: V} leaves and all / any /
 * not nodes. */
#include <math.h>
#include <string.h>

#include "load.h"

static const char *const leaf_ops[] = {"equals", "not_equals", "in", "not_in", "exists",
                                       "gt",     "ge",         "lt", "le",     "matches"};
static const cond_op leaf_codes[] = {COND_EQUALS, COND_NOT_EQUALS, COND_IN, COND_NOT_IN,
                                     COND_EXISTS, COND_GT,         COND_GE, COND_LT,
                                     COND_LE,     COND_MATCHES};
#define LEAF_OPS (sizeof leaf_ops / sizeof leaf_ops[0])

/* A text operand: a string, or a boolean spelled true / false. */
static slate_status text_operand(loader *ld, const cJSON *v, const char *pointer, char **out) {
    if (cJSON_IsBool(v)) {
        *out = slate__strdup(cJSON_IsTrue(v) ? "true" : "false");
    } else {
        slate_status st = slate__load_expect_string(ld, v, pointer);
        if (st != SLATE_OK) return st;
        *out = slate__strdup(v->valuestring);
    }
    return *out != NULL ? SLATE_OK : slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
}

static slate_status load_operand(loader *ld, const cJSON *node, const char *pointer, int op_index,
                                 condition *c) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, leaf_ops[op_index]);
    char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, pointer, leaf_ops[op_index]);
    slate_status st = SLATE_OK;
    switch (c->op) {
    case COND_EQUALS:
    case COND_NOT_EQUALS:
        c->values = slate__calloc(1, sizeof *c->values);
        c->value_hashes = slate__calloc(1, sizeof *c->value_hashes);
        if (c->values == NULL || c->value_hashes == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        st = text_operand(ld, v, ptr, &c->values[0]);
        if (st == SLATE_OK) c->value_hashes[c->value_count++] = slate__hash_text(c->values[0]);
        return st;
    case COND_IN:
    case COND_NOT_IN: {
        if ((st = slate__load_expect_array(ld, v, ptr)) != SLATE_OK) return st;
        size_t n = (size_t)cJSON_GetArraySize(v);
        if (n == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "an empty list never matches; remove the condition");
        c->values = slate__calloc(n, sizeof *c->values);
        c->value_hashes = slate__calloc(n, sizeof *c->value_hashes);
        if (c->values == NULL || c->value_hashes == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        for (const cJSON *item = v->child; item != NULL && st == SLATE_OK; item = item->next) {
            slate__json_pointer_index(item_ptr, ptr, c->value_count);
            st = text_operand(ld, item, item_ptr, &c->values[c->value_count]);
            if (st == SLATE_OK) {
                c->value_hashes[c->value_count] = slate__hash_text(c->values[c->value_count]);
                c->value_count++;
            }
        }
        return st;
    }
    case COND_EXISTS:
        if (!cJSON_IsBool(v))
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "expected true or false");
        c->exists = cJSON_IsTrue(v);
        return SLATE_OK;
    case COND_MATCHES: {
        if ((st = slate__load_expect_string(ld, v, ptr)) != SLATE_OK) return st;
        if ((c->pattern = slate__strdup(v->valuestring)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        int ignore_case = 0;
        if ((st = slate__load_bool(ld, node, pointer, "ignore_case", &ignore_case)) != SLATE_OK)
            return st;
        char why[160];
        size_t offset;
        st = slate__cond_compile_regex(c, ignore_case, why, sizeof why, &offset);
        if (st == SLATE_ENOMEM) return slate__fail(ld->src.err, st, "out of memory");
        if (st != SLATE_OK)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "invalid regular expression /%.60s/: %s at offset %zu",
                                    c->pattern, why, offset);
        return SLATE_OK;
    }
    default:
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "expected a finite number");
        c->number = v->valuedouble;
        return SLATE_OK;
    }
}

static slate_status load_leaf(loader *ld, const cJSON *node, const char *pointer,
                              cond_fields *fields, condition *c) {
    static const char *const keys[] = {"field",   "equals",      "not_equals", "in", "not_in",
                                       "exists",  "gt",          "ge",         "lt", "le",
                                       "matches", "ignore_case", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(node, "field");
    slate__json_pointer_key(ptr, pointer, "field");
    if ((st = slate__load_expect_string(ld, field, ptr)) != SLATE_OK) return st;
    long slot = slate__cond_fields_intern(fields, field->valuestring);
    if (slot < 0 || (c->field = slate__strdup(field->valuestring)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    c->slot = (size_t)slot;
    int op = -1;
    for (size_t i = 0; i < LEAF_OPS; i++)
        if (cJSON_GetObjectItemCaseSensitive(node, leaf_ops[i]) != NULL) {
            if (op >= 0)
                return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                        "a condition has one operator; this one has %s and %s",
                                        leaf_ops[op], leaf_ops[i]);
            op = (int)i;
        }
    if (op < 0)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a condition on a field needs an operator: equals, not_equals, in, "
                                "not_in, exists, gt, ge, lt, le or matches");
    c->op = leaf_codes[op];
    if (c->op != COND_MATCHES && cJSON_GetObjectItemCaseSensitive(node, "ignore_case") != NULL) {
        slate__json_pointer_key(ptr, pointer, "ignore_case");
        return slate__json_fail(&ld->src, ptr, 1, SLATE_EPARSE,
                                "ignore_case goes with matches only");
    }
    return load_operand(ld, node, pointer, op, c);
}

slate_status slate__load_condition(loader *ld, const cJSON *node, const char *pointer, int depth,
                                   cond_fields *fields, condition *c) {
    memset(c, 0, sizeof *c);
    if ((c->pointer = slate__strdup(pointer)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st != SLATE_OK) return st;
    if (depth > CONDITION_MAX_DEPTH)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT,
                                "conditions nest deeper than %d levels", CONDITION_MAX_DEPTH);
    static const char *const groups[] = {"all", "any", "not"};
    for (int g = 0; g < 3; g++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(node, groups[g]);
        if (list == NULL) continue;
        const char *const keys[] = {groups[g], NULL};
        if ((st = slate__load_check_keys(ld, node, pointer, keys)) != SLATE_OK) return st;
        char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
        slate__json_pointer_key(ptr, pointer, groups[g]);
        c->op = g == 0 ? COND_ALL : g == 1 ? COND_ANY : COND_NOT;
        if (c->op == COND_NOT) {
            if ((c->children = slate__calloc(1, sizeof *c->children)) == NULL)
                return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
            c->child_count = 1;
            return slate__load_condition(ld, list, ptr, depth + 1, fields, &c->children[0]);
        }
        if ((st = slate__load_expect_array(ld, list, ptr)) != SLATE_OK) return st;
        size_t n = (size_t)cJSON_GetArraySize(list);
        if (n == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%s of no conditions",
                                    groups[g]);
        if ((c->children = slate__calloc(n, sizeof *c->children)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        for (const cJSON *item = list->child; item != NULL; item = item->next) {
            slate__json_pointer_index(item_ptr, ptr, c->child_count);
            st = slate__load_condition(ld, item, item_ptr, depth + 1, fields,
                                       &c->children[c->child_count++]);
            if (st != SLATE_OK) return st;
        }
        return SLATE_OK;
    }
    return load_leaf(ld, node, pointer, fields, c);
}
