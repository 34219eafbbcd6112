-- 0005-review.sql: the Ministry's reviews of the unit's reports, as receipts carry them
-- (docs/bundle-format.md 6.3): approved or needs fixing, with comments on the whole report or on
-- given fields. A review's comments are open until the clerk next packs that year's report;
-- then they are kept, marked answered by the revision packed.
CREATE TABLE review (
	id          INTEGER PRIMARY KEY,
	receipt_id  INTEGER NOT NULL REFERENCES receipt (id), -- the receipt that carried it first
	year        INTEGER NOT NULL,
	revision    INTEGER NOT NULL,          -- the revision reviewed
	state       TEXT NOT NULL,             -- review_state_name: approved, needs_fixing
	decided_at  TEXT NOT NULL,             -- when the Ministry's staff decided (their clock)
	received_at TEXT NOT NULL,             -- when the receipt was opened here
	answered_by INTEGER,                   -- the revision packed next; NULL while open
	-- Another receipt carrying the same review (the bundle imported again) adds nothing, and
	-- does not open again what a pack answered.
	UNIQUE (year, revision, state, decided_at)
);
CREATE INDEX review_open ON review (year, answered_by);

CREATE TABLE review_comment (
	review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,            -- the order the receipt gives them in
	field_id  TEXT NOT NULL,               -- a field or table id of the template; '': the whole report
	text      TEXT NOT NULL,               -- the staff's words, as received
	PRIMARY KEY (review_id, position)
) WITHOUT ROWID;
