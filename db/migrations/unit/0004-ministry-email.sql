-- 0004-ministry-email.sql: the Ministry's e-mail address an enrollment file names (docs/bundle-
-- format.md 5), told to the clerk after packing. NULL: the file named none (format 2 files
-- written before it was carried).
ALTER TABLE enrollment ADD COLUMN central_email TEXT;
