/* signed.h: documents the central signs: enrollment files (format 2), receipts (format 1) and
 * template files (format 1). */
#ifndef XHHT_SIGNED_H
#define XHHT_SIGNED_H

#include <sqlite3.h>

#include "crypto.h"

#define SIGNED_MAX_BODY (4u * 1024 * 1024)
#define ENROLLMENT_FORMAT 2
/* A report template the central publishes for its units (docs/template-format.md). */
#define TEMPLATE_FILE_FORMAT 1
/* A receipt without the reviewers' word keeps format 1, so that programs from before the
 * review loop still read it; one carrying a review is format 2. */
#define RECEIPT_FORMAT 1
#define RECEIPT_FORMAT_REVIEW 2
/* What a receipt's review may hold: comments, and bytes in each comment's text. */
#define REVIEW_MAX_COMMENTS 200
#define REVIEW_MAX_TEXT 2000

/* The enrollment code travels apart from the file (the official letter, a phone call): ten
 * random digits and two check digits (ISO 7064 MOD 97-10), shown as "1234-5678-9012". */
#define ENROLL_CODE_DIGITS 12
#define ENROLL_CODE_SHOWN 14

/* The most templates an enrollment file carries: the newest version of each template the
 * central holds, so a limit on how many templates (ids), never on how many versions; the central
 * refuses to publish a template beyond it (template_publish). */
#define ENROLL_MAX_TEMPLATES 16

/* An enrollment file: who the unit is, the central's keys, a one-time secret, templates. */
struct enrollment {
	char unit_code[64];
	char *unit_name;
	unsigned char central_sign[SIGN_PK_BYTES];
	unsigned char central_box[BOX_PK_BYTES];
	char email[256]; /* where the unit sends its bundles (text_email_ok); "" when not given */
	char id[33]; /* 16 random bytes, hex */
	/* The file's secret; enrollment_use_code turns it into the one a bundle proves. */
	unsigned char secret[ENROLL_SECRET_BYTES];
	char created[32];
	char *
	    *templates; /* template JSON texts: the newest version of each, ENROLL_MAX_TEMPLATES */
	size_t ntemplates;
};

/* What became of a bundle, as a receipt says it: the enum, its name (the format's), whether
 * the Ministry then has the report, and the message for people, each written once. */
#define RECEIPT_OUTCOMES(X)                                                                      \
	X(RO_MERGED, "merged", true, "đã nhận và tổng hợp", "received and merged")                \
	X(RO_DUPLICATE, "duplicate", true, "đã có từ trước (gửi lại cùng một gói)",               \
	  "already had it (the same bundle again)")                                              \
	X(RO_OLDER, "older", true, "đã nhận, nhưng đã có lần gửi mới hơn",                        \
	  "received, but a newer revision is held")                                              \
	X(RO_CONFLICT, "conflict", false,                                                         \
	  "xung đột: cùng lần gửi nhưng nội dung khác, cần liên hệ Bộ",                           \
	  "conflict: same revision with different content, contact the Ministry")                \
	X(RO_REFUSED, "refused", false, "bị từ chối", "refused")

enum receipt_outcome {
#define RECEIPT_OUTCOME_ENUM(id, name, accepted, vi, en) id,
	RECEIPT_OUTCOMES(RECEIPT_OUTCOME_ENUM)
#undef RECEIPT_OUTCOME_ENUM
	RO_COUNT
};

/* The central staff's word on a merged report: X(enum, the name in receipts and the
 * database, the word for people vi, en). */
#define REVIEW_STATES(X)                                                                           \
	X(RV_APPROVED, "approved", "đã duyệt", "approved")                                         \
	X(RV_NEEDS_FIXING, "needs_fixing", "cần sửa", "needs fixing")

enum review_state {
#define REVIEW_STATE_ENUM(id, ...) id,
	REVIEW_STATES(REVIEW_STATE_ENUM)
#undef REVIEW_STATE_ENUM
	RV_COUNT
};
const char *review_state_name(enum review_state s); /* "needs_fixing" */
const char *review_state_word(enum review_state s); /* in the interface language */
/* The state of a name ("approved"), or -1. */
int review_state_parse(const char *name);

/* A comment on the whole report (field "") or on one field or table (its id in the
 * template). */
struct review_comment {
	char field[128];
	char *text; /* valid UTF-8, at most REVIEW_MAX_TEXT bytes, never empty */
};

/* The review a receipt carries back to the unit: of the report of the receipt's unit, year and
 * revision. */
struct review {
	enum review_state state;
	char time[32]; /* when staff decided, ISO 8601 UTC */
	struct review_comment *comments;
	size_t n;
};
void review_free(struct review *rv);

struct receipt {
	unsigned char bundle_id[16];
	unsigned char bundle_hash[HASH_BYTES];
	char unit[64];
	int year, revision;
	enum receipt_outcome outcome;
	char reason[256]; /* a bundle_error name when refused, else empty */
	char time[32];    /* ISO 8601 UTC */
	struct review *review; /* NULL: none; owned by the receipt (receipt_free) */
};

const char *receipt_outcome_name(enum receipt_outcome o); /* "merged" */
/* The outcome of a name ("merged"), or -1. */
int receipt_outcome_parse(const char *name);
/* True when the Ministry has the report: merged, already had it, or kept an older one. */
bool receipt_outcome_accepted(enum receipt_outcome o);
const char *receipt_outcome_message(enum receipt_outcome o);

/* Writes an enrollment file's bytes (signed with the central's key). */
void enrollment_make(const struct enrollment *en, const unsigned char *central_sign_sk,
		     unsigned char **out, size_t *outlen);
/* Reads and verifies an enrollment file (binary form). */
enum status enrollment_read(const unsigned char *data, size_t len,
			    struct enrollment **out, struct err *e);
void enrollment_free(struct enrollment *en);

/* A new enrollment code, as shown ("1234-5678-9012"). */
void enrollment_code_new(char code[ENROLL_CODE_SHOWN + 1]);
/* The code's twelve digits from what a person typed (spaces, dots and dashes anywhere are
 * ignored); false for anything else, a wrong length or a wrong check (a mistyped digit, two
 * digits swapped). */
bool enrollment_code_parse(const char *typed, char digits[ENROLL_CODE_DIGITS + 1]);
/* The secret a unit proves in its bundles: BLAKE2b-256 of a domain string, the file's secret
 * and the code's digits; neither the file nor the code alone gives it. */
void enrollment_code_secret(const unsigned char file_secret[ENROLL_SECRET_BYTES],
			    const char digits[ENROLL_CODE_DIGITS],
			    unsigned char out[ENROLL_SECRET_BYTES]);
/* Checks the typed code and replaces en->secret with the secret it unlocks. */
enum status enrollment_use_code(struct enrollment *en, const char *typed, struct err *e);

/* Format 1 without a review, format 2 with one (r->review). */
void receipt_make(const struct receipt *r, const unsigned char *central_sign_sk,
		  unsigned char **out, size_t *outlen);
/* Verifies a receipt (format 1 or 2) against the central's signing key. out->review is NULL or
 * the review it carries: free it with receipt_free (after a failure there is nothing to free). */
enum status receipt_read(const unsigned char *data, size_t len,
			 const unsigned char *central_sign_pk, struct receipt *out, struct err *e);
/* Frees what a receipt owns (its review); the struct itself is the caller's. */
void receipt_free(struct receipt *r);

/* A template file: a report template as the central published it, signed with its key. */
struct template_file {
	char *source;       /* the template's JSON text; the caller frees it */
	char published[32]; /* when the central published it (UTC), informative */
};
/* Writes a template file's bytes (signed with the central's key). */
void template_file_make(const char *source, const char *published,
			const unsigned char *central_sign_sk, unsigned char **out, size_t *outlen);
/* True when data starts as a template file does (its magic), before any check. */
bool template_file_detect(const unsigned char *data, size_t len);
/* Reads a template file (binary form) and verifies it against the central's signing key; the
 * template itself is not checked here (template_parse). */
enum status template_file_read(const unsigned char *data, size_t len,
			       const unsigned char *central_sign_pk, struct template_file *out,
			       struct err *e);

#endif
