-- SLA state of the ITSM sample histories at 2026-03-09T04:00Z, as
-- `slate evaluate ... --at 2026-03-09T04:00:00Z` prints it (events after
-- the instant are left out, as there).
SET timezone = 'UTC';
\set p '(SELECT doc FROM policies WHERE name = ''itsm'')'
SELECT h.doc->>'id' AS id, r.*
FROM itsm_histories h, slate.evaluate(:p, h.doc, '2026-03-09T04:00:00Z') r
ORDER BY 1, 2, 3;
-- The same from an events table, through the slate.history aggregate.
CREATE TABLE events AS
SELECT h.doc->>'id' AS ticket, (e->>'at')::timestamptz AS at, e->>'kind' AS kind, e->'fields' AS fields
FROM itsm_histories h, jsonb_array_elements(h.doc->'events') e;
WITH histories AS (
    SELECT ticket, slate.history(at, kind, fields ORDER BY at) AS history FROM events GROUP BY ticket
)
SELECT count(*) AS differences
FROM histories h JOIN itsm_histories i ON i.doc->>'id' = h.ticket,
     LATERAL (SELECT * FROM slate.evaluate(:p, h.history, '2026-03-09T04:00:00Z')
              EXCEPT SELECT * FROM slate.evaluate(:p, i.doc, '2026-03-09T04:00:00Z')) d;
SELECT jsonb_array_length(slate.history(at, kind, fields ORDER BY at)->'events') FROM events WHERE ticket = 'INC-2001';
-- Breached targets, most late first: a typical dashboard query.
SELECT h.doc->>'id' AS id, r.sla, r.target, r.breach_time
FROM itsm_histories h, slate.evaluate(:p, h.doc, '2026-03-09T04:00:00Z') r
WHERE r.breached ORDER BY r.breach_time;
