-- The AMC contract's March report (README: credits due 21500.00, cap
-- 18000.00, owed 18000.00 INR).
SET timezone = 'UTC';
\set p '(SELECT doc FROM policies WHERE name = ''amc'')'
CREATE TABLE march AS
SELECT slate.contract_report(:p, doc->>'id', doc, '2026-03-01T00:00:00+05:30', '2026-04-01T00:00:00+05:30') AS r
FROM amc_histories;
SELECT r->>'contract' AS contract, r->>'currency' AS currency, r->>'tickets' AS tickets, r->'credits_owed' AS owed
FROM march;
SELECT p->'credits_due' AS due, p->'cap' AS cap, p->'credits_owed' AS owed, p->'availability_met' AS availability_met
FROM march, jsonb_array_elements(r->'periods') p;
SELECT c->>'clause' AS clause, c->>'ticket' AS ticket, c->'amount' AS amount
FROM march, jsonb_array_elements(r->'periods') p, jsonb_array_elements(p->'credits') c;
SELECT b->>'ticket' AS ticket, b->>'target' AS target, b->>'late_by_seconds' AS late_by, b->>'clause' AS clause
FROM march, jsonb_array_elements(r->'periods') p, jsonb_array_elements(p->'breaches') b;
-- Named contract, and no rows at all.
SELECT slate.contract_report(:p, doc->>'id', doc, '2026-03-01T00:00:00+05:30', '2026-04-01T00:00:00+05:30',
                             'pune-floor-amc-2026')->'credits_owed' AS owed FROM amc_histories;
SELECT slate.contract_report(:p, doc->>'id', doc, '2026-03-01T00:00:00+05:30', '2026-04-01T00:00:00+05:30') IS NULL
    AS empty FROM amc_histories WHERE false;
