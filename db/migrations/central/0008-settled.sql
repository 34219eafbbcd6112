-- 0008-settled.sql: a placeholder on the review branch only, so that its 0009 follows a gapless
-- numbering; the history branch's migration of this name (conflicts settled) replaces it when
-- the branches are merged.
SELECT 1;
