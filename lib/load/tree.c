/* The policy as a cJSON tree: parsing (after lib/json has checked the
 * text, so every syntax error has an exact position) and typed access with
 * errors that name what was expected. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* cJSON notes parse errors in a process-wide variable; calls into its
 * parser are serialised so that concurrent loads do not race on it. */
static pthread_mutex_t cjson_parse_lock = PTHREAD_MUTEX_INITIALIZER;

slate_status slate__load_parse(loader *ld, cJSON **out) {
    slate_status st = slate__json_check(&ld->src);
    if (st != SLATE_OK) return st;
    pthread_mutex_lock(&cjson_parse_lock);
    *out = cJSON_ParseWithLength(ld->src.text, ld->src.len);
    pthread_mutex_unlock(&cjson_parse_lock);
    if (*out == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory parsing the policy");
    return SLATE_OK;
}

static const char *type_name(const cJSON *node) {
    if (cJSON_IsObject(node)) return "an object";
    if (cJSON_IsArray(node)) return "an array";
    if (cJSON_IsString(node)) return "a string";
    if (cJSON_IsNumber(node)) return "a number";
    if (cJSON_IsBool(node)) return "a boolean";
    return "null";
}

const char *slate__load_hint(const slate__suggestion *near, char *out, size_t cap) {
    if (near->best != NULL)
        snprintf(out, cap, " (did you mean \"%.60s\"?)", near->best);
    else
        out[0] = '\0';
    return out;
}

/* Searches the policy's calendars for the name nearest to `name`. */
static void near_calendar(const slate_policy *p, const char *name, slate__suggestion *near) {
    slate__suggest_start(near, name, strlen(name), 0);
    for (size_t i = 0, n = slate_policy_calendar_count(p); i < n; i++)
        slate__suggest_consider(near, slate_policy_calendar_id(p, i));
}

slate_status slate__load_unknown_calendar(loader *ld, const slate_policy *p, const char *pointer,
                                          const char *name) {
    slate__suggestion near;
    char hint[96];
    near_calendar(p, name, &near);
    return slate__json_fail(&ld->src, pointer, 0, SLATE_ENOENT, "unknown calendar \"%.60s\"%s",
                            name, slate__load_hint(&near, hint, sizeof hint));
}

/* An unknown key's error: the known key it most likely meant, or else
 * the keys allowed there. */
static slate_status unknown_key(loader *ld, const char *pointer, const char *key,
                                const char *const *allowed) {
    slate__suggestion near;
    slate__suggest_start(&near, key, strlen(key), 0);
    for (const char *const *a = allowed; *a; a++)
        slate__suggest_consider(&near, *a);
    if (near.best != NULL)
        return slate__json_fail(&ld->src, pointer, 1, SLATE_EPARSE,
                                "unknown key \"%.60s\" (did you mean \"%s\"?)", key, near.best);
    char known[SLATE_ERROR_TEXT_MAX / 2] = "";
    size_t used = 0;
    for (const char *const *a = allowed; *a && used + strlen(*a) + 8 < sizeof known; a++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", *a);
    return slate__json_fail(&ld->src, pointer, 1, SLATE_EPARSE,
                            "unknown key \"%.60s\"; known here: %s", key, known);
}

slate_status slate__load_check_keys(loader *ld, const cJSON *node, const char *pointer,
                                    const char *const *allowed) {
    char child[SLATE_JSON_POINTER_MAX];
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, item->string) == 0;
        slate__json_pointer_key(child, pointer, item->string);
        if (!known) return unknown_key(ld, child, item->string, allowed);
        for (const cJSON *prev = node->child; prev != item; prev = prev->next)
            if (strcmp(prev->string, item->string) == 0)
                return slate__json_fail_duplicate(&ld->src, child, "duplicate key \"%s\"",
                                                  item->string);
    }
    return SLATE_OK;
}

slate_status slate__load_bool(loader *ld, const cJSON *node, const char *pointer, const char *key,
                              int *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    if (v == NULL) return SLATE_OK;
    if (!cJSON_IsBool(v)) {
        char ptr[SLATE_JSON_POINTER_MAX];
        slate__json_pointer_key(ptr, pointer, key);
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "expected true or false");
    }
    *out = cJSON_IsTrue(v);
    return SLATE_OK;
}

static slate_status expect(loader *ld, const cJSON *node, const char *pointer, int ok,
                           const char *what) {
    if (ok) return SLATE_OK;
    return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "expected %s, found %s", what,
                            type_name(node));
}

slate_status slate__load_expect_object(loader *ld, const cJSON *node, const char *pointer) {
    return expect(ld, node, pointer, cJSON_IsObject(node), "an object");
}

slate_status slate__load_expect_array(loader *ld, const cJSON *node, const char *pointer) {
    return expect(ld, node, pointer, cJSON_IsArray(node), "an array");
}

slate_status slate__load_expect_string(loader *ld, const cJSON *node, const char *pointer) {
    return expect(ld, node, pointer, cJSON_IsString(node), "a string");
}

slate_status slate__load_copy_text(loader *ld, const cJSON *node, const char *pointer,
                                   const char *key, int required, char **out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    char ptr[SLATE_JSON_POINTER_MAX];
    if (v == NULL)
        return required ? slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                           "\"%s\" is required here", key)
                        : SLATE_OK;
    slate__json_pointer_key(ptr, pointer, key);
    slate_status st = slate__load_expect_string(ld, v, ptr);
    if (st != SLATE_OK) return st;
    return (*out = slate__strdup(v->valuestring)) != NULL
               ? SLATE_OK
               : slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
}

slate_status slate__load_word(loader *ld, const cJSON *node, const char *pointer,
                              const char *const *words, int *index) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    char list[160] = "";
    size_t used = 0;
    for (int i = 0; words[i] != NULL; i++) {
        if (strcmp(words[i], node->valuestring) == 0) {
            *index = i;
            return SLATE_OK;
        }
        int n = snprintf(list + used, sizeof list - used, "%s\"%s\"",
                         i == 0                 ? ""
                         : words[i + 1] == NULL ? " or "
                                                : ", ",
                         words[i]);
        if (n > 0 && (size_t)n < sizeof list - used) used += (size_t)n;
    }
    return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "expected %s, found \"%.40s\"",
                            list, node->valuestring);
}

slate_status slate__load_zone(loader *ld, const cJSON *node, const char *pointer,
                              const slate_zone **out) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    slate_error why;
    st = slate_tzdb_zone(ld->db, node->valuestring, out, &why);
    return st == SLATE_OK ? st : slate__json_fail(&ld->src, pointer, 0, st, "%s", why.message);
}

slate_status slate__load_zone_rule(loader *ld, const cJSON *node, const char *pointer,
                                   int need_default, const char **field, const slate_zone **zone,
                                   int *unknown_default) {
    static const char *const keys[] = {"field", "default", "unknown", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    *field = NULL, *zone = NULL, *unknown_default = 0;
    if (!cJSON_IsObject(node)) return slate__load_zone(ld, node, pointer, zone);
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(node, "field");
    const cJSON *fallback = cJSON_GetObjectItemCaseSensitive(node, "default");
    const cJSON *unknown = cJSON_GetObjectItemCaseSensitive(node, "unknown");
    if (st == SLATE_OK && (name == NULL || (need_default && fallback == NULL)))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                need_default ? "a zone from the ticket needs \"field\" and "
                                               "\"default\" (the zone of the hours as written)"
                                             : "a zone from the ticket needs \"field\" (and may "
                                               "have \"default\")");
    slate__json_pointer_key(ptr, pointer, "field");
    if (st == SLATE_OK && (st = slate__load_expect_string(ld, name, ptr)) == SLATE_OK &&
        name->valuestring[0] == '\0')
        st = slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "expected a field's name");
    if (st != SLATE_OK) return st;
    *field = name->valuestring;
    slate__json_pointer_key(ptr, pointer, "default");
    if (fallback != NULL && (st = slate__load_zone(ld, fallback, ptr, zone)) != SLATE_OK) return st;
    if (unknown == NULL) return SLATE_OK;
    static const char *const choices[] = {"error", "default", NULL};
    slate__json_pointer_key(ptr, pointer, "unknown");
    if ((st = slate__load_word(ld, unknown, ptr, choices, unknown_default)) != SLATE_OK) return st;
    if (*unknown_default && fallback == NULL)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "\"unknown\": \"default\" needs a \"default\" zone");
    return SLATE_OK;
}

/* The number at pointer as the document writes it ("12000.005", "1e3"),
 * for messages: printing the double would round it. */
static void number_as_written(const loader *ld, const char *pointer, char out[32]) {
    size_t at = slate__json_locate(ld->src.text, ld->src.len, pointer, 0), n = 0;
    while (at + n < ld->src.len && n < 31 && strchr("+-.0123456789eE", ld->src.text[at + n]))
        n++;
    memcpy(out, ld->src.text + at, n);
    out[n] = '\0';
}

slate_status slate__load_expect_int(loader *ld, const cJSON *node, const char *pointer, long min,
                                    long max, long *out) {
    slate_status st = expect(ld, node, pointer, cJSON_IsNumber(node), "an integer");
    if (st != SLATE_OK) return st;
    double v = node->valuedouble;
    if (v != floor(v) || v < (double)min || v > (double)max) {
        char written[32];
        number_as_written(ld, pointer, written);
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "expected an integer from %ld to %ld, found %s", min, max, written);
    }
    *out = (long)v;
    return SLATE_OK;
}

slate_status slate__load_expect_hundredths(loader *ld, const cJSON *node, const char *pointer,
                                           int64_t max, int64_t *out) {
    slate_status st = expect(ld, node, pointer, cJSON_IsNumber(node), "a number");
    if (st != SLATE_OK) return st;
    double scaled = node->valuedouble * 100, whole = floor(scaled + 0.5);
    if (scaled < 0 || scaled > (double)max || fabs(scaled - whole) > 1e-6) {
        char written[32];
        number_as_written(ld, pointer, written);
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "expected a number from 0 to %lld with at most two decimals, found %s",
            (long long)(max / 100), written);
    }
    *out = (int64_t)whole;
    return SLATE_OK;
}

/* An array of distinct, non-empty strings. */
slate_status slate__load_names(loader *ld, const cJSON *node, const char *pointer, size_t max,
                               char ***out, size_t *count) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_array(ld, node, pointer);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n == 0 || n > max)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "expected 1 to %zu names", max);
    if ((*out = slate__calloc(n, sizeof **out)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        slate__json_pointer_index(ptr, pointer, *count);
        if ((st = slate__load_expect_string(ld, item, ptr)) != SLATE_OK) return st;
        if (item->valuestring[0] == '\0')
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "empty name");
        for (size_t j = 0; j < *count; j++)
            if (strcmp((*out)[j], item->valuestring) == 0)
                return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "\"%s\" is listed twice",
                                        item->valuestring);
        if (((*out)[(*count)++] = slate__strdup(item->valuestring)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    return SLATE_OK;
}
