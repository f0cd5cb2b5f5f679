/* The slate extension for PostgreSQL: what its files share. */
#ifndef SLATE_PG_H
#define SLATE_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/timestamp.h"

#include <slate.h>

/* A compiled policy, shared by every call of a backend that passes the same
 * document (see policy_cache.c). */
typedef struct pg_policy {
    slate_policy *policy;
    uint64 hash;
    size_t len;
    char *text; /* the document, to tell a hash collision from a hit */
    uint64 generation;
    uint64 last_use;
    slate_classifier *classifier; /* made on first classify */
    slate_clock *clock;           /* made on first evaluate, reset for each ticket */
    int pins;                     /* reports being aggregated on it: not dropped meanwhile */
} pg_policy;

/* slate.policy_cache_size. */
extern int slate_pg_cache_size;

/* ---- module.c ---- */

/* The backend's zone database (the system's zoneinfo, or slate.tzdir). */
slate_tzdb *slate_pg_tzdb(void);

/* Raises the ERROR of a failed slate call: its SQLSTATE from the status,
 * its message, and the JSON Pointer as detail. Never returns. */
void slate_pg_raise(slate_status st, const slate_error *err, const char *what)
    pg_attribute_noreturn();

/* timestamptz to slate's epoch seconds (the second it falls in); ERROR for
 * infinity or outside the years 1800 to 2400. */
slate_time slate_pg_time(TimestampTz ts);

/* slate's epoch seconds to timestamptz. */
TimestampTz slate_pg_timestamptz(slate_time t);

/* An interval of business time as seconds: ERROR when it has months (a
 * month of business time has no fixed length). */
slate_duration slate_pg_seconds(const Interval *iv);

/* Seconds as an interval (hours, minutes and seconds, no days). */
Interval *slate_pg_interval(slate_duration seconds);

/* ---- policy_cache.c ---- */

/* The compiled policy of a slate.policy argument (text of the document):
 * from the caller's last call, or the backend's cache, or compiled now. */
pg_policy *slate_pg_policy(FunctionCallInfo fcinfo, int argno);

/* Keeps a policy in the cache while something outlives the call that got
 * it (a report being aggregated), and lets it go. */
void slate_pg_policy_pin(pg_policy *p);
void slate_pg_policy_unpin(pg_policy *p);

/* Compiles a document (for the type's input function): ERROR when it is not
 * a valid policy. */
void slate_pg_policy_check(const char *text, size_t len);

/* The calendar of policy p (got by slate_pg_policy in this call) named by
 * argument argno, remembered by the call for the rows that follow: ERROR
 * (42704) when there is none. */
const slate_calendar *slate_pg_calendar(FunctionCallInfo fcinfo, pg_policy *p, int argno);

/* ---- history.c ---- */

/* The events of a history given as jsonb ({"id", "events": [...]}), read
 * straight from the jsonb, in palloc'd memory, and its id when id is not
 * NULL (left alone when it has none): ERROR (22P02, with the JSON Pointer)
 * when it is not a history. */
const slate_event *slate_pg_history_events(Datum history, size_t *count, char **id);

/* The fields of a ticket given as jsonb (an object; nested objects become
 * dotted names), in palloc'd memory: ERROR (22P02) when it is not one. */
const slate_field *slate_pg_ticket_fields(Datum ticket, size_t *count);

/* The text of a jsonb value, in palloc'd memory. */
char *slate_pg_jsonb_text(Datum jsonb, size_t *len);

#endif /* SLATE_PG_H */
