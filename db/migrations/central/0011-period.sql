-- 0011-period.sql: a report is keyed by its period, not its year alone (docs/template-format.md,
-- "Phase reviews"): a unit's mid-term review 2023-2025, filed in 2025, lives beside its 2025
-- yearly report. phase_first is 0 for a yearly report of year; otherwise the phase's first year,
-- year being the phase's closing year. Everything held before is a yearly report (phase_first 0).
ALTER TABLE bundle ADD COLUMN phase_first INTEGER NOT NULL DEFAULT 0;
DROP INDEX bundle_by_report;
CREATE INDEX bundle_by_report ON bundle (unit_code, year, phase_first, revision);

-- The report the central holds for each unit and period: the key changes, so the table is
-- rebuilt (SQLite cannot alter a primary key), inside this migration's transaction.
CREATE TABLE merged_by_period (
	unit_code   TEXT NOT NULL,
	year        INTEGER NOT NULL,
	phase_first INTEGER NOT NULL DEFAULT 0,
	bundle_hash BLOB NOT NULL REFERENCES bundle (hash),
	revision    INTEGER NOT NULL,
	merged_at   TEXT NOT NULL,
	PRIMARY KEY (unit_code, year, phase_first)
) WITHOUT ROWID;
INSERT INTO merged_by_period (unit_code, year, phase_first, bundle_hash, revision, merged_at)
	SELECT unit_code, year, 0, bundle_hash, revision, merged_at FROM merged;
DROP INDEX merged_by_year;
DROP TABLE merged;
ALTER TABLE merged_by_period RENAME TO merged;
CREATE INDEX merged_by_year ON merged (year, phase_first, unit_code);

ALTER TABLE receipt_sent ADD COLUMN phase_first INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review ADD COLUMN phase_first INTEGER NOT NULL DEFAULT 0;
DROP INDEX review_by_report;
CREATE INDEX review_by_report ON review (unit_code, year, phase_first, id);
-- NULL where year is (a bundle refused before its header could be read).
ALTER TABLE audit ADD COLUMN phase_first INTEGER;
UPDATE audit SET phase_first = 0 WHERE year IS NOT NULL;
ALTER TABLE staff_action ADD COLUMN phase_first INTEGER NOT NULL DEFAULT 0;
