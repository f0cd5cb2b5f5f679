-- A business-hours function as blog posts and Stack Overflow answers write
-- it in PL/pgSQL: weekly opening hours and holidays in tables, a loop over
-- the local days of the span, summing each day's overlap with its hours.
-- The peer slate is measured against (tools/bench/postgresql.py).
CREATE TABLE working_hours (isodow int, opens time, closes time);
CREATE TABLE holidays (day date PRIMARY KEY);

CREATE FUNCTION plpgsql_business_seconds(start_ts timestamptz, end_ts timestamptz, zone text)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
    d date := (start_ts AT TIME ZONE zone)::date;
    last_day date := (end_ts AT TIME ZONE zone)::date;
    total bigint := 0;
    h record;
    day_start timestamptz;
    day_end timestamptz;
BEGIN
    WHILE d <= last_day LOOP
        IF NOT EXISTS (SELECT 1 FROM holidays WHERE day = d) THEN
            FOR h IN SELECT opens, closes FROM working_hours WHERE isodow = extract(isodow FROM d) LOOP
                day_start := greatest(start_ts, (d + h.opens) AT TIME ZONE zone);
                day_end := least(end_ts, (d + h.closes) AT TIME ZONE zone);
                IF day_end > day_start THEN
                    total := total + extract(epoch FROM day_end - day_start)::bigint;
                END IF;
            END LOOP;
        END IF;
        d := d + 1;
    END LOOP;
    RETURN total;
END $$;
