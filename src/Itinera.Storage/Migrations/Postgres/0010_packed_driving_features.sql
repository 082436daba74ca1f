-- The driving aggregates read nine weeks of per-transport driving features on every update; parsing their JSON bodies
-- cost more than aggregating them. New rows keep the features packed (column packed: 577 bytes, see
-- Itinera.Storage.Resources.PackedZoneFeatures) and no body. Rows written before keep their JSON body and are read
-- from it, until reprocessing rewrites them packed.
ALTER TABLE transport_driving_features ALTER COLUMN body DROP NOT NULL;
ALTER TABLE transport_driving_features ADD COLUMN packed BYTEA;
ALTER TABLE transport_driving_features ADD CONSTRAINT transport_driving_features_body_or_packed CHECK (body IS NOT NULL OR packed IS NOT NULL);
