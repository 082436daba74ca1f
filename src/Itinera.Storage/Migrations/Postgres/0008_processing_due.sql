-- When a queued user becomes due (epoch ms); NULL: now. A user whose latest event is still going on is queued again
-- for when it ends if no more data arrives, so an ongoing stay or trip is finalised even when the phone goes quiet.
ALTER TABLE processing_queue ADD COLUMN due_at BIGINT;
