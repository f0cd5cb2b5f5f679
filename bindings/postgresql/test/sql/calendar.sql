-- Calendar functions on the follow-the-sun example (Pune L2: IST, 09:00-13:00
-- and 14:00-18:00 weekdays, Saturday 10:00-14:00), hand-checked against
-- `slate calendar` on the same policy.
SET timezone = 'UTC';
\set p '(SELECT doc FROM policies WHERE name = ''fts'')'
SELECT slate.add(:p, 'pune-l2', '2026-03-06T10:00:00Z', '4 hours');        -- 2026-03-07 06:00 UTC (README)
SELECT slate.add(:p, 'pune-l2', '2026-03-07T06:00:00Z', '-4 hours');       -- back again
SELECT slate.add(:p, 'pune-l2', '2026-03-06T10:00:00Z', '1 day');          -- 24 business hours
SELECT slate.business_seconds(:p, 'pune-l2', '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z');
SELECT slate.business_time(:p, 'pune-l2', '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z');
SELECT slate.business_seconds(:p, 'pune-l2', '2026-03-09T00:00:00Z', '2026-03-02T00:00:00Z');
SELECT slate.business_seconds(:p, 'follow-the-sun', '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z');
SELECT t, slate.is_open(:p, 'pune-l2', t), slate.next_open(:p, 'pune-l2', t), slate.next_close(:p, 'pune-l2', t),
       slate.prev_open(:p, 'pune-l2', t), slate.prev_close(:p, 'pune-l2', t)
FROM unnest(ARRAY['2026-03-06T03:29:59Z', '2026-03-06T03:30:00Z', '2026-03-06T07:45:00Z',
                  '2026-03-07T12:00:00Z']::timestamptz[]) AS t;
SELECT * FROM slate.intervals(:p, 'pune-l2', '2026-03-06T00:00:00Z', '2026-03-08T00:00:00Z');
SELECT slate.add_business_days(:p, 'pune-l2', '2026-03-06T10:00:00Z', 3),
       slate.business_days(:p, 'pune-l2', '2026-03-06T10:00:00Z', '2026-03-11T10:00:00Z');
-- A fraction of a second counts as the second it falls in.
SELECT slate.add(:p, 'pune-l2', '2026-03-06T10:00:00.999Z', '4 hours');
-- The session's time zone changes how answers print, not what they are.
SET timezone = 'Asia/Kolkata';
SELECT slate.add(:p, 'pune-l2', '2026-03-06 15:30:00+05:30', '4 hours');
SET timezone = 'UTC';
-- NULL in, NULL out (the functions are STRICT); never is NULL too.
SELECT slate.add(:p, 'pune-l2', NULL, '4 hours') IS NULL AS null_instant,
       slate.add(NULL, 'pune-l2', now(), '4 hours') IS NULL AS null_policy,
       slate.next_close('{"calendars": {"always": "24x7"}}', 'always', '2026-03-06T00:00:00Z') IS NULL AS never_closes;
-- The same document given as jsonb.
SELECT slate.add(slate.policy('{"calendars": {"c": {"timezone": "UTC", "weekly": {"mon": ["09:00-17:00"]}}}}'::jsonb),
                 'c', '2026-03-02T16:00:00Z', '2 hours');
