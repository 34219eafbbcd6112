-- 0002-trust.sql: the central's public keys, registered units, enrollments, unit keys.
CREATE TABLE central_key (
	only       INTEGER PRIMARY KEY CHECK (only = 1),
	sign_pk    BLOB NOT NULL,
	box_pk     BLOB NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE unit (
	code       TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	grp        TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

-- Only a hash of each one-time secret is kept: the unit proves it by sending the secret
-- inside its first (encrypted, signed) bundle.
CREATE TABLE enrollment (
	id          TEXT PRIMARY KEY,
	unit_code   TEXT NOT NULL REFERENCES unit (code),
	secret_hash BLOB NOT NULL,
	created_at  TEXT NOT NULL,
	used_at     TEXT,
	superseded  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX enrollment_by_unit ON enrollment (unit_code);

CREATE TABLE unit_key (
	pk            BLOB PRIMARY KEY,
	unit_code     TEXT NOT NULL REFERENCES unit (code),
	state         TEXT NOT NULL CHECK (state IN ('bound', 'replaced', 'revoked')),
	enrollment_id TEXT,
	bound_at      TEXT NOT NULL,
	ended_at      TEXT
);
CREATE INDEX unit_key_by_unit ON unit_key (unit_code);
