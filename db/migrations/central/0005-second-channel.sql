-- 0005-second-channel.sql: enrollments that need a code sent apart from the file, fingerprints
-- confirmed by phone, and the alarms raised when a second key presents a used enrollment.

-- 1 when the secret's hash is of the secret the file and the code unlock together (format 2).
ALTER TABLE enrollment ADD COLUMN coded INTEGER NOT NULL DEFAULT 0;
-- An enrollment file of format 1 enrolls whoever holds it: one not used yet is withdrawn, and
-- the unit gets a new file and code (xhht-central unit show says so).
UPDATE enrollment SET superseded = 1 WHERE used_at IS NULL AND coded = 0;

-- When the central's staff and the unit's clerk read the key's fingerprint to each other.
ALTER TABLE unit_key ADD COLUMN confirmed_at TEXT;

-- A key other than the bound one proved a used enrollment (its file and code): one row per
-- enrollment and key, each counted, so that staff can match every fingerprint a caller reads.
-- Cleared (resolved_at) when the unit is revoked or enrolled again; a later try raises it again.
CREATE TABLE key_alarm (
	enrollment_id TEXT NOT NULL REFERENCES enrollment (id),
	new_pk        BLOB NOT NULL,    -- the other key
	unit_code     TEXT NOT NULL REFERENCES unit (code),
	bound_pk      BLOB,             -- the key that enrollment bound (NULL if no longer bound)
	tries         INTEGER NOT NULL, -- bundles under that key seen
	first_seen    TEXT NOT NULL,
	last_seen     TEXT NOT NULL,
	source        TEXT NOT NULL,    -- the file (and e-mail part) of its last bundle
	resolved_at   TEXT,
	PRIMARY KEY (enrollment_id, new_pk)
) WITHOUT ROWID;
CREATE INDEX key_alarm_by_unit ON key_alarm (unit_code);
