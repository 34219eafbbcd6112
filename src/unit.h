/* unit.h: the unit's side of trust: enrollment, attachments, packing, receipts. */
#ifndef XHHT_UNIT_H
#define XHHT_UNIT_H

#include "bundle.h"
#include "signed.h"
#include "store.h"

struct template;

#define ATTACHMENT_MAX BUNDLE_MAX_ATTACHMENT

/* Opens an enrollment: installs its templates, makes the unit's signing key (sealed under the
 * passphrase in a file of the data folder) and records the central's keys. A re-enrollment
 * signed by another central key than before is refused unless allow_new_central: it would
 * send every later report to whoever holds that key. */
enum status unit_enroll(struct store *db, const char *dir, const struct enrollment *en,
			const struct secret *pass, bool allow_new_central, char fingerprint[48],
			struct err *e);

/* A year's report as the clerk's program tells it, the home screen and xhht status alike. */
struct year_status {
	int year, phase_first; /* the report's period (phase_first 0: the yearly report) */
	bool stored;            /* a report of the year is stored (else told as a new one) */
	size_t required, filled, errors, warnings;
	int due_day, due_month; /* the deadline, from the report's template */
	long days_left;         /* to the deadline (negative: that many days past it) */
	bool packed;            /* a bundle was packed: */
	int revision;
	char packed_at[32], path[4096];
	bool packed_late;       /* on a Vietnam date after the deadline */
	bool answered;          /* and a receipt of the Ministry's was opened: */
	enum receipt_outcome outcome;
	char answered_at[32];
	bool reviewed; /* a review of the Ministry's not yet answered by a pack: */
	enum review_state review;
	size_t review_comments;
};
/* The year's status; or_new: a year with no report stored yet is told as a new one from the
 * current template (the home screen's year being written). */
enum status unit_year_status(struct store *db, int year, int phase_first, const char *today,
			     bool or_new, struct year_status *ys, struct err *e);
/* The years with a report stored (a yearly report, or a phase review filed in the year), newest
 * first; returns how many (at most max). */
size_t unit_report_years(struct store *db, int *years, size_t max);
/* The first year of the phase review filed in year that is started (stored), or 0. */
int unit_phase_started(struct store *db, int year);
/* The unit's code and name once enrolled; false before. */
bool unit_identity(struct store *db, char code[64], char name[512]);

/* The Ministry's e-mail address from the current enrollment file; NULL when it named none. */
char *unit_ministry_email(struct store *db);

/* ST_OK when the unit is enrolled (has a current key); else ST_REFUSED saying so, with the
 * enrollment as the step to take first: asked before anything else a step needs (packing). */
enum status unit_enrolled(struct store *db, struct err *e);

/* The fingerprint of the unit's current key (read out to the Ministry by phone). */
enum status unit_fingerprint(struct store *db, char fingerprint[48], struct err *e);

/* Copies a PDF, JPEG or PNG (recognised by its content) into the report of the period. */
enum status unit_attach(struct store *db, int year, int phase_first, const char *path,
			struct err *e);

/* An attachment of a year's report, as the attachments screen lists it. */
struct attachment_row {
	char *name, *type; /* type: the MIME type recognised when it was added */
	long long size;
	char added_at[32]; /* ISO 8601 UTC */
};
/* The attachments of year's report in the order they were added; free them with
 * unit_attachments_free. */
enum status unit_attachments(struct store *db, int year, int phase_first, struct attachment_row **out, size_t *n,
			     struct err *e);
void unit_attachments_free(struct attachment_row *a, size_t n);
/* How many files go with year's report (0 when the database cannot tell). */
size_t unit_attachment_count(struct store *db, int year, int phase_first);

struct pack_result {
	char *path;
	int revision;
	uint64_t size;
	size_t warnings;
};

/* Why unit_pack refused the report itself (in e->code with ST_REFUSED): the front end names
 * where to see the findings. A wrong passphrase is ST_ENV with KEYFILE_WRONG_PASSPHRASE in
 * e->code: the front end may ask it again. */
enum pack_refusal { PACK_HAS_ERRORS = 1, PACK_HAS_WARNINGS };

/* The folder a bundle goes to exists (asked before the passphrase, so a typo costs nothing). */
enum status unit_pack_folder(const char *outdir, struct err *e);
enum status unit_pack(struct store *db, const char *dir, int year, int phase_first,
		      const struct secret *pass,
		      const char *outdir, bool armor, bool accept_warnings, const char *today,
		      struct pack_result *res, struct err *e);

/* Verifies a receipt with the central's key from enrollment, matches it to a bundle this
 * program packed, and records it. */
enum status unit_receipt(struct store *db, const unsigned char *data, size_t len, struct receipt *r,
			 struct err *e);
/* The two halves of unit_receipt: the check only reads (a read-only folder will do); the
 * record keeps the receipt and the review it carries (each once) for xhht status, the home
 * screen and the editor, in one transaction. */
/* The period of the report a receipt answers: receipts name the bundle, whose row this program
 * kept when packing holds its phase (0: a yearly report). */
int unit_receipt_phase_first(struct store *db, const struct receipt *r);
enum status unit_receipt_check(struct store *db, const unsigned char *data, size_t len,
			       struct receipt *r, struct err *e);
enum status unit_receipt_record(struct store *db, const unsigned char *data, size_t len,
				const struct receipt *r, struct err *e);

/* ---- The Ministry's review of a report, as receipts carry it (unit_review.c) ---- */

/* A comment of the Ministry's, placed where the clerk sees it. */
struct review_note {
	/* The field or table it is on (index in the template), or -1: the whole report, which is
	 * also where a comment on a field the template does not know goes, its text then
	 * starting with that field's id in brackets ("[chung.ten] …"). */
	int field;
	char *text; /* the staff's words as received: shown only through the terminal-safe text */
};

/* A review with its comments placed on the fields of the report's template. */
struct unit_review {
	bool any; /* false: none (nothing else is set) */
	enum review_state state;
	int year, phase_first, revision; /* the report's period, the revision reviewed */
	char decided_at[32];
	const struct template *t; /* the report's template (a reference: unit_review_free) */
	/* The whole report's first, then the fields' in the template's order, each field's in
	 * the order staff wrote them. */
	struct review_note *notes;
	size_t n;
};
/* The review of year the clerk has still to answer: the newest received since the year's last
 * pack (out->any false when there is none). */
enum status unit_review_open(struct store *db, int year, int phase_first, struct unit_review *out,
			     struct err *e);
/* A receipt's review placed on its year's template (out->any false when it carries none): what
 * the receipt says, whether or not it could be kept. */
enum status unit_review_of_receipt(struct store *db, const struct receipt *r,
				   struct unit_review *out, struct err *e);
void unit_review_free(struct unit_review *rv);
/* Comments on field (-1: on the whole report). */
size_t unit_review_count(const struct unit_review *rv, int field);
/* The review's sentence for people: "Bộ Y tế yêu cầu sửa báo cáo năm 2024, lần gửi 2 (lúc
 * 27/11/2024 15:00), 4 ý kiến:" or "Bộ Y tế đã duyệt báo cáo …". */
void unit_review_heading(const struct unit_review *rv, char *out, size_t n);
/* The label of a note's field in the interface language; NULL for the whole report. */
const char *unit_review_label(const struct unit_review *rv, const struct review_note *n);

/* The core's own steps, inside the caller's transaction: keeps the review receipt r carries
 * (after r itself was kept), once; closes the open comments of year, answered by revision
 * (unit_pack); opens them again when that revision was given back. */
enum status unit_review_keep(struct store *db, const struct receipt *r, struct err *e);
enum status unit_review_answer(struct store *db, int year, int phase_first, int revision,
			       struct err *e);
enum status unit_review_unanswer(struct store *db, int year, int phase_first, int revision,
				 struct err *e);
/* Fills ys's review fields (unit_year_status). */
enum status unit_review_status(struct store *db, struct year_status *ys, struct err *e);

/* Changes the passphrase of the current signing key. */
enum status unit_change_passphrase(struct store *db, const char *dir, const struct secret *old,
				   const struct secret *new_pass, struct err *e);

/* Replaces the unit's signing key with a new one announced under the old key's signature; the
 * next bundles carry the announcement, and the central binds the new key on the first one. */
enum status unit_new_key(struct store *db, const char *dir, const struct secret *old_pass,
			 const struct secret *new_pass, char fingerprint[48], struct err *e);

/* Removes an attachment from the report of year. */
enum status unit_detach(struct store *db, int year, int phase_first, const char *name,
			struct err *e);
/* Writes a backup folder (a consistent copy of the database and the sealed key files) inside
 * into; gives its path. */
enum status unit_backup(struct store *db, const char *dir, const char *into, char **made,
			struct err *e);

/* Replaces the data with a backup folder's (after checking it is one of ours); the sealed key
 * files it holds are copied back when missing. */
enum status unit_restore(struct store *db, const char *dir, const char *from, struct err *e);

#endif
