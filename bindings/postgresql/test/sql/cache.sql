-- The policy cache: a query over many rows compiles its policy once, a
-- policy that comes back is not compiled again, and slate.policy_cache_size
-- bounds what a backend keeps (the least recently used goes first).
SET timezone = 'UTC';
CREATE TEMP TABLE before AS SELECT * FROM slate.cache();
SHOW slate.policy_cache_size; -- defined once the library is loaded (its first use in the session)
SELECT count(*) FROM generate_series(1, 5000) i
WHERE slate.is_open((SELECT doc FROM policies WHERE name = 'us'), 'ny-office',
                    '2026-03-02T14:00:00Z'::timestamptz + i * interval '1 hour');
SELECT c.compiled - b.compiled <= 1 AS compiled_once, c.lookups - b.lookups >= 5000 AS looked_up_each_row
FROM slate.cache() c, before b;
SET slate.policy_cache_size = 2;
-- Three policies taking turns in a cache of two: every answer still right.
SELECT p.name, slate.business_seconds(p.doc, 'c', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z')
FROM generate_series(1, 3) round,
     (VALUES ('nine', '{"calendars": {"c": {"timezone": "UTC", "weekly": {"mon": ["09:00-17:00"]}}}}'::slate.policy),
             ('ten', '{"calendars": {"c": {"timezone": "UTC", "weekly": {"mon": ["08:00-18:00"]}}}}'),
             ('all', '{"calendars": {"c": "24x7"}}')) p(name, doc)
ORDER BY round, p.name;
SELECT entries <= 2 AS bounded, capacity FROM slate.cache();
RESET slate.policy_cache_size;
SET slate.policy_cache_size = 0;
