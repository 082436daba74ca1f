-- Where each stay was, as columns: place detection reads nine weeks of stays on every run, and numbers are much
-- cheaper to read than event bodies. Transports leave them null.
ALTER TABLE events ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE events ADD COLUMN longitude DOUBLE PRECISION;
UPDATE events SET latitude = json_extract(body, '$.Stationary.Latitude'), longitude = json_extract(body, '$.Stationary.Longitude')
WHERE kind = 'Stationary';
CREATE INDEX events_stays_by_start ON events (user_id, kind, start_ms);
