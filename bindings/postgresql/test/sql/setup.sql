-- The extension, the example policies and tickets, and a helper that turns
-- an error into its SQLSTATE, message and detail (so that the expected
-- output shows exactly what a client sees, and that nothing crashed).
CREATE EXTENSION slate;
SET timezone = 'UTC';
CREATE TABLE policies (name text PRIMARY KEY, doc slate.policy NOT NULL);
\set fts `cat ../../examples/policies/follow-the-sun.json`
\set itsm `cat ../../examples/policies/itsm-desk.json`
\set amc `cat ../../examples/policies/amc-vendor.json`
\set us `cat ../../examples/policies/us-office.json`
INSERT INTO policies VALUES ('fts', :'fts'), ('itsm', :'itsm'), ('amc', :'amc'), ('us', :'us');
-- JSON Lines files, one document per row (no quoting or delimiter can occur in them).
CREATE TABLE tickets (doc jsonb);
\copy tickets FROM '../../examples/tickets.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE itsm_histories (doc jsonb);
\copy itsm_histories FROM '../../examples/tickets/itsm-sample.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE amc_histories (doc jsonb);
\copy amc_histories FROM '../../examples/tickets/amc-sample.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE FUNCTION try(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE query;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN detail <> '' THEN ' [' || detail || ']' ELSE '' END;
END $$;
SELECT name, length(doc::text) > 100 AS loaded FROM policies ORDER BY name;
SELECT count(*) FROM tickets;
SELECT slate.version() ~ '^[0-9]+\.[0-9]+\.[0-9]+$' AS versioned,
       (SELECT doc::text FROM policies WHERE name = 'us') LIKE '{%' AS policy_as_text;
