-- 0001-init.sql: the central office's database: templates and settings (units, bundles and
-- merged reports arrive with the importer).
CREATE TABLE template (
	id           TEXT NOT NULL,
	version      INTEGER NOT NULL,
	source       TEXT NOT NULL,
	installed_at TEXT NOT NULL,
	PRIMARY KEY (id, version)
) WITHOUT ROWID;

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
