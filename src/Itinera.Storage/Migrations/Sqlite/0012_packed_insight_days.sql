-- The insight buckets (0006) hold their events packed (binary, Itinera.Storage.Resources.PackedInsightDay) instead of
-- as JSON: the insight step reads nine weeks of them on every update, and parsing the JSON cost more than reading it.
-- The buckets are derived from the events: the old ones are dropped here and, as after 0006, a user's buckets are
-- rebuilt from their events on their next timeline update, in its transaction, before the insight step reads them.
DROP TABLE insight_days;
CREATE TABLE insight_days (
    user_id TEXT NOT NULL,
    day_ms BIGINT NOT NULL,
    until_ms BIGINT NOT NULL,
    packed BLOB NOT NULL,
    PRIMARY KEY (user_id, day_ms)
);
CREATE INDEX insight_days_by_until ON insight_days (user_id, until_ms);
