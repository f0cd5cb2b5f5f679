/* Tickets from JSON: one object flattened into (name, value) fields. */
#include <stdio.h>
#include <string.h>

#include "json_util.h"
#include "slate/sla.h"
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

/* ---- histories ---- */

#define MAX_EVENTS 100000

struct slate_history {
    char *id;
    slate_event *events;
    slate_ticket **fields; /* one ticket per event holds its fields */
    char **kinds;
    size_t count;
};

SLATE_API void slate_history_free(slate_history *h) {
    if (h == NULL) return;
    for (size_t i = 0; i < h->count; i++) {
        slate_ticket_free(h->fields[i]);
        slate__free(h->kinds[i]);
    }
    slate__free(h->id);
    slate__free(h->events);
    slate__free(h->fields);
    slate__free(h->kinds);
    slate__free(h);
}

SLATE_API const char *slate_history_id(const slate_history *h) { return h->id; }

SLATE_API const slate_event *slate_history_events(const slate_history *h, size_t *count) {
    *count = h->count;
    return h->events;
}

static slate_status load_event(loader *ld, const cJSON *node, const char *pointer, slate_history *h) {
    static const char *const keys[] = {"at", "kind", "fields", NULL};
    char ptr[POINTER_MAX];
    size_t i = h->count;
    slate_status st = expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(node, "at");
    pointer_key(ptr, pointer, "at");
    if (at == NULL) return load_fail(ld, pointer, 0, SLATE_EPARSE, "an event needs \"at\", an RFC 3339 instant");
    if ((st = expect_string(ld, at, ptr)) != SLATE_OK) return st;
    slate_error why;
    if ((st = slate_time_parse(at->valuestring, &h->events[i].at, &why)) != SLATE_OK)
        return load_fail(ld, ptr, 0, st, "%s", why.message);
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(node, "kind");
    if (kind != NULL) {
        pointer_key(ptr, pointer, "kind");
        if ((st = expect_string(ld, kind, ptr)) != SLATE_OK) return st;
        if ((h->kinds[i] = slate__strdup(kind->valuestring)) == NULL) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    }
    if ((h->fields[i] = slate__calloc(1, sizeof(slate_ticket))) == NULL) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(node, "fields");
    if (fields != NULL) {
        pointer_key(ptr, pointer, "fields");
        if ((st = expect_object(ld, fields, ptr)) != SLATE_OK) return st;
        if ((st = flatten(ld, fields, "", ptr, h->fields[i])) != SLATE_OK) return st;
    }
    h->events[i].kind = h->kinds[i];
    h->events[i].fields = h->fields[i]->fields;
    h->events[i].field_count = h->fields[i]->count;
    return SLATE_OK;
}

static slate_status load_history(loader *ld, const cJSON *root, slate_history *h) {
    static const char *const keys[] = {"id", "events", NULL};
    char ptr[POINTER_MAX], number[64];
    slate_status st = expect_object(ld, root, "");
    if (st == SLATE_OK) st = check_keys(ld, root, "", keys);
    if (st != SLATE_OK) return st;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (id != NULL) {
        const char *text = NULL;
        if (cJSON_IsString(id)) {
            text = id->valuestring;
        } else if (cJSON_IsNumber(id)) {
            number_text(ld, "/id", number, sizeof number);
            text = number;
        } else {
            return load_fail(ld, "/id", 0, SLATE_EPARSE, "expected a string or a number");
        }
        if ((h->id = slate__strdup(text)) == NULL) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    }
    const cJSON *events = cJSON_GetObjectItemCaseSensitive(root, "events");
    if (events == NULL) return load_fail(ld, "", 0, SLATE_EPARSE, "a ticket history needs \"events\"");
    if ((st = expect_array(ld, events, "/events")) != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(events);
    if (n > MAX_EVENTS) return load_fail(ld, "/events", 0, SLATE_ELIMIT, "more than %d events", MAX_EVENTS);
    h->events = slate__calloc(n ? n : 1, sizeof *h->events);
    h->fields = slate__calloc(n ? n : 1, sizeof *h->fields);
    h->kinds = slate__calloc(n ? n : 1, sizeof *h->kinds);
    if (h->events == NULL || h->fields == NULL || h->kinds == NULL) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *item = events->child; item != NULL; item = item->next) {
        pointer_index(ptr, "/events", h->count);
        st = load_event(ld, item, ptr, h);
        h->count++; /* counted even when half built, so that it is freed */
        if (st != SLATE_OK) return st;
    }
    return SLATE_OK;
}

SLATE_API slate_status slate_history_from_json(const char *json, size_t len, slate_history **out, slate_error *err) {
    if (out == NULL || (json == NULL && len > 0)) return slate__fail(err, SLATE_EINVAL, "json or out is NULL");
    *out = NULL;
    loader ld = {json == NULL ? "" : json, len, "", err, NULL};
    cJSON *root = NULL;
    slate_status st = json_parse(&ld, &root);
    slate_history *h = NULL;
    if (st == SLATE_OK && (h = slate__calloc(1, sizeof *h)) == NULL) st = slate__fail(err, SLATE_ENOMEM, "out of memory");
    if (st == SLATE_OK) st = load_history(&ld, root, h);
    cJSON_Delete(root);
    if (st != SLATE_OK) {
        slate_history_free(h);
        return st;
    }
    *out = h;
    return SLATE_OK;
}
