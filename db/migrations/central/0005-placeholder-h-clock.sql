-- 0005-placeholder-h-clock.sql: PLACEHOLDER on branch h-clock only, so that 0006 applies in
-- sequence there. The lead's own 0005 takes this number: delete this file when merging.
SELECT 1;
