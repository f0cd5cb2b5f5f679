-- Errors are SQL errors with a SQLSTATE and slate's message (line, column,
-- JSON Pointer); none of them crashes the backend, and the session goes on.
SET timezone = 'UTC';
SELECT try($$SELECT '{"calendars": {"c": {"timezone": "UTC", "weekly": {"mon": ["9:00-18:00"]}}}}'::slate.policy$$);
SELECT try($$SELECT '{"calendars": {"c": {"timezone": "IST"}}}'::slate.policy$$);
SELECT try($$SELECT '{"calendars": {' :: slate.policy$$);
SELECT try($$SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune', now(), '1 hour')$$);
SELECT try($$SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune-l2', '2026-03-06', '1 month')$$);
SELECT try($$SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune-l2', 'infinity', '1 hour')$$);
SELECT try($$SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune-l2', '1700-01-01', '1 hour')$$);
SELECT try($$SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune-l2', '2400-12-01', '30 days')$$);
-- When the calendar has no open time left before 2401, the answer is "never": NULL.
SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune-l2', '2400-12-31', '30 days') IS NULL AS never;
SELECT try($$SELECT * FROM slate.evaluate((SELECT doc FROM policies WHERE name = 'itsm'),
    '{"events": [{"at": "2026-03-02T10:00:00Z"}, {"at": "2026-03-01T10:00:00Z"}]}', now())$$);
SELECT try($$SELECT * FROM slate.evaluate((SELECT doc FROM policies WHERE name = 'itsm'),
    '{"events": [{"at": "yesterday"}]}', now())$$);
SELECT try($$SELECT slate.classify('{"calendars": {"c": "24x7"}}', '{}')$$);
SELECT try($$SELECT slate.classify((SELECT doc FROM policies WHERE name = 'itsm'), '{"a": [1]}')$$);
SELECT try($$SELECT slate.local_time(now(), 'asia/kolkata')$$);
SELECT try($$SELECT slate.contract_report((SELECT doc FROM policies WHERE name = 'amc'), 'x', '{"events": []}',
    '2026-03-01', '2026-04-01', 'nope')$$);
-- After all of that, the same backend still answers.
SELECT slate.add((SELECT doc FROM policies WHERE name = 'fts'), 'pune-l2', '2026-03-06T10:00:00Z', '4 hours');
-- Tickets and histories are read by the same rules as `slate classify` and `slate evaluate`.
SELECT try($$SELECT slate.classify((SELECT doc FROM policies WHERE name = 'itsm'), '[1]')$$);
SELECT try($$SELECT * FROM slate.evaluate((SELECT doc FROM policies WHERE name = 'itsm'), '{"events": [{"when": 1}]}', now())$$);
SELECT try($$SELECT * FROM slate.evaluate((SELECT doc FROM policies WHERE name = 'itsm'), '{"events": [{"kind": "x"}]}', now())$$);
SELECT try($$SELECT * FROM slate.evaluate((SELECT doc FROM policies WHERE name = 'itsm'), '{"event": []}', now())$$);
SELECT try($$SELECT * FROM slate.evaluate((SELECT doc FROM policies WHERE name = 'itsm'),
    '{"events": [{"at": "2026-03-02T10:00:00Z", "fields": {"customer": {"tags": ["a"]}}}]}', now())$$);
