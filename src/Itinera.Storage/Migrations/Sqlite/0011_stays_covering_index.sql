-- Place detection reads nine weeks of stays (start, end, position) on every timeline update. With those columns in the
-- index the read never visits the table, whose rows carry the event bodies and lie on a page each.
DROP INDEX events_stays_by_start;
CREATE INDEX events_stays_by_start ON events (user_id, kind, start_ms, end_ms, latitude, longitude);
