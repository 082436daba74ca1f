-- The events the insight rules read, bucketed by UTC day (day_ms, the bucket's first millisecond) in a compact form:
-- the insight step reads nine weeks of timeline after every update, and 63 small rows cost far less than hundreds of
-- event bodies. until_ms is the latest end of the bucket's events (the largest BIGINT when one is still going on), so
-- that the buckets overlapping a window are found from the index, however long the history. Rewritten with the events, in the same
-- transaction, from the bucket of the first changed event on. Users with events from before this migration get their
-- buckets rebuilt from their events on their next timeline update.
CREATE TABLE insight_days (
    user_id TEXT NOT NULL,
    day_ms BIGINT NOT NULL,
    until_ms BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, day_ms)
);
CREATE INDEX insight_days_by_until ON insight_days (user_id, until_ms);
