-- 0006-observed-time.sql: lateness is judged from what the central observed, never from the
-- unit's own clock (META created, kept as packed_at). observed_at is the earliest trustworthy
-- time the bundle is known to have been here: its first import, or the time the central's
-- own mail server received the message that carried it (the topmost Received: header), never
-- later than the import. Bundles imported before this migration are taken as observed at
-- their import.
ALTER TABLE bundle ADD COLUMN observed_at TEXT;
-- 'import' or 'mail' (the topmost Received: header of the message it was found in).
ALTER TABLE bundle ADD COLUMN observed_by TEXT;
UPDATE bundle SET observed_at = imported_at, observed_by = 'import';
