/* SLA state of a ticket's history at an instant: one row per target. */
#include "slate_pg.h"

#include "funcapi.h"
#include "utils/builtins.h"

/* Replays the history on the policy's clock as it stood at `now`: later
 * events are left out, as `slate evaluate --at` does. */
static void replay(pg_policy *p, Datum history, slate_time now) {
    slate_error err;
    slate_status st;
    if (p->clock == NULL) {
        if ((st = slate_clock_new(p->policy, &p->clock, &err)) != SLATE_OK)
            slate_pg_raise(st, &err, "evaluate");
    } else {
        slate_clock_reset(p->clock);
    }
    size_t count;
    const slate_event *events = slate_pg_history_events(history, &count, NULL);
    for (size_t i = 0; i < count && events[i].at <= now; i++)
        if ((st = slate_clock_apply(p->clock, &events[i], &err)) != SLATE_OK)
            slate_pg_raise(st, &err, "history");
}

#define EVALUATE_COLUMNS 10

PG_FUNCTION_INFO_V1(slate_pg_evaluate);
Datum slate_pg_evaluate(PG_FUNCTION_ARGS) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    slate_time now = slate_pg_time(PG_GETARG_TIMESTAMPTZ(2));
    replay(p, PG_GETARG_DATUM(1), now);
    const slate_sla_result *results;
    size_t count;
    slate_error err;
    slate_status st = slate_clock_results(p->clock, now, &results, &count, &err);
    if (st != SLATE_OK) slate_pg_raise(st, &err, "evaluate");
    InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
    ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
    for (size_t i = 0; i < count; i++) {
        const slate_sla_result *r = &results[i];
        Datum v[EVALUATE_COLUMNS];
        bool null[EVALUATE_COLUMNS] = {false};
        v[0] = CStringGetTextDatum(r->sla);
        v[1] = CStringGetTextDatum(r->target);
        v[2] = CStringGetTextDatum(slate_sla_state_name(r->state));
        v[3] = BoolGetDatum(r->breached != 0);
        v[4] = TimestampTzGetDatum(slate_pg_timestamptz(r->due));
        null[4] = !r->has_due;
        v[5] = IntervalPGetDatum(slate_pg_interval(r->elapsed));
        v[6] = IntervalPGetDatum(slate_pg_interval(r->remaining));
        v[7] = TimestampTzGetDatum(slate_pg_timestamptz(r->breach_time));
        null[7] = !r->has_breach_time;
        v[8] = Int32GetDatum(r->cycles);
        v[9] = r->priority != NULL ? CStringGetTextDatum(r->priority) : (Datum)0;
        null[9] = r->priority == NULL;
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, null);
    }
    return (Datum)0;
}
