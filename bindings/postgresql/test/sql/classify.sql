-- Classification of the example tickets (README: P1 P1 P3 P3 P5 P5).
\set p '(SELECT doc FROM policies WHERE name = ''itsm'')'
SELECT doc->>'id' AS id, slate.classify(:p, doc) FROM tickets ORDER BY 1;
SELECT r->>'priority' AS priority, r->>'decided_by' AS decided_by, r->'fired' AS fired,
       r->'trail'->-1->>'reason' AS last_reason
FROM slate.classify_explain(:p, '{"summary": "Password expired", "requester": {"email": "a@b.c"}}') r;
SELECT e->>'rule' AS rule, e->>'matched' AS matched
FROM jsonb_array_elements(slate.classify_explain(:p, '{"summary": "Floor 7 network down", "category": "network", "location": "Floor 7", "affected_users": 120}')->'trail') AS e
LIMIT 3;
SELECT slate.classify(:p, '{"summary": "x"}'), slate.classify(:p, NULL) IS NULL AS null_ticket;
