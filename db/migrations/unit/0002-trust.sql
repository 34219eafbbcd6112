-- 0002-trust.sql: enrollment, the unit's signing keys, attachments, packed bundles, receipts.

-- One row per enrollment file opened; the current one signs new bundles. The secret key and
-- the enrollment secret live in key_file (encrypted), never here.
CREATE TABLE enrollment (
	id              TEXT PRIMARY KEY,      -- the enrollment's id (hex), from the central
	unit_code       TEXT NOT NULL,
	unit_name       TEXT NOT NULL,
	central_sign_pk BLOB NOT NULL,
	central_box_pk  BLOB NOT NULL,
	unit_sign_pk    BLOB NOT NULL UNIQUE,
	key_file        TEXT NOT NULL,         -- file name inside the data folder
	previous_pk     BLOB,                  -- a key change: the key this one replaces ...
	key_change_sig  BLOB,                  -- ... and that key's signature announcing it
	enrolled_at     TEXT NOT NULL,
	current         INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1))
);
CREATE UNIQUE INDEX enrollment_one_current ON enrollment (current) WHERE current = 1;

CREATE TABLE attachment (
	id       INTEGER PRIMARY KEY,
	year     INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	size     INTEGER NOT NULL,
	data     BLOB NOT NULL,
	added_at TEXT NOT NULL,
	UNIQUE (year, name)
);

-- Every bundle packed, so that a receipt can be matched and a revision never reused.
CREATE TABLE bundle (
	id         TEXT PRIMARY KEY,           -- bundle id (hex)
	year       INTEGER NOT NULL,
	revision   INTEGER NOT NULL,
	path       TEXT NOT NULL,
	size       INTEGER NOT NULL,
	hash       TEXT NOT NULL,              -- BLAKE2b-256 of the binary form (hex)
	armored    INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (year, revision)
);

CREATE TABLE receipt (
	id          INTEGER PRIMARY KEY,
	bundle_id   TEXT NOT NULL,
	year        INTEGER NOT NULL,
	revision    INTEGER NOT NULL,
	outcome     TEXT NOT NULL,
	reason      TEXT NOT NULL,
	signed_at   TEXT NOT NULL,             -- the central's time in the receipt
	document    BLOB NOT NULL,             -- the receipt as received
	recorded_at TEXT NOT NULL,
	UNIQUE (bundle_id, outcome, signed_at)
);
