/* Tickets and histories from JSON: objects flattened into (name, value)
 * fields, read by lib/json's streaming reader in one pass over the text. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../json/reader.h"
#include "slate/ticket.h"

#define MAX_FIELDS 4096
#define MAX_NAME 512
#define MAX_EVENTS 100000

/* A field as offsets into the reader's text, until the text stops moving. */
typedef struct field_ref {
    size_t name, value;
} field_ref;

/* What a walk collects: fields, and the keys of the objects open on the way
 * (to find duplicates). */
typedef struct collect {
    field_ref *fields;
    size_t count, cap;
    size_t *keys;
    size_t key_count, key_cap;
    size_t members; /* of the fields object being flattened, nested ones included */
} collect;

/* Keys of one large object, hashed so that finding a duplicate stays
 * linear: slots hold a key's offset in the text plus one, 0 when empty. */
#define KEYS_SCAN_MAX 32

typedef struct key_set {
    size_t *slots;
    size_t mask;
} key_set;

/* Adds a key unless the set has it; returns 1 when added, 0 when there,
 * -1 when out of memory. Grows (rehashing) past half full. */
static int key_set_add(key_set *set, const char *text, size_t key) {
    size_t at = (size_t)slate__hash_text(text + key) & set->mask;
    for (; set->slots[at] != 0; at = (at + 1) & set->mask)
        if (strcmp(text + set->slots[at] - 1, text + key) == 0) return 0;
    set->slots[at] = key + 1;
    return 1;
}

/* Makes the set hold keys[from..count), with room for as many again. */
static int key_set_fill(key_set *set, const char *text, const size_t *keys, size_t from,
                        size_t count) {
    size_t cap = 4 * KEYS_SCAN_MAX;
    while (cap < 4 * (count - from))
        cap *= 2;
    slate__free(set->slots);
    if ((set->slots = slate__calloc(cap, sizeof *set->slots)) == NULL) return 0;
    set->mask = cap - 1;
    for (size_t k = from; k < count; k++)
        key_set_add(set, text, keys[k]);
    return 1;
}

static int push_key(collect *c, size_t key) {
    int ok = 1;
    SLATE_GROW(c->keys, c->key_cap, c->key_count + 1, ok);
    if (ok) c->keys[c->key_count++] = key;
    return ok;
}

static int push_field(collect *c, size_t name, size_t value) {
    int ok = 1;
    SLATE_GROW(c->fields, c->cap, c->count + 1, ok);
    if (ok) c->fields[c->count++] = (field_ref){name, value};
    return ok;
}

static void collect_release(collect *c) {
    slate__free(c->fields);
    slate__free(c->keys);
}

/* Whether the object whose keys are keys[keys_from..] already has `key`:
 * 1, 0, or -1 when out of memory. A large object's keys are hashed in set
 * (when not NULL) instead of compared one by one. */
static int key_seen(const char *text, collect *c, size_t keys_from, key_set *set, size_t key) {
    size_t n = c->key_count - keys_from;
    if (set == NULL || n < KEYS_SCAN_MAX) {
        for (size_t k = keys_from; k < c->key_count; k++)
            if (strcmp(text + c->keys[k], text + key) == 0) return 1;
        return 0;
    }
    if ((set->slots == NULL || 2 * n > set->mask) &&
        !key_set_fill(set, text, c->keys, keys_from, c->key_count))
        return -1;
    return !key_set_add(set, text, key);
}

/* Reads a member's key, refusing one the object already had. */
static slate_status member_key(reader *r, collect *c, size_t keys_from, key_set *set, size_t *key) {
    slate_status st = slate__reader_key(r, key);
    if (st != SLATE_OK) return st;
    int seen = key_seen(r->text, c, keys_from, set, *key);
    if (seen > 0) {
        char what[SLATE_ERROR_TEXT_MAX];
        snprintf(what, sizeof what, "duplicate key \"%.200s\"", r->text + *key);
        slate__reader_push_key(r, *key);
        return slate__reader_fail(r, 1, SLATE_EPARSE, what);
    }
    if (seen < 0 || !push_key(c, *key))
        return slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
    return slate__reader_push_key(r, *key)
               ? SLATE_OK
               : slate__reader_fail(r, 0, SLATE_ELIMIT, "nested too deeply");
}

/* The fields of the object at the reader, names prefixed by name[0..len),
 * appended to c. At most MAX_FIELDS members in all (len 0 starts the
 * count), so that nulls and empty objects cost no more than fields. */
static slate_status flatten(reader *r, collect *c, char *name, size_t len) {
    size_t keys_from = c->key_count, key;
    int start = 1;
    slate_status st = SLATE_OK;
    key_set set = {NULL, 0};
    if (len == 0) c->members = 0;
    while (st == SLATE_OK && slate__reader_next_member(r, &start)) {
        if ((st = member_key(r, c, keys_from, &set, &key)) != SLATE_OK) break;
        if (++c->members > MAX_FIELDS) {
            st = slate__reader_fail(r, 1, SLATE_ELIMIT,
                                    "more than 4096 members (fields, nulls and objects)");
            break;
        }
        size_t klen = strlen(r->text + key), full = len + (len > 0) + klen;
        if (full >= MAX_NAME) {
            st = slate__reader_fail(r, 1, SLATE_ELIMIT, "field name longer than 511 bytes");
            break;
        }
        if (len > 0) name[len] = '.';
        memcpy(name + len + (len > 0), r->text + key, klen + 1);
        char next = slate__reader_peek(r);
        size_t value;
        if (next == '{') {
            st = flatten(r, c, name, full);
        } else if (next == '[') {
            st = slate__reader_fail(r, 0, SLATE_EPARSE, "arrays are not supported as field values");
        } else if (next == 'n') {
            slate__reader_skip_null(r); /* a null field is no field */
        } else if ((st = slate__reader_scalar(r, &value, "expected a field value")) == SLATE_OK) {
            size_t at = r->text_len;
            if (!slate__reader_append(r, name, full + 1) || !push_field(c, at, value))
                st = slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
        }
        if (st == SLATE_OK) slate__reader_pop(r);
    }
    slate__free(set.slots);
    c->key_count = keys_from;
    return st;
}

/* Checks text and starts a reader on it: syntax, UTF-8, an object. */
static slate_status start_reader(const slate__json_source *src, reader *r) {
    memset(r, 0, sizeof *r);
    r->t = src->text, r->n = src->len, r->src = src;
    slate_status st = slate__json_check(src);
    if (st != SLATE_OK) return st;
    if (slate__reader_peek(r) != '{')
        return slate__json_fail(src, "", 0, SLATE_EPARSE, "expected an object");
    return SLATE_OK;
}

/* Points fields at the text, now that it has stopped moving. */
static slate_field *resolve_fields(const reader *r, const collect *c) {
    slate_field *f = slate__calloc(c->count ? c->count : 1, sizeof *f);
    for (size_t i = 0; f != NULL && i < c->count; i++)
        f[i] = (slate_field){r->text + c->fields[i].name, r->text + c->fields[i].value};
    return f;
}

struct slate_ticket {
    slate_field *fields;
    size_t count;
    char *text;
};

SLATE_API slate_status slate_ticket_from_json(const char *json, size_t len, slate_ticket **out,
                                              slate_error *err) {
    if (out == NULL || (json == NULL && len > 0))
        return slate__fail(err, SLATE_EMISUSE, "json or out is NULL");
    *out = NULL;
    slate__json_source src = {json == NULL ? "" : json, len, "", err, 0};
    reader r;
    collect c = {0};
    char name[MAX_NAME];
    slate_status st = start_reader(&src, &r);
    if (st == SLATE_OK) st = flatten(&r, &c, name, 0);
    slate_ticket *t = st == SLATE_OK ? slate__calloc(1, sizeof *t) : NULL;
    if (st == SLATE_OK && (t == NULL || (t->fields = resolve_fields(&r, &c)) == NULL))
        st = slate__fail(err, SLATE_ENOMEM, "out of memory");
    collect_release(&c);
    if (st != SLATE_OK) {
        if (t != NULL) slate__free(t);
        slate__free(r.text);
        return st;
    }
    t->count = c.count;
    t->text = r.text;
    *out = t;
    return SLATE_OK;
}

SLATE_API void slate_ticket_free(slate_ticket *t) {
    if (t == NULL) return;
    slate__free(t->fields);
    slate__free(t->text);
    slate__free(t);
}

SLATE_API const slate_field *slate_ticket_fields(const slate_ticket *t, size_t *count) {
    *count = t->count;
    return t->fields;
}

/* ---- histories ---- */

struct slate_history {
    const char *id;
    slate_event *events;
    size_t count;
    slate_field *fields; /* every event's, one after another */
    char *text;
};

/* An event while reading: offsets, until the text stops moving. */
typedef struct event_ref {
    slate_time at;
    size_t kind; /* offset, or SIZE_MAX */
    size_t first, count;
} event_ref;

typedef struct history_walk {
    reader r;
    collect c;
    event_ref *events;
    size_t count, cap;
    size_t id; /* offset, or SIZE_MAX */
} history_walk;

SLATE_API void slate_history_free(slate_history *h) {
    if (h == NULL) return;
    slate__free(h->events);
    slate__free(h->fields);
    slate__free(h->text);
    slate__free(h);
}

SLATE_API const char *slate_history_id(const slate_history *h) { return h->id; }

SLATE_API const slate_event *slate_history_events(const slate_history *h, size_t *count) {
    *count = h->count;
    return h->events;
}

static slate_status expect_string_here(reader *r, size_t *offset) {
    if (slate__reader_peek(r) != '"')
        return slate__reader_fail(r, 0, SLATE_EPARSE, "expected a string");
    return slate__reader_string(r, offset);
}

/* One member of an event object. */
static slate_status event_member(history_walk *w, event_ref *e, const char *key, int *has_at) {
    reader *r = &w->r;
    size_t value;
    char name[MAX_NAME];
    slate_status st;
    if (strcmp(key, "at") == 0) {
        if ((st = expect_string_here(r, &value)) != SLATE_OK) return st;
        slate_error why;
        if ((st = slate_time_parse(r->text + value, &e->at, &why)) != SLATE_OK)
            return slate__reader_fail(r, 0, st, why.message);
        *has_at = 1;
        return SLATE_OK;
    }
    if (strcmp(key, "kind") == 0) return expect_string_here(r, &e->kind);
    if (strcmp(key, "fields") == 0) {
        if (slate__reader_peek(r) != '{')
            return slate__reader_fail(r, 0, SLATE_EPARSE, "expected an object");
        e->first = w->c.count;
        st = flatten(r, &w->c, name, 0);
        e->count = w->c.count - e->first;
        return st;
    }
    char what[SLATE_ERROR_TEXT_MAX];
    snprintf(what, sizeof what, "unknown key \"%.200s\"", key);
    return slate__reader_fail(r, 1, SLATE_EPARSE, what);
}

static slate_status read_event(history_walk *w) {
    reader *r = &w->r;
    if (slate__reader_peek(r) != '{')
        return slate__reader_fail(r, 0, SLATE_EPARSE, "expected an object");
    if (w->count == MAX_EVENTS)
        return slate__reader_fail(r, 0, SLATE_ELIMIT, "more than 100000 events");
    int ok = 1;
    SLATE_GROW(w->events, w->cap, w->count + 1, ok);
    if (!ok) return slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
    event_ref *e = &w->events[w->count];
    *e = (event_ref){0, SIZE_MAX, w->c.count, 0};
    size_t keys_from = w->c.key_count, key;
    int start = 1, has_at = 0;
    slate_status st = SLATE_OK;
    while (st == SLATE_OK && slate__reader_next_member(r, &start)) {
        if ((st = member_key(r, &w->c, keys_from, NULL, &key)) != SLATE_OK) return st;
        st = event_member(w, e, r->text + key, &has_at);
        slate__reader_pop(r);
    }
    w->c.key_count = keys_from;
    if (st == SLATE_OK && !has_at)
        return slate__reader_fail(r, 0, SLATE_EPARSE, "an event needs \"at\", an RFC 3339 instant");
    w->count += st == SLATE_OK;
    return st;
}

static slate_status read_events(history_walk *w) {
    reader *r = &w->r;
    if (slate__reader_peek(r) != '[')
        return slate__reader_fail(r, 0, SLATE_EPARSE, "expected an array");
    int start = 1;
    for (size_t i = 0; slate__reader_next_element(r, &start); i++) {
        slate__reader_push_index(r, i);
        slate_status st = read_event(w);
        slate__reader_pop(r);
        if (st != SLATE_OK) return st;
    }
    return SLATE_OK;
}

static slate_status read_history(history_walk *w) {
    reader *r = &w->r;
    size_t key;
    int start = 1, has_events = 0;
    slate_status st = SLATE_OK;
    while (st == SLATE_OK && slate__reader_next_member(r, &start)) {
        if ((st = member_key(r, &w->c, 0, NULL, &key)) != SLATE_OK) return st;
        const char *k = r->text + key;
        char next = slate__reader_peek(r);
        if (strcmp(k, "id") == 0) {
            st = next == '"' || next == '-' || (next >= '0' && next <= '9')
                     ? slate__reader_scalar(r, &w->id, "")
                     : slate__reader_fail(r, 0, SLATE_EPARSE, "expected a string or a number");
        } else if (strcmp(k, "events") == 0) {
            has_events = 1;
            st = read_events(w);
        } else {
            char what[SLATE_ERROR_TEXT_MAX];
            snprintf(what, sizeof what, "unknown key \"%.200s\"", k);
            st = slate__reader_fail(r, 1, SLATE_EPARSE, what);
        }
        slate__reader_pop(r);
    }
    if (st == SLATE_OK && !has_events)
        return slate__json_fail(r->src, "", 0, SLATE_EPARSE, "a ticket history needs \"events\"");
    return st;
}

/* The history from a finished walk; the text moves into it. */
static slate_history *make_history(history_walk *w) {
    slate_history *h = slate__calloc(1, sizeof *h);
    if (h == NULL) return NULL;
    h->events = slate__calloc(w->count ? w->count : 1, sizeof *h->events);
    h->fields = resolve_fields(&w->r, &w->c);
    if (h->events == NULL || h->fields == NULL) {
        slate_history_free(h);
        return NULL;
    }
    h->text = w->r.text;
    w->r.text = NULL;
    h->id = w->id == SIZE_MAX ? NULL : h->text + w->id;
    for (size_t i = 0; i < w->count; i++) {
        const event_ref *e = &w->events[i];
        h->events[i] = (slate_event){e->at, e->kind == SIZE_MAX ? NULL : h->text + e->kind,
                                     h->fields + e->first, e->count};
    }
    h->count = w->count;
    return h;
}

SLATE_API slate_status slate_history_from_json(const char *json, size_t len, slate_history **out,
                                               slate_error *err) {
    if (out == NULL || (json == NULL && len > 0))
        return slate__fail(err, SLATE_EMISUSE, "json or out is NULL");
    *out = NULL;
    slate__json_source src = {json == NULL ? "" : json, len, "", err, 0};
    history_walk w;
    memset(&w, 0, sizeof w);
    w.id = SIZE_MAX;
    slate_status st = start_reader(&src, &w.r);
    if (st == SLATE_OK) st = read_history(&w);
    if (st == SLATE_OK && (*out = make_history(&w)) == NULL)
        st = slate__fail(err, SLATE_ENOMEM, "out of memory");
    collect_release(&w.c);
    slate__free(w.events);
    slate__free(w.r.text);
    return st;
}
