-- 0009-review.sql: the central staff's word on merged reports (approved, or needs fixing with
-- comments on the whole report or on fields), and whether it has gone back to the unit. A new
-- review of the same report is the one shown; the earlier ones stay, as its history. A review
-- is of one bundle (the revision merged when staff read it): a newer revision is to be
-- reviewed again.
CREATE TABLE review (
	id           INTEGER PRIMARY KEY,
	unit_code    TEXT NOT NULL REFERENCES unit (code),
	year         INTEGER NOT NULL,
	revision     INTEGER NOT NULL,
	bundle_hash  BLOB NOT NULL REFERENCES bundle (hash),   -- the bundle reviewed
	state        TEXT NOT NULL CHECK (state IN ('approved', 'needs_fixing')),
	at           TEXT NOT NULL,                            -- ISO 8601 UTC
	staff        TEXT NOT NULL,                            -- the login name (staff_name)
	delivered_at TEXT,                                     -- NULL: not written into a receipt yet
	delivered_in TEXT                                      -- the receipt or review file it went in
);
CREATE INDEX review_by_report ON review (unit_code, year, id);
CREATE INDEX review_by_bundle ON review (bundle_hash);

CREATE TABLE review_comment (
	review_id INTEGER NOT NULL REFERENCES review (id),
	position  INTEGER NOT NULL,
	field     TEXT NOT NULL,   -- a field or table id of the report's template; '': the whole report
	text      TEXT NOT NULL,
	PRIMARY KEY (review_id, position)
) WITHOUT ROWID;
