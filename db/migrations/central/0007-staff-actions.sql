-- 0007-staff-actions.sql: what the central's staff decided and did, each in one row: a conflict
-- settled, a report reviewed, a unit added or revoked, an enrollment written, a fingerprint
-- confirmed. The audit table says what became of each bundle found; this says who acted on
-- what, when and why, so that a decision can be explained a year later.
CREATE TABLE staff_action (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,    -- ISO 8601 UTC
	staff     TEXT NOT NULL,    -- the login name of who did it (staff_name)
	action    TEXT NOT NULL,    -- one of STAFF_ACTIONS' names
	unit_code TEXT,             -- the unit acted on, if any
	year      INTEGER,          -- the year of the report acted on, if any
	detail    TEXT NOT NULL     -- what was done and why, in the staff's words and the program's
);
CREATE INDEX staff_action_by_unit ON staff_action (unit_code, year);
