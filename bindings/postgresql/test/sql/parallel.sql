-- A parallel plan gives the same answers as a serial one, and so does a
-- partitioned table: 20,000 tickets on the US office calendar. The policy
-- comes from a subquery (an InitPlan in the leader); the workers compile it
-- into their own caches from the parameter they are passed.
SET timezone = 'UTC';
CREATE TABLE work AS
SELECT i AS id,
       '2026-01-01T00:00:00Z'::timestamptz + (i * 7919 % 525600) * interval '1 minute' AS opened,
       '2026-01-01T00:00:00Z'::timestamptz + (i * 7919 % 525600) * interval '1 minute'
           + (i * 104729 % 2880) * interval '17 minutes' AS resolved
FROM generate_series(1, 20000) i;
ANALYZE work;
\set p '(SELECT doc FROM policies WHERE name = ''us'')'
SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial AS
SELECT sum(slate.business_seconds(:p, 'ny-office', opened, resolved)) AS seconds,
       count(*) FILTER (WHERE slate.add(:p, 'ny-office', opened, '8 hours') < resolved) AS late
FROM work;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT sum(slate.business_seconds(:p, 'ny-office', opened, resolved)) FROM work;
SELECT (SELECT seconds FROM serial) = sum(slate.business_seconds(:p, 'ny-office', opened, resolved)) AS same_seconds,
       (SELECT late FROM serial) = count(*) FILTER (WHERE slate.add(:p, 'ny-office', opened, '8 hours') < resolved) AS same_late
FROM work;
SET force_parallel_mode = on;
SELECT (SELECT seconds FROM serial) = sum(slate.business_seconds(:p, 'ny-office', opened, resolved)) AS forced_same
FROM work;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
-- Partitioned by quarter of opening.
CREATE TABLE work_parts (id int, opened timestamptz, resolved timestamptz) PARTITION BY RANGE (opened);
CREATE TABLE work_q1 PARTITION OF work_parts FOR VALUES FROM ('2026-01-01') TO ('2026-04-01');
CREATE TABLE work_q2 PARTITION OF work_parts FOR VALUES FROM ('2026-04-01') TO ('2026-07-01');
CREATE TABLE work_h2 PARTITION OF work_parts FOR VALUES FROM ('2026-07-01') TO ('2027-01-01');
INSERT INTO work_parts SELECT * FROM work;
SELECT (SELECT seconds FROM serial) = sum(slate.business_seconds(:p, 'ny-office', opened, resolved)) AS partitioned_same
FROM work_parts;
SELECT tableoid::regclass AS part, count(*) > 0 AS used FROM work_parts GROUP BY 1 ORDER BY 1;
