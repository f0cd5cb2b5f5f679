-- slate: business-hours calendars, SLA clocks and AMC contract reports.
-- Every function is IMMUTABLE and PARALLEL SAFE: its answer depends only on
-- its arguments (the policy document is an argument; zone rules are read
-- from the system's zoneinfo, as PostgreSQL's own are), so a parallel
-- worker, or a Citus worker next to the data, computes the same answer.
\echo Use "CREATE EXTENSION slate" to load this file. \quit

CREATE TYPE policy;

CREATE FUNCTION policy_in(cstring) RETURNS policy
    AS 'MODULE_PATHNAME', 'slate_policy_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION policy_out(policy) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slate_policy_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE policy (
    INPUT = policy_in,
    OUTPUT = policy_out,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended,
    CATEGORY = 'U'
);
COMMENT ON TYPE policy IS 'A slate policy document (JSON), checked on input with slate''s message, line, column and JSON Pointer';

CREATE FUNCTION policy(jsonb) RETURNS policy
    AS 'MODULE_PATHNAME', 'slate_policy_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (jsonb AS policy) WITH FUNCTION policy(jsonb);
CREATE CAST (text AS policy) WITH INOUT;
CREATE CAST (policy AS text) WITH INOUT;

-- This backend's policy cache: entries held, slate.policy_cache_size,
-- documents compiled and lookups served since the backend started.
CREATE FUNCTION cache(OUT entries integer, OUT capacity integer, OUT compiled bigint, OUT lookups bigint)
    AS 'MODULE_PATHNAME', 'slate_pg_cache' LANGUAGE C VOLATILE PARALLEL RESTRICTED;

CREATE FUNCTION version() RETURNS text
    AS 'MODULE_PATHNAME', 'slate_pg_version' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Calendars: (policy, calendar name, instant...)
CREATE FUNCTION is_open(policy, calendar text, t timestamptz) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slate_pg_is_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION next_open(policy, calendar text, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slate_pg_next_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION next_close(policy, calendar text, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slate_pg_next_close' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION prev_open(policy, calendar text, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slate_pg_prev_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION prev_close(policy, calendar text, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slate_pg_prev_close' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION add(policy, calendar text, t timestamptz, business interval) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slate_pg_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION add_business_days(policy, calendar text, t timestamptz, days integer) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slate_pg_add_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- Business time in [a, b) (slate_calendar_between; BETWEEN is an SQL keyword).
CREATE FUNCTION business_seconds(policy, calendar text, a timestamptz, b timestamptz) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slate_pg_between' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION business_time(policy, calendar text, a timestamptz, b timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slate_pg_between_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION business_days(policy, calendar text, a timestamptz, b timestamptz) RETURNS integer
    AS 'MODULE_PATHNAME', 'slate_pg_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION intervals(policy, calendar text, a timestamptz, b timestamptz,
                          OUT opens timestamptz, OUT closes timestamptz, OUT local_date date,
                          OUT source text, OUT rule text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'slate_pg_intervals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

-- The wall clock of an instant in a zone, as slate reads the zone file.
CREATE FUNCTION local_time(t timestamptz, zone text) RETURNS timestamp
    AS 'MODULE_PATHNAME', 'slate_pg_local_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Classification of a ticket (jsonb fields, nested objects as dotted names).
CREATE FUNCTION classify(policy, ticket jsonb) RETURNS text
    AS 'MODULE_PATHNAME', 'slate_pg_classify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION classify_explain(policy, ticket jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'slate_pg_classify_explain' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- SLA state of a history ({"id", "events": [{"at", "kind", "fields"}...]}) at an instant.
CREATE FUNCTION evaluate(policy, history jsonb, now timestamptz,
                         OUT sla text, OUT target text, OUT state text, OUT breached boolean,
                         OUT due timestamptz, OUT elapsed interval, OUT remaining interval,
                         OUT breach_time timestamptz, OUT cycles integer, OUT priority text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'slate_pg_evaluate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

-- A history from an events table: slate.history(at, kind, fields ORDER BY at).
CREATE FUNCTION history_step(events jsonb, at timestamptz, kind text, fields jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN events || jsonb_build_array(
        jsonb_build_object('at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
        || CASE WHEN kind IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('kind', kind) END
        || jsonb_build_object('fields', coalesce(fields, '{}'::jsonb)));
CREATE FUNCTION history_final(events jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN jsonb_build_object('events', events);
CREATE AGGREGATE history(at timestamptz, kind text, fields jsonb) (
    SFUNC = history_step,
    STYPE = jsonb,
    INITCOND = '[]',
    FINALFUNC = history_final,
    PARALLEL = SAFE
);

-- A contract's compliance report over the histories a query gives:
-- slate.contract_report(policy, ticket id, history, start, end [, contract]).
CREATE FUNCTION report_step(internal, policy, ticket text, history jsonb, start timestamptz,
                            finish timestamptz) RETURNS internal
    AS 'MODULE_PATHNAME', 'slate_pg_report_step' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION report_step(internal, policy, ticket text, history jsonb, start timestamptz,
                            finish timestamptz, contract text) RETURNS internal
    AS 'MODULE_PATHNAME', 'slate_pg_report_step' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION report_final(internal) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'slate_pg_report_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE contract_report(policy, ticket text, history jsonb, start timestamptz, finish timestamptz) (
    SFUNC = report_step,
    STYPE = internal,
    FINALFUNC = report_final,
    FINALFUNC_MODIFY = READ_WRITE,
    PARALLEL = SAFE
);
CREATE AGGREGATE contract_report(policy, ticket text, history jsonb, start timestamptz, finish timestamptz,
                                 contract text) (
    SFUNC = report_step,
    STYPE = internal,
    FINALFUNC = report_final,
    FINALFUNC_MODIFY = READ_WRITE,
    PARALLEL = SAFE
);
