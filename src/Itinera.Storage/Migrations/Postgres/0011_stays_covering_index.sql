-- Place detection reads nine weeks of stays (start, end, position) on every timeline update. With those columns in the
-- index the read can skip the table, whose rows carry the event bodies.
DROP INDEX events_stays_by_start;
CREATE INDEX events_stays_by_start ON events (user_id, kind, start_ms) INCLUDE (end_ms, latitude, longitude);
