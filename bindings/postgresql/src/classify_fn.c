/* Priority classification of a ticket given as jsonb. */
#include "slate_pg.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

/* Classifies the ticket in argument 1 with the policy in argument 0. */
static void classify(FunctionCallInfo fcinfo, int explain, slate_classification *out) {
    pg_policy *p = slate_pg_policy(fcinfo, 0);
    slate_error err;
    slate_status st;
    if (p->classifier == NULL &&
        (st = slate_classifier_new(p->policy, &p->classifier, &err)) != SLATE_OK)
        slate_pg_raise(st, &err, "classify");
    size_t count;
    const slate_field *fields = slate_pg_ticket_fields(PG_GETARG_DATUM(1), &count);
    if ((st = slate_classify(p->classifier, fields, count, explain, out, &err)) != SLATE_OK)
        slate_pg_raise(st, &err, "classify");
}

PG_FUNCTION_INFO_V1(slate_pg_classify);
Datum slate_pg_classify(PG_FUNCTION_ARGS) {
    slate_classification r;
    classify(fcinfo, 0, &r);
    PG_RETURN_TEXT_P(cstring_to_text(r.priority_name));
}

static void json_text_or_null(StringInfo buf, const char *s) {
    if (s == NULL)
        appendStringInfoString(buf, "null");
    else
        escape_json(buf, s);
}

/* {"priority", "priority_index", "impact", "urgency", "decided_by", "fired": [...],
 *  "trail": [{"rule", "matched", "reason"}...]}, as `slate classify --explain` writes. */
PG_FUNCTION_INFO_V1(slate_pg_classify_explain);
Datum slate_pg_classify_explain(PG_FUNCTION_ARGS) {
    slate_classification r;
    classify(fcinfo, 1, &r);
    StringInfoData buf;
    initStringInfo(&buf);
    appendStringInfoString(&buf, "{\"priority\": ");
    escape_json(&buf, r.priority_name);
    appendStringInfo(&buf, ", \"priority_index\": %d, \"impact\": ", r.priority);
    json_text_or_null(&buf, r.impact_name);
    appendStringInfoString(&buf, ", \"urgency\": ");
    json_text_or_null(&buf, r.urgency_name);
    appendStringInfoString(&buf, ", \"decided_by\": ");
    escape_json(&buf, r.decided_by);
    appendStringInfoString(&buf, ", \"fired\": [");
    for (size_t i = 0; i < r.fired_count; i++) {
        if (i) appendStringInfoString(&buf, ", ");
        escape_json(&buf, r.fired[i]);
    }
    appendStringInfoString(&buf, "], \"trail\": [");
    for (size_t i = 0; i < r.trail_count; i++) {
        appendStringInfoString(&buf, i ? ", {\"rule\": " : "{\"rule\": ");
        escape_json(&buf, r.trail[i].rule);
        appendStringInfo(&buf,
                         ", \"matched\": %s, \"reason\": ", r.trail[i].matched ? "true" : "false");
        escape_json(&buf, r.trail[i].reason);
        appendStringInfoChar(&buf, '}');
    }
    appendStringInfoString(&buf, "]}");
    return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}
