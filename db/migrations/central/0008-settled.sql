-- 0008-settled.sql: conflicts settled by staff. A bundle of the same revision as another, with
-- different content, is kept as state 'conflict'; when staff choose one of the candidates (the
-- one merged), each other candidate gets a row here: it stays in the history, set aside, and no
-- longer makes its unit a conflict. Who chose, when and why is the staff_action row named here.
CREATE TABLE bundle_set_aside (
	bundle_hash BLOB PRIMARY KEY REFERENCES bundle (hash),
	chosen_hash BLOB NOT NULL REFERENCES bundle (hash), -- the candidate staff chose instead
	action_id   INTEGER NOT NULL REFERENCES staff_action (id),
	at          TEXT NOT NULL                           -- ISO 8601 UTC
) WITHOUT ROWID;
