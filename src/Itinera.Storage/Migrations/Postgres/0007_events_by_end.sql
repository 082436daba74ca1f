-- Every timeline update looks for the event going on where the new data starts; by start time that search walked
-- the user's whole history. By end time it reads only the events ending after that instant.
CREATE INDEX events_by_end ON events (user_id, end_ms);
