-- 0007-period.sql: a report is keyed by its period, (year, phase_first): phase_first 0 is the
-- yearly report of year; otherwise the phase's first year, year its closing year (the mid-term
-- review 2023-2025 beside the 2025 yearly report). Every existing row gets phase_first 0.
-- Tables whose keys change are rebuilt. Foreign keys are on while migrations run, so a parent is
-- never dropped while a child still points at it (a drop would cascade): each old table is
-- renamed first (SQLite then points its children's references at the renamed table), its
-- children are rebuilt against the new one, and the old one is dropped last.

ALTER TABLE report RENAME TO report_0006;
CREATE TABLE report (
	year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	phase_first      INTEGER NOT NULL DEFAULT 0 CHECK (phase_first = 0 OR phase_first BETWEEN 2000 AND year - 1),
	template_id      TEXT NOT NULL,
	template_version INTEGER NOT NULL,
	draft_unit_code  TEXT,
	draft_unit_name  TEXT,
	revision         INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	checked_at       TEXT,
	check_errors     INTEGER,
	check_warnings   INTEGER,
	PRIMARY KEY (year, phase_first),
	FOREIGN KEY (template_id, template_version) REFERENCES template (id, version)
);
INSERT INTO report (year, phase_first, template_id, template_version, draft_unit_code,
		    draft_unit_name, revision, created_at, updated_at, checked_at, check_errors,
		    check_warnings)
	SELECT year, 0, template_id, template_version, draft_unit_code, draft_unit_name, revision,
	       created_at, updated_at, checked_at, check_errors, check_warnings
	FROM report_0006;

ALTER TABLE report_value RENAME TO report_value_0006;
CREATE TABLE report_value (
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL DEFAULT 0,
	field_id    TEXT NOT NULL,
	value       NOT NULL,
	PRIMARY KEY (year, phase_first, field_id),
	FOREIGN KEY (year, phase_first) REFERENCES report (year, phase_first) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO report_value (year, phase_first, field_id, value)
	SELECT year, 0, field_id, value FROM report_value_0006;
DROP TABLE report_value_0006;

ALTER TABLE report_row RENAME TO report_row_0006;
CREATE TABLE report_row (
	id          INTEGER PRIMARY KEY,
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL DEFAULT 0,
	table_id    TEXT NOT NULL,
	position    INTEGER NOT NULL,
	FOREIGN KEY (year, phase_first) REFERENCES report (year, phase_first) ON DELETE CASCADE
);
INSERT INTO report_row (id, year, phase_first, table_id, position)
	SELECT id, year, 0, table_id, position FROM report_row_0006;
ALTER TABLE report_cell RENAME TO report_cell_0006;
CREATE TABLE report_cell (
	row_id    INTEGER NOT NULL REFERENCES report_row (id) ON DELETE CASCADE,
	column_id TEXT NOT NULL,
	value     NOT NULL,
	PRIMARY KEY (row_id, column_id)
) WITHOUT ROWID;
INSERT INTO report_cell (row_id, column_id, value)
	SELECT row_id, column_id, value FROM report_cell_0006;
DROP TABLE report_cell_0006;
DROP TABLE report_row_0006;
CREATE INDEX report_row_by_table ON report_row (year, phase_first, table_id, position);

ALTER TABLE attachment RENAME TO attachment_0006;
CREATE TABLE attachment (
	id          INTEGER PRIMARY KEY,
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL DEFAULT 0,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	data        BLOB NOT NULL,
	added_at    TEXT NOT NULL,
	UNIQUE (year, phase_first, name),
	FOREIGN KEY (year, phase_first) REFERENCES report (year, phase_first) ON DELETE CASCADE
);
INSERT INTO attachment (id, year, phase_first, name, type, size, data, added_at)
	SELECT id, year, 0, name, type, size, data, added_at FROM attachment_0006;
DROP TABLE attachment_0006;
DROP TABLE report_0006;

-- Revisions are counted per period: the review's r1 beside the year's r3.
ALTER TABLE bundle RENAME TO bundle_0006;
CREATE TABLE bundle (
	id          TEXT PRIMARY KEY,
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL DEFAULT 0,
	revision    INTEGER NOT NULL,
	path        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	hash        TEXT NOT NULL,
	armored     INTEGER NOT NULL,
	created_at  TEXT NOT NULL,
	UNIQUE (year, phase_first, revision)
);
-- The rowid is kept: enrollment.key_change_after_bundle orders bundles by it.
INSERT INTO bundle (rowid, id, year, phase_first, revision, path, size, hash, armored, created_at)
	SELECT rowid, id, year, 0, revision, path, size, hash, armored, created_at FROM bundle_0006;
DROP TABLE bundle_0006;

-- A receipt answers the bundle it names; its period is that bundle's, kept here for queries.
ALTER TABLE receipt ADD COLUMN phase_first INTEGER NOT NULL DEFAULT 0;

ALTER TABLE review RENAME TO review_0006;
CREATE TABLE review (
	id          INTEGER PRIMARY KEY,
	receipt_id  INTEGER NOT NULL REFERENCES receipt (id),
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL DEFAULT 0,
	revision    INTEGER NOT NULL,
	state       TEXT NOT NULL,
	decided_at  TEXT NOT NULL,
	received_at TEXT NOT NULL,
	answered_by INTEGER,
	UNIQUE (year, phase_first, revision, state, decided_at)
);
INSERT INTO review (id, receipt_id, year, phase_first, revision, state, decided_at, received_at,
		    answered_by)
	SELECT id, receipt_id, year, 0, revision, state, decided_at, received_at, answered_by
	FROM review_0006;
ALTER TABLE review_comment RENAME TO review_comment_0006;
CREATE TABLE review_comment (
	review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	field_id  TEXT NOT NULL,
	text      TEXT NOT NULL,
	PRIMARY KEY (review_id, position)
) WITHOUT ROWID;
INSERT INTO review_comment (review_id, position, field_id, text)
	SELECT review_id, position, field_id, text FROM review_comment_0006;
DROP TABLE review_comment_0006;
DROP TABLE review_0006;
CREATE INDEX review_open ON review (year, phase_first, answered_by);

ALTER TABLE dropped_value ADD COLUMN phase_first INTEGER NOT NULL DEFAULT 0;
DROP INDEX dropped_value_by_year;
CREATE INDEX dropped_value_by_year ON dropped_value (year, phase_first);

-- What a phase review was pre-filled with, per field: the value (a table's rows as JSON text,
-- report_table_json) and the years it came from in both languages ("2023: 12, 2024: 15, 2025:
-- 20"). changed: the clerk has since set the field; the row stays (the provenance then says so,
-- and a refill leaves the field).
CREATE TABLE prefill (
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL,
	field_id    TEXT NOT NULL,
	value,
	from_vi     TEXT NOT NULL,
	from_en     TEXT NOT NULL,
	changed     INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1)),
	PRIMARY KEY (year, phase_first, field_id),
	FOREIGN KEY (year, phase_first) REFERENCES report (year, phase_first) ON DELETE CASCADE
) WITHOUT ROWID;
-- Which report of each year a phase review was pre-filled from, a line a year, both languages.
CREATE TABLE prefill_source (
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL,
	sources_vi  TEXT NOT NULL,
	sources_en  TEXT NOT NULL,
	filled_at   TEXT NOT NULL,
	PRIMARY KEY (year, phase_first),
	FOREIGN KEY (year, phase_first) REFERENCES report (year, phase_first) ON DELETE CASCADE
) WITHOUT ROWID;
