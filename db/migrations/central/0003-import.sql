-- 0003-import.sql: every authentic bundle received, the merged report per unit and year (with its
-- values in long form for status and exports), receipts written, and the audit log.

-- Every authentic bundle ever imported, merged or not: the history of each unit's report.
CREATE TABLE bundle (
	hash             BLOB PRIMARY KEY,     -- BLAKE2b-256 of the binary form
	id               TEXT NOT NULL,        -- the bundle id (hex) chosen by the unit
	unit_code        TEXT NOT NULL REFERENCES unit (code),
	year             INTEGER NOT NULL,
	revision         INTEGER NOT NULL,
	packed_at        TEXT NOT NULL,        -- signed creation time (UTC)
	imported_at      TEXT NOT NULL,
	signer_pk        BLOB NOT NULL,
	template_id      TEXT NOT NULL,
	template_version INTEGER NOT NULL,
	report           TEXT NOT NULL,        -- the report's JSON as signed
	state            TEXT NOT NULL CHECK (state IN ('merged', 'superseded', 'older', 'conflict')),
	source           TEXT NOT NULL         -- where it was first found
);
CREATE INDEX bundle_by_report ON bundle (unit_code, year, revision);

CREATE TABLE bundle_attachment (
	bundle_hash BLOB NOT NULL REFERENCES bundle (hash),
	position    INTEGER NOT NULL,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	data        BLOB NOT NULL,
	PRIMARY KEY (bundle_hash, position)
) WITHOUT ROWID;

-- The report the central holds for each unit and year.
CREATE TABLE merged (
	unit_code   TEXT NOT NULL,
	year        INTEGER NOT NULL,
	bundle_hash BLOB NOT NULL REFERENCES bundle (hash),
	revision    INTEGER NOT NULL,
	merged_at   TEXT NOT NULL,
	PRIMARY KEY (unit_code, year)
) WITHOUT ROWID;
CREATE INDEX merged_by_year ON merged (year, unit_code);

-- Values of merged reports in long form: what status, exports and aggregates read.
CREATE TABLE merged_value (
	year      INTEGER NOT NULL,
	unit_code TEXT NOT NULL,
	field_id  TEXT NOT NULL,
	value     NOT NULL,
	PRIMARY KEY (year, unit_code, field_id)
) WITHOUT ROWID;
CREATE INDEX merged_value_by_field ON merged_value (year, field_id);

CREATE TABLE merged_cell (
	year      INTEGER NOT NULL,
	unit_code TEXT NOT NULL,
	table_id  TEXT NOT NULL,
	row       INTEGER NOT NULL,
	column_id TEXT NOT NULL,
	value     NOT NULL,
	PRIMARY KEY (year, unit_code, table_id, row, column_id)
) WITHOUT ROWID;

-- Receipts written, so status can say which units were answered.
CREATE TABLE receipt_sent (
	id          INTEGER PRIMARY KEY,
	bundle_hash BLOB NOT NULL,
	unit_code   TEXT NOT NULL,
	year        INTEGER NOT NULL,
	revision    INTEGER NOT NULL,
	outcome     TEXT NOT NULL,
	path        TEXT NOT NULL,
	written_at  TEXT NOT NULL
);
CREATE INDEX receipt_sent_by_report ON receipt_sent (unit_code, year);

-- Every bundle found and what became of it, refused ones included.
CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	source      TEXT NOT NULL,             -- file path, plus the part for e-mail
	message_id  TEXT,
	file_hash   BLOB NOT NULL,             -- hash of the bundle's binary form
	unit_code   TEXT,
	year        INTEGER,
	revision    INTEGER,
	outcome     TEXT NOT NULL CHECK (outcome IN ('merged', 'duplicate', 'older', 'conflict', 'refused')),
	reason      TEXT NOT NULL
);
CREATE INDEX audit_by_hash ON audit (file_hash);
