/* A contract's compliance report over a query's histories: an aggregate
 * whose state is a slate_report, freed by a callback on the aggregate's
 * memory context (on success and on abort alike). */
#include "slate_pg.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

typedef struct report_state {
    slate_report *report;
    pg_policy *policy; /* pinned while the report lives */
    MemoryContextCallback free_it;
} report_state;

static void free_report(void *arg) {
    report_state *s = arg;
    slate_report_free(s->report);
    slate_pg_policy_unpin(s->policy);
}

/* The state on the first row: the report of the contract (argument 5, NULL
 * for the policy's only one) over [start, end). */
static report_state *start_report(FunctionCallInfo fcinfo, MemoryContext aggcontext) {
    pg_policy *p = slate_pg_policy(fcinfo, 1);
    char *contract =
        PG_NARGS() > 6 && !PG_ARGISNULL(6) ? text_to_cstring(PG_GETARG_TEXT_PP(6)) : NULL;
    if (PG_ARGISNULL(4) || PG_ARGISNULL(5))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                        errmsg("slate: a report needs its start and end")));
    slate_time start = slate_pg_time(PG_GETARG_TIMESTAMPTZ(4)),
               end = slate_pg_time(PG_GETARG_TIMESTAMPTZ(5));
    report_state *s = MemoryContextAllocZero(aggcontext, sizeof *s);
    slate_error err;
    slate_status st = slate_report_new(p->policy, contract, start, end, &s->report, &err);
    if (st != SLATE_OK) slate_pg_raise(st, &err, "report");
    s->policy = p;
    slate_pg_policy_pin(p);
    s->free_it.func = free_report;
    s->free_it.arg = s;
    MemoryContextRegisterResetCallback(aggcontext, &s->free_it);
    return s;
}

/* contract_report(policy, ticket id, history, start, end [, contract]): adds one ticket. */
PG_FUNCTION_INFO_V1(slate_pg_report_step);
Datum slate_pg_report_step(PG_FUNCTION_ARGS) {
    MemoryContext aggcontext;
    if (!AggCheckCallContext(fcinfo, &aggcontext))
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("slate: contract_report is an aggregate")));
    if (PG_ARGISNULL(1))
        ereport(ERROR,
                (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("slate: the policy is NULL")));
    report_state *s =
        PG_ARGISNULL(0) ? start_report(fcinfo, aggcontext) : (report_state *)PG_GETARG_POINTER(0);
    if (PG_ARGISNULL(3)) PG_RETURN_POINTER(s); /* no history: nothing to add */
    char *id = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
    size_t count;
    const slate_event *events =
        slate_pg_history_events(PG_GETARG_DATUM(3), &count, id == NULL ? &id : NULL);
    slate_error err;
    slate_status st = slate_report_add(s->report, id, events, count, &err);
    if (st != SLATE_OK) slate_pg_raise(st, &err, "report");
    PG_RETURN_POINTER(s);
}

static void json_time(StringInfo buf, const char *key, slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    slate_time_format(t, 0, text, sizeof text);
    appendStringInfo(buf, "\"%s\": \"%s\"", key, text);
}

static void json_key_text(StringInfo buf, const char *key, const char *value) {
    appendStringInfo(buf, "\"%s\": ", key);
    if (value == NULL)
        appendStringInfoString(buf, "null");
    else
        escape_json(buf, value);
}

static void json_money(StringInfo buf, const char *key, int64_t hundredths) {
    const char *sign = hundredths < 0 ? "-" : "";
    int64_t v = hundredths < 0 ? -hundredths : hundredths;
    appendStringInfo(buf, "\"%s\": %s%lld.%02lld", key, sign, (long long)(v / 100),
                     (long long)(v % 100));
}

static void json_rows(StringInfo buf, const slate_report_period *p) {
    appendStringInfoString(buf, "\"rows\": [");
    for (size_t i = 0; i < p->row_count; i++) {
        const slate_report_row *r = &p->rows[i];
        appendStringInfoString(buf, i ? ", {" : "{");
        json_key_text(buf, "target", r->target);
        appendStringInfoString(buf, ", ");
        json_key_text(buf, "priority", r->priority);
        appendStringInfo(buf,
                         ", \"met\": %zu, \"breached\": %zu, \"open\": %zu, \"finished\": %zu, "
                         "\"median_seconds\": %lld, \"p90_seconds\": %lld}",
                         r->met, r->breached, r->open, r->finished, (long long)r->median,
                         (long long)r->p90);
    }
    appendStringInfoChar(buf, ']');
}

static void json_credits(StringInfo buf, const slate_report_period *p) {
    appendStringInfoString(buf, "\"credits\": [");
    for (size_t i = 0; i < p->credit_count; i++) {
        const slate_report_credit *c = &p->credits[i];
        appendStringInfoString(buf, i ? ", {" : "{");
        json_key_text(buf, "clause", c->clause);
        appendStringInfoString(buf, ", ");
        json_key_text(buf, "pointer", c->pointer);
        appendStringInfoString(buf, ", ");
        json_key_text(buf, "ticket", c->ticket);
        appendStringInfoString(buf, ", ");
        json_key_text(buf, "target", c->target);
        appendStringInfoString(buf, ", ");
        json_key_text(buf, "priority", c->priority);
        appendStringInfoString(buf, ", ");
        json_time(buf, "at", c->at);
        appendStringInfo(buf, ", \"late_seconds\": %lld, \"units\": %lld, ", (long long)c->late,
                         (long long)c->units);
        json_money(buf, "amount", c->amount);
        appendStringInfoChar(buf, '}');
    }
    appendStringInfoChar(buf, ']');
}

static void json_breaches(StringInfo buf, const slate_report_period *p) {
    appendStringInfoString(buf, "\"breaches\": [");
    for (size_t i = 0; i < p->breach_count; i++) {
        const slate_report_breach *b = &p->breaches[i];
        appendStringInfoString(buf, i ? ", {" : "{");
        json_key_text(buf, "ticket", b->ticket);
        appendStringInfo(buf, ", \"cycle\": %d, ", b->cycle);
        json_key_text(buf, "target", b->target);
        appendStringInfoString(buf, ", ");
        json_key_text(buf, "priority", b->priority);
        appendStringInfoString(buf, ", ");
        if (b->has_due)
            json_time(buf, "due", b->due);
        else
            appendStringInfoString(buf, "\"due\": null");
        appendStringInfoString(buf, ", ");
        json_time(buf, "at", b->at);
        appendStringInfo(buf, ", \"late_by_seconds\": %lld, ", (long long)b->late_by);
        json_key_text(buf, "clause", b->clause);
        appendStringInfoChar(buf, '}');
    }
    appendStringInfoChar(buf, ']');
}

static void json_period(StringInfo buf, const slate_report_period *p) {
    appendStringInfoChar(buf, '{');
    json_time(buf, "start", p->start);
    appendStringInfoString(buf, ", ");
    json_time(buf, "end", p->end);
    appendStringInfoString(buf, ", ");
    json_money(buf, "fee", p->fee);
    appendStringInfo(
        buf,
        ", \"committed_seconds\": %lld, \"downtime_seconds\": %lld, \"availability\": %.6f, "
        "\"availability_met\": %s, ",
        (long long)p->committed, (long long)p->downtime, p->availability,
        p->availability_met ? "true" : "false");
    json_money(buf, "credits_due", p->credits_due);
    appendStringInfoString(buf, ", ");
    if (p->cap < 0)
        appendStringInfoString(buf, "\"cap\": null");
    else
        json_money(buf, "cap", p->cap);
    appendStringInfoString(buf, ", ");
    json_money(buf, "credits_owed", p->credits_owed);
    appendStringInfoString(buf, ", ");
    json_rows(buf, p);
    appendStringInfoString(buf, ", ");
    json_credits(buf, p);
    appendStringInfoString(buf, ", ");
    json_breaches(buf, p);
    appendStringInfoChar(buf, '}');
}

PG_FUNCTION_INFO_V1(slate_pg_report_final);
Datum slate_pg_report_final(PG_FUNCTION_ARGS) {
    if (PG_ARGISNULL(0)) PG_RETURN_NULL();
    report_state *s = (report_state *)PG_GETARG_POINTER(0);
    const slate_report_result *r;
    slate_error err;
    slate_status st = slate_report_result_get(s->report, &r, &err);
    if (st != SLATE_OK) slate_pg_raise(st, &err, "report");
    StringInfoData buf;
    initStringInfo(&buf);
    appendStringInfoChar(&buf, '{');
    json_key_text(&buf, "contract", r->contract);
    appendStringInfoString(&buf, ", ");
    json_key_text(&buf, "customer", r->customer);
    appendStringInfoString(&buf, ", ");
    json_key_text(&buf, "currency", r->currency);
    appendStringInfoString(&buf, ", ");
    json_key_text(&buf, "sla", r->sla);
    appendStringInfoString(&buf, ", ");
    json_key_text(&buf, "timezone", r->zone != NULL ? slate_zone_name(r->zone) : "UTC");
    appendStringInfoString(&buf, ", ");
    json_time(&buf, "start", r->start);
    appendStringInfoString(&buf, ", ");
    json_time(&buf, "end", r->end);
    appendStringInfo(&buf, ", \"tickets\": %zu, ", r->tickets);
    json_money(&buf, "credits_owed", r->credits_owed);
    appendStringInfoString(&buf, ", \"uncovered\": [");
    for (size_t i = 0; i < r->uncovered_count; i++) {
        if (i) appendStringInfoString(&buf, ", ");
        if (r->uncovered[i] == NULL)
            appendStringInfoString(&buf, "null");
        else
            escape_json(&buf, r->uncovered[i]);
    }
    appendStringInfoString(&buf, "], \"periods\": [");
    for (size_t i = 0; i < r->period_count; i++) {
        if (i) appendStringInfoString(&buf, ", ");
        json_period(&buf, &r->periods[i]);
    }
    appendStringInfoString(&buf, "]}");
    return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}
