/* The slate extension: its settings, the zone database, errors, time and
 * interval conversions, and the slate.policy type's input and output. */
#include "slate_pg.h"

#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"

PG_MODULE_MAGIC;

/* Settings (see docs/guides/postgresql.md). */
int slate_pg_cache_size = 16;
static char *slate_pg_tzdir = NULL;

/* Opened on first use, for the life of the backend. */
static slate_tzdb *backend_tzdb = NULL;

void _PG_init(void);

void _PG_init(void) {
    DefineCustomIntVariable("slate.policy_cache_size",
                            "Compiled policies each backend keeps, by the document's hash.", NULL,
                            &slate_pg_cache_size, 16, 1, 1024, PGC_USERSET, 0, NULL, NULL, NULL);
    DefineCustomStringVariable("slate.tzdir",
                               "Directory of the zone files slate reads (empty: $TZDIR or "
                               "/usr/share/zoneinfo, as PostgreSQL built with the system tzdata).",
                               NULL, &slate_pg_tzdir, "", PGC_SUSET, 0, NULL, NULL, NULL);
    MarkGUCPrefixReserved("slate");
}

slate_tzdb *slate_pg_tzdb(void) {
    if (backend_tzdb == NULL) {
        slate_error err;
        const char *dir = slate_pg_tzdir != NULL && *slate_pg_tzdir ? slate_pg_tzdir : NULL;
        slate_status st = slate_tzdb_open(dir, &backend_tzdb, &err);
        if (st != SLATE_OK) slate_pg_raise(st, &err, "opening the zone database");
    }
    return backend_tzdb;
}

static int sqlstate(slate_status st) {
    switch (st) {
    case SLATE_EINVAL: return ERRCODE_INVALID_PARAMETER_VALUE;
    case SLATE_ENOMEM: return ERRCODE_OUT_OF_MEMORY;
    case SLATE_ENOENT: return ERRCODE_UNDEFINED_OBJECT;
    case SLATE_EPARSE: return ERRCODE_INVALID_TEXT_REPRESENTATION;
    case SLATE_ERANGE: return ERRCODE_DATETIME_VALUE_OUT_OF_RANGE;
    case SLATE_EAMBIGUOUS:
    case SLATE_ENONEXISTENT: return ERRCODE_INVALID_DATETIME_FORMAT;
    case SLATE_EIO: return ERRCODE_IO_ERROR;
    case SLATE_ELIMIT: return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
    case SLATE_ENEVER: return ERRCODE_DATA_EXCEPTION;
    default: return ERRCODE_INTERNAL_ERROR;
    }
}

void slate_pg_raise(slate_status st, const slate_error *err, const char *what) {
    const char *message = err != NULL && err->message[0] ? err->message : slate_status_string(st);
    if (err != NULL && err->pointer[0])
        ereport(ERROR, (errcode(sqlstate(st)), errmsg("slate: %s: %s", what, message),
                        errdetail("JSON Pointer: %s", err->pointer)));
    ereport(ERROR, (errcode(sqlstate(st)), errmsg("slate: %s: %s", what, message)));
}

/* Seconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01. */
#define PG_EPOCH_SECONDS ((int64)(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

slate_time slate_pg_time(TimestampTz ts) {
    if (TIMESTAMP_NOT_FINITE(ts))
        ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                        errmsg("slate: an infinite timestamp is not an instant")));
    int64 seconds = ts / USECS_PER_SEC;
    if (ts % USECS_PER_SEC < 0) seconds--; /* the second it falls in */
    slate_time t = seconds + PG_EPOCH_SECONDS;
    if (t < SLATE_TIME_MIN || t > SLATE_TIME_MAX)
        ereport(ERROR,
                (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                 errmsg("slate: %s is outside the years 1800 to 2400", timestamptz_to_str(ts))));
    return t;
}

TimestampTz slate_pg_timestamptz(slate_time t) { return (t - PG_EPOCH_SECONDS) * USECS_PER_SEC; }

slate_duration slate_pg_seconds(const Interval *iv) {
    if (iv->month != 0)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("slate: business time cannot be counted in months"),
                        errhint("Write hours or days (a day is 24 hours of business time).")));
    int64 seconds = iv->time / USECS_PER_SEC;
    if (iv->time % USECS_PER_SEC < 0) seconds--;
    return (slate_duration)iv->day * SECS_PER_DAY + seconds;
}

Interval *slate_pg_interval(slate_duration seconds) {
    Interval *iv = palloc0(sizeof *iv);
    iv->time = seconds * USECS_PER_SEC;
    return iv;
}

char *slate_pg_jsonb_text(Datum jsonb, size_t *len) {
    Jsonb *j = DatumGetJsonbP(jsonb);
    char *s = JsonbToCString(NULL, &j->root, VARSIZE(j));
    *len = strlen(s);
    return s;
}

/* ---- the slate.policy type: a policy document, checked on input ---- */

PG_FUNCTION_INFO_V1(slate_policy_in);
Datum slate_policy_in(PG_FUNCTION_ARGS) {
    char *s = PG_GETARG_CSTRING(0);
    slate_pg_policy_check(s, strlen(s));
    PG_RETURN_TEXT_P(cstring_to_text(s));
}

PG_FUNCTION_INFO_V1(slate_policy_out);
Datum slate_policy_out(PG_FUNCTION_ARGS) {
    PG_RETURN_CSTRING(TextDatumGetCString(PG_GETARG_DATUM(0)));
}

PG_FUNCTION_INFO_V1(slate_policy_from_jsonb);
Datum slate_policy_from_jsonb(PG_FUNCTION_ARGS) {
    size_t len;
    char *s = slate_pg_jsonb_text(PG_GETARG_DATUM(0), &len);
    slate_pg_policy_check(s, len);
    PG_RETURN_TEXT_P(cstring_to_text_with_len(s, (int)len));
}

PG_FUNCTION_INFO_V1(slate_pg_version);
Datum slate_pg_version(PG_FUNCTION_ARGS) { PG_RETURN_TEXT_P(cstring_to_text(slate_version())); }
