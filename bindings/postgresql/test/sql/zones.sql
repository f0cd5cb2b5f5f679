-- slate reads the system's zoneinfo, as PostgreSQL built with the system
-- tzdata does: the wall clock of every instant agrees with AT TIME ZONE, for
-- every zone the tests use, every 211 minutes from 1970 to 2040, and every
-- minute (and the second before it) of the six hours before each change of
-- offset PostgreSQL knows in those years.
CREATE TABLE zones (name text);
INSERT INTO zones VALUES ('UTC'), ('Asia/Kolkata'), ('Asia/Manila'), ('Europe/Warsaw'), ('Europe/Dublin'),
    ('America/New_York'), ('America/Chicago'), ('Australia/Lord_Howe'), ('Asia/Tehran'), ('Pacific/Apia');
SELECT count(*) AS instants,
       count(*) FILTER (WHERE slate.local_time(t, z.name) <> (t AT TIME ZONE z.name)) AS differences
FROM zones z, generate_series('1970-01-01T00:00:00Z'::timestamptz, '2040-01-01T00:00:00Z', interval '211 minutes') t;
-- Around each change of offset (found from PostgreSQL's own answers every
-- six hours): every minute of those six hours, and the second before each.
WITH hours AS (
    SELECT z.name, t, (t AT TIME ZONE z.name) - (t AT TIME ZONE 'UTC') AS off
    FROM zones z, generate_series('1970-01-01T00:00:00Z'::timestamptz, '2040-01-01T00:00:00Z', interval '6 hours') t
), changes AS (
    SELECT name, t FROM (SELECT name, t, off, lag(off) OVER (PARTITION BY name ORDER BY t) AS before FROM hours) x
    WHERE off <> before
)
SELECT count(DISTINCT (c.name, c.t)) > 500 AS many_changes,
       count(*) FILTER (WHERE slate.local_time(u, c.name) <> (u AT TIME ZONE c.name)) AS differences
FROM changes c,
     generate_series(c.t - interval '6 hours', c.t, interval '1 minute') m,
     LATERAL (VALUES (m), (m - interval '1 second')) v(u);
