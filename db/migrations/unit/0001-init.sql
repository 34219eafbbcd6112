-- 0001-init.sql: the unit's database: templates, the enrolled unit, yearly reports.
CREATE TABLE template (
	id           TEXT NOT NULL,
	version      INTEGER NOT NULL,
	source       TEXT NOT NULL,          -- the template's JSON, as loaded
	installed_at TEXT NOT NULL,
	PRIMARY KEY (id, version)
) WITHOUT ROWID;

-- The unit this program reports for; filled by enrollment (one row at most).
CREATE TABLE unit (
	only        INTEGER PRIMARY KEY CHECK (only = 1),
	code        TEXT NOT NULL,
	name        TEXT NOT NULL,
	enrolled_at TEXT NOT NULL
);

-- One report per year. A draft may exist before enrollment: draft_unit_* then keep what the
-- clerk loaded until enrollment gives the real code and name.
CREATE TABLE report (
	year             INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
	template_id      TEXT NOT NULL,
	template_version INTEGER NOT NULL,
	draft_unit_code  TEXT,
	draft_unit_name  TEXT,
	revision         INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	checked_at       TEXT,               -- last check, and what it found
	check_errors     INTEGER,
	check_warnings   INTEGER,
	FOREIGN KEY (template_id, template_version) REFERENCES template (id, version)
);

-- Values of the non-table fields: INTEGER for int, money and yesno; TEXT otherwise.
CREATE TABLE report_value (
	year     INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
	field_id TEXT NOT NULL,
	value    NOT NULL,
	PRIMARY KEY (year, field_id)
) WITHOUT ROWID;

CREATE TABLE report_row (
	id       INTEGER PRIMARY KEY,
	year     INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
	table_id TEXT NOT NULL,
	position INTEGER NOT NULL
);
CREATE INDEX report_row_by_table ON report_row (year, table_id, position);

CREATE TABLE report_cell (
	row_id    INTEGER NOT NULL REFERENCES report_row (id) ON DELETE CASCADE,
	column_id TEXT NOT NULL,
	value     NOT NULL,
	PRIMARY KEY (row_id, column_id)
) WITHOUT ROWID;

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
