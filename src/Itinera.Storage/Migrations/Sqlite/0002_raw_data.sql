-- Raw sensor data in compact, per-user, time-ordered chunks (see Itinera.Core.Ingestion.Chunks).
-- stream: 1 fixes, 2 activities, 3 motion, 4 phone events. A chunk spans at most 24 hours.
CREATE TABLE sensor_chunks (
    user_id TEXT NOT NULL,
    stream SMALLINT NOT NULL,
    chunk_id BIGINT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT NOT NULL,
    item_count INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (user_id, stream, chunk_id)
);
CREATE INDEX sensor_chunks_by_start ON sensor_chunks (user_id, stream, start_ms);

-- Every upload once, by the client's id, with the answer it got: a retry gets the same answer.
CREATE TABLE uploads (
    user_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    accepted INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    rejected TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, upload_id)
);

-- Users whose derived data must be recomputed, with the time window new data touched.
CREATE TABLE processing_queue (
    user_id TEXT PRIMARY KEY,
    dirty_from_ms BIGINT NOT NULL,
    dirty_to_ms BIGINT NOT NULL,
    pending_items BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT
);
