-- 0006-dropped-values.sql: values of a draft that a newer version of its template could not
-- take (the field or column is gone, its new type or options cannot hold the value), kept when
-- the draft was moved to that version (docs/template-format.md, "Moving a draft to a new
-- version"): never lost, shown to the clerk, who may copy one into a field.
CREATE TABLE dropped_value (
	id          INTEGER PRIMARY KEY,
	year        INTEGER NOT NULL,
	template_id TEXT NOT NULL,
	old_version INTEGER NOT NULL,          -- the version the draft answered, which held it
	new_version INTEGER NOT NULL,          -- the version it was moved to
	field_id    TEXT NOT NULL,             -- the field, or the table
	column_id   TEXT,                      -- the table's column; NULL for a field
	row         INTEGER NOT NULL DEFAULT 0, -- 1-based row of the old table; 0 for a field
	label_vi    TEXT NOT NULL,             -- its label in the old version
	label_en    TEXT NOT NULL,
	value       NOT NULL,                  -- as report_value or report_cell held it
	reason      TEXT NOT NULL,             -- drop_reason_name: removed, type, option, check
	moved_at    TEXT NOT NULL
);
CREATE INDEX dropped_value_by_year ON dropped_value (year);
