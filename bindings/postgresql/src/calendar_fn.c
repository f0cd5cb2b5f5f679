/* Calendar functions over timestamptz, and the wall clock of a zone. */
#include "slate_pg.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

/* f(calendar, t, &out) as a timestamptz; NULL when it never happens. */
static Datum time_query(FunctionCallInfo fcinfo,
                        slate_status (*f)(const slate_calendar *, slate_time, slate_time *),
                        const char *what) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    slate_time out;
    slate_status st = f(c, slate_pg_time(PG_GETARG_TIMESTAMPTZ(2)), &out);
    if (st == SLATE_ENEVER) PG_RETURN_NULL();
    if (st != SLATE_OK) slate_pg_raise(st, NULL, what);
    PG_RETURN_TIMESTAMPTZ(slate_pg_timestamptz(out));
}

PG_FUNCTION_INFO_V1(slate_pg_next_open);
Datum slate_pg_next_open(PG_FUNCTION_ARGS) {
    return time_query(fcinfo, slate_calendar_next_open, "next_open");
}

PG_FUNCTION_INFO_V1(slate_pg_next_close);
Datum slate_pg_next_close(PG_FUNCTION_ARGS) {
    return time_query(fcinfo, slate_calendar_next_close, "next_close");
}

PG_FUNCTION_INFO_V1(slate_pg_prev_open);
Datum slate_pg_prev_open(PG_FUNCTION_ARGS) {
    return time_query(fcinfo, slate_calendar_prev_open, "prev_open");
}

PG_FUNCTION_INFO_V1(slate_pg_prev_close);
Datum slate_pg_prev_close(PG_FUNCTION_ARGS) {
    return time_query(fcinfo, slate_calendar_prev_close, "prev_close");
}

PG_FUNCTION_INFO_V1(slate_pg_is_open);
Datum slate_pg_is_open(PG_FUNCTION_ARGS) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    PG_RETURN_BOOL(slate_calendar_is_open(c, slate_pg_time(PG_GETARG_TIMESTAMPTZ(2))) == 1);
}

PG_FUNCTION_INFO_V1(slate_pg_add);
Datum slate_pg_add(PG_FUNCTION_ARGS) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    slate_time out;
    slate_status st = slate_calendar_add(c, slate_pg_time(PG_GETARG_TIMESTAMPTZ(2)),
                                         slate_pg_seconds(PG_GETARG_INTERVAL_P(3)), &out);
    if (st == SLATE_ENEVER) PG_RETURN_NULL();
    if (st != SLATE_OK) slate_pg_raise(st, NULL, "add");
    PG_RETURN_TIMESTAMPTZ(slate_pg_timestamptz(out));
}

PG_FUNCTION_INFO_V1(slate_pg_add_business_days);
Datum slate_pg_add_business_days(PG_FUNCTION_ARGS) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    slate_time out;
    slate_status st = slate_calendar_add_business_days(c, slate_pg_time(PG_GETARG_TIMESTAMPTZ(2)),
                                                       PG_GETARG_INT32(3), &out);
    if (st == SLATE_ENEVER) PG_RETURN_NULL();
    if (st != SLATE_OK) slate_pg_raise(st, NULL, "add_business_days");
    PG_RETURN_TIMESTAMPTZ(slate_pg_timestamptz(out));
}

/* Business seconds in [a, b) of the calendar in arguments 0 to 3. */
static slate_duration between(FunctionCallInfo fcinfo) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    slate_duration out;
    slate_status st = slate_calendar_between(c, slate_pg_time(PG_GETARG_TIMESTAMPTZ(2)),
                                             slate_pg_time(PG_GETARG_TIMESTAMPTZ(3)), &out);
    if (st != SLATE_OK) slate_pg_raise(st, NULL, "between");
    return out;
}

PG_FUNCTION_INFO_V1(slate_pg_between);
Datum slate_pg_between(PG_FUNCTION_ARGS) { PG_RETURN_INT64(between(fcinfo)); }

PG_FUNCTION_INFO_V1(slate_pg_between_interval);
Datum slate_pg_between_interval(PG_FUNCTION_ARGS) {
    PG_RETURN_INTERVAL_P(slate_pg_interval(between(fcinfo)));
}

PG_FUNCTION_INFO_V1(slate_pg_business_days);
Datum slate_pg_business_days(PG_FUNCTION_ARGS) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    int32_t out;
    slate_status st = slate_calendar_business_days(c, slate_pg_time(PG_GETARG_TIMESTAMPTZ(2)),
                                                   slate_pg_time(PG_GETARG_TIMESTAMPTZ(3)), &out);
    if (st != SLATE_OK) slate_pg_raise(st, NULL, "business_days");
    PG_RETURN_INT32(out);
}

static const char *const sources[] = {"weekly", "spill", "override", "always", "composed"};

/* The open intervals of [a, b), clipped: one row each, materialized. */
PG_FUNCTION_INFO_V1(slate_pg_intervals);
Datum slate_pg_intervals(PG_FUNCTION_ARGS) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    const slate_calendar *c = slate_pg_calendar(fcinfo, p, 1);
    slate_time a = slate_pg_time(PG_GETARG_TIMESTAMPTZ(2)),
               b = slate_pg_time(PG_GETARG_TIMESTAMPTZ(3));
    InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
    ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
    slate_interval_iter it;
    slate_status st = slate_calendar_intervals(c, a, b, &it);
    if (st != SLATE_OK) slate_pg_raise(st, NULL, "intervals");
    slate_interval iv;
    while (slate_calendar_intervals_next(&it, &iv)) {
        Datum values[5];
        bool nulls[5] = {false, false, false, false, false};
        values[0] = TimestampTzGetDatum(slate_pg_timestamptz(iv.start));
        values[1] = TimestampTzGetDatum(slate_pg_timestamptz(iv.end));
        values[2] = DateADTGetDatum((DateADT)(slate_days_from_civil(iv.year, iv.month, iv.day) -
                                              (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE)));
        values[3] = CStringGetTextDatum(sources[iv.source]);
        values[4] = CStringGetTextDatum(iv.rule);
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    return (Datum)0;
}

/* The wall clock of instant t in a zone, as slate reads the zone file. */
PG_FUNCTION_INFO_V1(slate_pg_local_time);
Datum slate_pg_local_time(PG_FUNCTION_ARGS) {
    slate_time t = slate_pg_time(PG_GETARG_TIMESTAMPTZ(0));
    char *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
    const slate_zone *zone;
    slate_error err;
    slate_status st = slate_tzdb_zone(slate_pg_tzdb(), name, &zone, &err);
    if (st != SLATE_OK) slate_pg_raise(st, &err, "zone");
    slate_zone_info info;
    if ((st = slate_zone_lookup(zone, t, &info)) != SLATE_OK) slate_pg_raise(st, NULL, "zone");
    PG_RETURN_TIMESTAMP(slate_pg_timestamptz(t + info.utc_offset));
}
