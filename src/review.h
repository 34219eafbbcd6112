/* review.h: the central staff's word on a unit's merged report (approved, or needs fixing with
 * comments on the whole report or on fields), kept with its history, and carried back to the
 * unit in the next signed receipt for that report or in a signed review file. */
#ifndef XHHT_REVIEW_H
#define XHHT_REVIEW_H

#include <stdbool.h>

#include "crypto.h"
#include "signed.h"
#include "store.h"
#include "util.h"

/* A review as the central keeps it. */
struct review_entry {
	long long id;
	char unit[64];
	int period, revision; /* a key (period.h); the revision reviewed */
	unsigned char bundle_hash[HASH_BYTES];
	struct review rv;      /* state, time (when staff decided) and comments; owned */
	char staff[64];        /* the login name of who decided (staff_name) */
	char delivered_at[32]; /* "" when it has not gone into a receipt or review file yet */
	char *delivered_in;    /* the file it went in; NULL when not delivered */
	bool current;          /* of the revision merged now (a newer one is to be reviewed) */
};
void review_entry_free(struct review_entry *r); /* its members; the struct is the caller's */
void review_entries_free(struct review_entry *a, size_t n);

/* Records staff's review of unit's merged report of year (the revision merged now), logged with
 * staff_log(SA_REVIEW) in the same transaction. revision, when not 0, is the one staff read:
 * refused when another was merged meanwhile. Refused (ST_REFUSED, e naming the thing at
 * fault) when the unit has no merged report for year, a comment's field is not a field or table
 * id of the report's template ("" is the whole report), a text is empty after cleaning
 * (text_clean: controls and bidi overrides refused, NFC) or longer than REVIEW_MAX_TEXT bytes,
 * there are more than REVIEW_MAX_COMMENTS comments, or the state is needs fixing without a
 * comment.
 * An approval may carry comments. *id (if not NULL) receives the new review's id. */
enum status review_set(struct store *db, const char *unit, int year, int revision,
		       enum review_state state, const struct review_comment *comments, size_t n,
		       long long *id, struct err *e);

/* The review shown for unit's report of year: the newest review of the revision merged now.
 * *found is false when there is none (never reviewed, or a newer revision came since). */
enum status review_current(struct store *db, const char *unit, int period, struct review_entry *out,
			   bool *found, struct err *e);

/* Every review of unit's report of year (unit NULL: of every unit's of year), newest first;
 * free with review_entries_free. */
enum status review_list(struct store *db, const char *unit, int period, struct review_entry **out,
			size_t *n, struct err *e);

/* For a receipt about to be written for the bundle hash: the review it carries, *out (a new
 * struct review: free with review_free, or set as a receipt's review and freed with
 * receipt_free), or NULL when that bundle is not the one merged or has no review. *id is the
 * review's, for review_delivered; *pending is true when it has not been delivered yet. */
enum status review_for_bundle(struct store *db, const unsigned char hash[HASH_BYTES],
			      struct review **out, long long *id, bool *pending, struct err *e);
/* True when the bundle hash is the merged one and its current review was not delivered yet:
 * a duplicate of it gets a receipt again, which carries the review. */
bool review_waiting(struct store *db, const unsigned char hash[HASH_BYTES]);
/* Records that review id went out in the file at path; a review keeps its first delivery. */
enum status review_delivered(struct store *db, long long id, const char *path, struct err *e);

/* The signed review file of unit's current review of year, for when no receipt is due: a
 * receipt (format 2) for the merged bundle with outcome merged carrying the review, armored
 * as receipts are, signed with sign_sk (the central's signing secret key). path is the file,
 * or a folder to write XHHT-YEAR-UNIT-rREV-review.receipt in. The review is then marked
 * delivered. *written (if not NULL) receives the path written, a new string. ST_REFUSED when
 * the report has no current review. */
enum status review_file_write(struct store *db, const char *unit, int year,
			      const unsigned char *sign_sk, const char *path, char **written,
			      struct err *e);

#endif
