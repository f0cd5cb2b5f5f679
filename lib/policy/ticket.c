/* Tickets from JSON: one object flattened into (name, value) fields. */
#include <stdio.h>
#include <string.h>

#include "json_util.h"
#include "slate/ticket.h"

#define MAX_FIELDS 4096
#define MAX_NAME 512

struct slate_ticket {
    slate_field *fields;
    size_t count, cap;
};

static int add_field(slate_ticket *t, const char *name, const char *value) {
    if (t->count == t->cap) {
        size_t want = slate__next_cap(t->cap);
        int ok = 1;
        SLATE_RESIZE(t->fields, want, ok);
        if (!ok) return 0;
        t->cap = want;
    }
    char *n = slate__strdup(name), *v = slate__strdup(value);
    if (n == NULL || v == NULL) {
        slate__free(n);
        slate__free(v);
        return 0;
    }
    t->fields[t->count++] = (slate_field){n, v};
    return 1;
}

/* The number exactly as the text spells it (cJSON keeps only a double). */
static void number_text(loader *ld, const char *pointer, char *buf, size_t cap) {
    size_t at = json_locate(ld->text, ld->len, pointer, 0), n = 0;
    while (at + n < ld->len && n + 1 < cap && strchr("+-0123456789.eE", ld->text[at + n]) != NULL) n++;
    memcpy(buf, ld->text + at, n);
    buf[n] = '\0';
}

static slate_status flatten(loader *ld, const cJSON *node, const char *prefix, const char *pointer,
                            slate_ticket *t) {
    char name[MAX_NAME], ptr[POINTER_MAX], number[64];
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        pointer_key(ptr, pointer, item->string);
        if ((size_t)snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", item->string) >= sizeof name)
            return load_fail(ld, ptr, 1, SLATE_ELIMIT, "field name longer than %d bytes", MAX_NAME - 1);
        for (const cJSON *prev = node->child; prev != item; prev = prev->next)
            if (strcmp(prev->string, item->string) == 0)
                return load_fail(ld, ptr, 1, SLATE_EPARSE, "duplicate key \"%s\"", item->string);
        if (t->count >= MAX_FIELDS) return load_fail(ld, ptr, 1, SLATE_ELIMIT, "more than %d fields", MAX_FIELDS);
        const char *value = NULL;
        slate_status st = SLATE_OK;
        if (cJSON_IsObject(item)) {
            st = flatten(ld, item, name, ptr, t);
        } else if (cJSON_IsArray(item)) {
            return load_fail(ld, ptr, 0, SLATE_EPARSE, "arrays are not supported as field values");
        } else if (cJSON_IsString(item)) {
            value = item->valuestring;
        } else if (cJSON_IsNumber(item)) {
            number_text(ld, ptr, number, sizeof number);
            value = number;
        } else if (cJSON_IsBool(item)) {
            value = cJSON_IsTrue(item) ? "true" : "false";
        }
        if (st != SLATE_OK) return st;
        if (value != NULL && !add_field(t, name, value)) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    }
    return SLATE_OK;
}

SLATE_API slate_status slate_ticket_from_json(const char *json, size_t len, slate_ticket **out, slate_error *err) {
    if (out == NULL || (json == NULL && len > 0)) return slate__fail(err, SLATE_EINVAL, "json or out is NULL");
    *out = NULL;
    loader ld = {json == NULL ? "" : json, len, "", err, NULL};
    cJSON *root = NULL;
    slate_status st = json_parse(&ld, &root);
    if (st == SLATE_OK) st = expect_object(&ld, root, "");
    slate_ticket *t = NULL;
    if (st == SLATE_OK && (t = slate__calloc(1, sizeof *t)) == NULL) st = slate__fail(err, SLATE_ENOMEM, "out of memory");
    if (st == SLATE_OK) st = flatten(&ld, root, "", "", t);
    cJSON_Delete(root);
    if (st != SLATE_OK) {
        slate_ticket_free(t);
        return st;
    }
    *out = t;
    return SLATE_OK;
}

SLATE_API void slate_ticket_free(slate_ticket *t) {
    if (t == NULL) return;
    for (size_t i = 0; i < t->count; i++) {
        slate__free((char *)t->fields[i].name);
        slate__free((char *)t->fields[i].value);
    }
    slate__free(t->fields);
    slate__free(t);
}

SLATE_API const slate_field *slate_ticket_fields(const slate_ticket *t, size_t *count) {
    *count = t->count;
    return t->fields;
}
