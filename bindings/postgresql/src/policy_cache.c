/* Compiled policies, per backend: a query over a million rows that passes
 * the same document compiles it once. Entries are found by the document's
 * 64-bit hash and confirmed by comparing the text; the least recently used
 * one is dropped when slate.policy_cache_size is reached. A function call
 * remembers its last entry (fn_extra), so that a constant policy costs one
 * comparison of its text per row, not a hash. Nothing slate allocates is
 * held across an ERROR except in these entries: classifiers and clocks are
 * kept with their policy and reset before each use. */
#include "slate_pg.h"

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#define CACHE_MAX 1024 /* the setting's upper bound */

static pg_policy *entries[CACHE_MAX];
static int entry_count = 0;
static uint64 generations = 0, uses = 0, compiles = 0;

/* What a call remembers of its last policy, and of the calendar it named. */
typedef struct call_memory {
    pg_policy *entry;
    uint64 generation;
    int stable; /* the policy argument is a constant or a parameter: the same all query long */
    const slate_calendar *calendar; /* of entry, when its generation is calendar_generation */
    uint64 calendar_generation;
    char calendar_name[NAMEDATALEN];
    size_t calendar_len;
} call_memory;

static void drop(pg_policy *e) {
    slate_classifier_free(e->classifier);
    slate_clock_free(e->clock);
    slate_policy_free(e->policy);
    pfree(e->text);
    pfree(e);
}

static pg_policy *compile(const char *text, size_t len, uint64 hash) {
    slate_policy *policy;
    slate_error err;
    slate_status st = slate_policy_from_json(slate_pg_tzdb(), text, len, &policy, &err);
    if (st != SLATE_OK) slate_pg_raise(st, &err, "policy");
    MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
    pg_policy *e = palloc0(sizeof *e);
    e->text = palloc(len);
    MemoryContextSwitchTo(old);
    memcpy(e->text, text, len);
    e->policy = policy;
    e->hash = hash;
    e->len = len;
    e->generation = ++generations;
    compiles++;
    return e;
}

/* Makes room for one more entry: drops the least recently used ones that
 * nothing pins (the cache grows past the setting while reports pin more).
 * false when every one of CACHE_MAX entries is pinned. */
static bool make_room(void) {
    int limit = slate_pg_cache_size < CACHE_MAX ? slate_pg_cache_size : CACHE_MAX;
    while (entry_count >= limit) {
        int oldest = -1;
        for (int i = 0; i < entry_count; i++)
            if (entries[i]->pins == 0 &&
                (oldest < 0 || entries[i]->last_use < entries[oldest]->last_use))
                oldest = i;
        if (oldest < 0) break;
        drop(entries[oldest]);
        entries[oldest] = entries[--entry_count];
    }
    return entry_count < CACHE_MAX;
}

void slate_pg_policy_pin(pg_policy *p) { p->pins++; }

void slate_pg_policy_unpin(pg_policy *p) { p->pins--; }

static pg_policy *find(const char *text, size_t len) {
    uint64 hash = hash_bytes_extended((const unsigned char *)text, (int)len, 0);
    for (int i = 0; i < entry_count; i++)
        if (entries[i]->hash == hash && entries[i]->len == len &&
            memcmp(entries[i]->text, text, len) == 0)
            return entries[i];
    pg_policy *e = compile(text, len, hash); /* before make_room: a bad one evicts nothing */
    if (!make_room()) {
        drop(e);
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                        errmsg("slate: more than %d policies in use at once", CACHE_MAX)));
    }
    entries[entry_count++] = e;
    return e;
}

/* Whether the entry a call remembers is still in the cache. */
static bool still_cached(const call_memory *memory) {
    for (int i = 0; memory->entry != NULL && i < entry_count; i++)
        if (entries[i] == memory->entry) return memory->entry->generation == memory->generation;
    return false;
}

pg_policy *slate_pg_policy(FunctionCallInfo fcinfo, int argno) {
    call_memory *memory = fcinfo->flinfo->fn_extra;
    if (memory == NULL) {
        memory = fcinfo->flinfo->fn_extra =
            MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof *memory);
        memory->stable = get_fn_expr_arg_stable(fcinfo->flinfo, argno);
    }
    /* A constant policy is the same document on every row: once found,
     * neither read nor compared again while it stays cached. */
    if (memory->stable && still_cached(memory)) {
        memory->entry->last_use = ++uses;
        return memory->entry;
    }
    text *doc = PG_GETARG_TEXT_PP(argno);
    const char *s = VARDATA_ANY(doc);
    size_t len = VARSIZE_ANY_EXHDR(doc);
    pg_policy *e = memory->entry;
    if (!still_cached(memory) || e->len != len || memcmp(e->text, s, len) != 0) {
        e = find(s, len);
        memory->entry = e;
        memory->generation = e->generation;
    }
    e->last_use = ++uses;
    return e;
}

/* slate.cache(): what this backend's cache holds and has done. */
PG_FUNCTION_INFO_V1(slate_pg_cache);
Datum slate_pg_cache(PG_FUNCTION_ARGS) {
    TupleDesc desc;
    if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("slate: cache() returns a record")));
    Datum values[4] = {Int32GetDatum(entry_count), Int32GetDatum(slate_pg_cache_size),
                       Int64GetDatum((int64)compiles), Int64GetDatum((int64)uses)};
    bool nulls[4] = {false, false, false, false};
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

void slate_pg_policy_check(const char *text, size_t len) {
    find(text, len)->last_use = ++uses; /* compiled once: the queries that follow find it */
}

const slate_calendar *slate_pg_calendar(FunctionCallInfo fcinfo, pg_policy *p, int argno) {
    text *name = PG_GETARG_TEXT_PP(argno);
    const char *s = VARDATA_ANY(name);
    size_t len = VARSIZE_ANY_EXHDR(name);
    call_memory *memory = fcinfo->flinfo->fn_extra; /* made by slate_pg_policy */
    if (memory->calendar != NULL && memory->calendar_generation == p->generation &&
        memory->calendar_len == len && memcmp(memory->calendar_name, s, len) == 0)
        return memory->calendar;
    char *cname = text_to_cstring(name);
    const slate_calendar *c = slate_policy_calendar(p->policy, cname);
    if (c == NULL)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("slate: the policy has no calendar \"%s\"", cname)));
    if (len < sizeof memory->calendar_name) {
        memcpy(memory->calendar_name, s, len);
        memory->calendar_len = len;
        memory->calendar = c;
        memory->calendar_generation = p->generation;
    }
    pfree(cname);
    return c;
}
