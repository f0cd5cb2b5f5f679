/* Tickets and histories read straight from jsonb into slate_field and
 * slate_event records, for slate.classify, slate.evaluate and the report:
 * the documents `slate classify` and `slate evaluate` read as JSON Lines,
 * with the same rules (nested fields as dotted names, numbers as written,
 * booleans as true or false, nulls left out, no arrays), without turning
 * the jsonb into text first (which cost more than the SLA clock itself). */
#include "slate_pg.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

typedef struct reader {
    const char *what; /* "ticket" or "history", for messages */
    slate_field *fields;
    size_t field_count, field_cap;
    slate_event *events;
    size_t event_count, event_cap;
} reader;

static void fail(const reader *r, const char *pointer, const char *why) pg_attribute_noreturn();

static void fail(const reader *r, const char *pointer, const char *why) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
                    errmsg("slate: %s: %s (at %s)", r->what, why, *pointer ? pointer : "/"),
                    errdetail("JSON Pointer: %s", *pointer ? pointer : "/")));
}

static char *text_of(const JsonbValue *v) { return pnstrdup(v->val.string.val, v->val.string.len); }

/* pointer + "/" + key, escaped as RFC 6901 says; made only on the way to
 * an error or into a nested object, never for every key. */
static char *child_pointer(const char *pointer, const char *key) {
    StringInfoData buf;
    initStringInfo(&buf);
    appendStringInfoString(&buf, pointer);
    appendStringInfoChar(&buf, '/');
    for (const char *k = key; *k; k++) {
        if (*k == '~')
            appendStringInfoString(&buf, "~0");
        else if (*k == '/')
            appendStringInfoString(&buf, "~1");
        else
            appendStringInfoChar(&buf, *k);
    }
    return buf.data;
}

static void add_field(reader *r, const char *name, const char *value) {
    if (r->field_count == r->field_cap) {
        r->field_cap = r->field_cap ? 2 * r->field_cap : 16;
        r->fields = r->fields ? repalloc(r->fields, r->field_cap * sizeof *r->fields)
                              : palloc(r->field_cap * sizeof *r->fields);
    }
    r->fields[r->field_count].name = name;
    r->fields[r->field_count++].value = value;
}

/* The fields of an object, nested ones joined with dots (prefix "" at the top). */
static void read_fields(reader *r, JsonbContainer *object, const char *prefix,
                        const char *pointer) {
    JsonbIterator *it = JsonbIteratorInit(object);
    JsonbValue key, v;
    JsonbIteratorToken tok;
    while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE) {
        if (tok != WJB_KEY) continue;
        char *name = text_of(&key);
        char *full = *prefix ? psprintf("%s.%s", prefix, name) : name;
        tok = JsonbIteratorNext(&it, &v, true);
        switch (v.type) {
        case jbvNull: break;
        case jbvString: add_field(r, full, text_of(&v)); break;
        case jbvBool: add_field(r, full, v.val.boolean ? "true" : "false"); break;
        case jbvNumeric:
            add_field(
                r, full,
                DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric))));
            break;
        case jbvBinary:
            if (JsonContainerIsObject(v.val.binary.data)) {
                read_fields(r, v.val.binary.data, full, child_pointer(pointer, name));
                break;
            }
            fail(r, child_pointer(pointer, name), "arrays are not supported as field values");
            break;
        default: fail(r, child_pointer(pointer, name), "unexpected value");
        }
    }
}

/* The object at v (a jsonb container) or ERROR naming what it should be. */
static JsonbContainer *object_at(const reader *r, const JsonbValue *v, const char *pointer,
                                 const char *what) {
    if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data)) fail(r, pointer, what);
    return v->val.binary.data;
}

/* Event number i of the history. */
static void read_event(reader *r, JsonbContainer *event, size_t i) {
    char pointer[48];
    snprintf(pointer, sizeof pointer, "/events/%zu", i);
    slate_event e = {0, NULL, NULL, 0};
    size_t first_field = r->field_count;
    int has_at = 0;
    JsonbIterator *it = JsonbIteratorInit(event);
    JsonbValue key, v;
    JsonbIteratorToken tok;
    while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE) {
        if (tok != WJB_KEY) continue;
        char *name = text_of(&key);
        JsonbIteratorNext(&it, &v, true);
        if (strcmp(name, "at") == 0) {
            slate_error err;
            if (v.type != jbvString)
                fail(r, child_pointer(pointer, name), "expected an RFC 3339 instant");
            if (slate_time_parse(text_of(&v), &e.at, &err) != SLATE_OK)
                fail(r, child_pointer(pointer, name), err.message);
            has_at = 1;
        } else if (strcmp(name, "kind") == 0) {
            if (v.type == jbvString)
                e.kind = text_of(&v);
            else if (v.type != jbvNull)
                fail(r, child_pointer(pointer, name), "expected a string or null");
        } else if (strcmp(name, "fields") == 0) {
            char *at = child_pointer(pointer, name);
            if (v.type != jbvNull)
                read_fields(r, object_at(r, &v, at, "expected an object"), "", at);
        } else {
            fail(r, child_pointer(pointer, name),
                 psprintf("unknown key \"%s\" (an event has at, kind and fields)", name));
        }
    }
    if (!has_at) fail(r, pointer, "an event needs \"at\"");
    e.field_count = r->field_count - first_field;
    e.fields =
        (const slate_field *)(uintptr_t)first_field; /* an index until the fields stop moving */
    if (r->event_count == r->event_cap) {
        r->event_cap = r->event_cap ? 2 * r->event_cap : 8;
        r->events = r->events ? repalloc(r->events, r->event_cap * sizeof *r->events)
                              : palloc(r->event_cap * sizeof *r->events);
    }
    r->events[r->event_count++] = e;
}

const slate_event *slate_pg_history_events(Datum history, size_t *count, char **id) {
    Jsonb *j = DatumGetJsonbP(history);
    reader r = {"history", NULL, 0, 0, NULL, 0, 0};
    if (!JB_ROOT_IS_OBJECT(j))
        fail(&r, "", "a history is an object {\"id\": ..., \"events\": [...]}");
    JsonbIterator *it = JsonbIteratorInit(&j->root);
    JsonbValue key, v;
    JsonbIteratorToken tok;
    while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE) {
        if (tok != WJB_KEY) continue;
        char *name = text_of(&key);
        JsonbIteratorNext(&it, &v, true);
        if (strcmp(name, "id") == 0) {
            if (id != NULL && v.type == jbvString) *id = text_of(&v);
            if (id != NULL && v.type == jbvNumeric)
                *id = DatumGetCString(
                    DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric)));
            continue;
        }
        if (strcmp(name, "events") != 0)
            fail(&r, child_pointer("", name),
                 psprintf("unknown key \"%s\" (a history has id and events)", name));
        if (v.type != jbvBinary || !JsonContainerIsArray(v.val.binary.data))
            fail(&r, "/events", "expected an array");
        JsonbIterator *events = JsonbIteratorInit(v.val.binary.data);
        JsonbValue e;
        size_t i = 0;
        while ((tok = JsonbIteratorNext(&events, &e, true)) != WJB_DONE) {
            if (tok != WJB_ELEM) continue;
            if (e.type != jbvBinary || !JsonContainerIsObject(e.val.binary.data))
                fail(&r, psprintf("/events/%zu", i), "expected an event object");
            read_event(&r, e.val.binary.data, i++);
        }
    }
    for (size_t i = 0; i < r.event_count; i++)
        r.events[i].fields = r.fields + (uintptr_t)r.events[i].fields;
    *count = r.event_count;
    return r.events;
}

const slate_field *slate_pg_ticket_fields(Datum ticket, size_t *count) {
    Jsonb *j = DatumGetJsonbP(ticket);
    reader r = {"ticket", NULL, 0, 0, NULL, 0, 0};
    if (!JB_ROOT_IS_OBJECT(j)) fail(&r, "", "a ticket is an object of fields");
    read_fields(&r, &j->root, "", "");
    *count = r.field_count;
    return r.fields;
}
