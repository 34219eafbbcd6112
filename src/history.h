/* history.h: every revision the central received of a unit's report of a year, what changed
 * between any two of them, and a conflict settled by staff choosing one of its candidates. */
#ifndef XHHT_HISTORY_H
#define XHHT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"
#include "util.h"

/* What became of a bundle: X(enum, the name in CSV and JSON, the words for people vi, en). The
 * first four are bundle.state; SET_ASIDE is a conflict's candidate staff did not choose. */
#define HISTORY_STATES(X)                                                                          \
	X(HS_MERGED, "merged", "đang dùng (đã hợp nhất)", "merged (in use)")                       \
	X(HS_SUPERSEDED, "superseded", "đã có lần gửi mới hơn", "superseded by a newer one")       \
	X(HS_OLDER, "older", "đến sau lần gửi mới hơn", "came after a newer one")                  \
	X(HS_CONFLICT, "conflict", "XUNG ĐỘT", "CONFLICT")                                         \
	X(HS_SET_ASIDE, "set_aside", "để riêng khi chọn bản", "set aside when settled")

enum history_state {
#define HISTORY_STATE_ENUM(id, ...) id,
	HISTORY_STATES(HISTORY_STATE_ENUM)
#undef HISTORY_STATE_ENUM
	    HS_COUNT
};
const char *history_state_name(enum history_state s); /* "set_aside" */
const char *history_state_word(enum history_state s); /* in the interface language */

/* How many hex digits of a bundle's hash people are shown, and the fewest they may type. */
#define HISTORY_HASH_SHOWN 12
#define HISTORY_HASH_MIN 4

/* One bundle received for the unit and year. Times are ISO 8601 UTC. */
struct history_entry {
	char hash[65]; /* the bundle's hash in lowercase hex */
	int revision;
	enum history_state state;
	char packed_at[32];   /* the unit's clock, as the bundle says */
	char observed_at[32]; /* when the central (or its mail server) first had it */
	bool by_mail;         /* observed_at is the mail server's Received: time */
	bool late;            /* observed after the year's deadline */
	char *source;         /* where it was first found */
};

/* A unit's revisions of a year, newest first (revision, then arrival). */
struct history {
	char *unit, *unit_name;
	int period; /* a key (period.h) */
	struct history_entry *v;
	size_t n;
	int merged;            /* index of the merged one, -1: none */
	int conflict_revision; /* the revision with a conflict not settled yet, 0: none */
};

/* The history of unit's report of year. ST_REFUSED (naming the unit) when the unit is not
 * registered; an empty history when it sent nothing. Free with history_free (also after a
 * failure). */
enum status history_read(struct store *db, const char *unit, int period, struct history *out,
			 struct err *e);
void history_free(struct history *h);
/* The history as text (a line per revision, tab-separated after a heading), CSV or JSON
 * (enum summary_format's SF_TEXT, SF_CSV, SF_JSON). Times in text are Vietnam time. */
void history_format(const struct history *h, int fmt, struct buf *out);
/* The entry a person names: a revision number (when one bundle has it) or the start of a hash
 * (HISTORY_HASH_MIN hex digits or more, one bundle). ST_REFUSED naming what did not match. */
enum status history_find(const struct history *h, const char *what, int *index, struct err *e);
/* The two entries compared when none is named: a conflict's two candidates (the one in use
 * first); else the merged one and the one before it. ST_REFUSED when there are not two. */
enum status history_default_pair(const struct history *h, int *older, int *newer, struct err *e);
/* The candidates of the conflict not settled yet: the entries of conflict_revision not set
 * aside, at most max of them into out; how many there are. */
size_t history_candidates(const struct history *h, int *out, size_t max);

/* What happened to a field, or to a table's row. */
enum change_kind { CH_CHANGED, CH_ADDED, CH_REMOVED };

/* One difference, in template order: a field's value, or one cell of a table's row (a row
 * added or removed gives one change per cell that holds something). */
struct history_change {
	int section;         /* index of the section in the newer report's template (or older's) */
	char *section_title; /* that section's title */
	char *label;         /* the field's label; for a cell "Table, row N: Column" */
	enum change_kind kind; /* of the value, or of the cell's row */
	int old_row,
	    new_row; /* 1-based rows of a table's cell; 0: no row on that side or a field */
	char *old_text, *new_text; /* as a clerk reads them; "" where there is no value */
};

struct history_diff {
	struct history_change *v;
	size_t n;
	int old_revision, new_revision;
	char old_hash[65], new_hash[65];
};

/* The differences from bundle old_hash to bundle new_hash (full hex hashes, entries of the
 * unit's history), both read as the importer read them (merged_report_parse). O(fields +
 * rows): rows are matched by content, then by their name (the first text column), then in
 * order. Free with history_diff_free. */
enum status history_diff(struct store *db, const char *unit, int year, const char *old_hash,
			 const char *new_hash, struct history_diff *out, struct err *e);
void history_diff_free(struct history_diff *d);

/* The longest reason a settlement takes, in characters. */
#define HISTORY_REASON_MAX 500

/* Settles the conflict of unit's report of year: the candidate chosen (as history_find reads
 * it) becomes the one in use (merged, when its revision is the merged one), every other
 * candidate is set aside, and who, when and why goes to the staff action log, all in one
 * transaction. ST_REFUSED with no reason, no conflict to settle, or a choice that is not a
 * candidate. chosen_hash (65 bytes) receives the hash chosen; *set_aside how many were set
 * aside. */
enum status history_settle(struct store *db, const char *unit, int year, const char *chosen,
			   const char *reason, char chosen_hash[65], size_t *set_aside,
			   struct err *e);

#endif
