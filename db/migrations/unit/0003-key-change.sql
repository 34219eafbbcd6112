-- 0003-key-change.sql: when the unit's key was last changed, so that a second change waits until
-- the Ministry has taken the first (a receipt for a bundle packed since): the central follows one
-- change at a time (docs/bundle-format.md 8.6). "Since" is by the bundle table's row order, not
-- by clock. NULL: not changed, or changed before this was kept.
ALTER TABLE enrollment ADD COLUMN key_changed_at TEXT;
ALTER TABLE enrollment ADD COLUMN key_change_after_bundle INTEGER; -- bundle rowid at the change
