-- 0004-derived-values.sql: the merged reports' values in long form are no longer stored. Each
-- report is kept once, as its unit signed it (bundle.report); exports derive the long form
-- from the merged reports into temporary tables of their own connection (summary.c).
-- Writing some seventy rows and index entries per bundle was half of the importer's time,
-- for tables only exports read.
DROP INDEX merged_value_by_field;
DROP TABLE merged_value;
DROP TABLE merged_cell;
