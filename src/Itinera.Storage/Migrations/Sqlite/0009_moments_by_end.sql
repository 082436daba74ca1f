-- The insight step rewrites the moments ending after the changed window (or still going on): found through this
-- index, that read stays bounded by the window instead of scanning every moment of the user's history.
CREATE INDEX moments_by_end ON moments (user_id, end_ms);
