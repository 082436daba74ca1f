-- The driving aggregates read nine weeks of per-transport driving features on every update; parsing their JSON bodies
-- cost more than aggregating them. New rows keep the features packed (column packed: 577 bytes, see
-- Itinera.Storage.Resources.PackedZoneFeatures) and no body. Rows written before keep their JSON body and are read
-- from it, until reprocessing rewrites them packed. SQLite cannot drop a NOT NULL in place: the table is rebuilt.
CREATE TABLE transport_driving_features_packed (
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    body TEXT,
    packed BLOB,
    PRIMARY KEY (user_id, event_id),
    CHECK (body IS NOT NULL OR packed IS NOT NULL)
);
INSERT INTO transport_driving_features_packed (user_id, event_id, start_ms, body, packed)
    SELECT user_id, event_id, start_ms, body, NULL FROM transport_driving_features;
DROP TABLE transport_driving_features;
ALTER TABLE transport_driving_features_packed RENAME TO transport_driving_features;
CREATE INDEX transport_driving_features_by_start ON transport_driving_features (user_id, start_ms);
