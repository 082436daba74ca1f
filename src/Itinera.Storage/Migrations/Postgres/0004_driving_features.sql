-- The driving features of each car transport (Itinera.Core.Driving.Scoring.ZoneFeatures), from which car_behavior
-- and the aggregated driving scores are computed: features add up, scores do not.
CREATE TABLE transport_driving_features (
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
CREATE INDEX transport_driving_features_by_start ON transport_driving_features (user_id, start_ms);
