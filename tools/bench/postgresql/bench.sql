-- The PostgreSQL benchmark (run by tools/bench/postgresql.py with psql
-- variables policy, sla_policy, tickets and sample). Prints one line per
-- figure: name|milliseconds|rows|answer.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0; -- one backend
SET jit = off;
CREATE EXTENSION slate;
\i plpgsql_business_hours.sql
-- The peer's tables, from the same calendar: its weekly hours, and every
-- weekday of 2025-2028 on which slate's calendar does not open.
INSERT INTO working_hours SELECT d, '09:00', '17:00' FROM generate_series(1, 5) d;
INSERT INTO holidays
SELECT d::date FROM generate_series('2025-01-01'::date, '2028-12-31', interval '1 day') d
WHERE extract(isodow FROM d) < 6
  AND slate.business_seconds(:'policy', 'ny-office', (d::date + time '00:00') AT TIME ZONE 'America/New_York',
                             (d::date + 1 + time '00:00') AT TIME ZONE 'America/New_York') = 0;
-- Tickets opened across 2026; resolved 30 days later (the span of the
-- target), and a history per ticket for the SLA clock.
CREATE TABLE tickets AS
SELECT i AS id,
       '2026-01-01T00:00:00Z'::timestamptz + (i::bigint * 7919 % 31536000) * interval '1 second' AS opened,
       '2026-01-01T00:00:00Z'::timestamptz + (i::bigint * 7919 % 31536000) * interval '1 second'
           + interval '30 days' AS resolved
FROM generate_series(1, :tickets) i;
ALTER TABLE tickets ADD COLUMN history jsonb;
UPDATE tickets SET history = jsonb_build_object('id', id::text, 'events', jsonb_build_array(
    jsonb_build_object('at', to_char(opened AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'created',
                       'fields', jsonb_build_object('priority', CASE WHEN id % 10 = 0 THEN 'P1' ELSE 'P3' END,
                                                    'status', 'new')),
    jsonb_build_object('at', to_char((opened + (id % 7) * interval '1 hour') AT TIME ZONE 'UTC',
                                     'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kind', 'agent_comment',
                       'fields', jsonb_build_object('status', 'in_progress')),
    jsonb_build_object('at', to_char(resolved AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       'fields', jsonb_build_object('status', 'resolved'))));
CREATE TABLE sample AS SELECT * FROM tickets WHERE id <= :sample;
VACUUM ANALYZE tickets;
VACUUM ANALYZE sample;

CREATE FUNCTION timed(label text, query text, n bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; answer text;
BEGIN
    t0 := clock_timestamp();
    EXECUTE query INTO answer;
    RETURN label || '|' || round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1) || '|' || n || '|' || answer;
END $$;
\pset tuples_only on
\pset format unaligned
-- Warm the backend's cache (the policy compiled once) before timing.
SELECT slate.business_seconds(:'policy', 'ny-office', now(), now());
SELECT timed('slate_business_seconds_all',
    format('SELECT sum(slate.business_seconds(%L, %L, opened, resolved)) FROM tickets', :'policy', 'ny-office'),
    :tickets);
SELECT timed('slate_business_seconds_sample',
    format('SELECT sum(slate.business_seconds(%L, %L, opened, resolved)) FROM sample', :'policy', 'ny-office'),
    :sample);
SELECT timed('plpgsql_business_seconds_sample',
    format('SELECT sum(plpgsql_business_seconds(opened, resolved, %L)) FROM sample', 'America/New_York'),
    :sample);
SELECT 'sample_differences|0|' || :sample || '|' || count(*) FROM sample
WHERE slate.business_seconds(:'policy', 'ny-office', opened, resolved)
      <> plpgsql_business_seconds(opened, resolved, 'America/New_York');
SELECT timed('slate_add_all',
    format('SELECT count(*) FILTER (WHERE slate.add(%L, %L, opened, %L) < resolved) FROM tickets',
           :'policy', 'ny-office', '8 hours'), :tickets);
SELECT count(*) FROM slate.evaluate(:'sla_policy', (SELECT history FROM tickets WHERE id = 1), '2027-03-01T00:00:00Z');
SELECT timed('slate_evaluate_all',
    format('SELECT count(*) FILTER (WHERE r.breached) FROM tickets t, slate.evaluate(%L, t.history, %L) r',
           :'sla_policy', '2027-03-01T00:00:00Z'), :tickets);
SELECT timed('jsonb_to_text_all', 'SELECT sum(length(history::text)) FROM tickets', :tickets);
SELECT timed('postgresql_alone_all',
    'SELECT sum(extract(epoch FROM resolved - opened)::bigint) FROM tickets', :tickets);
